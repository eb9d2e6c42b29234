package io.github.dl4jvae.graph;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.function.Supplier;

/**
 * Keeps SameDiff M2.1's "Added differentiated op ..." lines off standard output while passing everything else
 * through.
 *
 * <p>Why standard output is touched at all: {@code SameDiff.createGradFunction()} prints one such line per op with
 * an unconditional {@code System.out.println} (in its {@code lambda$createGradFunction$1}, nd4j-api 1.0.0-M2.1; no
 * flag, log level or API variant avoids it, and the backward graph can only be built through that lambda). So
 * for the duration of {@link #quietly(Supplier)} {@code System.out} is a filter over the original stream that
 * drops only lines starting with {@value #PREFIX}: output of other threads in that window still reaches the
 * original stream (the former whole-stream swap discarded it), and the original object is restored afterwards.
 * Callers are serialized on {@code System.class} so that nested or concurrent uses restore in order.
 */
final class SameDiffChatter {
    /** The start of the lines SameDiff prints while differentiating. */
    static final String PREFIX = "Added differentiated op ";

    private SameDiffChatter() {
    }

    /** Runs {@code action} with SameDiff's differentiation lines filtered out of {@code System.out}. */
    static <T> T quietly(Supplier<T> action) {
        synchronized (System.class) {
            PrintStream original = System.out;
            LineFilter filter = new LineFilter(original, Charset.defaultCharset());
            System.setOut(new PrintStream(filter, true));
            try {
                return action.get();
            } finally {
                System.setOut(original);
                filter.flushPartialLine();
            }
        }
    }

    /** Forwards whole lines to the target, except lines starting with {@link #PREFIX}. */
    static final class LineFilter extends OutputStream {
        private final PrintStream target;
        private final Charset charset;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineFilter(PrintStream target, Charset charset) {
            this.target = target;
            this.charset = charset;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n') {
                forwardLine();
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        @Override
        public synchronized void flush() {
            target.flush();
        }

        /** Forwards what was written after the last line break, if anything. */
        synchronized void flushPartialLine() {
            if (line.size() > 0) {
                forwardLine();
            }
            target.flush();
        }

        private void forwardLine() {
            if (!line.toString(charset).startsWith(PREFIX)) {
                try {
                    line.writeTo(target);
                } catch (IOException e) {
                    target.println("(output lost: " + e + ")");
                }
            }
            line.reset();
        }
    }
}
