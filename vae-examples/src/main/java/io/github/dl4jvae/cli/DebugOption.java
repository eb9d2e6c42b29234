package io.github.dl4jvae.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --debug} option shared by subcommands. {@link VaeCommand#commandLine()} looks for it among the
 * arguments: with it an error prints its stack trace, without it one line.
 */
final class DebugOption {
    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;
}
