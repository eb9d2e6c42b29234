package io.github.dl4jvae.cli;

import io.github.dl4jvae.data.Preprocessing;
import java.io.IOException;
import picocli.CommandLine.Option;

/** The {@code --binarize} option of the subcommands that read data for a trained model. */
final class BinarizationOption {
    @Option(names = "--binarize", paramLabel = "MODE", description = "Pixel binarization: ${COMPLETION-CANDIDATES} (default: the one "
            + "in run.json beside the model, else NONE).")
    Preprocessing.Binarization chosen;

    /** The option's value, else the binarization of the run beside {@code model}, else none. */
    Preprocessing.Binarization resolve(ModelOptions model) throws IOException {
        return model.binarization(chosen);
    }
}
