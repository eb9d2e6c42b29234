package io.github.dl4jvae.cli;

import static io.github.dl4jvae.cli.VaeCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.model.VaeModel;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conditional VAE from the command line: {@code train --model cvae-mlp400} (one epoch on the embedded subset,
 * trained once for the class), its class-conditional samples picture, {@code sample --class N}, and the other
 * subcommands with the test labels as the condition.
 */
class ConditionalCommandTest {
    private static final int CELL = 28 * 2 + 2;

    @TempDir
    static Path shared;
    private static Path run;
    private static VaeCommandTest.Run train;

    @BeforeAll
    static void trainOnce() {
        run = shared.resolve("cvae");
        train = run("train", "--model", "cvae-mlp400", "--embedded", "--epochs", "1", "--batch-size", "250", "--out",
                run.toString());
    }

    @Test
    void trainWritesTheRunAndOneRowOfSamplesPerClass() throws Exception {
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().startsWith("training MLP 784-400-20 relu BERNOULLI conditioned on 10 classes on "
                + "fashion-mnist-embedded-subset"), train.out());
        assertTrue(train.out().contains("pictures: samples.png, reconstructions.png, latent-space.png, traversals.png, "
                + "loss-curves.png"), train.out());
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(2, metrics.size(), "header and one epoch: " + metrics);
        double testNegativeElbo = Double.parseDouble(metrics.get(1).split(",")[5]);
        // 784 log 2 = 543 nats untrained; one epoch of 20 steps lowers it (371 when this test was written).
        assertTrue(testNegativeElbo > 230 && testNegativeElbo < 450, "test negative ELBO " + testNegativeElbo);
        VaeModel model = VaeModel.load(run.resolve("model.zip"));
        assertEquals(10, model.config().conditionClasses());

        BufferedImage samples = ImageIO.read(run.resolve("samples.png").toFile());
        assertEquals(10 * CELL + 2, samples.getWidth(), "10 samples per class");
        assertEquals(10 * CELL + 2, samples.getHeight(), "one row per class");
        // The same prior draws under class 0 (T-shirt/top) and class 1 (Trouser) give other images: the rows of an
        // unconditional grid repeated per class would differ by 0. After these 20 steps the mean difference was 2.5
        // grey levels (of 255) when this test was written; labels dominate only after a few epochs.
        double difference = 0;
        for (int y = 0; y < CELL; y++) {
            for (int x = 0; x < samples.getWidth(); x++) {
                difference += Math.abs(samples.getRaster().getSample(x, y, 0)
                        - samples.getRaster().getSample(x, y + CELL, 0));
            }
        }
        double meanDifference = difference / (CELL * samples.getWidth());
        assertTrue(meanDifference > 1, "rows 0 and 1 differ by " + meanDifference + " grey levels per pixel");
        assertEquals(8 * CELL + 2, ImageIO.read(run.resolve("reconstructions.png").toFile()).getHeight(),
                "32 test images and their reconstructions");
        assertTrue(Files.isRegularFile(run.resolve("traversals.png")));
        assertTrue(Files.isRegularFile(run.resolve("latent-space.png")));
    }

    @Test
    void sampleTakesAClassOrWritesEveryClass(@TempDir Path dir) throws Exception {
        String model = run.resolve("model.zip").toString();
        Path three = dir.resolve("three.png");
        VaeCommandTest.Run one = run("sample", "--model", model, "--class", "3", "--count", "8", "--columns", "4",
                "--out", three.toString());
        assertEquals(0, one.exitCode(), one.err());
        assertTrue(one.out().contains("(8 samples of class 3)"), one.out());
        BufferedImage image = ImageIO.read(three.toFile());
        assertEquals(4 * CELL + 2, image.getWidth());
        assertEquals(2 * CELL + 2, image.getHeight());

        Path every = dir.resolve("every.png");
        VaeCommandTest.Run all = run("sample", "--model", model, "--columns", "6", "--out", every.toString());
        assertEquals(0, all.exitCode(), all.err());
        assertTrue(all.out().contains("(10 classes x 6 samples)"), all.out());
        assertEquals(10 * CELL + 2, ImageIO.read(every.toFile()).getHeight());

        VaeCommandTest.Run outside = run("sample", "--model", model, "--class", "10", "--out", every.toString());
        assertEquals(1, outside.exitCode());
        assertEquals("vae: --class must be in [0, 9] for this model (conditioned on 10 classes), got 10",
                outside.err().strip());
    }

    @Test
    void sampleWithAClassNeedsAConditionalModel(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plain.zip");
        VaeModel.create(VaeConfig.builder().inputShape(InputShape.image(28, 28)).network(NetworkConfig.mlp(8))
                .latentSize(2).build()).save(file);
        VaeCommandTest.Run plain = run("sample", "--model", file.toString(), "--class", "3", "--out",
                dir.resolve("s.png").toString());
        assertEquals(1, plain.exitCode());
        assertEquals("vae: --class needs a conditional model; " + file + " is unconditional (conditionClasses 0): "
                + "sample it without --class", plain.err().strip());
    }

    @Test
    void evaluateReconstructAndAnomalyUseTheTestLabelsAndInterpolateRefuses(@TempDir Path dir) throws Exception {
        String model = run.resolve("model.zip").toString();
        Path json = dir.resolve("evaluation.json");
        VaeCommandTest.Run evaluate = run("evaluate", "--embedded", "--model", model, "--k", "3", "--limit", "20",
                "--out", json.toString());
        assertEquals(0, evaluate.exitCode(), evaluate.err());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals(1000, report.get("testImages").asInt());
        double elbo = report.get("testNegativeElbo").asDouble();
        assertTrue(elbo > 230 && elbo < 450, report.toString());

        Path reconstructions = dir.resolve("r.png");
        VaeCommandTest.Run reconstruct = run("reconstruct", "--embedded", "--model", model, "--count", "8", "--out",
                reconstructions.toString());
        assertEquals(0, reconstruct.exitCode(), reconstruct.err());
        assertEquals(2 * CELL + 2, ImageIO.read(reconstructions.toFile()).getHeight());

        VaeCommandTest.Run anomaly = run("anomaly", "--embedded", "--model", model, "--limit", "50", "--show", "4",
                "--out", dir.toString());
        assertEquals(0, anomaly.exitCode(), anomaly.err());
        assertEquals(51, Files.readAllLines(dir.resolve("anomaly-scores.csv")).size());

        VaeCommandTest.Run interpolate = run("interpolate", "--embedded", "--model", model, "--out",
                dir.resolve("i.png").toString());
        assertEquals(1, interpolate.exitCode());
        assertEquals("vae: interpolations need an unconditional model; this model is conditioned on 10 classes (a walk "
                + "between images of two classes has no one-hot label): use 'vae sample --class N' to see each class",
                interpolate.err().strip());
    }
}
