package io.github.dl4jvae.model;

/**
 * Training stopped because a step produced a NaN or infinite loss or gradient. It is thrown before that step's
 * update, so the model's parameters and optimizer state are those after the previous step, and checkpoints
 * written so far are untouched. The message names the epoch, the iteration and the term (or the parameter whose
 * gradient went bad) and suggests what to change.
 */
public final class TrainingDivergedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final long iteration;
    private final String term;

    TrainingDivergedException(String message, int epoch, long iteration, String term) {
        super(message);
        this.epoch = epoch;
        this.iteration = iteration;
        this.term = term;
    }

    /** The 1-based epoch of the failed step. */
    public int epoch() {
        return epoch;
    }

    /** The 0-based iteration (optimizer step over the model's life) that failed. */
    public long iteration() {
        return iteration;
    }

    /**
     * What went bad: {@code "reconstruction"} or {@code "KL"} (the loss term, or the term whose gradient alone
     * reaches the parameter), else {@code "gradient of NAME"} for a parameter both terms reach.
     */
    public String term() {
        return term;
    }
}
