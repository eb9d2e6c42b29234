package io.github.dl4jvae.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.Likelihood;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** log p(x|z) of each observation model against values computed by hand with java.lang.Math (tolerance 1e-12 in double). */
class ObservationModelTest {
    private static final double[] X = {1.0, 0.0, 0.5, 0.25};

    private static double logProbability(Likelihood likelihood, double fixedVariance, double[] x, double[] parameters,
                                         DataType type) {
        SameDiff sd = SameDiff.create();
        INDArray x3 = Nd4j.createFromArray(new double[][][] {{x}}).castTo(type);
        INDArray p3 = Nd4j.createFromArray(new double[][][] {{parameters}}).castTo(type);
        return ObservationModel.of(likelihood, fixedVariance)
                .logProbability(sd, sd.constant(x3), sd.constant(p3), x.length).eval().getDouble(0);
    }

    @Test
    void bernoulliIsBinaryCrossEntropyOnLogits() {
        double[] logits = {2.0, -1.0, 0.0, 3.5};
        double expected = 0;
        for (int i = 0; i < X.length; i++) {
            double p = 1 / (1 + Math.exp(-logits[i]));
            expected += X[i] * Math.log(p) + (1 - X[i]) * Math.log(1 - p);
        }
        assertEquals(expected, logProbability(Likelihood.BERNOULLI, 1, X, logits, DataType.DOUBLE), 1e-12);
    }

    @Test
    void bernoulliIsFiniteForExtremeLogitsInFloat() {
        double[] logits = {200.0, -200.0, 200.0, -200.0};
        double[] x = {1.0, 0.0, 0.0, 1.0};
        // log p = 0 + 0 + log(1 - sigmoid(200)) + log(sigmoid(-200)) = -200 - 200 (up to e^-200).
        double value = logProbability(Likelihood.BERNOULLI, 1, x, logits, DataType.FLOAT);
        assertTrue(Double.isFinite(value));
        assertEquals(-400.0, value, 1e-3);
    }

    /**
     * [2 samples, 3 examples, d values] in float, with logits up to |l| = 60, for d = 784 (the sum of logarithms as 7
     * chunk products of 112 values) and d = 127 (a prime above the largest chunk: one logarithm per value), against
     * the exact sums in double, within 16 float epsilons (1e-6) of the sum of the terms' magnitudes: a float sum's
     * rounding, which the chunk products must not exceed.
     */
    @Test
    void bernoulliOverManyValuesInFloatIsTheExactSumWithinRounding() {
        assertEquals(112, ValueSums.chunk(784));
        assertEquals(1, ValueSums.chunk(127));
        for (int d : new int[] {784, 127}) {
            java.util.Random random = new java.util.Random(d);
            double[][][] logits = new double[2][3][d];
            double[][][] x = new double[1][3][d];
            for (int e = 0; e < 3; e++) {
                for (int j = 0; j < d; j++) {
                    x[0][e][j] = random.nextInt(3) / 2.0;
                    for (int s = 0; s < 2; s++) {
                        logits[s][e][j] = j % 97 == 0 ? 60 * (random.nextDouble() * 2 - 1) : 5 * random.nextGaussian();
                    }
                }
            }
            SameDiff sd = SameDiff.create();
            INDArray l3 = Nd4j.createFromArray(logits).castTo(DataType.FLOAT);
            INDArray x3 = Nd4j.createFromArray(x).castTo(DataType.FLOAT);
            INDArray values = ObservationModel.of(Likelihood.BERNOULLI, 1)
                    .logProbability(sd, sd.constant(x3), sd.constant(l3), d).eval();
            assertArrayEquals(new long[] {2, 3}, values.shape());
            for (int s = 0; s < 2; s++) {
                for (int e = 0; e < 3; e++) {
                    double expected = 0;
                    double magnitude = 0;
                    for (int j = 0; j < d; j++) {
                        double l = (float) logits[s][e][j];
                        double term = x[0][e][j] * l - (Math.max(l, 0) + Math.log1p(Math.exp(-Math.abs(l))));
                        expected += term;
                        magnitude += Math.abs(term);
                    }
                    assertEquals(expected, values.getDouble(s, e), 1e-6 * magnitude,
                            "d " + d + ", sample " + s + ", example " + e + " (16 float epsilons of sum |term|)");
                }
            }
        }
    }

    @Test
    void fixedVarianceGaussianIsScaledLeastSquares() {
        double[] mean = {0.9, 0.2, 0.4, 0.0};
        double variance = 0.5;
        double expected = 0;
        for (int i = 0; i < X.length; i++) {
            expected += -0.5 * Math.log(2 * Math.PI * variance) - (X[i] - mean[i]) * (X[i] - mean[i]) / (2 * variance);
        }
        assertEquals(expected, logProbability(Likelihood.GAUSSIAN_FIXED_VARIANCE, variance, X, mean, DataType.DOUBLE),
                1e-12);
    }

    @Test
    void learnedVarianceGaussianUsesMeansThenLogVariances() {
        double[] parameters = {0.9, 0.2, 0.4, 0.0, -1.0, 0.0, 0.5, -2.0};
        double expected = 0;
        for (int i = 0; i < X.length; i++) {
            double var = Math.exp(parameters[4 + i]);
            double diff = X[i] - parameters[i];
            expected += -0.5 * Math.log(2 * Math.PI * var) - diff * diff / (2 * var);
        }
        assertEquals(expected, logProbability(Likelihood.GAUSSIAN_LEARNED_VARIANCE, 1, X, parameters, DataType.DOUBLE),
                1e-12);
    }

    @Test
    void meansAreSigmoidOrTheMeanColumns() {
        SameDiff sd = SameDiff.create();
        INDArray parameters = Nd4j.createFromArray(new double[][] {{0.0, 2.0, 5.0, -1.0}});
        INDArray bernoulli = ObservationModel.of(Likelihood.BERNOULLI, 1).mean(sd, sd.constant(parameters), 4).eval();
        assertEquals(0.5, bernoulli.getDouble(0), 1e-12);
        assertEquals(1 / (1 + Math.exp(-2.0)), bernoulli.getDouble(1), 1e-12);
        INDArray learned = ObservationModel.of(Likelihood.GAUSSIAN_LEARNED_VARIANCE, 1)
                .mean(sd, sd.constant(parameters), 2).eval();
        assertEquals(Nd4j.createFromArray(new double[][] {{0.0, 2.0}}), learned);
    }
}
