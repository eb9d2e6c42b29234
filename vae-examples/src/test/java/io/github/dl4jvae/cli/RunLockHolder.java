package io.github.dl4jvae.cli;

import io.github.dl4jvae.runs.RunLock;
import java.nio.file.Path;

/**
 * A test-scope program for {@link RunLockTest}: takes the {@link RunLock} of the run directory given as its one
 * argument and prints {@code locked PID}, then holds the lock until it is killed or its standard input ends; if the
 * directory is in use it prints {@code refused MESSAGE} and exits with status 3.
 */
public final class RunLockHolder {
    private RunLockHolder() {
    }

    /** Holds the lock; see the class comment. */
    public static void main(String[] args) throws Exception {
        RunLock lock;
        try {
            lock = RunLock.acquire(Path.of(args[0]));
        } catch (IllegalStateException e) {
            System.out.println("refused " + e.getMessage());
            System.out.flush();
            System.exit(3);
            return;
        }
        System.out.println("locked " + ProcessHandle.current().pid());
        System.out.flush();
        while (System.in.read() >= 0) {
            // Holds the lock until the input ends.
        }
        lock.close();
    }
}
