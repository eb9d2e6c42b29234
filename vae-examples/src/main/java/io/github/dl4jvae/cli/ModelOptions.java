package io.github.dl4jvae.cli;

import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.model.VaeModel;
import io.github.dl4jvae.runs.RunDirectory;
import io.github.dl4jvae.runs.RunSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --model} option of the subcommands that use a trained model, and what lies beside it. */
final class ModelOptions {
    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "A model.zip written by train (or VaeModel.save).")
    Path file;

    /**
     * Loads the model.
     *
     * @throws IOException naming the file if it is missing, not a model file, or corrupt
     */
    VaeModel load() throws IOException {
        return VaeModel.load(file);
    }

    /** The directory holding the model: where outputs go by default. */
    Path directory() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
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
        if (chosen != null) {
            return chosen;
        }
        Path settings = directory().resolve(RunDirectory.SETTINGS);
        return Files.isRegularFile(settings) ? RunSettings.read(settings).binarization()
                : Preprocessing.Binarization.NONE;
    }
}
