package io.github.dl4jvae.cli;

import io.github.dl4jvae.config.ActivationFunction;
import io.github.dl4jvae.config.Architecture;
import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.Likelihood;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.data.IdxDataSource;
import io.github.dl4jvae.data.IdxRecordReader;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.data.Split;
import io.github.dl4jvae.data.VaeData;
import io.github.dl4jvae.model.EpochResult;
import io.github.dl4jvae.model.TrainingListener;
import io.github.dl4jvae.model.VaeModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vae train}: trains a VAE on an IDX data set (default Fashion-MNIST), evaluating the test split after
 * each epoch. Writes {@code config.json}, {@code metrics.csv} (a row per epoch), {@code model.zip} (a
 * checkpoint after every epoch, with optimizer state), {@code samples.png} and {@code reconstructions.png} to the
 * output directory.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a VAE; prints the loss per epoch and writes config.json, metrics.csv and model.zip.")
public final class TrainCommand implements Callable<Integer> {
    static final String METRICS_HEADER = "epoch,train_loss,train_reconstruction,train_kl,test_negative_elbo,"
            + "test_reconstruction,test_kl,seconds,examples_per_second";

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("runs", "train");

    @Option(names = "--epochs", description = "Passes over the training data (default: ${DEFAULT-VALUE}).")
    int epochs = 10;

    @Option(names = "--batch-size", description = "Examples per step (default: ${DEFAULT-VALUE}).")
    int batchSize = 128;

    @Option(names = "--latent", description = "Latent dimensions (default: ${DEFAULT-VALUE}).")
    int latent = 20;

    @Option(names = "--hidden", split = ",", description = "Hidden layer sizes, comma-separated (default: 400).")
    List<Integer> hidden = List.of(400);

    @Option(names = "--conv", split = ",", description = "Convolution channels for a convolutional VAE, e.g. 32,64 "
            + "(default: none, an MLP).")
    List<Integer> conv = List.of();

    @Option(names = "--activation", description = "Hidden activation: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ActivationFunction activation = ActivationFunction.RELU;

    @Option(names = "--likelihood", description = "p(x|z): ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Likelihood likelihood = Likelihood.BERNOULLI;

    @Option(names = "--beta", description = "KL weight (default: ${DEFAULT-VALUE}).")
    double beta = 1.0;

    @Option(names = "--samples", description = "Samples of z per example, L (default: ${DEFAULT-VALUE}).")
    int samples = 1;

    @Option(names = "--lr", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate = 1e-3;

    @Option(names = "--seed", description = "Seed of weights, noise and shuffling (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--binarize", description = "Pixel binarization: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Preprocessing.Binarization binarization = Preprocessing.Binarization.NONE;

    @Option(names = "--force", description = "Overwrite a previous run in the output directory.")
    boolean force;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** What a training run produced. */
    public record Result(VaeModel model, List<EpochResult> epochs, Path modelFile, Path metricsFile) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        Result result = train(w);
        w.printf("wrote %s and %s%n", result.modelFile(), result.metricsFile());
        w.flush();
        return 0;
    }

    /** Trains as the options say, printing a line per epoch to {@code w}. */
    public Result train(PrintWriter w) throws IOException {
        Path modelFile = out.resolve("model.zip");
        Path metricsFile = out.resolve("metrics.csv");
        if (!force && (Files.exists(modelFile) || Files.exists(metricsFile))) {
            throw new IllegalArgumentException("output directory " + out + " already holds a run (model.zip or "
                    + "metrics.csv); choose another --out or pass --force to overwrite it");
        }
        IdxDataSource source = data.locate();
        IdxRecordReader shape = IdxRecordReader.of(source.images(Split.TRAIN), source.labels(Split.TRAIN));
        VaeConfig config = VaeConfig.builder()
                .inputShape(InputShape.image(shape.height(), shape.width()))
                .network(new NetworkConfig(conv.isEmpty() ? Architecture.MLP : Architecture.CONV, hidden, conv,
                        activation))
                .latentSize(latent).likelihood(likelihood).beta(beta).samplesPerExample(samples)
                .learningRate(learningRate).seed(seed).build();
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
        }
        Preprocessing preprocessing = Preprocessing.defaults().withBinarization(binarization);
        DataSetIterator train = VaeData.iterator(source, Split.TRAIN, batchSize, preprocessing.withShuffle(true), seed);
        DataSetIterator test = VaeData.iterator(source, Split.TEST, 500, preprocessing, seed + 1);

        Files.createDirectories(out);
        Files.writeString(out.resolve("config.json"), config.toJson(), StandardCharsets.UTF_8);
        Files.writeString(metricsFile, METRICS_HEADER + "\n", StandardCharsets.UTF_8);
        VaeModel model = VaeModel.create(config);
        model.describeTrainingData(source.id() + "/train");
        w.printf("training %s on %s (%s), %d epochs, batch %d%n", describe(config), source.id(), source.location(),
                epochs, batchSize);
        w.printf("%5s %12s %14s %8s %14s %8s %9s%n", "epoch", "train loss", "reconstruction", "KL",
                "test -ELBO", "seconds", "examples/s");
        w.flush();
        model.addListener(new TrainingListener() {
            @Override
            public void epochDone(EpochResult r) {
                try {
                    Files.writeString(metricsFile, csvRow(r) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                    model.save(modelFile);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("could not write the checkpoint or metrics in " + out, e);
                }
                w.printf(Locale.ROOT, "%5d %12.3f %14.3f %8.3f %14.3f %8.1f %9.0f%n", r.epoch(), r.loss(),
                        r.reconstruction(), r.kl(), r.validation().negativeElbo(), r.seconds(), r.examplesPerSecond());
                w.flush();
            }
        });
        List<EpochResult> results = model.fit(train, epochs, test);
        writePictures(model, source, preprocessing, shape.height(), shape.width());
        return new Result(model, results, modelFile, metricsFile);
    }

    /** samples.png: 64 decoded prior samples; reconstructions.png: rows of 8 test images, then their reconstructions. */
    private void writePictures(VaeModel model, IdxDataSource source, Preprocessing preprocessing, int height, int width)
            throws IOException {
        ImageGrid.write(model.sample(64), height, width, 8, 2, out.resolve("samples.png"));
        INDArray originals = VaeData.load(source, Split.TEST, preprocessing, seed).getFeatures()
                .get(NDArrayIndex.interval(0, 32), NDArrayIndex.all());
        INDArray reconstructions = model.reconstruct(originals);
        List<INDArray> rows = new java.util.ArrayList<>();
        for (int start = 0; start < 32; start += 8) {
            rows.add(originals.get(NDArrayIndex.interval(start, start + 8), NDArrayIndex.all()));
            rows.add(reconstructions.get(NDArrayIndex.interval(start, start + 8), NDArrayIndex.all())
                    .castTo(originals.dataType()));
        }
        ImageGrid.write(Nd4j.vstack(rows), height, width, 8, 2, out.resolve("reconstructions.png"));
    }

    static String csvRow(EpochResult r) {
        return String.format(Locale.ROOT, "%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.3f,%.1f", r.epoch(), r.loss(),
                r.reconstruction(), r.kl(), r.validation().negativeElbo(), r.validation().reconstruction(),
                r.validation().kl(), r.seconds(), r.examplesPerSecond());
    }

    private static String describe(VaeConfig c) {
        return c.network().architecture() + " " + c.inputShape().size() + "-" + c.network().hiddenSizes() + "-"
                + c.latentSize() + " " + c.likelihood();
    }
}
