package io.github.dl4jvae.model;

import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.graph.VaeGraph;
import io.github.dl4jvae.random.Streams;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Draws the latent codes {@code [n, latentSize]} that a model's {@code sample} methods decode, from the prior
 * (N(0, I) or the VampPrior's mixture) in the model's type, and checks what is asked for against the model (at
 * least one sample; a class of a conditional model, none of an unconditional one). Codes come either from the model's own sequence (call i draws at
 * address i of the prior stream of the config's seed; the count is saved with the model, so a loaded model goes on
 * drawing new codes) or from a caller's seed (address 0 of that seed's prior stream, whatever was drawn before).
 */
final class PriorSampler {
    private final VaeConfig config;
    private final NoiseSource noise;
    private final DataType dataType;
    private final GraphRunner runner;
    private long drawn;

    /** @param runner the model's graph, whose VampPrior components are read at each draw of a VampPrior model */
    PriorSampler(VaeConfig config, NoiseSource noise, GraphRunner runner) {
        this.config = config;
        this.noise = noise;
        this.dataType = runner.dataType();
        this.runner = runner;
    }

    /** The next {@code n} codes of the model's own sequence, for an unconditional model. */
    INDArray next(int n) {
        requireUnconditional(n);
        return codes(noise.generator(Streams.PRIOR, drawn++), n);
    }

    /** {@code n} codes from {@code seed}, for an unconditional model. */
    INDArray seeded(int n, long seed) {
        requireUnconditional(n);
        return draw(n, seed);
    }

    /** {@code n} codes from {@code seed}, unchecked: those {@link #seeded} gives for the same seed. */
    INDArray draw(int n, long seed) {
        return codes(new NoiseSource(seed).generator(Streams.PRIOR, 0), n);
    }

    /**
     * {@code n} codes from {@code random}: N(0, I) draws, or for the VampPrior per code a component drawn uniformly
     * and then {@code m_c + exp(s_c / 2) * eps}, with {@code eps} ~ N(0, I).
     */
    private INDArray codes(SplittableRandom random, int n) {
        int k = config.latentSize();
        if (!config.prior().vamp()) {
            return NoiseSource.normal(random, dataType, n, k);
        }
        Map<String, INDArray> components = runner.output(Map.of(), VaeGraph.PRIOR_MEAN, VaeGraph.PRIOR_LOG_VARIANCE);
        double[][] means = components.get(VaeGraph.PRIOR_MEAN).toDoubleMatrix();
        double[][] logVariances = components.get(VaeGraph.PRIOR_LOG_VARIANCE).toDoubleMatrix();
        double[][] codes = new double[n][k];
        for (int i = 0; i < n; i++) {
            int c = random.nextInt(means.length);
            for (int j = 0; j < k; j++) {
                codes[i][j] = means[c][j] + Math.exp(logVariances[c][j] / 2) * random.nextGaussian();
            }
        }
        return Nd4j.create(codes).castTo(dataType);
    }

    /** {@code n} one-hot labels of class {@code classIndex}, for a conditional model. */
    INDArray classLabels(int n, int classIndex) {
        int classes = config.conditionClasses();
        if (classes == 0) {
            throw new IllegalArgumentException("sampling a class needs a conditional model; this model is "
                    + "unconditional (conditionClasses 0): use sample(n, seed)");
        }
        requireSampleCount(n);
        if (classIndex < 0 || classIndex >= classes) {
            throw new IllegalArgumentException("class index " + classIndex + " is out of range: this model is "
                    + "conditioned on " + classes + " classes, expected 0.." + (classes - 1));
        }
        return OneHot.repeat(classIndex, n, classes);
    }

    /** Calls of {@link #next} so far, over the model's life. */
    long drawn() {
        return drawn;
    }

    /** Sets the count of a loaded model. */
    void restoreDrawn(long samples) {
        this.drawn = samples;
    }

    private void requireUnconditional(int n) {
        if (config.conditional()) {
            throw new IllegalArgumentException("this model is conditioned on " + config.conditionClasses()
                    + " classes: draw samples of one class with sample(n, classIndex, seed), or decode(z, labels)");
        }
        requireSampleCount(n);
    }

    private static void requireSampleCount(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("number of samples must be >= 1, got " + n);
        }
    }
}
