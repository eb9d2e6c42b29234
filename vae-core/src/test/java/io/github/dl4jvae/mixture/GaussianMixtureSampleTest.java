package io.github.dl4jvae.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Draws of a mixture with known parameters ({@link KnownMixture}) against its closed-form moments. */
class GaussianMixtureSampleTest {
    private static final int N = 200_000;

    private static GaussianMixture known() {
        double[][][] covariances = new double[3][][];
        double[][] means = new double[3][];
        for (int k = 0; k < 3; k++) {
            means[k] = KnownMixture.MEANS[k].clone();
            covariances[k] = new double[][] {KnownMixture.COVARIANCES[k][0].clone(),
                KnownMixture.COVARIANCES[k][1].clone()};
        }
        return new GaussianMixture(CovarianceType.FULL, KnownMixture.WEIGHTS.clone(), means, covariances,
                new double[0], false);
    }

    /**
     * The sample mean and covariance of 200,000 draws match the mixture's, E z = sum pi_k mu_k and
     * Cov z = sum pi_k (Sigma_k + mu_k mu_k^T) - E z E z^T (here mean (1.7, 1.3), variances 5.76 and 4.41).
     * Tolerances about 5 standard errors: mean sqrt(5.76 / 2e5) = 0.0054 -> 0.025; covariance entries, whose
     * standard error is at most sqrt(E z^4 / N) ~ 0.02 for these heavy-tailed mixtures, -> 0.1.
     */
    @Test
    void drawsHaveTheMixturesMoments() {
        double[][] draws = known().sample(N, 42);
        double[] expectedMean = new double[2];
        double[][] second = new double[2][2];
        for (int k = 0; k < 3; k++) {
            double w = KnownMixture.WEIGHTS[k];
            double[] m = KnownMixture.MEANS[k];
            for (int a = 0; a < 2; a++) {
                expectedMean[a] += w * m[a];
                for (int b = 0; b < 2; b++) {
                    second[a][b] += w * (KnownMixture.COVARIANCES[k][a][b] + m[a] * m[b]);
                }
            }
        }
        double[] mean = new double[2];
        for (double[] z : draws) {
            mean[0] += z[0] / N;
            mean[1] += z[1] / N;
        }
        assertArrayEquals(expectedMean, mean, 0.025, "sample mean");
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                double sum = 0;
                for (double[] z : draws) {
                    sum += (z[a] - mean[a]) * (z[b] - mean[b]);
                }
                double expected = second[a][b] - expectedMean[a] * expectedMean[b];
                assertEquals(expected, sum / N, 0.1, "sample covariance (" + a + ", " + b + ")");
            }
        }
    }

    /**
     * Draws nearest each component's mean come in the mixture's proportions. The components are 2.3 to 2.6 standard
     * deviations from the midpoints between means, so about 1% of a component's draws land nearer another mean and
     * move the shares by under 0.01; the binomial standard error from 2e5 draws is 0.001. Tolerance 0.015.
     */
    @Test
    void componentsAreChosenByWeight() {
        double[][] draws = known().sample(N, 43);
        double[] share = new double[3];
        for (double[] z : draws) {
            int nearest = 0;
            for (int k = 1; k < 3; k++) {
                if (Math.hypot(z[0] - KnownMixture.MEANS[k][0], z[1] - KnownMixture.MEANS[k][1])
                        < Math.hypot(z[0] - KnownMixture.MEANS[nearest][0], z[1] - KnownMixture.MEANS[nearest][1])) {
                    nearest = k;
                }
            }
            share[nearest] += 1.0 / N;
        }
        assertArrayEquals(KnownMixture.WEIGHTS, share, 0.015, "share of draws per component");
    }

    @Test
    void theSeedFixesTheDraws() {
        GaussianMixture mixture = known();
        double[][] a = mixture.sample(50, 7);
        double[][] b = mixture.sample(50, 7);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0, "draw " + i + " of seed 7 twice");
        }
        assertFalse(Arrays.deepEquals(a, mixture.sample(50, 8)), "seed 8 draws other codes");
        double[][] longer = mixture.sample(60, 7);
        assertArrayEquals(a[49], longer[49], 0.0, "a longer run with the same seed starts with the same draws");
    }

    /** log p(z) of one code against the closed form of a one-component 2-D Gaussian. */
    @Test
    void logDensityIsTheGaussiansClosedForm() {
        GaussianMixture one = new GaussianMixture(CovarianceType.FULL, new double[] {1.0},
                new double[][] {{1, 2}}, new double[][][] {{{2, 0.5}, {0.5, 1}}}, new double[0], false);
        // det = 1.75; inverse = [[1, -0.5], [-0.5, 2]] / 1.75; z - mu = (1, -1): quadratic form (1 + 1 + 2) / 1.75.
        double expected = -Math.log(2 * Math.PI) - 0.5 * Math.log(1.75) - 0.5 * 4 / 1.75;
        assertEquals(expected, one.logDensity(new double[] {2, 1}), 1e-14, "closed form, rounding only");
        assertEquals(expected, one.meanLogDensity(new double[][] {{2, 1}, {0, 3}}), 1e-14,
                "(0, 3) is the mirror point, so the same density");
    }
}
