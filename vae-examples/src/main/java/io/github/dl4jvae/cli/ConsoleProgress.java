package io.github.dl4jvae.cli;

import io.github.dl4jvae.model.EpochResult;
import io.github.dl4jvae.model.TrainingListener;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress of a training run for a person watching: the epoch, the epoch's running mean loss and the time left
 * for the whole run. Subclasses draw it: {@link TerminalProgress} as a progress bar, {@link LogProgress} as plain
 * lines.
 */
abstract class ConsoleProgress implements TrainingListener {
    final int lastEpoch;
    final int stepsPerEpoch;
    private final int firstEpoch;
    private final long runStart = System.nanoTime();
    private int epoch = -1;
    private int step;
    private double lossSum;
    private long examples;

    ConsoleProgress(int firstEpoch, int lastEpoch, int stepsPerEpoch) {
        this.firstEpoch = firstEpoch;
        this.lastEpoch = lastEpoch;
        this.stepsPerEpoch = Math.max(1, stepsPerEpoch);
    }

    /** Picks the display: a progress bar when a terminal is attached, plain lines otherwise. */
    static ConsoleProgress forConsole(int firstEpoch, int lastEpoch, int stepsPerEpoch, java.io.PrintWriter log) {
        return System.console() != null
                ? new TerminalProgress(firstEpoch, lastEpoch, stepsPerEpoch, System.err)
                : new LogProgress(firstEpoch, lastEpoch, stepsPerEpoch, log, Duration.ofSeconds(10));
    }

    @Override
    public final void iterationDone(int epoch, long iteration, double loss, int batch) {
        if (epoch != this.epoch) {
            this.epoch = epoch;
            step = 0;
            lossSum = 0;
            examples = 0;
            epochStarted(epoch);
        }
        step++;
        lossSum += loss * batch;
        examples += batch;
        stepDone(epoch, step);
    }

    @Override
    public final void epochDone(EpochResult result) {
        epochFinished(result);
    }

    abstract void epochStarted(int epoch);

    abstract void stepDone(int epoch, int step);

    abstract void epochFinished(EpochResult result);

    /** Running mean per-example loss of the current epoch, nats. */
    double meanLoss() {
        return examples == 0 ? Double.NaN : lossSum / examples;
    }

    /** Time since the listener was made. */
    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - runStart);
    }

    /** Time left for the whole run at the current step, from the pace so far (evaluation included). */
    Duration remaining(int epoch, int step) {
        double done = (epoch - firstEpoch) + Math.min(1.0, (double) step / stepsPerEpoch);
        double total = lastEpoch - firstEpoch + 1;
        if (done <= 0) {
            return Duration.ZERO;
        }
        double elapsed = (System.nanoTime() - runStart) / 1e9;
        return Duration.ofMillis(Math.round(1000 * elapsed * (total - done) / done));
    }

    /** "1:05" or "1:02:03". */
    static String clock(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
