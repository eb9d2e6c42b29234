package io.github.dl4jvae.model;

import io.github.dl4jvae.config.Architecture;
import io.github.dl4jvae.config.FeatureMaps;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.graph.VaeGraph;
import io.github.dl4jvae.random.Streams;
import java.util.Arrays;
import java.util.function.IntConsumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The importance-sampled estimate of log p(x) (log p(x|y) for a conditional model) of Burda, Grosse and
 * Salakhutdinov 2015, in nats per example: logsumexp over K samples z_k ~ q(z|x) of the graph's log weight
 * log p(x|z_k) + log p(z_k) - log q(z_k|x), minus log K; a lower bound on log p(x) that tightens as K grows. The K
 * samples run in chunks of at most {@link #CHUNK_VALUES} values of the decoder's widest array, with a running
 * logsumexp per example, so K = 5000 fits in memory; chunk c draws its noise at address c of the importance stream of the caller's seed. A
 * deterministic autoencoder ({@code Objective.Kind.AE}) has no such density: it is refused.
 */
final class ImportanceSampler {
    /** Upper bound on the values of the decoder's widest array per importance-sampling chunk, ~64 MB in float. */
    static final long CHUNK_VALUES = 1L << 24;

    private final VaeConfig config;
    private final GraphRunner runner;
    private final Workers workers;

    ImportanceSampler(VaeConfig config, GraphRunner runner, Workers workers) {
        this.config = config;
        this.workers = workers;
        this.runner = runner;
    }

    /**
     * The estimate of each example of {@code x} ({@code [n, D]} or {@code [n, C, H, W]}, checked here), {@code [n]}
     * in DOUBLE, with K = {@code k} samples drawn from {@code seed}. The chunks run one per thread of the model's
     * {@link Workers} at a time and are folded into the running logsumexp in chunk order, so the estimate does not
     * depend on the thread count.
     */
    INDArray logLikelihood(INDArray x, INDArray labels, int k, long seed) {
        requireLikelihood();
        try (NativeThreads.Scope scope = workers.nativeScope()) {
            return estimate(x, labels, k, seed, workers.threads());
        }
    }

    /** The mean estimate over every example of {@code data} (reset first), each batch's samples from the config's seed. */
    double logLikelihood(DataSetIterator data, int k) {
        requireLikelihood();
        GraphRunner.rewound(data, "data");
        double[] totals = new double[2];
        workers.forEachBatch(data, (batch, index) -> estimate(batch.getFeatures(), runner.labelsOf(batch), k,
                config.seed(), 1), estimate -> {
                    totals[0] += estimate.sumNumber().doubleValue();
                    totals[1] += estimate.length();
                });
        long examples = (long) totals[1];
        GraphRunner.requireExamples(examples, "data");
        return totals[0] / examples;
    }

    /** The estimate of {@link #logLikelihood(INDArray, INDArray, int, long)}, its chunks {@code parallel} at a time. */
    private INDArray estimate(INDArray x, INDArray labels, int k, long seed, int parallel) {
        if (k < 1) {
            throw new IllegalArgumentException("number of importance samples K must be >= 1, got " + k);
        }
        INDArray rows = runner.features(x);
        INDArray condition = runner.condition(labels, rows);
        int n = (int) rows.size(0);
        NoiseSource sampler = new NoiseSource(seed);
        long valuesPerSample = n * widestDecoderValues(rows.size(1) * config.likelihood().parametersPerValue());
        int chunk = (int) Math.max(1, Math.min(k, CHUNK_VALUES / valuesPerSample));
        int chunks = (k + chunk - 1) / chunk;
        double[] max = new double[n];
        double[] sum = new double[n];
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        double[][][] wave = new double[Math.min(parallel, chunks)][][];
        for (int first = 0; first < chunks; first += wave.length) {
            int size = Math.min(wave.length, chunks - first);
            int start = first;
            IntConsumer work = part -> {
                int index = start + part;
                int samples = Math.min(chunk, k - index * chunk);
                INDArray eps = NoiseSource.normal(sampler.generator(Streams.IMPORTANCE, index), runner.dataType(),
                        samples, n, config.latentSize());
                wave[part] = runner.output(GraphRunner.inputs(VaeGraph.X, rows, condition, eps), VaeGraph.LOG_WEIGHT)
                        .get(VaeGraph.LOG_WEIGHT).castTo(DataType.DOUBLE).toDoubleMatrix();
            };
            if (parallel == 1) {
                work.accept(0);
            } else {
                workers.run(size, work);
            }
            for (int part = 0; part < size; part++) {
                fold(wave[part], max, sum);
                wave[part] = null;
            }
        }
        double logK = Math.log(k);
        double[] result = new double[n];
        for (int j = 0; j < n; j++) {
            result[j] = max[j] + Math.log(sum[j]) - logK;
        }
        return Nd4j.createFromArray(result);
    }

    /**
     * Values per decoded example of the widest array: the decoder's output (or the VampPrior's components, when more),
     * or for a convolutional decoder the widest
     * feature map, bounded by the upsampled image size times the most channels (32x the output for conv-28x28, whose
     * 1,000 importance samples of 100 images in chunks sized by the output alone took 16 GB on two threads).
     */
    private long widestDecoderValues(long outputValues) {
        if (config.network().architecture() != Architecture.CONV) {
            // A VampPrior's component densities are [samples, K] beside the decoder's [samples, D * m].
            return Math.max(outputValues, config.prior().components());
        }
        FeatureMaps maps = FeatureMaps.of(config.inputShape(), config.network().convChannels());
        long widest = outputValues;
        for (int level = 1; level <= maps.levels(); level++) {
            widest = Math.max(widest, (long) maps.channels(level) * maps.upsampledHeight() * maps.upsampledWidth());
        }
        return widest;
    }

    /** Adds one chunk's log weights {@code [samples, n]} to the running logsumexp ({@code max}, scaled {@code sum}). */
    private static void fold(double[][] logWeights, double[] max, double[] sum) {
        for (double[] sampleRow : logWeights) {
            for (int j = 0; j < max.length; j++) {
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

    /** Refuses a deterministic autoencoder, which defines no density p(x) to estimate. */
    private void requireLikelihood() {
        if (config.objective().autoencoder()) {
            throw new UnsupportedOperationException("log p(x) is undefined for a deterministic autoencoder (objective "
                    + "AE): it has no prior and no posterior to sample; expected a VAE. Its reconstruction loss is "
                    + "negativeElbo(x).reconstruction()");
        }
    }
}
