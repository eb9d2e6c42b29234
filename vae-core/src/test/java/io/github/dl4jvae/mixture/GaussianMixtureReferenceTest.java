package io.github.dl4jvae.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * EM against an independent numpy implementation: {@code em_reference.py} (next to the fixture in the test
 * resources) ran the same EM from the same explicit start on the same 60 codes and wrote {@code em_reference.json}.
 * Tolerance 1e-9 relative: both sides compute in double and differ only in rounding (Cholesky here, slogdet/solve
 * there; another summation order), about 1e-15 per operation, and 20 EM steps near a fixed point do not amplify it
 * by a million. The script printed the smallest margin over the stopping rule (7e-8 nats), far above that rounding,
 * so both stop at the same step.
 */
class GaussianMixtureReferenceTest {
    private static final double RELATIVE = 1e-9;

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void emMatchesTheNumpyReferenceStepByStep(CovarianceType type) throws IOException {
        JsonNode fixture = fixture();
        JsonNode c = fixture.get("cases").get(type == CovarianceType.FULL ? "full" : "diagonal");
        double[][] codes = matrix(fixture.get("codes"));
        MixtureConfig config = new MixtureConfig(3, type, fixture.get("maxIterations").asInt(),
                fixture.get("tolerance").asDouble(), fixture.get("floor").asDouble());
        JsonNode start = c.get("start");
        GaussianMixture fitted = GaussianMixture.fit(codes, config, new MixtureStart(vector(start.get("weights")),
                matrix(start.get("means")), tensor(start.get("covariances"))));

        JsonNode result = c.get("result");
        double[] expectedHistory = vector(result.get("logLikelihoods"));
        assertEquals(expectedHistory.length, fitted.logLikelihoods().length, "E-steps run");
        assertEquals(20, fitted.iterations(), "the fixture runs all 20 M-steps");
        assertFalse(fitted.converged(), "stopped at the iteration limit");
        assertClose("log-likelihood", expectedHistory, fitted.logLikelihoods());
        assertClose("weights", vector(result.get("weights")), fitted.weights());
        double[][] means = matrix(result.get("means"));
        double[][][] covariances = tensor(result.get("covariances"));
        for (int k = 0; k < 3; k++) {
            assertClose("mean " + k, means[k], fitted.means()[k]);
            for (int j = 0; j < 2; j++) {
                assertClose("covariance " + k + " row " + j, covariances[k][j], fitted.covariances()[k][j]);
            }
        }
        assertEquals(expectedHistory[expectedHistory.length - 1], fitted.meanLogDensity(codes),
                RELATIVE * Math.abs(expectedHistory[expectedHistory.length - 1]),
                "the final parameters' mean log-density is the last recorded log-likelihood");
    }

    private static void assertClose(String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            double tolerance = RELATIVE * Math.abs(expected[i]);
            assertTrue(Math.abs(actual[i] - expected[i]) <= tolerance,
                    what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i] + " (tolerance " + tolerance
                            + ")");
        }
    }

    private static JsonNode fixture() throws IOException {
        try (InputStream in = GaussianMixtureReferenceTest.class.getResourceAsStream("em_reference.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static double[] vector(JsonNode node) {
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asDouble();
        }
        return out;
    }

    static double[][] matrix(JsonNode node) {
        double[][] out = new double[node.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector(node.get(i));
        }
        return out;
    }

    static double[][][] tensor(JsonNode node) {
        double[][][] out = new double[node.size()][][];
        for (int i = 0; i < out.length; i++) {
            out[i] = matrix(node.get(i));
        }
        return out;
    }
}
