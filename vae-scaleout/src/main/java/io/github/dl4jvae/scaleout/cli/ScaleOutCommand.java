package io.github.dl4jvae.scaleout.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root {@code vae-scaleout} command; its subcommands do the work. */
@Command(name = "vae-scaleout", mixinStandardHelpOptions = true, version = "vae-scaleout 0.1.0",
        description = "Data-parallel training of the DL4J-layer VAE: ParallelWrapper on one machine, Spark on many.",
        subcommands = {ParallelCommand.class, SparkCommand.class, ThroughputCommand.class,
                CommandLine.HelpCommand.class})
public final class ScaleOutCommand implements Runnable {

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

    /** The configured command line: one-line errors (exit 2 for bad usage, 1 for failures); {@code --debug} adds traces. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new ScaleOutCommand());
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            if (parseResult.originalArgs().contains("--debug")) {
                exception.printStackTrace(cmd.getErr());
            } else {
                cmd.getErr().println("vae-scaleout: " + describe(exception));
            }
            return 1;
        });
        commandLine.setParameterExceptionHandler((exception, args) -> {
            CommandLine cmd = exception.getCommandLine();
            cmd.getErr().println("vae-scaleout: " + exception.getMessage() + " (see '"
                    + cmd.getCommandSpec().qualifiedName() + " --help')");
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
