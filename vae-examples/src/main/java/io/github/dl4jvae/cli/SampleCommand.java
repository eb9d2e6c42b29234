package io.github.dl4jvae.cli;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.data.IdxDataSource;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.mixture.GaussianMixture;
import io.github.dl4jvae.model.VaeModel;
import io.github.dl4jvae.pictures.ClassSamples;
import io.github.dl4jvae.pictures.ImageGrid;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vae sample}: decodes draws from the prior N(0, I) of a trained model into a PNG grid. A conditional model
 * decodes them under a class: {@code --class N} gives {@code --count} images of class N; without it, one row of
 * {@code --columns} images per class ({@link ClassSamples}). {@code --sampler gmm:K} draws instead from a Gaussian
 * mixture of K full-covariance components fitted by EM to the posterior means of the training split
 * ({@link Sampling}; unconditional models only, K at most the number of training images). An autoencoder's prior
 * draws are labelled as such: it has no prior, and its decoder never saw N(0, I) codes.
 */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Decode draws from the prior N(0, I), or from a Gaussian mixture fitted to the training "
                + "split's posterior means (--sampler gmm:K), into a PNG grid.",
            "A conditional model (e.g. --model of a 'train --model cvae-mlp400' run) samples class N with --class N, "
                    + "or without --class writes one row of --columns samples per class."})
public final class SampleCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--count", description = "Number of samples, 1..1024 (default: ${DEFAULT-VALUE}).")
    int count = 64;

    @Option(names = "--columns", description = "Images per row (default: ${DEFAULT-VALUE}).")
    int columns = 8;

    @Option(names = "--scale", description = "Pixel magnification (default: ${DEFAULT-VALUE}).")
    int scale = 2;

    @Option(names = "--class", paramLabel = "N", description = "Class to sample, 0..C-1, for a conditional model "
            + "(default: one row per class).")
    Integer classIndex;

    @Option(names = "--seed", description = "Seed of the draws (default: the model's seed, which gives train's "
            + "samples.png).")
    Long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "PNG to write (default: samples.png beside the model).")
    Path out;

    @Option(names = "--sampler", paramLabel = "prior|gmm:K", description = "Where codes come from: prior, N(0, I); "
            + "or gmm:K, a Gaussian mixture of K full-covariance components fitted by EM to the posterior means of "
            + "the training split (--data or --embedded; unconditional models only) (default: ${DEFAULT-VALUE}).")
    String sampler = "prior";

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    BinarizationOption binarization = new BinarizationOption();

    @Mixin
    DebugOption debug = new DebugOption();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        checkCount(count);
        SamplerChoice choice = SamplerChoice.parse(sampler);
        VaeModel vae = model.load();
        checkClass(vae, classIndex, model.reference.toString());
        Sampling.check(vae, choice, model.reference.toString());
        Path file = model.output(out, "samples.png");
        long drawSeed = seed == null ? vae.config().seed() : seed;
        PrintWriter w = spec.commandLine().getOut();
        if (choice.mixture()) {
            GaussianMixture mixture = sampleFromMixture(vae, data.locate(), binarization.resolve(model),
                    choice.components(), count, columns, scale, drawSeed, file);
            double[] history = mixture.logLikelihoods();
            w.printf("wrote %s (%d samples from %s: %.4f nats per code after %d EM steps%s)%n", file, count,
                    Sampling.describe(vae, choice), history[history.length - 1], mixture.iterations(),
                    mixture.converged() ? "" : ", not converged");
        } else if (vae.config().conditional() && classIndex == null) {
            ClassSamples.write(vae, columns, drawSeed, scale, file);
            w.printf("wrote %s (%d classes x %d samples)%n", file, vae.config().conditionClasses(), columns);
        } else {
            sample(vae, count, classIndex, columns, scale, drawSeed, file);
            w.printf("wrote %s (%d samples%s%s)%n", file, count, classIndex == null ? "" : " of class " + classIndex,
                    vae.config().objective().autoencoder() ? ": " + Sampling.describe(vae, choice) : "");
        }
        w.flush();
        return 0;
    }

    /**
     * Checks {@code --class} against the model: only for a conditional model, and in its range.
     *
     * @throws IllegalArgumentException naming the option, the model and the allowed range
     */
    static void checkClass(VaeModel model, Integer classIndex, String file) {
        if (classIndex == null) {
            return;
        }
        int classes = model.config().conditionClasses();
        if (classes == 0) {
            throw new IllegalArgumentException("--class needs a conditional model; " + file + " is unconditional "
                    + "(conditionClasses 0): sample it without --class");
        }
        if (classIndex < 0 || classIndex >= classes) {
            throw new IllegalArgumentException("--class must be in [0, " + (classes - 1) + "] for this model "
                    + "(conditioned on " + classes + " classes), got " + classIndex);
        }
    }

    /**
     * Fits a Gaussian mixture of {@code components} full-covariance components by EM (default settings of
     * {@link MixtureConfig}, start seeded with {@code seed}) to the posterior means of the training split of
     * {@code source}, and writes {@code count} decoded draws of it (seeded with {@code seed}) as a grid.
     *
     * @return the fitted mixture
     */
    public static GaussianMixture sampleFromMixture(VaeModel model, IdxDataSource source,
                                                    Preprocessing.Binarization binarization, int components,
                                                    int count, int columns, int scale, long seed, Path file)
            throws IOException {
        checkCount(count);
        SamplerChoice choice = SamplerChoice.parse("gmm:" + components);
        Sampling.check(model, choice, "the model");
        GaussianMixture mixture = Sampling.fit(model, choice, source, binarization, seed);
        InputShape shape = model.config().inputShape();
        ImageGrid.write(Sampling.draw(model, mixture, count, seed, null).images(), shape.height(), shape.width(),
                Math.min(columns, count), scale, file);
        return mixture;
    }

    private static void checkCount(int count) {
        if (count < 1 || count > 1024) {
            throw new IllegalArgumentException("--count must be in [1, 1024], got " + count);
        }
    }

    /** Writes {@code count} prior samples drawn with {@code seed} as a grid (unconditional models). */
    public static Path sample(VaeModel model, int count, int columns, int scale, long seed, Path file)
            throws IOException {
        return sample(model, count, null, columns, scale, seed, file);
    }

    /**
     * Writes {@code count} prior samples drawn with {@code seed} as a grid: of class {@code classIndex} for a
     * conditional model, or with {@code classIndex} null of an unconditional one.
     */
    public static Path sample(VaeModel model, int count, Integer classIndex, int columns, int scale, long seed,
                              Path file) throws IOException {
        checkCount(count);
        InputShape shape = model.config().inputShape();
        INDArray images = classIndex == null ? model.sample(count, seed) : model.sample(count, classIndex, seed);
        ImageGrid.write(images, shape.height(), shape.width(), Math.min(columns, count), scale, file);
        return file;
    }
}
