package io.github.dl4jvae.pictures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dl4jvae.eval.LatentUsage;
import io.github.dl4jvae.model.Encoding;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The pictures' autoencoder variants: traversals order an autoencoder's dimensions by the variance of its codes (it
 * has no KL), and the loss curves are one chart of the reconstruction loss instead of the VAE's two (negative ELBO,
 * KL).
 */
class AutoencoderPicturesTest {

    @Test
    void traversalsOrderCodesByTheirVariance() {
        // Variances over the two codes: dimension 0: 0.25, 1: 4, 2: 1 (population variance of each column).
        LatentUsage usage = LatentUsage.of(Encoding.ofCode(Nd4j.createFromArray(new double[][] {{0, 2, 1},
            {1, -2, -1}})));

        assertArrayEquals(new int[] {1, 2, 0}, LatentTraversals.mostInformative(usage, 3));
        assertArrayEquals(new int[] {1}, LatentTraversals.mostInformative(usage, 1));
    }

    @Test
    void anAutoencodersLossCurvesAreOneChart(@TempDir Path dir) throws Exception {
        List<EpochMetrics> rows = List.of(new EpochMetrics(1, 300, 300, 300, 0, 280, 280, 0, 1, 100, 2, List.of(0.0,
                0.0)), new EpochMetrics(2, 260, 260, 260, 0, 250, 250, 0, 1, 100, 2, List.of(0.0, 0.0)));
        Path autoencoder = dir.resolve("ae.png");
        Path vae = dir.resolve("vae.png");

        LossCurvePlot.write(rows, true, autoencoder);
        LossCurvePlot.write(rows, vae);

        BufferedImage one = ImageIO.read(autoencoder.toFile());
        BufferedImage two = ImageIO.read(vae.toFile());
        assertEquals(LossCurvePlot.CHART_WIDTH, one.getWidth());
        assertEquals(2 * LossCurvePlot.CHART_WIDTH, two.getWidth());
        assertEquals(LossCurvePlot.CHART_HEIGHT, one.getHeight());
    }
}
