package io.github.dl4jvae.pictures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.data.FashionMnist;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.model.OneHot;
import io.github.dl4jvae.model.VaeModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The pictures of a conditional model: class rows of samples, traversals decoded under the origin's label, the
 * manifold left out, and interpolations refused.
 */
class ConditionalPicturesTest {
    private static VaeModel model(int classes, int latent) {
        return VaeModel.create(VaeConfig.builder().inputShape(InputShape.image(28, 28)).network(NetworkConfig.mlp(8))
                .latentSize(latent).seed(3).conditionClasses(classes).build());
    }

    @Test
    void classSamplesAreOneRowPerClassWithTheSameCodesInEachColumn() {
        VaeModel model = model(3, 2);
        INDArray samples = ClassSamples.decode(model, 4, 9);
        assertArrayEquals(new long[] {12, 784}, samples.shape());
        for (int c = 0; c < 3; c++) {
            assertEquals(model.sample(4, c, 9), samples.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(4 * c,
                    4 * c + 4), org.nd4j.linalg.indexing.NDArrayIndex.all()), "row of class " + c);
        }
        assertEquals("class-conditional samples need a conditional model; this model is unconditional "
                + "(conditionClasses 0)", assertThrows(IllegalArgumentException.class,
                () -> ClassSamples.decode(model(0, 2), 4, 9)).getMessage());
    }

    @Test
    void traversalsDecodeEveryPointUnderTheOriginsLabel() {
        VaeModel model = model(3, 2);
        INDArray origin = Nd4j.rand(DataType.FLOAT, 1, 784);
        INDArray label = OneHot.of(new int[] {2}, 3);
        INDArray center = model.encode(origin, label).mean();

        INDArray decoded = LatentTraversals.decode(model, origin, label, new int[] {1}, 3, 2.0);

        assertArrayEquals(new long[] {3, 784}, decoded.shape());
        INDArray code = center.dup();
        code.putScalar(0, 1, 2.0);
        assertEquals(model.decode(code, label), decoded.getRow(2, true));
    }

    @Test
    void runPicturesLeaveOutTheManifoldAndInterpolationsAreRefused(@TempDir Path dir) throws Exception {
        VaeModel model = model(10, 2);
        List<Path> written = RunPictures.write(model, FashionMnist.embeddedSubset(), Preprocessing.defaults(),
                List.of(), dir);
        assertEquals(List.of(RunPictures.SAMPLES, RunPictures.RECONSTRUCTIONS, RunPictures.LATENT_SPACE,
                RunPictures.TRAVERSALS), written.stream().map(p -> p.getFileName().toString()).toList(),
                "no manifold.png for a conditional model, even with 2 latent dimensions");
        INDArray image = Nd4j.rand(DataType.FLOAT, 1, 784);
        assertEquals("interpolations need an unconditional model; this model is conditioned on 10 classes (a walk "
                + "between images of two classes has no one-hot label): use 'vae sample --class N' to see each class",
                assertThrows(IllegalArgumentException.class, () -> Interpolations.between(model, image, image, 3))
                        .getMessage());
    }
}
