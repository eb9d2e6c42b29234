package io.github.dl4jvae.model;

import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.random.Streams;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Draws the latent codes {@code [n, latentSize]} that a model's {@code sample} methods decode, from the prior
 * N(0, I) in the model's type, and checks what is asked for against the model (at least one sample; a class of a
 * conditional model, none of an unconditional one). Codes come either from the model's own sequence (call i draws at
 * address i of the prior stream of the config's seed; the count is saved with the model, so a loaded model goes on
 * drawing new codes) or from a caller's seed (address 0 of that seed's prior stream, whatever was drawn before).
 */
final class PriorSampler {
    private final VaeConfig config;
    private final NoiseSource noise;
    private final DataType dataType;
    private long drawn;

    PriorSampler(VaeConfig config, NoiseSource noise, DataType dataType) {
        this.config = config;
        this.noise = noise;
        this.dataType = dataType;
    }

    /** The next {@code n} codes of the model's own sequence, for an unconditional model. */
    INDArray next(int n) {
        requireUnconditional(n);
        return NoiseSource.normal(noise.generator(Streams.PRIOR, drawn++), dataType, n, config.latentSize());
    }

    /** {@code n} codes from {@code seed}, for an unconditional model. */
    INDArray seeded(int n, long seed) {
        requireUnconditional(n);
        return draw(n, seed);
    }

    /** {@code n} codes from {@code seed}, unchecked: those {@link #seeded} gives for the same seed. */
    INDArray draw(int n, long seed) {
        return NoiseSource.normal(new NoiseSource(seed).generator(Streams.PRIOR, 0), dataType, n,
                config.latentSize());
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
