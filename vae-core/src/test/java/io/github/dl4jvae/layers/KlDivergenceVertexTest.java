package io.github.dl4jvae.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.KlEstimator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@link KlDivergenceVertex} values against closed forms computed here in Java doubles: per dimension
 * {@code KL(N(mu, s^2) || N(0, 1)) = -log s + (s^2 + mu^2) / 2 - 1/2}, and for the Monte-Carlo estimator
 * {@code log N(z; mu, s^2) - log N(z; 0, 1)} with the normal log-density written out. Tolerance 1e-12 relative.
 * Also: the Monte-Carlo estimate at reparameterized samples averages to the analytic KL. (Gradients: see
 * {@link GradientCheckTest}.)
 */
class KlDivergenceVertexTest {
    private static final INDArray MEAN = TestNetworks.data(3, 4, 1).subi(0.5).muli(3);
    private static final INDArray LOG_VARIANCE = TestNetworks.data(3, 4, 2).subi(0.5).muli(2);
    private static final INDArray Z = TestNetworks.data(3, 4, 3).subi(0.5).muli(4);

    private static double logNormal(double x, double mean, double variance) {
        return -0.5 * Math.log(2 * Math.PI * variance) - (x - mean) * (x - mean) / (2 * variance);
    }

    @Test
    void analyticKlIsTheClosedFormTimesBeta() {
        ComputationGraph graph = VertexTestGraphs.around(new KlDivergenceVertex(0.25, KlEstimator.ANALYTIC), "mean",
                "logVariance");
        INDArray kl = graph.feedForward(new INDArray[] {MEAN, LOG_VARIANCE}, false).get("v");
        assertArrayEquals(new long[] {3, 1}, kl.shape());
        for (int i = 0; i < 3; i++) {
            double expected = 0;
            for (int j = 0; j < 4; j++) {
                double mu = MEAN.getDouble(i, j);
                double s = Math.exp(LOG_VARIANCE.getDouble(i, j) / 2);
                expected += -Math.log(s) + (s * s + mu * mu) / 2 - 0.5;
            }
            assertEquals(0.25 * expected, kl.getDouble(i, 0), 1e-12 * expected);
        }
    }

    @Test
    void monteCarloKlIsLogQMinusLogPAtZ() {
        ComputationGraph graph = VertexTestGraphs.around(new KlDivergenceVertex(2.0, KlEstimator.MONTE_CARLO), "mean",
                "logVariance", "z");
        INDArray kl = graph.feedForward(new INDArray[] {MEAN, LOG_VARIANCE, Z}, false).get("v");
        for (int i = 0; i < 3; i++) {
            double expected = 0;
            for (int j = 0; j < 4; j++) {
                double z = Z.getDouble(i, j);
                expected += logNormal(z, MEAN.getDouble(i, j), Math.exp(LOG_VARIANCE.getDouble(i, j)))
                        - logNormal(z, 0, 1);
            }
            assertEquals(2.0 * expected, kl.getDouble(i, 0), 1e-12 * Math.abs(expected));
        }
    }

    @Test
    void monteCarloEstimateAveragesToTheAnalyticKl() {
        int n = 20000;
        INDArray mean = MEAN.getRow(0).reshape(1, 4).repeat(0, n);
        INDArray logVariance = LOG_VARIANCE.getRow(0).reshape(1, 4).repeat(0, n);
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .graphBuilder().addInputs("mean", "logVariance")
                .addVertex("z", new ReparameterizationVertex(5, false), "mean", "logVariance")
                .addVertex("mc", new KlDivergenceVertex(1.0, KlEstimator.MONTE_CARLO), "mean", "logVariance", "z")
                .addVertex("analytic", new KlDivergenceVertex(1.0, KlEstimator.ANALYTIC), "mean", "logVariance")
                .addVertex("both", new MergeVertex(), "mc", "analytic")
                .addLayer("out", new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .build(), "both")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        var out = graph.feedForward(new INDArray[] {mean, logVariance}, true);
        INDArray mc = out.get("mc");
        double analytic = out.get("analytic").getDouble(0, 0);
        double standardError = Math.sqrt(mc.varNumber().doubleValue() / n);
        assertEquals(analytic, mc.meanNumber().doubleValue(), 4 * standardError,
                "E[log q(z) - log p(z)] = KL, within 4 standard errors");
    }

    @Test
    void wrongInputsAreNamed() {
        InvalidInputTypeException count = assertThrows(InvalidInputTypeException.class, () ->
                new KlDivergenceVertex(1.0, KlEstimator.ANALYTIC).getOutputType(-1, InputType.feedForward(3),
                        InputType.feedForward(3), InputType.feedForward(3)));
        assertTrue(count.getMessage().contains("takes 2 inputs"), count.getMessage());
        InvalidInputTypeException size = assertThrows(InvalidInputTypeException.class, () ->
                new KlDivergenceVertex(1.0, KlEstimator.MONTE_CARLO).getOutputType(-1, InputType.feedForward(3),
                        InputType.feedForward(3), InputType.feedForward(5)));
        assertTrue(size.getMessage().contains("z has size 5"), size.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new KlDivergenceVertex(-1, KlEstimator.ANALYTIC))
                .getMessage().contains("beta must be in [0, 1000.0], got -1.0"));
        assertThrows(IllegalArgumentException.class, () -> new KlDivergenceVertex(1, null));
        ComputationGraph graph = VertexTestGraphs.around(new KlDivergenceVertex(), "mean", "logVariance");
        IllegalArgumentException run = assertThrows(IllegalArgumentException.class, () -> graph.feedForward(
                new INDArray[] {TestNetworks.data(2, 3, 1), TestNetworks.data(3, 3, 1)}, false));
        assertTrue(run.getMessage().contains("[3, 3]"), run.getMessage());
    }
}
