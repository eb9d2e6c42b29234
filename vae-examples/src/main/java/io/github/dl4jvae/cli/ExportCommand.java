package io.github.dl4jvae.cli;

import io.github.dl4jvae.model.VaeModel;
import io.github.dl4jvae.model.WeightsFile;
import io.github.dl4jvae.zoo.Sha256;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code vae export}: writes a model's weights alone ({@link WeightsFile}: no optimizer state, no SameDiff graph), the
 * form the zoo ships, and prints the file's size and SHA-256.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes a model's weights alone (no optimizer state): the file to ship, as the zoo's weights "
                + "are. Every subcommand that takes --model reads it."})
public final class ExportCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The weights file to write.")
    Path out;

    @Mixin
    DebugOption debug = new DebugOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        VaeModel vae = model.load();
        WeightsFile.write(vae, out);
        byte[] bytes = Files.readAllBytes(out);
        PrintWriter w = spec.commandLine().getOut();
        w.printf("wrote %s: %d bytes, SHA-256 %s, %d epochs trained%n", out, bytes.length, Sha256.of(bytes),
                vae.epochsTrained());
        w.flush();
        return 0;
    }
}
