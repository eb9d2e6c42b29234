package io.github.dl4jvae.pictures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The geometry of the pictures, checked against values worked out by hand. */
class PicturesTest {

    @Test
    void pcaFindsTheDirectionOfGreatestVariance() {
        // Points (t, 2t, z) with t = -1, 0, 1, 0 (variance 0.5) and z = +-0.1 (variance 0.01, uncorrelated with t):
        // PC1 is (1, 2, 0)/sqrt(5) up to sign with variance 0.5 * 5 = 2.5, PC2 is the z axis with variance 0.01.
        double[][] points = {{-1, -2, 0.1}, {0, 0, -0.1}, {1, 2, 0.1}, {0, 0, -0.1}};
        LatentProjection projection = LatentProjection.fit(points);
        assertTrue(projection.isPrincipalComponents());
        double[] explained = projection.explainedVariance();
        // Tolerance 1e-12: a 3x3 symmetric eigenproblem in double precision.
        assertEquals(2.5 / 2.51, explained[0], 1e-12);
        assertEquals(0.01 / 2.51, explained[1], 1e-12);
        double[][] projected = projection.project(points);
        assertEquals(Math.sqrt(5), Math.abs(projected[2][0]), 1e-12, "(1, 2) lies sqrt(5) along PC1");
        assertEquals(0.0, projected[1][0], 1e-12);
        assertEquals(0.1, Math.abs(projected[0][1]), 1e-12, "the z spread is PC2");
        assertEquals("PC1 (100% of variance)", projection.axisTitle(0));
    }

    @Test
    void twoLatentDimensionsArePlottedAsThemselves() {
        double[][] points = {{1, 2}, {3, -4}};
        LatentProjection projection = LatentProjection.fit(points);
        assertArrayEquals(points[1], projection.project(points)[1], 0.0);
        assertEquals("z2", projection.axisTitle(1));
        assertEquals("(none: 1 latent dimension)", LatentProjection.fit(new double[][] {{1}, {2}}).axisTitle(1));
    }

    @Test
    void manifoldCodesArePriorQuantiles() {
        INDArray codes = ManifoldGrid.codes(3);
        assertArrayEquals(new long[] {9, 2}, codes.shape());
        // Phi^-1(0.05) = -1.6448536..., Phi^-1(0.5) = 0, Phi^-1(0.95) = 1.6448536... (normal table).
        double q = 1.6448536269514722;
        // Tolerance 1e-6: the codes are float32.
        assertArrayEquals(new double[] {-q, q}, codes.getRow(0).toDoubleVector(), 1e-6, "top left: z1 low, z2 high");
        assertArrayEquals(new double[] {0, 0}, codes.getRow(4).toDoubleVector(), 1e-6, "centre");
        assertArrayEquals(new double[] {q, -q}, codes.getRow(8).toDoubleVector(), 1e-6, "bottom right");
        assertThrows(IllegalArgumentException.class, () -> ManifoldGrid.codes(1));
    }

    @Test
    void gridsHaveTheDocumentedSizeAndPixels() {
        INDArray images = Nd4j.zeros(5, 4).addi(1.0);
        images.putScalar(new int[] {0, 0}, 0.0);
        BufferedImage plain = ImageGrid.render(List.of(new ImageGrid.Panel(null, images)), 2, 2, 3, 2);
        assertEquals(3 * (2 * 2 + 2) + 2, plain.getWidth());
        assertEquals(2 * (2 * 2 + 2) + 2, plain.getHeight(), "5 images in rows of 3: two rows");
        assertEquals(0, plain.getRaster().getSample(2, 2, 0), "pixel (0,0) of image 0 is black, scaled 2x");
        assertEquals(0, plain.getRaster().getSample(3, 3, 0));
        assertEquals(255, plain.getRaster().getSample(4, 2, 0), "pixel (0,1) is white");
        assertEquals(64, plain.getRaster().getSample(0, 0, 0), "the background");

        BufferedImage titled = ImageGrid.render(List.of(new ImageGrid.Panel("a", images),
                new ImageGrid.Panel("b", images.getRow(0, true))), 2, 2, 3, 2);
        assertEquals(2 * ImageGrid.TITLE_HEIGHT + 3 * (2 * 2 + 2) + 2, titled.getHeight());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> ImageGrid.render(List.of(new ImageGrid.Panel(null, images)), 3, 3, 3, 1));
        assertEquals("images have shape [5, 4]; expected [n, 9] with n >= 1", wrong.getMessage());
    }

    @Test
    void interpolationPairsJoinDifferentClasses() {
        int[] labels = {3, 3, 5, 1, 1, 1, 2};
        int[][] pairs = Interpolations.pairsOfDifferentClasses(labels, 5);
        assertEquals(2, pairs.length);
        assertArrayEquals(new int[] {0, 2}, pairs[0]);
        assertArrayEquals(new int[] {3, 6}, pairs[1]);
        assertEquals(1, Interpolations.pairsOfDifferentClasses(labels, 1).length);
    }
}
