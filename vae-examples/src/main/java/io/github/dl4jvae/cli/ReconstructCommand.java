package io.github.dl4jvae.cli;

import io.github.dl4jvae.data.IdxDataSource;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.data.Split;
import io.github.dl4jvae.data.VaeData;
import io.github.dl4jvae.model.VaeModel;
import io.github.dl4jvae.pictures.RunPictures;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vae reconstruct}: the first images of a split next to their reconstructions decode(mean of q(z|x)), as a
 * PNG grid in which each row of inputs is followed by a row of reconstructions. A conditional model reconstructs
 * each image with its label.
 */
@Command(name = "reconstruct", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a PNG of images (rows of 8) each followed by a row of their reconstructions.")
public final class ReconstructCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--split", description = "Images from ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Split split = Split.TEST;

    @Option(names = "--count", description = "Number of images, 1..512 (default: ${DEFAULT-VALUE}).")
    int count = 32;

    @Mixin
    BinarizationOption binarization = new BinarizationOption();

    @Option(names = "--out", paramLabel = "FILE",
            description = "PNG to write (default: reconstructions.png beside the model).")
    Path out;

    @Mixin
    DebugOption debug = new DebugOption();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path file = model.output(out, "reconstructions.png");
        reconstruct(model.load(), data.locate(), split, count, binarization.resolve(model), file);
        PrintWriter w = spec.commandLine().getOut();
        w.printf("wrote %s (%d %s images and their reconstructions)%n", file, count, split.name().toLowerCase());
        w.flush();
        return 0;
    }

    /** Writes the first {@code count} images of {@code split} and their reconstructions. */
    public static Path reconstruct(VaeModel model, IdxDataSource source, Split split, int count,
                                   Preprocessing.Binarization binarization, Path file) throws IOException {
        if (count < 1 || count > 512) {
            throw new IllegalArgumentException("--count must be in [1, 512], got " + count);
        }
        Preprocessing preprocessing = Preprocessing.defaults().withBinarization(binarization);
        RunPictures.writeReconstructions(model, VaeData.load(source, split, preprocessing, model.config().seed()),
                count, file);
        return file;
    }
}
