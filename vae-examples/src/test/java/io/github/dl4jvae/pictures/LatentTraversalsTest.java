package io.github.dl4jvae.pictures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.eval.LatentUsage;
import io.github.dl4jvae.model.Encoding;
import io.github.dl4jvae.model.VaeModel;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Latent traversals: which codes are decoded, which dimensions come first, and the picture's size. */
class LatentTraversalsTest {
    private final VaeModel model = VaeModel.create(VaeConfig.builder().inputShape(InputShape.image(4, 5))
            .network(NetworkConfig.mlp(8)).latentSize(3).seed(4).build());

    @Test
    void eachRowMovesOneDimensionAroundThePosteriorMean() {
        INDArray origin = Nd4j.rand(DataType.FLOAT, 1, 20);
        INDArray center = model.encode(origin).mean();

        INDArray decoded = LatentTraversals.decode(model, origin, new int[] {2, 0}, 3, 2.0);

        assertArrayEquals(new long[] {6, 20}, decoded.shape());
        INDArray code = center.dup();
        code.putScalar(0, 2, -2.0);
        assertEquals(model.decode(code), decoded.getRow(0, true));
        code = center.dup();
        code.putScalar(0, 0, 2.0);
        assertEquals(model.decode(code), decoded.getRow(5, true));
        assertEquals("latent dimension 3 is outside [0, 3)", assertThrows(IllegalArgumentException.class,
                () -> LatentTraversals.decode(model, origin, new int[] {3}, 3, 2.0)).getMessage());
    }

    @Test
    void theMostInformativeDimensionsComeFirst(@TempDir Path dir) throws Exception {
        // KL per dimension of N(mu, 1) against N(0, 1) is mu^2 / 2: dimension 1 > 2 > 0.
        INDArray means = Nd4j.createFromArray(new float[][] {{0.1f, 2f, 1f}, {0.1f, 2f, 1f}});
        LatentUsage usage = LatentUsage.of(new Encoding(means, Nd4j.zerosLike(means)));
        assertArrayEquals(new int[] {1, 2, 0}, LatentTraversals.mostInformative(usage, 3));
        assertArrayEquals(new int[] {1}, LatentTraversals.mostInformative(usage, 1));

        Path file = dir.resolve("traversals.png");
        LatentTraversals.write(model, usage, Nd4j.rand(DataType.FLOAT, 1, 20), 10, 1, file);

        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(9 * 5 + 10 * ImageGrid.GAP, image.getWidth());
        assertEquals(3 * 4 + 4 * ImageGrid.GAP, image.getHeight());
    }
}
