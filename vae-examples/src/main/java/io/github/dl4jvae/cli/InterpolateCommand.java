package io.github.dl4jvae.cli;

import io.github.dl4jvae.data.IdxDataSource;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.data.Split;
import io.github.dl4jvae.data.VaeData;
import io.github.dl4jvae.model.VaeModel;
import io.github.dl4jvae.pictures.Interpolations;
import io.github.dl4jvae.pictures.RunPictures;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vae interpolate}: walks in latent space between pairs of test images (see {@link Interpolations}), a PNG
 * row per pair: the first image, the decoded steps, the second image. Unconditional models only (a conditional
 * model is an error saying so).
 */
@Command(name = "interpolate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Decode straight lines in latent space between pairs of test images into a PNG grid.",
            "Each row: the first image, the decoded steps (ends included), the second image."})
public final class InterpolateCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--pairs", description = "Pairs of images of different classes, taken in test-set order "
            + "(default: ${DEFAULT-VALUE}).")
    int pairs = 8;

    @Option(names = "--from", paramLabel = "INDEX", description = "Index of a test image to start from (with --to: "
            + "one pair instead of --pairs).")
    Integer from;

    @Option(names = "--to", paramLabel = "INDEX", description = "Index of the test image to end at.")
    Integer to;

    @Option(names = "--steps", description = "Decoded points per row, ends included (default: ${DEFAULT-VALUE}).")
    int steps = 10;

    @Mixin
    BinarizationOption binarization = new BinarizationOption();

    @Option(names = "--out", paramLabel = "FILE",
            description = "PNG to write (default: interpolations.png beside the model).")
    Path out;

    @Mixin
    DebugOption debug = new DebugOption();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if ((from == null) != (to == null)) {
            throw new IllegalArgumentException("--from and --to go together; give both or neither");
        }
        Path file = model.output(out, "interpolations.png");
        VaeModel vae = model.load();
        Interpolations.requireUnconditional(vae);
        int[][] chosen = interpolate(vae, data.locate(), pairs, from, to, steps, binarization.resolve(model), file);
        PrintWriter w = spec.commandLine().getOut();
        w.printf("wrote %s (%d pairs, %d steps each)%n", file, chosen.length, steps);
        w.flush();
        return 0;
    }

    /**
     * Writes the interpolations; with {@code from} and {@code to} one pair, else {@code pairs} pairs of different
     * classes.
     *
     * @return the pairs of test indices used
     */
    public static int[][] interpolate(VaeModel model, IdxDataSource source, int pairs, Integer from, Integer to,
                                      int steps, Preprocessing.Binarization binarization, Path file)
            throws IOException {
        if (pairs < 1 || pairs > 64) {
            throw new IllegalArgumentException("--pairs must be in [1, 64], got " + pairs);
        }
        if (steps < 2 || steps > 64) {
            throw new IllegalArgumentException("--steps must be in [2, 64], got " + steps);
        }
        DataSet test = VaeData.load(source, Split.TEST, Preprocessing.defaults().withBinarization(binarization),
                model.config().seed());
        int n = test.numExamples();
        int[][] chosen;
        if (from != null) {
            for (int index : new int[] {from, to}) {
                if (index < 0 || index >= n) {
                    throw new IllegalArgumentException("test image index " + index + " is out of range; expected 0.."
                            + (n - 1));
                }
            }
            chosen = new int[][] {{from, to}};
        } else {
            chosen = Interpolations.pairsOfDifferentClasses(RunPictures.labels(test, n), pairs);
        }
        Interpolations.write(model, test.getFeatures(), chosen, steps, 2, file);
        return chosen;
    }
}
