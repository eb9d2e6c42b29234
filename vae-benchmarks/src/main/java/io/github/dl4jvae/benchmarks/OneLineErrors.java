package io.github.dl4jvae.benchmarks;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * How {@code bin/bench} reports errors, as {@code bin/vae} does: one line on standard error, {@code bench: } and the
 * message, exit status 1 for a failure and 2 for bad usage (with a pointer to the subcommand's help); the stack
 * trace only with {@code --debug} (an option that {@link BenchCommand} gives every subcommand).
 */
final class OneLineErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private final String program;

    private OneLineErrors(String program) {
        this.program = program;
    }

    /** Installs the handlers on {@code commandLine}, whose messages start with {@code program}. */
    static CommandLine install(CommandLine commandLine, String program) {
        OneLineErrors handler = new OneLineErrors(program);
        return commandLine.setExecutionExceptionHandler(handler).setParameterExceptionHandler(handler);
    }

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        if (parseResult.originalArgs().contains("--debug")) {
            exception.printStackTrace(commandLine.getErr());
        } else {
            commandLine.getErr().println(program + ": " + describe(exception));
        }
        commandLine.getErr().flush();
        return 1;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException exception, String[] args) {
        CommandLine commandLine = exception.getCommandLine();
        CommandSpec spec = commandLine.getCommandSpec();
        commandLine.getErr().println(program + ": " + exception.getMessage() + " (see '" + spec.qualifiedName()
                + " --help')");
        commandLine.getErr().flush();
        return 2;
    }

    /** The first message along the chain of causes, else the innermost exception's simple class name. */
    static String describe(Throwable exception) {
        Throwable cause = exception;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
