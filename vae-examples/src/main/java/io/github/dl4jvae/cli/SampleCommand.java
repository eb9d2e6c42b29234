package io.github.dl4jvae.cli;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.model.VaeModel;
import io.github.dl4jvae.pictures.ImageGrid;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vae sample}: decodes draws from the prior N(0, I) of a trained model into a PNG grid. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Decode draws from the prior N(0, I) into a PNG grid.")
public final class SampleCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--count", description = "Number of samples, 1..1024 (default: ${DEFAULT-VALUE}).")
    int count = 64;

    @Option(names = "--columns", description = "Images per row (default: ${DEFAULT-VALUE}).")
    int columns = 8;

    @Option(names = "--scale", description = "Pixel magnification (default: ${DEFAULT-VALUE}).")
    int scale = 2;

    @Option(names = "--seed", description = "Seed of the draws (default: the model's seed, which gives train's "
            + "samples.png).")
    Long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "PNG to write (default: samples.png beside the model).")
    Path out;

    @Mixin
    DebugOption debug = new DebugOption();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        checkCount(count);
        VaeModel vae = model.load();
        Path file = model.output(out, "samples.png");
        sample(vae, count, columns, scale, seed == null ? vae.config().seed() : seed, file);
        PrintWriter w = spec.commandLine().getOut();
        w.printf("wrote %s (%d samples)%n", file, count);
        w.flush();
        return 0;
    }

    private static void checkCount(int count) {
        if (count < 1 || count > 1024) {
            throw new IllegalArgumentException("--count must be in [1, 1024], got " + count);
        }
    }

    /** Writes {@code count} prior samples drawn with {@code seed} as a grid. */
    public static Path sample(VaeModel model, int count, int columns, int scale, long seed, Path file)
            throws IOException {
        checkCount(count);
        InputShape shape = model.config().inputShape();
        ImageGrid.write(model.sample(count, seed), shape.height(), shape.width(), Math.min(columns, count), scale,
                file);
        return file;
    }
}
