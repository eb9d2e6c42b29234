package io.github.dl4jvae.model;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A disk that fails on demand, for {@link AtomicFile}'s stream seam: once armed, every file written fails with
 * an {@link IOException} carrying the given message after a byte budget, as a full device ("No space left on
 * device", ENOSPC) or a dying one does. The bytes before the failure do reach the real file.
 */
final class FaultyDisk {
    private volatile long budget = -1;
    private volatile String message;

    /** Lets the next files fail after {@code bytes} bytes with {@code failure}. */
    void failAfter(long bytes, String failure) {
        this.message = failure;
        this.budget = bytes;
    }

    /** Writes normally again. */
    void heal() {
        budget = -1;
    }

    AtomicFile files() {
        return new AtomicFile(out -> budget < 0 ? out : new Failing(out, budget, message));
    }

    private static final class Failing extends FilterOutputStream {
        private long left;
        private final String message;

        Failing(OutputStream out, long budget, String message) {
            super(out);
            this.left = budget;
            this.message = message;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int allowed = (int) Math.min(len, left);
            out.write(b, off, allowed);
            left -= allowed;
            if (allowed < len) {
                throw new IOException(message);
            }
        }
    }
}
