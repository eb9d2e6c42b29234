package io.github.dl4jvae.benchmarks;

/** Cycles through a benchmark's minibatches: each {@link #next()} gives the following index, wrapping around. */
final class BatchCycle {
    private final int size;
    private int next;

    /** A cycle over {@code size} batches, starting at the first. */
    BatchCycle(int size) {
        this.size = size;
    }

    /** The index of the next batch. */
    int next() {
        int index = next;
        next = (next + 1) % size;
        return index;
    }
}
