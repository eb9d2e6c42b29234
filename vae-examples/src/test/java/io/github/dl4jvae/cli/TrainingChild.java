package io.github.dl4jvae.cli;

import io.github.dl4jvae.model.EpochResult;
import io.github.dl4jvae.model.TrainingListener;
import io.github.dl4jvae.runs.TrainingRun;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine;

/**
 * A test-scope program for {@link KillAndResumeTest}: {@code vae train} with the given options, run as the command
 * runs it ({@link TrainCommand#prepare()}, then {@link TrainingRun#train} with the command's checkpoint policy),
 * printing {@code step EPOCH STEP} to standard output after every optimizer step and {@code epoch EPOCH} once an
 * epoch's metrics and checkpoints are written, so that the test knows where training stands when it kills it.
 */
public final class TrainingChild {
    private TrainingChild() {
    }

    /** Trains; see the class comment. */
    public static void main(String[] args) throws Exception {
        TrainCommand command = new TrainCommand();
        CommandLine commandLine = new CommandLine(command);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.parseArgs(args);
        TrainingRun run = command.prepare();
        PrintStream out = System.out;
        run.train(List.of(new TrainingListener() {
            private int epoch = -1;
            private int step;

            @Override
            public void iterationDone(int epoch, long iteration, double loss, int examples) {
                if (epoch != this.epoch) {
                    this.epoch = epoch;
                    step = 0;
                }
                out.println("step " + epoch + " " + ++step);
                out.flush();
            }

            @Override
            public void epochDone(EpochResult result) {
                out.println("epoch " + result.epoch());
                out.flush();
            }
        }), command.checkpointPolicy());
        out.println("done");
        out.flush();
    }
}
