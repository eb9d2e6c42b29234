package io.github.dl4jvae.model;

import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.graph.VaeGraph;
import io.github.dl4jvae.random.Streams;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Evaluates a model's negative ELBO (Kingma &amp; Welling 2013), in nats per example, lower is better: the
 * per-example terms of one batch {@code [n, D]} with L = {@link VaeConfig#samplesPerExample()} noise samples each,
 * and their means over every example of an iterator. The noise of a call is addressed by a counter (0 for one batch,
 * the batch index for an iterator) on the evaluation stream, so evaluating the same model twice gives the same
 * numbers.
 */
final class ElboEvaluator {
    private final VaeConfig config;
    private final GraphRunner runner;
    private final NoiseSource noise;
    private final Workers workers;

    ElboEvaluator(VaeConfig config, GraphRunner runner, NoiseSource noise, Workers workers) {
        this.config = config;
        this.workers = workers;
        this.runner = runner;
        this.noise = noise;
    }

    /**
     * Per-example reconstruction, KL and negative ELBO, each {@code [n]}, of checked {@code rows [n, D]} and
     * {@code labels} (null for an unconditional model), with the noise at {@code counter} of the evaluation stream.
     */
    ElboTerms negativeElbo(INDArray rows, INDArray labels, long counter) {
        INDArray eps = NoiseSource.normal(noise.generator(Streams.EVALUATION, counter), runner.dataType(),
                config.samplesPerExample(), rows.size(0), config.latentSize());
        Map<String, INDArray> out = runner.output(GraphRunner.inputs(VaeGraph.X, rows, labels, eps),
                VaeGraph.RECONSTRUCTION, VaeGraph.KL, VaeGraph.NEGATIVE_ELBO);
        return new ElboTerms(out.get(VaeGraph.RECONSTRUCTION), out.get(VaeGraph.KL), out.get(VaeGraph.NEGATIVE_ELBO));
    }

    /**
     * Means of the per-example terms over every example of {@code data}, reset first; batch i draws noise i. Batches
     * are evaluated one per thread of {@code workers} at a time, and summed in batch order: the figures do not depend
     * on the thread count.
     */
    Evaluation evaluate(DataSetIterator data) {
        GraphRunner.rewound(data, "evaluation");
        double[] sums = new double[4];
        workers.forEachBatch(data, (batch, index) -> {
            String what = "evaluation batch " + (index + 1);
            INDArray rows = runner.features(batch.getFeatures(), what);
            ElboTerms terms = negativeElbo(rows, runner.conditionOf(batch, rows.size(0), what), index);
            return new double[] {terms.negativeElbo().sumNumber().doubleValue(),
                    terms.reconstruction().sumNumber().doubleValue(), terms.kl().sumNumber().doubleValue(),
                    rows.size(0)};
        }, batchSums -> {
            for (int i = 0; i < sums.length; i++) {
                sums[i] += batchSums[i];
            }
        });
        long examples = (long) sums[3];
        GraphRunner.requireExamples(examples, "evaluation");
        return new Evaluation(sums[0] / examples, sums[1] / examples, sums[2] / examples, examples);
    }
}
