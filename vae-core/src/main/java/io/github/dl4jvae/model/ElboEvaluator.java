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

    ElboEvaluator(VaeConfig config, GraphRunner runner, NoiseSource noise) {
        this.config = config;
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

    /** Means of the per-example terms over every example of {@code data}, reset first; batch i draws noise i. */
    Evaluation evaluate(DataSetIterator data) {
        GraphRunner.rewound(data, "evaluation");
        double negativeElbo = 0;
        double reconstruction = 0;
        double kl = 0;
        long examples = 0;
        long batchIndex = 0;
        while (data.hasNext()) {
            DataSet batch = data.next();
            String what = "evaluation batch " + (batchIndex + 1);
            INDArray rows = runner.features(batch.getFeatures(), what);
            ElboTerms terms = negativeElbo(rows, runner.conditionOf(batch, rows.size(0), what), batchIndex++);
            negativeElbo += terms.negativeElbo().sumNumber().doubleValue();
            reconstruction += terms.reconstruction().sumNumber().doubleValue();
            kl += terms.kl().sumNumber().doubleValue();
            examples += rows.size(0);
        }
        GraphRunner.requireExamples(examples, "evaluation");
        return new Evaluation(negativeElbo / examples, reconstruction / examples, kl / examples, examples);
    }
}
