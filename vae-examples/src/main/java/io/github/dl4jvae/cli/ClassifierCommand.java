package io.github.dl4jvae.cli;

import io.github.dl4jvae.data.IdxDataSource;
import io.github.dl4jvae.quality.ClassifierFiles;
import io.github.dl4jvae.quality.ClassifierMetadata;
import io.github.dl4jvae.quality.ClassifierTraining;
import io.github.dl4jvae.quality.FeatureClassifier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vae classifier}: trains the Fashion-MNIST classifier whose penultimate layer is the feature space of
 * {@code vae evaluate --quality} ({@link ClassifierTraining}), and writes {@code NAME.zip} and {@code NAME.json}
 * ({@link ClassifierFiles}: checksum, test accuracy, settings, this command) into {@code --out}. The shipped
 * classifier ({@link FeatureClassifier#SHIPPED_RESOURCE}) is such a pair, copied into vae-core's resources.
 */
@Command(name = "classifier", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train the Fashion-MNIST CNN classifier whose penultimate layer gives the features of the "
                + "sample-quality figures (evaluate --quality).",
            "Writes NAME.zip (DL4J ModelSerializer) and NAME.json (SHA-256, test accuracy, settings, command)."})
public final class ClassifierCommand implements Callable<Integer> {
    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--epochs", description = "Passes over the training split (default: ${DEFAULT-VALUE}).")
    int epochs = ClassifierTraining.Settings.DEFAULT.epochs();

    @Option(names = "--batch-size", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batchSize = ClassifierTraining.Settings.DEFAULT.batchSize();

    @Option(names = "--lr", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate = ClassifierTraining.Settings.DEFAULT.learningRate();

    @Option(names = "--seed", description = "Seed of weights and shuffling (default: ${DEFAULT-VALUE}).")
    long seed = ClassifierTraining.Settings.DEFAULT.seed();

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("runs", "classifier");

    @Option(names = "--name", description = "File name without extension (default: ${DEFAULT-VALUE}).")
    String name = "fashion-mnist-cnn";

    @Mixin
    DebugOption debug = new DebugOption();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("--name must be letters, digits, '.', '_' or '-', got '" + name + "'");
        }
        ClassifierTraining.Settings settings = new ClassifierTraining.Settings(epochs, batchSize, learningRate, seed);
        IdxDataSource source = data.locate();
        PrintWriter w = spec.commandLine().getOut();
        w.printf("training the classifier on %s (%s): %d epochs, batch %d%n", source.id(), source.location(), epochs,
                batchSize);
        w.flush();
        ClassifierTraining.Result result = ClassifierTraining.train(source, settings);
        String command = "bin/vae " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        ClassifierMetadata metadata = ClassifierFiles.write(result, settings, source.id(), command, out, name);
        w.printf(Locale.ROOT, "test accuracy %.4f (%d test images) after %d epochs in %.0f s; per epoch %s%n",
                metadata.testAccuracy(), metadata.testImages(), epochs, metadata.seconds(),
                metadata.accuracyPerEpoch().stream().map(a -> String.format(Locale.ROOT, "%.4f", a)).toList());
        w.printf("wrote %s and %s%n", out.resolve(metadata.resource()),
                ClassifierFiles.metadataFile(out.resolve(metadata.resource())));
        w.flush();
        return 0;
    }
}
