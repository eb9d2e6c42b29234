package io.github.dl4jvae.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** EM's ascent property, recovery of a known mixture, and the seeded start. */
class GaussianMixtureEmTest {
    /**
     * The log-likelihood never decreases, for both covariance forms, several seeds and K = 2..5 on 3-D codes with
     * structure EM has to find. Tolerance 1e-9 relative: EM's own guarantee is exact; what may break it is rounding
     * (about 1e-15 relative) and the default variance floor 1e-6, which moves each M-step off the bound's maximizer
     * by O(1e-6 * step), far below 1e-9 of a log-likelihood of about 4 nats.
     */
    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void theLogLikelihoodNeverDecreases(CovarianceType type) {
        double[][] codes = skewedCodes(400, 11);
        for (long seed = 1; seed <= 6; seed++) {
            int k = 2 + (int) (seed % 4);
            GaussianMixture fitted = GaussianMixture.fit(codes,
                    new MixtureConfig(k, type, 150, 0.0, MixtureConfig.DEFAULT_VARIANCE_FLOOR), seed);
            double[] history = fitted.logLikelihoods();
            assertTrue(history.length >= 5, "seed " + seed + " ran " + history.length + " E-steps");
            for (int t = 1; t < history.length; t++) {
                assertTrue(history[t] >= history[t - 1] - 1e-9 * Math.abs(history[t - 1]),
                        type + ", K " + k + ", seed " + seed + ": step " + t + " fell from " + history[t - 1]
                                + " to " + history[t]);
            }
            assertTrue(history[history.length - 1] > history[0] + 0.05,
                    "EM improved on the start: " + history[0] + " -> " + history[history.length - 1]);
        }
    }

    /**
     * On 3000 draws of {@link KnownMixture} (exact counts 1500/900/600), the full-covariance fit recovers weights,
     * means and covariances. Tolerances are about 4 standard errors of the estimates from 600 draws, the smallest
     * component: weights 0.03 absolute (counts are exact, so only overlap moves them), means 0.15 (sd 1.22 / sqrt(600)
     * = 0.05), covariance entries 0.25 (sd of a variance sigma^2 sqrt(2 / 600) = 0.09 for sigma^2 = 1.5).
     */
    @Test
    void aKnownMixtureIsRecovered() {
        double[][] codes = KnownMixture.draw(3000, 2026);
        GaussianMixture fitted = GaussianMixture.fit(codes, MixtureConfig.of(3, CovarianceType.FULL), 7);
        assertTrue(fitted.converged(), "converged within " + MixtureConfig.DEFAULT_MAX_ITERATIONS + " steps");
        int[] match = KnownMixture.match(fitted);
        for (int k = 0; k < 3; k++) {
            int c = match[k];
            assertEquals(KnownMixture.WEIGHTS[k], fitted.weights()[c], 0.03, "weight of component " + k);
            assertArrayEquals(KnownMixture.MEANS[k], fitted.means()[c], 0.15, "mean of component " + k);
            for (int j = 0; j < 2; j++) {
                assertArrayEquals(KnownMixture.COVARIANCES[k][j], fitted.covariances()[c][j], 0.25,
                        "covariance of component " + k + ", row " + j);
            }
        }
        double weightSum = 0;
        for (double w : fitted.weights()) {
            weightSum += w;
        }
        assertEquals(1.0, weightSum, 1e-12, "weights sum to 1 (rounding only)");
    }

    /** A diagonal fit has zero covariances off the diagonal and recovers the true variances as well. */
    @Test
    void aDiagonalFitKeepsOnlyVariances() {
        double[][] codes = KnownMixture.draw(3000, 2027);
        GaussianMixture fitted = GaussianMixture.fit(codes, MixtureConfig.of(3, CovarianceType.DIAGONAL), 3);
        int[] match = KnownMixture.match(fitted);
        for (int k = 0; k < 3; k++) {
            double[][] s = fitted.covariances()[match[k]];
            assertEquals(0.0, s[0][1], 0.0, "off-diagonal of component " + k);
            assertEquals(0.0, s[1][0], 0.0, "off-diagonal of component " + k);
            assertEquals(KnownMixture.COVARIANCES[k][0][0], s[0][0], 0.25, "variance 0 of component " + k);
            assertEquals(KnownMixture.COVARIANCES[k][1][1], s[1][1], 0.25, "variance 1 of component " + k);
            assertArrayEquals(KnownMixture.MEANS[k], fitted.means()[match[k]], 0.15, "mean of component " + k);
        }
    }

    /** The same codes, settings and seed give the same fit bit for bit; the last log-likelihood is the fit's own. */
    @Test
    void theSeedFixesTheFit() {
        double[][] codes = KnownMixture.draw(500, 5);
        MixtureConfig config = MixtureConfig.of(3, CovarianceType.FULL);
        GaussianMixture a = GaussianMixture.fit(codes, config, 99);
        GaussianMixture b = GaussianMixture.fit(codes, config, 99);
        assertArrayEquals(a.logLikelihoods(), b.logLikelihoods(), 0.0);
        assertArrayEquals(a.weights(), b.weights(), 0.0);
        double[] history = a.logLikelihoods();
        assertEquals(history[history.length - 1], a.meanLogDensity(codes), 1e-12 * Math.abs(history[0]),
                "the mean log-density of the fitted codes is the last recorded log-likelihood (rounding only)");
        assertEquals(a.iterations(), history.length - 1, "one E-step per M-step plus the start's");
    }

    /** K = 1 is the codes' mean and population covariance (plus the floor) after one M-step: closed form. */
    @Test
    void oneComponentIsTheSampleMeanAndCovariance() {
        double[][] codes = {{1, 2}, {3, 1}, {0, 0}, {4, 5}};
        GaussianMixture fitted = GaussianMixture.fit(codes, MixtureConfig.of(1, CovarianceType.FULL), 1);
        // mean (2, 2); deviations (-1,0), (1,-1), (-2,-2), (2,3): S = [[10, 9], [9, 14]] / 4.
        assertArrayEquals(new double[] {2, 2}, fitted.means()[0], 1e-12);
        assertArrayEquals(new double[] {2.5 + 1e-6, 2.25}, fitted.covariances()[0][0], 1e-12);
        assertArrayEquals(new double[] {2.25, 3.5 + 1e-6}, fitted.covariances()[0][1], 1e-12);
        // log N(x; m, S) averaged: -log(2 pi) - 0.5 log det S - 0.5 * mean Mahalanobis (= d = 2 at the MLE).
        double det = (2.5 + 1e-6) * (3.5 + 1e-6) - 2.25 * 2.25;
        double expected = -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 1.0;
        assertEquals(expected, fitted.meanLogDensity(codes), 1e-6, "closed form; the floor shifts the "
                + "Mahalanobis mean by O(1e-6)");
    }

    /** Three correlated, unequal clusters in 3-D. */
    private static double[][] skewedCodes(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] codes = new double[n][];
        for (int i = 0; i < n; i++) {
            int k = i % 3;
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            double c = random.nextGaussian();
            codes[i] = new double[] {3 * k + a, k * a + 0.5 * b, (k == 2 ? 2 : 0.3) * c - k};
        }
        return codes;
    }
}
