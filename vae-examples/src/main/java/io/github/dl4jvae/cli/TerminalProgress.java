package io.github.dl4jvae.cli;

import io.github.dl4jvae.model.EpochResult;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar per epoch on a terminal (me.tongfei:progressbar), showing steps, the epoch's elapsed time and
 * ETA, its running mean loss and the time left for the whole run. The bar is cleared when the epoch ends, so the
 * epoch table printed after it stays readable.
 */
final class TerminalProgress extends ConsoleProgress {
    private final PrintStream stream;
    private ProgressBar bar;

    TerminalProgress(int firstEpoch, int lastEpoch, int stepsPerEpoch, PrintStream stream) {
        super(firstEpoch, lastEpoch, stepsPerEpoch);
        this.stream = stream;
    }

    @Override
    void epochStarted(int epoch) {
        close();
        bar = new ProgressBarBuilder().setTaskName("epoch " + epoch + "/" + lastEpoch).setInitialMax(stepsPerEpoch)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(stream)).clearDisplayOnFinish().build();
    }

    @Override
    void stepDone(int epoch, int step) {
        bar.stepTo(Math.min(step, stepsPerEpoch));
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.2f, run ETA %s", meanLoss(),
                clock(remaining(epoch, step))));
    }

    @Override
    void epochFinished(EpochResult result) {
        close();
    }

    private void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
