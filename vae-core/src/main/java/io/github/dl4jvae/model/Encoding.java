package io.github.dl4jvae.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The approximate posterior q(z|x) = N(mean, diag(exp(logVariance))) of each example; for a deterministic
 * autoencoder ({@code Objective.Kind.AE}) the code alone, {@link #mean()}, with no log-variance.
 *
 * @param mean        {@code [n, latentSize]}: the posterior mean, or the autoencoder's code
 * @param logVariance {@code [n, latentSize]}, natural log of the variance; null for an autoencoder's code, whose
 *                    accessor then refuses with a message (see {@link #deterministic()})
 */
public record Encoding(INDArray mean, INDArray logVariance) {

    /** Refuses a missing mean. */
    public Encoding {
        if (mean == null) {
            throw new IllegalArgumentException("encoding mean is null; expected [n, latentSize]");
        }
    }

    /** The deterministic code {@code [n, latentSize]} of an autoencoder: a mean and no variance. */
    public static Encoding ofCode(INDArray code) {
        return new Encoding(code, null);
    }

    /** Whether this is an autoencoder's deterministic code (no log-variance) rather than a Gaussian posterior. */
    public boolean deterministic() {
        return logVariance == null;
    }

    /**
     * The posterior's log-variance, {@code [n, latentSize]}.
     *
     * @throws IllegalStateException for an autoencoder's deterministic code, which has none
     */
    @Override
    public INDArray logVariance() {
        if (logVariance == null) {
            throw new IllegalStateException("this encoding is an autoencoder's deterministic code (objective AE): it "
                    + "has a mean and no log-variance; expected the encoding of a VAE");
        }
        return logVariance;
    }
}
