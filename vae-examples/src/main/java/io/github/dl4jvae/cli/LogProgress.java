package io.github.dl4jvae.cli;

import io.github.dl4jvae.model.EpochResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress as plain lines, for logs and pipes: at most one line per {@code interval}, e.g.
 * {@code progress: epoch 2/10, step 20/40 (50%), loss 261.44, elapsed 0:12, run ETA 1:40}.
 */
final class LogProgress extends ConsoleProgress {
    private final PrintWriter out;
    private final long intervalNanos;
    private long lastLine = System.nanoTime();

    LogProgress(int firstEpoch, int lastEpoch, int stepsPerEpoch, PrintWriter out, Duration interval) {
        super(firstEpoch, lastEpoch, stepsPerEpoch);
        this.out = out;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    void epochStarted(int epoch) {
    }

    @Override
    void stepDone(int epoch, int step) {
        long now = System.nanoTime();
        if (now - lastLine < intervalNanos) {
            return;
        }
        lastLine = now;
        out.printf(Locale.ROOT, "progress: epoch %d/%d, step %d/%d (%d%%), loss %.2f, elapsed %s, run ETA %s%n",
                epoch, lastEpoch, step, stepsPerEpoch, Math.min(100, 100 * step / stepsPerEpoch), meanLoss(),
                clock(elapsed()), clock(remaining(epoch, step)));
        out.flush();
    }

    @Override
    void epochFinished(EpochResult result) {
    }
}
