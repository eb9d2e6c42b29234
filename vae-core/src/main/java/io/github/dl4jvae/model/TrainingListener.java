package io.github.dl4jvae.model;

/**
 * Receives training progress from {@link VaeModel#fit}. The loss passed here is computed by the training step
 * itself (DL4J M2.1's SameDiff {@code ScoreListener} reports 0, so it is not used).
 */
public interface TrainingListener {

    /**
     * Called after every optimizer step.
     *
     * @param epoch     1-based epoch
     * @param iteration 0-based step count over the model's life
     * @param loss      the minibatch's mean per-example objective, nats
     * @param examples  minibatch size
     */
    default void iterationDone(int epoch, long iteration, double loss, int examples) {
    }

    /** Called at the end of every epoch, after validation. */
    default void epochDone(EpochResult result) {
    }
}
