package io.github.dl4jvae.scaleout;

/**
 * One epoch of data-parallel training.
 *
 * @param epoch        1-based epoch number
 * @param examples     training examples the workers consumed in the epoch
 * @param seconds      wall-clock seconds of the training step of the epoch (the evaluation after it excluded)
 * @param negativeElbo mean negative ELBO per example, in nats, of the evaluation data after the epoch, at
 *                     z = the posterior mean (DL4J's inference score of the VAE network; lower is better)
 */
public record TrainingEpoch(int epoch, long examples, double seconds, double negativeElbo) {

    /** Validates the values. */
    public TrainingEpoch {
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch " + epoch + " is invalid; epochs count from 1");
        }
        if (examples < 0) {
            throw new IllegalArgumentException("examples " + examples + " is negative");
        }
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("seconds " + seconds + " is not a finite non-negative duration");
        }
        if (!Double.isFinite(negativeElbo)) {
            throw new IllegalArgumentException("negative ELBO " + negativeElbo + " is not finite");
        }
    }

    /** Training examples per second of the epoch (0 for an empty epoch). */
    public double examplesPerSecond() {
        return seconds > 0 ? examples / seconds : 0.0;
    }
}
