package io.github.dl4jvae.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root {@code vae} command; its subcommands do the work. */
@Command(name = "vae", mixinStandardHelpOptions = true, version = "vae 0.1.0",
        description = "Variational Autoencoders on Deeplearning4j: train a VAE, evaluate it, draw pictures with it.",
        subcommands = {PreviewCommand.class, TrainCommand.class, EvaluateCommand.class, SampleCommand.class,
                ReconstructCommand.class, InterpolateCommand.class, AnomalyCommand.class, ZooCommand.class, ExportCommand.class,
                ClassifierCommand.class,
                CommandLine.HelpCommand.class})
public final class VaeCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: use one of "
                + spec.subcommands().keySet());
    }

    /** Runs the program; exits with 0 on success, 1 on a failure, 2 on bad usage. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line: one-line errors on stderr (exit 2 for bad usage, 1 for failures), stack traces
     * only with {@code --debug}.
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new VaeCommand());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            boolean debug = parseResult.originalArgs().contains("--debug");
            if (debug) {
                exception.printStackTrace(cmd.getErr());
            } else {
                cmd.getErr().println("vae: " + describe(exception));
            }
            return 1;
        });
        commandLine.setParameterExceptionHandler((exception, args) -> {
            CommandLine cmd = exception.getCommandLine();
            cmd.getErr().println("vae: " + exception.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName()
                    + " --help')");
            return 2;
        });
        return commandLine;
    }

    private static String describe(Throwable exception) {
        Throwable cause = exception;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
