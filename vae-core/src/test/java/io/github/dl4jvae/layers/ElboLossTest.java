package io.github.dl4jvae.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.KlEstimator;
import io.github.dl4jvae.config.Likelihood;
import io.github.dl4jvae.config.VaeConfig;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link ElboLoss} against values computed here independently in Java doubles: the Bernoulli term from its textbook
 * form {@code -(x log s + (1 - x) log(1 - s))} with {@code s = sigmoid(l)} (the loss uses the softplus form), the
 * Gaussian terms from the normal density, the penalty column added as is. Tolerance 1e-12 relative (double
 * arithmetic in a different order). Gradients against central differences of the loss (step 1e-6, tolerance 1e-7
 * absolute: truncation ~1e-12, round-off ~1e-10).
 */
class ElboLossTest {
    private static final ActivationIdentity IDENTITY = new ActivationIdentity();

    private static INDArray matrix(double[][] values) {
        return Nd4j.createFromArray(values).castTo(DataType.DOUBLE);
    }

    @Test
    void bernoulliMatchesTheCrossEntropyFormPlusThePenalty() {
        double[][] x = {{1.0, 0.0, 0.5}, {0.2, 1.0, 0.0}};
        double[][] logits = {{2.0, -1.0, 0.0}, {-3.0, 4.0, 0.7}};
        double[] penalty = {0.3, 1.25};
        INDArray input = matrix(new double[][] {{2.0, -1.0, 0.0, 0.3}, {-3.0, 4.0, 0.7, 1.25}});
        INDArray scores = new ElboLoss(Likelihood.BERNOULLI, 1.0, 1).computeScoreArray(matrix(x), input, IDENTITY, null);
        assertArrayEquals(new long[] {2, 1}, scores.shape());
        for (int i = 0; i < 2; i++) {
            double expected = penalty[i];
            for (int j = 0; j < 3; j++) {
                double s = 1 / (1 + Math.exp(-logits[i][j]));
                expected -= x[i][j] * Math.log(s) + (1 - x[i][j]) * Math.log(1 - s);
            }
            assertEquals(expected, scores.getDouble(i, 0), 1e-12 * expected);
        }
    }

    @Test
    void bernoulliIsFiniteForExtremeLogits() {
        INDArray x = matrix(new double[][] {{1.0, 0.0, 1.0, 0.0}});
        INDArray logits = matrix(new double[][] {{1000.0, -1000.0, -1000.0, 1000.0}});
        double score = new ElboLoss(Likelihood.BERNOULLI, 1.0, 0).computeScore(x, logits, IDENTITY, null, false);
        // softplus(l) - x l: 0 for the two confident right answers, 1000 for each confident wrong one.
        assertEquals(2000.0, score, 1e-9);
    }

    @Test
    void gaussianFixedVarianceIsTheNegativeNormalLogDensity() {
        double v = 0.5;
        double[][] x = {{0.1, 0.9}, {0.4, 0.0}};
        double[][] mean = {{0.3, 0.2}, {-1.0, 0.5}};
        INDArray input = matrix(new double[][] {{0.3, 0.2, 2.0}, {-1.0, 0.5, 0.0}});
        INDArray scores = new ElboLoss(Likelihood.GAUSSIAN_FIXED_VARIANCE, v, 1).computeScoreArray(matrix(x), input,
                IDENTITY, null);
        double[] penalty = {2.0, 0.0};
        for (int i = 0; i < 2; i++) {
            double expected = penalty[i];
            for (int j = 0; j < 2; j++) {
                expected -= Math.log(Math.exp(-Math.pow(x[i][j] - mean[i][j], 2) / (2 * v)) / Math.sqrt(2 * Math.PI * v));
            }
            assertEquals(expected, scores.getDouble(i, 0), 1e-12 * Math.abs(expected));
        }
    }

    @Test
    void gaussianLearnedVarianceReadsMeansThenLogVariances() {
        double[][] x = {{0.1, 0.9}};
        double[] mean = {0.3, 0.2};
        double[] logVariance = {-1.0, 0.5};
        INDArray input = matrix(new double[][] {{0.3, 0.2, -1.0, 0.5, 0.0}});
        double score = new ElboLoss(Likelihood.GAUSSIAN_LEARNED_VARIANCE, 1.0, 1).computeScore(matrix(x), input,
                IDENTITY, null, false);
        double expected = 0;
        for (int j = 0; j < 2; j++) {
            double variance = Math.exp(logVariance[j]);
            expected -= Math.log(Math.exp(-Math.pow(x[0][j] - mean[j], 2) / (2 * variance))
                    / Math.sqrt(2 * Math.PI * variance));
        }
        assertEquals(expected, score, 1e-12 * Math.abs(expected));
    }

