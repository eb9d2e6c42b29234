package io.github.dl4jvae.data;

import io.github.dl4jvae.random.Seeds;
import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * The order in which an {@link IdxRecordReader} visits the records of its {@link RecordRange}, and how far it got:
 * file order, or a
 * permutation drawn afresh at every {@link #restart()} from the caller's seed and the number of restarts so far
 * ({@code Seeds.derive(seed, pass)}: reproducible, no global RNG).
 */
final class RecordOrder implements Serializable {
    private static final long serialVersionUID = 1L;

    private final boolean shuffle;
    private final long seed;
    private final RecordRange range;
    private int count;
    private int[] permutation;
    private long pass;
    private int cursor;

    private RecordOrder(boolean shuffle, long seed, RecordRange range) {
        this.shuffle = shuffle;
        this.seed = seed;
        this.range = range;
    }

    /** File order over {@code range}. */
    static RecordOrder inFileOrder(RecordRange range) {
        return new RecordOrder(false, 0L, range);
    }

    /** A new seeded permutation of {@code range} per pass. */
    static RecordOrder shuffled(long seed, RecordRange range) {
        return new RecordOrder(true, seed, range);
    }

    /**
     * Starts the first pass over the range's records of a file of {@code n} records.
     *
     * @throws IllegalArgumentException if the range does not fit the file
     */
    void start(int n) {
        count = range.size(n);
        pass = 0;
        cursor = 0;
        permutation = shuffle ? permutation(0) : null;
    }

    /** Starts the next pass; a shuffled order draws a new permutation. */
    void restart() {
        cursor = 0;
        pass++;
        if (shuffle) {
            permutation = permutation(pass);
        }
    }

    /** Records left in this pass. */
    int remaining() {
        return count - cursor;
    }

    boolean hasNext() {
        return cursor < count;
    }

    /** The file index of the next record; the caller checks {@link #hasNext()} first. */
    int next() {
        int index = permutation == null ? cursor : permutation[cursor];
        cursor++;
        return range.from() + index;
    }

    private int[] permutation(long passIndex) {
        int[] perm = new int[count];
        for (int i = 0; i < count; i++) {
            perm[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, passIndex));
        for (int i = count - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }
}
