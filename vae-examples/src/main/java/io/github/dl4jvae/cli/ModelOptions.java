package io.github.dl4jvae.cli;

import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.model.VaeModel;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --model} and {@code --threads} options of the subcommands that use a trained model (a model file, a run directory, or
 * {@code zoo:NAME}; resolved by {@link ModelReference}), and what lies beside it.
 */
final class ModelOptions {
    @Option(names = "--model", required = true, paramLabel = ModelReference.LABEL,
            converter = ModelReference.Converter.class,
            description = "A model.zip written by train (or VaeModel.save), a run directory (its model.zip), or "
                    + "zoo:NAME for a zoo model's shipped weights (see 'vae zoo').")
    ModelReference reference;

    @Option(names = "--threads", paramLabel = "N", description = "Threads to compute on: passes over data work on "
            + "one batch per thread (default: every core the JVM sees). The figures do not depend on it.")
    Integer threads;

    /**
     * Loads the model, set to compute on {@code --threads} threads if given.
     *
     * @throws IOException naming the file if it is missing, not a model file, or corrupt
     * @throws IllegalArgumentException for a directory without model.zip, a zoo name without shipped weights, or
     *     {@code --threads} below 1
     */
    VaeModel load() throws IOException {
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads
                    + "; expected the number of threads to compute on");
        }
        VaeModel model = reference.load();
        if (threads != null) {
            model.setThreads(threads);
        }
        return model;
    }

    /** Where outputs go by default: the model's directory (the working directory for a zoo model). */
    Path directory() {
        return reference.directory();
    }

    /** {@code name} in the model's directory, unless {@code chosen} is given. */
    Path output(Path chosen, String name) {
        return chosen != null ? chosen : directory().resolve(name);
    }

    /**
     * The binarization to apply to data: {@code chosen} if given, else the one in the run.json beside the model
     * (written by train), else none.
     */
    Preprocessing.Binarization binarization(Preprocessing.Binarization chosen) throws IOException {
        return chosen != null ? chosen : reference.binarization();
    }
}
