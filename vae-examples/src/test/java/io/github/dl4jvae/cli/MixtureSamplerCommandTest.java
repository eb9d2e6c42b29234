package io.github.dl4jvae.cli;

import static io.github.dl4jvae.cli.VaeCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.model.VaeModel;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vae sample --sampler gmm:K} on a tiny untrained 28 x 28 model and the embedded subset's 5000 training
 * images: the grid is written, the same seed writes the same file, and bad sampler names, K = 0 and a conditional
 * model get one line naming what was expected (exit 1).
 */
class MixtureSamplerCommandTest {
    private static final int CELL = 28 * 2 + 2;

    private static Path tinyModel(Path dir, int classes) throws Exception {
        Path file = dir.resolve("m" + classes + ".zip");
        VaeModel.create(VaeConfig.builder().inputShape(InputShape.image(28, 28)).network(NetworkConfig.mlp(8))
                .latentSize(2).seed(4).conditionClasses(classes).build()).save(file);
        return file;
    }

    private static void fails(String err, String... args) {
        VaeCommandTest.Run r = run(args);
        assertEquals(1, r.exitCode(), String.join(" ", args) + ": " + r.err());
        assertEquals(err, r.err().strip(), String.join(" ", args));
        assertEquals(1, r.err().strip().lines().count(), "one line");
    }

    @Test
    void aMixtureFittedToTheTrainingCodesIsSampled(@TempDir Path dir) throws Exception {
        String model = tinyModel(dir, 0).toString();
        Path first = dir.resolve("a.png");
        VaeCommandTest.Run r = run("sample", "--model", model, "--sampler", "gmm:3", "--embedded", "--count", "6",
                "--columns", "3", "--seed", "11", "--out", first.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("wrote " + first + " (6 samples from a 3-component Gaussian mixture fitted to "
                + "the training split's posterior means: "), r.out());
        BufferedImage grid = ImageIO.read(first.toFile());
        assertEquals(3 * CELL + 2, grid.getWidth(), "3 columns");
        assertEquals(2 * CELL + 2, grid.getHeight(), "2 rows");
        Path second = dir.resolve("b.png");
        assertEquals(0, run("sample", "--model", model, "--sampler", "gmm:3", "--embedded", "--count", "6",
                "--columns", "3", "--seed", "11", "--out", second.toString()).exitCode());
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second), "the same seed, the same grid");
    }

    @Test
    void badSamplersAreNamed(@TempDir Path dir) throws Exception {
        fails("vae: --sampler must be 'prior' or 'gmm:K' (a Gaussian mixture of K components fitted to the training "
                + "split's posterior means), got 'kde'", "sample", "--model", "m.zip", "--sampler", "kde");
        fails("vae: --sampler gmm:K needs K, the number of mixture components, in [1, 10000], got 'gmm:0'",
                "sample", "--model", "m.zip", "--sampler", "gmm:0");
        fails("vae: --sampler gmm:K needs K, the number of mixture components, in [1, 10000], got 'gmm:x'",
                "sample", "--model", "m.zip", "--sampler", "gmm:x");
        String conditional = tinyModel(dir, 4).toString();
        fails("vae: --sampler gmm:2 needs an unconditional model; " + conditional + " is conditioned on 4 classes: "
                + "use --sampler prior", "sample", "--model", conditional, "--sampler", "gmm:2", "--embedded");
    }
}
