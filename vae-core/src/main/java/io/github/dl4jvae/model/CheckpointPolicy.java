package io.github.dl4jvae.model;

/**
 * What {@link Checkpoints} keeps besides the latest checkpoint.
 *
 * @param keepLast how many per-epoch checkpoints to keep in the {@value Checkpoints#FOLDER} folder, the newest
 *                 ones, in [0, 10000]; 0 keeps only the latest, {@value Checkpoints#LATEST}. Default
 *                 {@value #DEFAULT_KEEP_LAST}
 * @param keepBest whether to keep {@value Checkpoints#BEST}, the checkpoint with the lowest validation negative
 *                 ELBO so far (the lowest training loss when no validation data is given). Default true
 */
public record CheckpointPolicy(int keepLast, boolean keepBest) {
    /** The default number of per-epoch checkpoints kept. */
    public static final int DEFAULT_KEEP_LAST = 3;

    /** Validates {@code keepLast}. */
    public CheckpointPolicy {
        if (keepLast < 0 || keepLast > 10_000) {
            throw new IllegalArgumentException("keepLast must be in [0, 10000], got " + keepLast);
        }
    }

    /** Keeps the last {@value #DEFAULT_KEEP_LAST} epochs and the best. */
    public static CheckpointPolicy defaults() {
        return new CheckpointPolicy(DEFAULT_KEEP_LAST, true);
    }

    /** The same policy keeping the last {@code n} epochs. */
    public CheckpointPolicy withKeepLast(int n) {
        return new CheckpointPolicy(n, keepBest);
    }
}
