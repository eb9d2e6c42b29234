package io.github.dl4jvae.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad settings and codes are refused at the door with one-line messages (asserted whole). */
class GaussianMixtureInputTest {
    private static final double[][] CODES = {{0, 0}, {1, 0}, {0, 1}};
    private static final MixtureConfig TWO = MixtureConfig.of(2, CovarianceType.DIAGONAL);

    @Test
    void settingsAreValidated() {
        assertMessage("components must be in [1, 10000], got 0", () -> MixtureConfig.of(0, CovarianceType.FULL));
        assertMessage("covariance is required (DIAGONAL or FULL) but was null", () -> MixtureConfig.of(2, null));
        assertMessage("maxIterations must be in [1, 100000], got 0",
                () -> new MixtureConfig(2, CovarianceType.FULL, 0, 1e-6, 1e-6));
        assertMessage("tolerance must be in [0, 1), got 1.0",
                () -> new MixtureConfig(2, CovarianceType.FULL, 10, 1.0, 1e-6));
        assertMessage("tolerance must be in [0, 1), got NaN",
                () -> new MixtureConfig(2, CovarianceType.FULL, 10, Double.NaN, 1e-6));
        assertMessage("varianceFloor must be in [0, 1000000], got -1.0E-6",
                () -> new MixtureConfig(2, CovarianceType.FULL, 10, 1e-6, -1e-6));
        MixtureConfig defaults = MixtureConfig.of(3, CovarianceType.FULL);
        assertEquals(new MixtureConfig(3, CovarianceType.FULL, 200, 1e-6, 1e-6), defaults, "documented defaults");
    }

    /** The settings are a record that Jackson writes and reads back unchanged, validating on the way in. */
    @Test
    void settingsRoundTripThroughJson() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        MixtureConfig config = new MixtureConfig(4, CovarianceType.DIAGONAL, 50, 1e-8, 1e-4);
        String text = json.writeValueAsString(config);
        assertEquals("{\"components\":4,\"covariance\":\"DIAGONAL\",\"maxIterations\":50,\"tolerance\":1.0E-8,"
                + "\"varianceFloor\":1.0E-4}", text);
        assertEquals(config, json.readValue(text, MixtureConfig.class));
        Exception bad = assertThrows(Exception.class, () -> json.readValue(text.replace("\"components\":4",
                "\"components\":0"), MixtureConfig.class));
        assertEquals("components must be in [1, 10000], got 0", rootCause(bad).getMessage());
    }

    private static Throwable rootCause(Throwable e) {
        return e.getCause() == null ? e : rootCause(e.getCause());
    }

    @Test
    void codesAreValidated() {
        assertMessage("components must be at most the number of codes (3), got 4",
                () -> GaussianMixture.fit(CODES, MixtureConfig.of(4, CovarianceType.FULL), 1));
        assertMessage("codes are empty; expected [n, d] with n >= 1 and d >= 1",
                () -> GaussianMixture.fit(new double[0][], TWO, 1));
        assertMessage("codes are empty; expected [n, d] with n >= 1 and d >= 1",
                () -> GaussianMixture.fit(null, TWO, 1));
        assertMessage("codes have 0 dimensions; expected [n, d] with n >= 1 and d >= 1",
                () -> GaussianMixture.fit(new double[3][0], TWO, 1));
        assertMessage("codes row 1 holds NaN at dimension 0; expected finite numbers",
                () -> GaussianMixture.fit(new double[][] {{0, 0}, {Double.NaN, 1}, {2, 2}}, TWO, 1));
        assertMessage("codes row 2 holds Infinity at dimension 1; expected finite numbers",
                () -> GaussianMixture.fit(new double[][] {{0, 0}, {1, 1}, {2, Double.POSITIVE_INFINITY}}, TWO, 1));
        assertMessage("codes row 2 has 3 dimensions; expected 2, row 0's",
                () -> GaussianMixture.fit(new double[][] {{0, 0}, {1, 1}, {2, 2, 2}}, TWO, 1));
        assertMessage("config is required but was null", () -> GaussianMixture.fit(CODES, null, 1));
    }

    @Test
    void pointsAndSampleCountsAreValidated() {
        GaussianMixture fitted = GaussianMixture.fit(CODES, TWO, 1);
        assertMessage("points row 0 has 3 dimensions; expected 2, the mixture's",
                () -> fitted.meanLogDensity(new double[][] {{0, 0, 0}}));
        assertMessage("points row 1 has 1 dimensions; expected 2, the mixture's",
                () -> fitted.meanLogDensity(new double[][] {{0, 0}, {1}}));
        assertMessage("points row 0 holds NaN at dimension 1; expected finite numbers",
                () -> fitted.logDensity(new double[] {0, Double.NaN}));
        assertMessage("points are empty; expected [n, d] with n >= 1 and d >= 1",
                () -> fitted.meanLogDensity(new double[0][]));
        assertMessage("number of samples must be >= 1, got 0", () -> fitted.sample(0, 1));
    }

    /** Identical codes leave no spread: with floor 0 the start's covariance is singular, and the message says so. */
    @Test
    void aSingularCovarianceNamesTheFloor() {
        double[][] same = {{1, 1}, {1, 1}};
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> GaussianMixture.fit(same,
                new MixtureConfig(1, CovarianceType.FULL, 10, 1e-6, 0.0), 1));
        assertEquals("the covariance of mixture component 0 is not positive definite (pivot 0 is 0.0); expected a "
                + "variance floor > 0 or codes that spread in every dimension", e.getMessage());
        GaussianMixture floored = GaussianMixture.fit(same, MixtureConfig.of(1, CovarianceType.FULL), 1);
        assertEquals(1e-6, floored.covariances()[0][0][0], 1e-18, "the default floor makes it the floor itself");
    }

    private static void assertMessage(String expected, Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
