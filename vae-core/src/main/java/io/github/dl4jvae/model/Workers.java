package io.github.dl4jvae.model;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The threads a {@link VaeModel} computes on: the calling thread and {@code threads - 1} daemon workers, started on
 * first use. Work is split into a fixed number of parts decided by the caller, never by timing, so results depend on
 * the thread count alone: a training step's shards, an optimizer update's chunks, a data set's batches.
 *
 * <p>While a pass over data runs on more than one thread ({@link #nativeScope}), each of them computes with one native
 * thread ({@link NativeThreads}), so the model's threads do not compete with ND4J's own pools for the same cores.
 */
final class Workers implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private volatile int threads;
    private Crew crew;
    /** Whether a job holds the crew; a second caller meanwhile runs its parts itself. */
    private final AtomicBoolean busy = new AtomicBoolean();

    /** Workers for {@code threads} threads in all (the calling one included); at least 1. */
    Workers(int threads) {
        setThreads(threads);
    }

    /** The number of threads, the calling one included. */
    int threads() {
        return threads;
    }

    /** Sets the number of threads for later work; running work is not affected. */
    synchronized void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads + "; expected the number of "
                    + "threads to compute on (e.g. the machine's cores)");
        }
        if (threads != this.threads) {
            close();
            this.threads = threads;
        }
    }

    /**
     * Runs {@code part} for 0, ..., {@code parts - 1}, part 0 on the calling thread and the others on the workers, and
     * returns when all have finished; the first failure is rethrown after all have finished.
     */
    void run(int parts, IntConsumer part) {
        if (parts == 1) {
            part.accept(0);
            return;
        }
        if (parts > threads) {
            throw new IllegalArgumentException(parts + " parts for " + threads + " threads; expected at most "
                    + threads);
        }
        if (!busy.compareAndSet(false, true)) {
            // Another thread's job holds the workers (inference may be called from several threads): same parts,
            // run here one after another.
            for (int p = 0; p < parts; p++) {
                part.accept(p);
            }
            return;
        }
        try {
            Crew crew = crew();
            crew.start(parts, part);
            RuntimeException failure = null;
            try {
                part.accept(0);
            } catch (RuntimeException e) {
                failure = e;
            }
            RuntimeException workerFailure = crew.await();
            if (failure != null) {
                throw failure;
            }
            if (workerFailure != null) {
                throw workerFailure;
            }
        } finally {
            busy.set(false);
        }
    }

    /** Work on one batch of a pass over a data set. */
    interface BatchWork<T> {
        /** The result of {@code batch}, the pass's batch number {@code index} (from 0). */
        T apply(DataSet batch, long index);
    }

    /**
     * Applies {@code work} to every batch of {@code data} (from where it stands) and gives the results to
     * {@code consume} in batch order, on the calling thread: batches are read on the calling thread in waves of one
     * per thread, and each wave's batches are worked on at once. Results are those of a sequential pass whenever
     * {@code work}'s result depends on the batch and its index alone.
     *
     * @return the number of batches
     */
    <T> long forEachBatch(DataSetIterator data, BatchWork<T> work, Consumer<T> consume) {
        int width = threads;
        DataSet[] wave = new DataSet[width];
        Object[] results = new Object[width];
        long index = 0;
        try (NativeThreads.Scope scope = nativeScope()) {
            while (data.hasNext()) {
                int size = 0;
                while (size < width && data.hasNext()) {
                    wave[size++] = data.next();
                }
                long first = index;
                run(size, part -> results[part] = work.apply(wave[part], first + part));
                for (int b = 0; b < size; b++) {
                    @SuppressWarnings("unchecked")
                    T result = (T) results[b];
                    consume.accept(result);
                    results[b] = null;
                    wave[b] = null;
                }
                index += size;
            }
        }
        return index;
    }

    /**
     * A scope for a pass over data (an epoch, an evaluation): with more than one thread, ND4J computes each op on the
     * calling thread alone until it closes ({@link NativeThreads}); with one, it changes nothing.
     */
    NativeThreads.Scope nativeScope() {
        return threads > 1 ? NativeThreads.single() : NativeThreads.unchanged();
    }

    /** Stops the workers; a later {@link #run} starts new ones. */
    @Override
    public synchronized void close() {
        if (crew != null) {
            crew.stop();
            crew = null;
        }
    }

    private synchronized Crew crew() {
        if (crew == null) {
            crew = new Crew(threads - 1, POOLS.incrementAndGet());
        }
        return crew;
    }

    /**
     * The sizes of {@code n} rows split into {@code parts} contiguous shards, as equal as possible, the larger first.
     */
    static int[] shardSizes(int n, int parts) {
        int[] sizes = new int[parts];
        for (int p = 0; p < parts; p++) {
            sizes[p] = n / parts + (p < n % parts ? 1 : 0);
        }
        return sizes;
    }
}
