package io.github.dl4jvae.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.data.FashionMnist;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.data.Split;
import io.github.dl4jvae.data.VaeData;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The figures of images in the shipped classifier's feature space: the embedded test images against themselves score
 * a Frechet distance of 0 (to 1e-9 of the features' total variance, the round-off bound of {@link FrechetDistanceTest})
 * and precision and recall 1; uniform noise against them scores a distance over 5 times that of one half of the
 * images against the other, recall 0 (its balls hold no garment) and a precision well below the halves' (some noise
 * falls into the large balls of outlying real images, a known trait of the k-NN estimate); bad arguments are named.
 */
class SampleQualityTest {

    @Test
    void imagesAgainstThemselvesScoreZeroAndOneAndNoiseScoresFarAndImprecise() throws IOException {
        FeatureClassifier classifier = FeatureClassifier.shipped();
        INDArray real = VaeData.load(FashionMnist.embeddedSubset(), Split.TEST, Preprocessing.defaults(), 1)
                .getFeatures();

        SampleQuality same = SampleQuality.of(classifier, real, real, 3);
        double[][] features = classifier.features(real);
        double variance = 0;
        double[][] covariance = FeatureStatistics.of(features).covariance();
        for (int i = 0; i < covariance.length; i++) {
            variance += covariance[i][i];
        }
        assertTrue(same.frechetDistance() <= 1e-9 * 2 * variance, "distance " + same.frechetDistance());
        assertEquals(1.0, same.precision(), 0.0);
        assertEquals(1.0, same.recall(), 0.0);
        assertEquals(new SampleQuality(same.frechetDistance(), 1, 1, 3, 1000, 1000, 128), same);

        Nd4j.getRandom().setSeed(5);
        SampleQuality noise = SampleQuality.of(classifier, Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT,
                1000, 784), real, 3);
        SampleQuality halves = SampleQuality.of(classifier, real.getRows(range(0, 500)), real.getRows(range(500,
                1000)), 3);
        assertTrue(noise.frechetDistance() > 5 * halves.frechetDistance(), noise + " vs " + halves);
        assertEquals(0.0, noise.recall(), 0.0, "noise covers none of the garments");
        assertTrue(noise.precision() < halves.precision() - 0.3, noise + " vs " + halves);
        assertTrue(halves.precision() > 0.8 && halves.recall() > 0.8, halves.toString());
    }

    @Test
    void badArgumentsAreNamed() {
        assertEquals("classifier is null; expected FeatureClassifier.shipped() or one of FeatureClassifier.of(network, "
                + "layer)", assertThrows(IllegalArgumentException.class,
                        () -> SampleQuality.of(null, Nd4j.zeros(2, 784), Nd4j.zeros(2, 784), 1)).getMessage());
        double[][] two = {{1, 2}, {2, 1}};
        assertEquals("k must be in [1, 1] for 2 generated and 2 real features (each needs k other points of its set), "
                + "got 2", assertThrows(IllegalArgumentException.class, () -> SampleQuality.ofFeatures(two, two, 2))
                .getMessage());
    }

    private static int[] range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).toArray();
    }
}
