package io.github.dl4jvae.cli;

import static io.github.dl4jvae.cli.VaeCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.data.IdxWriter;
import io.github.dl4jvae.quality.ClassifierMetadata;
import io.github.dl4jvae.quality.FeatureClassifier;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code vae classifier} on a tiny IDX data set (64 training and 32 test images of random pixels, one epoch): it
 * writes the network and its metadata, which record the command line, the counts and the settings, and which
 * {@link FeatureClassifier#read} loads and checks; a bad name and epoch count are one-line errors.
 */
class ClassifierCommandTest {

    @Test
    void aTrainingWritesTheFilesWithTheCommandAndCounts(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        writeTinyData(data);
        Path out = dir.resolve("out");

        VaeCommandTest.Run r = run("classifier", "--data", data.toString(), "--epochs", "1", "--batch-size", "16",
                "--seed", "3", "--name", "tiny", "--out", out.toString());

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("wrote " + out.resolve("tiny.zip") + " and " + out.resolve("tiny.json")), r.out());
        FeatureClassifier classifier = FeatureClassifier.read(out.resolve("tiny.zip"));
        ClassifierMetadata metadata = classifier.metadata();
        assertEquals("bin/vae classifier --data " + data + " --epochs 1 --batch-size 16 --seed 3 --name tiny --out "
                + out, metadata.command());
        assertEquals(64, metadata.trainImages());
        assertEquals(32, metadata.testImages());
        assertEquals(16, metadata.batchSize());
        assertEquals(3, metadata.seed());
        assertEquals(1, metadata.accuracyPerEpoch().size());
        assertEquals(128, classifier.features(Nd4j.zeros(2, 784))[1].length);

        VaeCommandTest.Run badName = run("classifier", "--data", data.toString(), "--name", "../x");
        assertEquals(1, badName.exitCode());
        assertEquals("vae: --name must be letters, digits, '.', '_' or '-', got '../x'", badName.err().strip());
        VaeCommandTest.Run badEpochs = run("classifier", "--data", data.toString(), "--epochs", "0");
        assertEquals("vae: epochs must be in [1, 1000], got 0", badEpochs.err().strip());
    }

    private static void writeTinyData(Path directory) throws Exception {
        java.nio.file.Files.createDirectories(directory);
        SplittableRandom random = new SplittableRandom(2);
        for (String[] split : new String[][] {{"train", "64"}, {"t10k", "32"}}) {
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
    }
}
