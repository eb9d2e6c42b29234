package io.github.dl4jvae.scaleout.spark;

/**
 * Settings of {@link SparkVaeTrainer}: DL4J's parameter averaging on Spark.
 *
 * <p>Training proceeds in rounds: the data is split so that each of the {@code workers} partitions of a round
 * holds about {@code averagingFrequency} minibatches of {@code batchSizePerWorker} examples; every partition trains
 * its own copy of the network on them (one Spark task each), then the driver averages the copies' parameters and
 * Adam states and broadcasts the result for the next round.
 *
 * @param workers            partitions (parallel tasks) per round, 1 to 100,000: the executor cores to use
 * @param batchSizePerWorker examples per minibatch, 1 to 100,000 (also the size of the minibatches the data is
 *                           cut into by {@link SparkVaeData#minibatches})
 * @param averagingFrequency minibatches each worker fits between averagings, 1 to 10,000 (default 5: fewer
 *                           rounds mean less scheduling and broadcasting, more mean fresher averages)
 * @param prefetchBatches    minibatches a worker prepares ahead on a background thread, 0 to 1,024 (default 2)
 */
public record SparkTraining(int workers, int batchSizePerWorker, int averagingFrequency, int prefetchBatches) {

    /** Default minibatches per worker between averagings. */
    public static final int DEFAULT_AVERAGING_FREQUENCY = 5;
    /** Default prefetched minibatches per worker. */
    public static final int DEFAULT_PREFETCH_BATCHES = 2;

    /** Validates the ranges. */
    public SparkTraining {
        if (workers < 1 || workers > 100_000) {
            throw new IllegalArgumentException("workers " + workers + " is outside 1..100000 (partitions per round)");
        }
        if (batchSizePerWorker < 1 || batchSizePerWorker > 100_000) {
            throw new IllegalArgumentException("batch size per worker " + batchSizePerWorker + " is outside 1..100000");
        }
        if (averagingFrequency < 1 || averagingFrequency > 10_000) {
            throw new IllegalArgumentException("averaging frequency " + averagingFrequency
                    + " is outside 1..10000 (minibatches per worker between averagings)");
        }
        if (prefetchBatches < 0 || prefetchBatches > 1024) {
            throw new IllegalArgumentException("prefetch batches " + prefetchBatches + " is outside 0..1024");
        }
    }

    /** {@code workers} workers of {@code batchSizePerWorker}-example minibatches, with the default frequency (5) and prefetch (2). */
    public static SparkTraining of(int workers, int batchSizePerWorker) {
        return new SparkTraining(workers, batchSizePerWorker, DEFAULT_AVERAGING_FREQUENCY, DEFAULT_PREFETCH_BATCHES);
    }

    /** A copy with {@code averagingFrequency} changed. */
    public SparkTraining withAveragingFrequency(int newAveragingFrequency) {
        return new SparkTraining(workers, batchSizePerWorker, newAveragingFrequency, prefetchBatches);
    }
}
