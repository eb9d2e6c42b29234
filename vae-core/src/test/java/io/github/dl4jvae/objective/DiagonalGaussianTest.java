package io.github.dl4jvae.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The closed forms against independent numbers: KL divergences against numerical integration of
 * q log(q/p) (Simpson's rule on [-30, 30] with 60,001 points, error far below the 1e-7 tolerance for these
 * smooth integrands), log-densities against the formula evaluated with java.lang.Math.
 */
class DiagonalGaussianTest {
    private static final double[] MU_Q = {0.0, 1.5, -0.7};
    private static final double[] LOG_VAR_Q = {0.0, -1.2, 0.8};
    private static final double[] MU_P = {0.3, -0.5, 0.0};
    private static final double[] LOG_VAR_P = {0.5, 0.1, -0.4};

    private static double normalDensity(double z, double mu, double logVar) {
        double var = Math.exp(logVar);
        return Math.exp(-(z - mu) * (z - mu) / (2 * var)) / Math.sqrt(2 * Math.PI * var);
    }

    private static double simpson(DoubleUnaryOperator f) {
        int n = 60_000;
        double a = -30;
        double h = 60.0 / n;
        double sum = f.applyAsDouble(a) + f.applyAsDouble(a + n * h);
        for (int i = 1; i < n; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(a + i * h);
        }
        return sum * h / 3;
    }

    private static double integratedKl(double muQ, double logVarQ, double muP, double logVarP) {
        return simpson(z -> {
            double q = normalDensity(z, muQ, logVarQ);
            return q == 0 ? 0 : q * (Math.log(q) - Math.log(normalDensity(z, muP, logVarP)));
        });
    }

    private static INDArray row(double... values) {
        return Nd4j.createFromArray(new double[][] {values});
    }

    @Test
    void klToStandardNormalMatchesNumericalIntegration() {
        double expected = 0;
        for (int i = 0; i < MU_Q.length; i++) {
            expected += integratedKl(MU_Q[i], LOG_VAR_Q[i], 0, 0);
        }
        SameDiff sd = SameDiff.create();
        SDVariable kl = DiagonalGaussian.klToStandardNormal(sd, sd.constant(row(MU_Q)), sd.constant(row(LOG_VAR_Q)), 1);
        assertEquals(expected, kl.eval().getDouble(0), 1e-7);
    }

    @Test
    void klBetweenDiagonalGaussiansMatchesNumericalIntegration() {
        double expected = 0;
        for (int i = 0; i < MU_Q.length; i++) {
            expected += integratedKl(MU_Q[i], LOG_VAR_Q[i], MU_P[i], LOG_VAR_P[i]);
        }
        SameDiff sd = SameDiff.create();
        SDVariable kl = DiagonalGaussian.klBetween(sd, sd.constant(row(MU_Q)), sd.constant(row(LOG_VAR_Q)),
                sd.constant(row(MU_P)), sd.constant(row(LOG_VAR_P)), 1);
        assertEquals(expected, kl.eval().getDouble(0), 1e-7);
    }

    @Test
    void klBetweenReducesToStandardNormalCaseAndIsZeroForEqualDistributions() {
        SameDiff sd = SameDiff.create();
        SDVariable mu = sd.constant(row(MU_Q));
        SDVariable logVar = sd.constant(row(LOG_VAR_Q));
        SDVariable zeros = sd.constant(row(0, 0, 0));
        double general = DiagonalGaussian.klBetween(sd, mu, logVar, zeros, zeros, 1).eval().getDouble(0);
        double special = DiagonalGaussian.klToStandardNormal(sd, mu, logVar, 1).eval().getDouble(0);
        assertEquals(special, general, 1e-12);
        assertEquals(0.0, DiagonalGaussian.klBetween(sd, mu, logVar, mu, logVar, 1).eval().getDouble(0), 1e-12);
    }

    @Test
    void logDensitiesMatchTheFormula() {
        double[] z = {0.2, -1.0, 2.5};
        double expected = 0;
        double expectedStandard = 0;
        for (int i = 0; i < z.length; i++) {
            expected += Math.log(normalDensity(z[i], MU_Q[i], LOG_VAR_Q[i]));
            expectedStandard += Math.log(normalDensity(z[i], 0, 0));
        }
        SameDiff sd = SameDiff.create();
        SDVariable zv = sd.constant(row(z));
        assertEquals(expected, DiagonalGaussian.logDensity(sd, zv, sd.constant(row(MU_Q)), sd.constant(row(LOG_VAR_Q)), 1)
                .eval().getDouble(0), 1e-12);
        assertEquals(expectedStandard, DiagonalGaussian.standardLogDensity(sd, zv, 1).eval().getDouble(0), 1e-12);
    }
}
