package io.github.dl4jvae.model;

import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.graph.VaeGraph;
import io.github.dl4jvae.random.Streams;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The importance-sampled estimate of log p(x) (log p(x|y) for a conditional model) of Burda, Grosse and
 * Salakhutdinov 2015, in nats per example: logsumexp over K samples z_k ~ q(z|x) of the graph's log weight
 * log p(x|z_k) + log p(z_k) - log q(z_k|x), minus log K; a lower bound on log p(x) that tightens as K grows. The K
 * samples run in chunks of at most {@link #CHUNK_VALUES} decoder values, with a running logsumexp per example, so
 * K = 5000 fits in memory; chunk c draws its noise at address c of the importance stream of the caller's seed. A
 * deterministic autoencoder ({@code Objective.Kind.AE}) has no such density: it is refused.
 */
final class ImportanceSampler {
    /** Upper bound on decoder output values per importance-sampling chunk (K * n * D * m), ~64 MB in float. */
    static final long CHUNK_VALUES = 1L << 24;

    private final VaeConfig config;
    private final GraphRunner runner;

    ImportanceSampler(VaeConfig config, GraphRunner runner) {
        this.config = config;
        this.runner = runner;
    }

    /**
     * The estimate of each example of {@code x} ({@code [n, D]} or {@code [n, C, H, W]}, checked here), {@code [n]}
     * in DOUBLE, with K = {@code k} samples drawn from {@code seed}.
     */
    INDArray logLikelihood(INDArray x, INDArray labels, int k, long seed) {
        requireLikelihood();
        if (k < 1) {
            throw new IllegalArgumentException("number of importance samples K must be >= 1, got " + k);
        }
        INDArray rows = runner.features(x);
        INDArray condition = runner.condition(labels, rows);
        int n = (int) rows.size(0);
        NoiseSource sampler = new NoiseSource(seed);
        long valuesPerSample = (long) n * rows.size(1) * config.likelihood().parametersPerValue();
        int chunk = (int) Math.max(1, Math.min(k, CHUNK_VALUES / valuesPerSample));
        double[] max = new double[n];
        double[] sum = new double[n];
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        long chunkIndex = 0;
        for (int done = 0; done < k; done += chunk) {
            int samples = Math.min(chunk, k - done);
            INDArray eps = NoiseSource.normal(sampler.generator(Streams.IMPORTANCE, chunkIndex++),
                    runner.dataType(), samples, n, config.latentSize());
            double[][] logWeights = runner.output(GraphRunner.inputs(VaeGraph.X, rows, condition, eps),
                    VaeGraph.LOG_WEIGHT).get(VaeGraph.LOG_WEIGHT).castTo(DataType.DOUBLE).toDoubleMatrix();
            for (double[] sampleRow : logWeights) {
                for (int j = 0; j < n; j++) {
                    double w = sampleRow[j];
                    if (w > max[j]) {
                        sum[j] = sum[j] * Math.exp(max[j] - w) + 1;
                        max[j] = w;
                    } else {
                        sum[j] += Math.exp(w - max[j]);
                    }
                }
            }
        }
        double logK = Math.log(k);
        double[] result = new double[n];
        for (int j = 0; j < n; j++) {
            result[j] = max[j] + Math.log(sum[j]) - logK;
        }
        return Nd4j.createFromArray(result);
    }

    /** The mean estimate over every example of {@code data} (reset first), each batch's samples from the config's seed. */
    double logLikelihood(DataSetIterator data, int k) {
        requireLikelihood();
        GraphRunner.rewound(data, "data");
        double total = 0;
        long examples = 0;
        while (data.hasNext()) {
            DataSet batch = data.next();
            INDArray estimate = logLikelihood(batch.getFeatures(), runner.labelsOf(batch), k, config.seed());
            total += estimate.sumNumber().doubleValue();
            examples += estimate.length();
        }
        GraphRunner.requireExamples(examples, "data");
        return total / examples;
    }

    /** Refuses a deterministic autoencoder, which defines no density p(x) to estimate. */
    private void requireLikelihood() {
        if (config.objective().autoencoder()) {
            throw new UnsupportedOperationException("log p(x) is undefined for a deterministic autoencoder (objective "
                    + "AE): it has no prior and no posterior to sample; expected a VAE. Its reconstruction loss is "
                    + "negativeElbo(x).reconstruction()");
        }
    }
}
