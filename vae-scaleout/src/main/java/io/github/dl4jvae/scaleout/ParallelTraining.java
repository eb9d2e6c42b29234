package io.github.dl4jvae.scaleout;

/**
 * Settings of {@link ParallelVaeTrainer}: how DL4J's {@code ParallelWrapper} splits training over workers (threads
 * of one JVM, each with its own replica of the network).
 *
 * <p>In every round each worker fits one minibatch of the iterator (so a round consumes {@code workers}
 * minibatches); every {@code averagingFrequency} rounds the workers' parameters and Adam states are averaged and
 * copied back to all of them. With one worker and any frequency, training equals {@code ComputationGraph.fit}.
 *
 * @param workers            replicas trained in parallel, 1 to 256; on a CPU more workers than cores only adds
 *                           contention
 * @param averagingFrequency rounds between averagings, 1 to 10,000 (1, the default, averages after every round:
 *                           the closest to synchronous SGD on a {@code workers}-times larger batch)
 * @param prefetchBuffer     minibatches prepared ahead per worker by a background thread, 0 to 1,024 (default 4)
 */
public record ParallelTraining(int workers, int averagingFrequency, int prefetchBuffer) {

    /** Default rounds between averagings. */
    public static final int DEFAULT_AVERAGING_FREQUENCY = 1;
    /** Default prefetched minibatches per worker. */
    public static final int DEFAULT_PREFETCH_BUFFER = 4;

    /** Validates the ranges. */
    public ParallelTraining {
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("workers " + workers + " is outside 1..256");
        }
        if (averagingFrequency < 1 || averagingFrequency > 10_000) {
            throw new IllegalArgumentException("averaging frequency " + averagingFrequency
                    + " is outside 1..10000 (rounds between parameter averagings)");
        }
        if (prefetchBuffer < 0 || prefetchBuffer > 1024) {
            throw new IllegalArgumentException("prefetch buffer " + prefetchBuffer + " is outside 0..1024");
        }
    }

    /** {@code workers} workers with the default averaging frequency (1) and prefetch buffer (4). */
    public static ParallelTraining of(int workers) {
        return new ParallelTraining(workers, DEFAULT_AVERAGING_FREQUENCY, DEFAULT_PREFETCH_BUFFER);
    }

    /** A copy with {@code averagingFrequency} changed. */
    public ParallelTraining withAveragingFrequency(int newAveragingFrequency) {
        return new ParallelTraining(workers, newAveragingFrequency, prefetchBuffer);
    }
}
