package io.github.dl4jvae.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Frechet distance against values computed independently: the closed form of 2 x 2 covariances (for 2 x 2
 * matrices tr(M^(1/2)) = sqrt(tr M + 2 sqrt(det M)), so tr((S1 S2)^(1/2)) = sqrt(tr(S1 S2) + 2 sqrt(det S1 det S2)))
 * and of commuting (diagonal) covariances, to 1e-12; scipy's {@code sqrtm} formula of the reference FID code on two
 * 6-dimensional Gaussians (quality_reference.json), to 1e-9 relative; the estimate from 100,000 draws of each of two
 * 3-dimensional Gaussians within the estimator's bias plus 5 standard deviations of the closed form (both measured
 * over 200 numpy repetitions, quality_reference.py); 0 for identical sets (to 1e-9 of the traces, the round-off of
 * eigenvalues of S^2 near 0); symmetry; and bad input named.
 */
class FrechetDistanceTest {

    @Test
    void twoByTwoCovariancesMatchTheClosedForm() {
        double[][] s1 = {{2, 0.5}, {0.5, 1}};
        double[][] s2 = {{1, -0.3}, {-0.3, 3}};
        double[] mu1 = {1, 2};
        double[] mu2 = {0, 0.5};
        double trProduct = 2 * 1 + 0.5 * -0.3 + 0.5 * -0.3 + 1 * 3;
        double dets = (2 * 1 - 0.25) * (1 * 3 - 0.09);
        double expected = 1 + 2.25 + 3 + 4 - 2 * Math.sqrt(trProduct + 2 * Math.sqrt(dets));

        double actual = FrechetDistance.between(FeatureStatistics.of(mu1, s1), FeatureStatistics.of(mu2, s2));

        assertEquals(expected, actual, 1e-12);
    }

    @Test
    void diagonalCovariancesGiveTheSumOfSquaredRootDifferences() {
        double[] a = {4, 1, 0.25, 9};
        double[] b = {1, 1, 1, 16};
        double[][] s1 = new double[4][4];
        double[][] s2 = new double[4][4];
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            s1[i][i] = a[i];
            s2[i][i] = b[i];
            expected += (Math.sqrt(a[i]) - Math.sqrt(b[i])) * (Math.sqrt(a[i]) - Math.sqrt(b[i]));
        }
        double[] shift = {0, 0, 3, 0};

        assertEquals(expected, FrechetDistance.between(FeatureStatistics.of(new double[4], s1),
                FeatureStatistics.of(new double[4], s2)), 1e-12);
        assertEquals(expected + 9, FrechetDistance.between(FeatureStatistics.of(shift, s1),
                FeatureStatistics.of(new double[4], s2)), 1e-12);
    }

    @Test
    void sixDimensionalGaussiansMatchScipysSqrtm() {
        JsonNode reference = QualityReference.get("frechet");
        FeatureStatistics first = FeatureStatistics.of(QualityReference.vector(reference.get("mean1")),
                QualityReference.matrix(reference.get("covariance1")));
        FeatureStatistics second = FeatureStatistics.of(QualityReference.vector(reference.get("mean2")),
                QualityReference.matrix(reference.get("covariance2")));
        double expected = reference.get("distance").asDouble();

        assertEquals(expected, FrechetDistance.between(first, second), 1e-9 * expected);
        assertEquals(expected, FrechetDistance.between(second, first), 1e-9 * expected, "symmetric");
    }

    @Test
    void theEstimateFromDrawsApproachesTheClosedForm() {
        double[] meanA = {0, 1, -1};
        double[] meanB = {0.5, 0, -1.5};
        double[][] covarianceA = {{2, 0.6, 0}, {0.6, 1, 0.3}, {0, 0.3, 0.5}};
        double[][] covarianceB = {{1, -0.2, 0.1}, {-0.2, 1.5, 0}, {0.1, 0, 0.8}};
        JsonNode spread = QualityReference.get("sampleSpread");
        int n = spread.get("n").asInt();
        double closedForm = spread.get("closedForm").asDouble();
        double tolerance = Math.abs(spread.get("bias").asDouble()) + 5 * spread.get("standardDeviation").asDouble();

        assertEquals(closedForm, FrechetDistance.between(FeatureStatistics.of(meanA, covarianceA),
                FeatureStatistics.of(meanB, covarianceB)), 1e-12, "the exact statistics give scipy's value");
        double estimate = FrechetDistance.between(draws(meanA, covarianceA, n, 1), draws(meanB, covarianceB, n, 2));
        assertEquals(closedForm, estimate, tolerance);
        assertTrue(tolerance < 0.1 * closedForm, "a test that can fail: tolerance " + tolerance);
    }

    @Test
    void identicalSetsAreAtDistanceZero() {
        double[][] features = draws(new double[] {1, 2, 3, 4, 5}, new double[][] {{3, 1, 0, 0, 0}, {1, 2, 0, 0, 0},
                {0, 0, 1, 0.5, 0}, {0, 0, 0.5, 1, 0}, {0, 0, 0, 0, 0.1}}, 2000, 7);
        FeatureStatistics statistics = FeatureStatistics.of(features);
        double traces = 0;
        for (int i = 0; i < 5; i++) {
            traces += 2 * statistics.covariance()[i][i];
        }

        double distance = FrechetDistance.between(features, features);

        assertTrue(distance >= 0 && distance <= 1e-9 * traces, "distance " + distance + ", traces " + traces);
    }

    @Test
    void badInputIsNamed() {
        double[][] three = {{1, 2, 3}, {2, 3, 4}};
        double[][] two = {{1, 2}, {3, 5}};
        assertEquals("the two sets of features have 3 and 2 dimensions; expected the same",
                assertThrows(IllegalArgumentException.class, () -> FrechetDistance.between(three, two)).getMessage());
        assertEquals("features have 1 rows; expected at least 2", assertThrows(IllegalArgumentException.class,
                () -> FrechetDistance.between(new double[][] {{1, 2}}, two)).getMessage());
        assertEquals("features row 1 holds NaN at dimension 0; expected finite numbers",
                assertThrows(IllegalArgumentException.class, () -> FrechetDistance.between(two,
                        new double[][] {{1, 2}, {Double.NaN, 1}})).getMessage());
        FeatureStatistics notACovariance = FeatureStatistics.of(new double[2], new double[][] {{1, 0}, {0, -1}});
        assertEquals("the first covariance is not positive semi-definite: it has the eigenvalue -1.0 (largest 1.0); "
                + "expected a covariance matrix", assertThrows(IllegalArgumentException.class,
                        () -> FrechetDistance.between(notACovariance, notACovariance)).getMessage());
        assertEquals("covariance has 1 rows; expected 2, the mean's dimension", assertThrows(
                IllegalArgumentException.class, () -> FeatureStatistics.of(new double[2], new double[][] {{1, 0}}))
                .getMessage());
    }

    /** {@code n} draws of N(mean, covariance) from a seeded generator, through the Cholesky factor. */
    static double[][] draws(double[] mean, double[][] covariance, int n, long seed) {
        int d = mean.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = covariance[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(sum) : sum / l[j][j];
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[][] draws = new double[n][d];
        double[] e = new double[d];
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < d; j++) {
                e[j] = random.nextGaussian();
            }
            for (int i = 0; i < d; i++) {
                double value = mean[i];
                for (int k = 0; k <= i; k++) {
                    value += l[i][k] * e[k];
                }
                draws[s][i] = value;
            }
        }
        return draws;
    }
}
