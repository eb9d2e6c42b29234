package io.github.dl4jvae.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.data.DataOrigin;
import io.github.dl4jvae.data.FashionMnist;
import io.github.dl4jvae.data.IdxDataSource;
import io.github.dl4jvae.data.IdxWriter;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.data.Split;
import io.github.dl4jvae.data.VaeData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The classifier of the sample-quality figures: the shipped file loads after its checksum, with its recorded test
 * accuracy (at least 0.90) and command, and classifies the embedded test subset about as well (at least 0.85: the
 * recorded 0.905 on 10,000 images minus 5 binomial standard deviations of 1,000 images, 5 x 0.0095); the features are
 * the penultimate layer (the softmax of the output layer's weights applied to them is the network's output, 1e-5 in
 * float); files written by {@link ClassifierFiles} read back, and a damaged or unpaired file is refused by name; a
 * one-epoch training on a tiny IDX set runs and reports its counts; bad images are named.
 */
class FeatureClassifierTest {
    private static FeatureClassifier shipped;
    private static DataSet test;

    @BeforeAll
    static void load() throws IOException {
        shipped = FeatureClassifier.shipped();
        test = VaeData.load(FashionMnist.embeddedSubset(), Split.TEST, Preprocessing.defaults(), 1);
    }

    @Test
    void theShippedClassifierCarriesItsRecordAndClassifiesTheSubset() {
        ClassifierMetadata metadata = shipped.metadata();
        assertTrue(metadata.testAccuracy() >= 0.90, "recorded accuracy " + metadata.testAccuracy());
        assertEquals(10_000, metadata.testImages());
        assertEquals(60_000, metadata.trainImages());
        assertEquals("bin/vae classifier --out runs/classifier", metadata.command());
        assertEquals(ClassifierNetwork.FEATURE_LAYER, shipped.featureLayer());
        assertEquals(ClassifierNetwork.FEATURE_SIZE, metadata.featureSize());

        int[] predicted = shipped.predict(test.getFeatures());
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == test.getLabels().getRow(i).argMax().getInt(0) ? 1 : 0;
        }
        assertTrue(correct >= 850, correct + " of 1000 embedded test images classified correctly");
    }

    @Test
    void theFeaturesAreThePenultimateLayer() {
        MultiLayerNetwork network = ClassifierNetwork.create(5, 1e-3);
        FeatureClassifier classifier = FeatureClassifier.of(network, ClassifierNetwork.FEATURE_LAYER);
        INDArray images = test.getFeatures().getRows(0, 1, 2, 3, 4);

        double[][] features = classifier.features(images);

        assertEquals(5, features.length);
        assertEquals(ClassifierNetwork.FEATURE_SIZE, features[0].length);
        INDArray w = network.getLayer(3).getParam("W");
        INDArray b = network.getLayer(3).getParam("b");
        INDArray logits = Nd4j.createFromArray(features).castTo(DataType.FLOAT).mmul(w).addRowVector(b);
        INDArray expected = network.output(images);
        assertArrayEquals(expected.toDoubleMatrix()[2], Transforms.softmax(logits).toDoubleMatrix()[2], 1e-5);
        assertTrue(java.util.Arrays.stream(features).flatMapToDouble(java.util.Arrays::stream).allMatch(v -> v >= 0),
                "ReLU features are never negative");
    }

    @Test
    void writtenFilesReadBackAndDamagedOrUnpairedOnesAreRefused(@TempDir Path directory) throws IOException {
        MultiLayerNetwork network = ClassifierNetwork.create(6, 1e-3);
        ClassifierTraining.Result result = new ClassifierTraining.Result(network, 0.5, List.of(0.5), 10, 20, 1.0);
        ClassifierMetadata metadata = ClassifierFiles.write(result, new ClassifierTraining.Settings(1, 8, 1e-3, 6),
                "tiny", "bin/vae classifier --epochs 1", directory, "tiny");
        Path zip = directory.resolve("tiny.zip");
        INDArray images = test.getFeatures().getRows(0, 1);

        FeatureClassifier read = FeatureClassifier.read(zip);

        assertEquals(metadata, read.metadata());
        assertEquals(Files.size(zip), metadata.bytes());
        assertArrayEquals(FeatureClassifier.of(network, 2).features(images)[1], read.features(images)[1], 1e-6);
        byte[] bytes = Files.readAllBytes(zip);
        bytes[bytes.length / 2] ^= 1;
        Files.write(zip, bytes);
        String message = assertThrows(IOException.class, () -> FeatureClassifier.read(zip)).getMessage();
        assertTrue(message.startsWith("classifier " + zip + " fails its checksum: SHA-256 "), message);
        assertTrue(message.endsWith(", its metadata expects " + metadata.sha256() + " (" + metadata.bytes()
                + " bytes); the file is damaged or the metadata is stale"), message);
        Files.delete(directory.resolve("tiny.json"));
        assertEquals("classifier metadata " + directory.resolve("tiny.json") + " does not exist; expected it beside "
                + zip, assertThrows(IOException.class, () -> FeatureClassifier.read(zip)).getMessage());
        assertEquals("classifier file tiny.bin does not end in .zip; expected NAME.zip with NAME.json beside it",
                assertThrows(IllegalArgumentException.class, () -> FeatureClassifier.read(Path.of("tiny.bin")))
                        .getMessage());
    }

    @Test
    void oneEpochOnATinyDataSetRunsAndCountsItsImages(@TempDir Path directory) throws IOException {
        IdxDataSource tiny = tinyData(directory, 96, 40);

        ClassifierTraining.Result result = ClassifierTraining.train(tiny, new ClassifierTraining.Settings(1, 32, 1e-3,
                3));

        assertEquals(96, result.trainImages());
        assertEquals(40, result.testImages());
        assertEquals(1, result.accuracyPerEpoch().size());
        assertEquals(result.testAccuracy(), result.accuracyPerEpoch().get(0), 0.0);
        assertTrue(result.testAccuracy() >= 0 && result.testAccuracy() <= 1);
        assertEquals("epochs must be in [1, 1000], got 0", assertThrows(IllegalArgumentException.class,
                () -> new ClassifierTraining.Settings(0, 32, 1e-3, 3)).getMessage());
    }

    @Test
    void badImagesAreNamed() {
        assertEquals("images have shape [2, 10]; expected [n, 784] or [n, 1, 28, 28] with n >= 1", assertThrows(
                IllegalArgumentException.class, () -> shipped.features(Nd4j.zeros(2, 10))).getMessage());
        INDArray nan = Nd4j.zeros(DataType.FLOAT, 1, 784);
        nan.putScalar(0, 3, Float.NaN);
        assertEquals("images hold NaN or infinite values; expected finite grey levels",
                assertThrows(IllegalArgumentException.class, () -> shipped.features(nan)).getMessage());
        assertEquals("feature layer 4 is outside the network's 4 layers; expected 0..3", assertThrows(
                IllegalArgumentException.class, () -> FeatureClassifier.of(ClassifierNetwork.create(1, 1e-3), 4))
                .getMessage());
        assertArrayEquals(new long[] {3, 128}, new long[] {shipped.features(Nd4j.zeros(DataType.FLOAT, 3, 1, 28, 28))
                .length, shipped.features(Nd4j.zeros(DataType.FLOAT, 3, 784))[0].length});
    }

    /** Random 28 x 28 images in 10 classes written as IDX files, {@code train} and {@code test} of them. */
    static IdxDataSource tinyData(Path directory, int train, int test) throws IOException {
        SplittableRandom random = new SplittableRandom(9);
        for (String[] split : new String[][] {{"train", String.valueOf(train)}, {"t10k", String.valueOf(test)}}) {
            int n = Integer.parseInt(split[1]);
            byte[] pixels = new byte[n * 784];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = random.nextInt(10);
                for (int p = 0; p < 784; p++) {
                    pixels[i * 784 + p] = (byte) random.nextInt(256);
                }
            }
            IdxWriter.writeImages(directory.resolve(split[0] + "-images-idx3-ubyte"), 28, 28, pixels, false);
            IdxWriter.writeLabels(directory.resolve(split[0] + "-labels-idx1-ubyte"), labels, false);
        }
        return IdxDataSource.fromDirectory("tiny", DataOrigin.EXPLICIT_DIRECTORY, directory, FashionMnist.CLASS_NAMES);
    }
}
