package io.github.dl4jvae.model;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The worker threads of {@link Workers}: worker w runs part w + 1 of each job. Between jobs a worker spins for up to
 * {@value #SPIN_NANOS} ns before it parks, and the thread that started a job spins while it waits for the others:
 * a training step hands work over twice, every few milliseconds, and waking a parked thread costs 50-100 us on a
 * virtual machine, where a step of the zoo's MLP at batch 128 takes ~4 ms. Parked workers cost nothing; the daemon
 * threads end when {@link #stop} is called or the JVM exits.
 */
final class Crew {
    /** How long an idle worker spins before it parks. */
    static final long SPIN_NANOS = 200_000;

    private final Thread[] workers;
    private volatile long generation;
    private volatile int parts;
    private volatile IntConsumer job;
    private volatile boolean stopped;
    private final AtomicInteger unfinished = new AtomicInteger();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile Thread waiting;

    Crew(int size, int id) {
        workers = new Thread[size];
        for (int w = 0; w < size; w++) {
            int index = w;
            workers[w] = new Thread(() -> work(index), "vae-worker-" + id + "-" + (w + 1));
            workers[w].setDaemon(true);
            workers[w].start();
        }
    }

    /** Starts parts 1, ..., {@code parts - 1} of {@code job} on the workers; part 0 is the caller's. */
    void start(int parts, IntConsumer job) {
        this.job = job;
        this.parts = parts;
        failure.set(null);
        unfinished.set(parts - 1);
        waiting = Thread.currentThread();
        generation++;
        for (int w = 0; w < parts - 1; w++) {
            LockSupport.unpark(workers[w]);
        }
    }

    /** Waits for the workers' parts of the job started last; returns the first failure among them, or null. */
    RuntimeException await() {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (unfinished.get() > 0) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, 100_000);
            }
        }
        job = null;
        return failure.get();
    }

    /** Ends the workers once they finish what they run. */
    void stop() {
        stopped = true;
        for (Thread worker : workers) {
            LockSupport.unpark(worker);
        }
    }

    private void work(int index) {
        long seen = 0;
        while (true) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (generation == seen && !stopped) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (stopped) {
                return;
            }
            seen = generation;
            if (index + 1 < parts) {
                try {
                    job.accept(index + 1);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } catch (Error e) {
                    failure.compareAndSet(null, new IllegalStateException("worker failed: " + e, e));
                } finally {
                    if (unfinished.decrementAndGet() == 0) {
                        LockSupport.unpark(waiting);
                    }
                }
            }
        }
    }
}