    @ParameterizedTest
    @EnumSource(Likelihood.class)
    void gradientMatchesFiniteDifferences(Likelihood likelihood) {
        int d = 3;
        int m = likelihood.parametersPerValue();
        ElboLoss loss = new ElboLoss(likelihood, 0.7, 1);
        INDArray x = TestNetworks.data(2, d, 5);
        INDArray input = TestNetworks.data(2, d * m + 1, 6).subi(0.5).muli(4);
        INDArray mask = Nd4j.createFromArray(new double[][] {{1.0}, {0.0}});
        for (INDArray maskOrNone : new INDArray[] {null, mask}) {
            INDArray gradient = loss.computeGradient(x, input, IDENTITY, maskOrNone);
            assertArrayEquals(input.shape(), gradient.shape());
            for (int i = 0; i < input.length(); i++) {
                double original = input.getDouble(i);
                input.putScalar(i, original + 1e-6);
                double plus = loss.computeScore(x, input, IDENTITY, maskOrNone, false);
                input.putScalar(i, original - 1e-6);
                double minus = loss.computeScore(x, input, IDENTITY, maskOrNone, false);
                input.putScalar(i, original);
                assertEquals((plus - minus) / 2e-6, gradient.getDouble(i), 1e-7, likelihood + " entry " + i);
            }
        }
    }

    @Test
    void maskRemovesExamplesAndAverageDividesByN() {
        INDArray x = TestNetworks.data(3, 4, 7);
        INDArray input = TestNetworks.data(3, 5, 8);
        ElboLoss loss = new ElboLoss();
        INDArray all = loss.computeScoreArray(x, input, IDENTITY, null);
        INDArray masked = loss.computeScoreArray(x, input, IDENTITY, Nd4j.createFromArray(new double[][] {{1}, {0}, {1}}));
        assertEquals(all.getDouble(0), masked.getDouble(0), 0.0);
        assertEquals(0.0, masked.getDouble(1), 0.0);
        assertEquals(all.sumNumber().doubleValue() / 3, loss.computeScore(x, input, IDENTITY, null, true), 1e-12);
    }

    @Test
    void wrongInputWidthIsNamedWithTheExpectedLayout() {
        INDArray x = TestNetworks.data(2, 4, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new ElboLoss(Likelihood.GAUSSIAN_LEARNED_VARIANCE, 1.0, 1).computeScoreArray(x,
                        TestNetworks.data(2, 5, 2), IDENTITY, null));
        assertTrue(e.getMessage().contains("[2, 5]") && e.getMessage().contains("[2, 4]")
                && e.getMessage().contains("GAUSSIAN_LEARNED_VARIANCE parameters for 2 values"), e.getMessage());
    }

    @Test
    void classLabelsInsteadOfTheDataAreExplainedAtTheNetwork() {
        VaeConfig config = TestNetworks.config(TestNetworks.MLP, InputShape.vector(7), Likelihood.BERNOULLI,
                KlEstimator.ANALYTIC);
        ComputationGraph network = VaeNetworkBuilder.of(config).build();
        INDArray oneHot = Nd4j.zeros(DataType.DOUBLE, 4, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> network.fit(new DataSet(TestNetworks.data(4, 7, 1), oneHot)));
        assertTrue(e.getMessage().contains("labels have shape [4, 3]") && e.getMessage().contains("[n, 7]")
                && e.getMessage().contains("FeaturesAsLabelsIterator"), e.getMessage());
        // Data of the wrong width: DL4J's own dense layer names it.
        Exception input = assertThrows(org.deeplearning4j.exception.DL4JInvalidInputException.class,
                () -> network.output(TestNetworks.data(4, 9, 1)));
        assertTrue(input.getMessage().contains("[4, 9]") && input.getMessage().contains("enc_dense0"),
                input.getMessage());
    }

    @Test
    void otherBadInputsAreRejected() {
        INDArray x = TestNetworks.data(2, 3, 1);
        INDArray input = TestNetworks.data(2, 4, 2);
        ElboLoss loss = new ElboLoss();
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> loss.computeScoreArray(x, input, new ActivationSigmoid(), null)).getMessage().contains("identity"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> loss.computeScoreArray(x.reshape(2, 3, 1), input, IDENTITY, null)).getMessage().contains("labels"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> loss.computeScoreArray(x, input, IDENTITY, Nd4j.ones(3, 1))).getMessage().contains("mask"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new ElboLoss(Likelihood.GAUSSIAN_FIXED_VARIANCE, 0.0, 1)).getMessage().contains("fixedVariance"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new ElboLoss(null, 1.0, 1)).getMessage().contains("likelihood"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new ElboLoss(Likelihood.BERNOULLI, 1.0, -1)).getMessage().contains("penaltyColumns"));
    }
}
