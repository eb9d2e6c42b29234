package io.github.dl4jvae.quality;

import io.github.dl4jvae.versions.Versions;
import io.github.dl4jvae.zoo.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Writes a trained classifier as the two files {@link FeatureClassifier#read} and {@link FeatureClassifier#shipped()}
 * read: {@code NAME.zip} (DL4J's {@link ModelSerializer}, without updater state, to stay small) and {@code NAME.json}
 * ({@link ClassifierMetadata}: its SHA-256 and size, the test accuracy, settings, command and environment).
 */
public final class ClassifierFiles {
    private ClassifierFiles() {
    }

    /** The metadata file that belongs to {@code zip}: the same name with {@code .json} for {@code .zip}. */
    public static Path metadataFile(Path zip) {
        String name = zip.getFileName().toString();
        if (!name.endsWith(".zip")) {
            throw new IllegalArgumentException("classifier file " + zip + " does not end in .zip; expected NAME.zip "
                    + "with NAME.json beside it");
        }
        return zip.resolveSibling(name.substring(0, name.length() - 4) + ".json");
    }

    /**
     * Writes {@code directory/NAME.zip} and {@code directory/NAME.json} for a training's result.
     *
     * @param command the command that trained it, recorded in the metadata
     * @return the metadata written
     * @throws IOException if a file cannot be written
     */
    public static ClassifierMetadata write(ClassifierTraining.Result result, ClassifierTraining.Settings settings,
                                           String dataSet, String command, Path directory, String name)
            throws IOException {
        Files.createDirectories(directory);
        Path zip = directory.resolve(name + ".zip");
        ModelSerializer.writeModel(result.network(), zip.toFile(), false);
        byte[] bytes = Files.readAllBytes(zip);
        ClassifierMetadata metadata = new ClassifierMetadata(zip.getFileName().toString(), Sha256.of(bytes),
                bytes.length, "CNN: conv 3x3 stride 2, 16 (ReLU) - conv 3x3 stride 2, 32 (ReLU) - dense "
                        + ClassifierNetwork.FEATURE_SIZE + " (ReLU, the features) - softmax "
                        + ClassifierNetwork.CLASSES, ClassifierNetwork.FEATURE_LAYER, ClassifierNetwork.FEATURE_SIZE,
                dataSet, result.trainImages(), result.testImages(), result.testAccuracy(), result.accuracyPerEpoch(),
                settings.epochs(), settings.batchSize(), settings.learningRate(), settings.seed(), command,
                result.seconds(), environment(), Instant.now().toString());
        Files.writeString(metadataFile(zip), metadata.toJson() + System.lineSeparator());
        return metadata;
    }

    private static String environment() {
        return "dl4j-vae " + Versions.library() + ", DL4J/ND4J " + Versions.nd4j() + " " + Versions.backend()
                + " backend, OMP_NUM_THREADS=" + System.getenv().getOrDefault("OMP_NUM_THREADS", "unset") + ", "
                + Runtime.getRuntime().availableProcessors() + " processors";
    }
}
