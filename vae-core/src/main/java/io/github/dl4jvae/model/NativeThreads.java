package io.github.dl4jvae.model;

import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's own thread counts (libnd4j's threads per op and its BLAS threads), set to one while a {@link VaeModel}
 * computes on several threads of its own and restored after: on a machine of c cores, m model threads each asking
 * libnd4j and OpenBLAS for c more would run m * c threads on c cores. These counts are process-wide in ND4J; scopes
 * may nest and overlap, and the counts come back when the last one closes. Setting OpenBLAS's count costs ~1 ms
 * (JavaCPP looks the function up on disk each time), so scopes are opened per pass over data, not per step.
 */
final class NativeThreads {
    private static final Object LOCK = new Object();
    private static int open;
    private static int savedThreads;
    private static int savedMasterThreads;
    private static int savedBlasThreads;

    private NativeThreads() {
    }

    /** A scope in which ND4J computes each op on the calling thread alone; close it to restore the counts. */
    static Scope single() {
        synchronized (LOCK) {
            if (open++ == 0) {
                Environment environment = Nd4j.getEnvironment();
                savedThreads = environment.maxThreads();
                savedMasterThreads = environment.maxMasterThreads();
                savedBlasThreads = blasThreads();
                environment.setMaxThreads(1);
                environment.setMaxMasterThreads(1);
                Nd4j.factory().blas().setMaxThreads(1);
            }
        }
        return new Scope(true);
    }

    /** A scope that changes nothing. */
    static Scope unchanged() {
        return new Scope(false);
    }

    private static int blasThreads() {
        return Math.max(1, Nd4j.factory().blas().getMaxThreads());
    }

    /** An open {@link #single()} scope. */
    static final class Scope implements AutoCloseable {
        private boolean closed;

        private Scope(boolean counted) {
            closed = !counted;
        }

        @Override
        public void close() {
            synchronized (LOCK) {
                if (closed) {
                    return;
                }
                closed = true;
                if (--open == 0) {
                    Environment environment = Nd4j.getEnvironment();
                    environment.setMaxThreads(savedThreads);
                    environment.setMaxMasterThreads(savedMasterThreads);
                    Nd4j.factory().blas().setMaxThreads(savedBlasThreads);
                }
            }
        }
    }
}
