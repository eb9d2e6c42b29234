package io.github.dl4jvae.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link ReparameterizationVertex} forward behaviour: mean at inference, {@code mu + sigma * eps} with standard
 * normal noise in training, noise fixed within an iteration and fresh across iterations, seeds, sampling at
 * inference, and the errors for inputs of the wrong size. (Its gradient is checked by {@link GradientCheckTest}.)
 */
class ReparameterizationVertexTest {
    private static final INDArray MEAN = TestNetworks.data(4000, 5, 1).subi(0.5);
    private static final INDArray LOG_VARIANCE = TestNetworks.data(4000, 5, 2).subi(0.5).muli(2);

    private static INDArray z(ComputationGraph graph, boolean training) {
        return graph.feedForward(new INDArray[] {MEAN, LOG_VARIANCE}, training).get("v");
    }

    private static INDArray noise(ComputationGraph graph) {
        return ((ReparameterizationVertexImpl) graph.getVertex("v")).lastNoise();
    }

    @Test
    void inferenceReturnsTheMean() {
        ComputationGraph graph = VertexTestGraphs.around(new ReparameterizationVertex(3, false), "mean", "logVariance");
        assertEquals(MEAN, z(graph, false));
    }

    @Test
    void trainingSamplesMeanPlusSigmaTimesStandardNormalNoise() {
        ComputationGraph graph = VertexTestGraphs.around(new ReparameterizationVertex(3, false), "mean", "logVariance");
        INDArray z = z(graph, true);
        INDArray eps = noise(graph);
        INDArray expected = Transforms.exp(LOG_VARIANCE.mul(0.5)).muli(eps).addi(MEAN);
        assertTrue(expected.equalsWithEps(z, 1e-12), "z = mu + exp(logVar / 2) * eps");
        // 20000 draws: the sample mean is within 4 standard errors (4 / sqrt(20000) = 0.028) of 0, the sample
        // variance within 4 standard errors (4 * sqrt(2 / 20000) = 0.04) of 1.
        assertEquals(0.0, eps.meanNumber().doubleValue(), 0.028);
        assertEquals(1.0, eps.varNumber().doubleValue(), 0.04);
    }

    @Test
    void noiseIsFixedWithinAnIterationAndFreshInTheNext() {
        ComputationGraph graph = VertexTestGraphs.around(new ReparameterizationVertex(3, false), "mean", "logVariance");
        INDArray first = z(graph, true);
        assertEquals(first, z(graph, true), "every training pass of one iteration draws the same noise");
        graph.getConfiguration().setIterationCount(1);
        assertNotEquals(first, z(graph, true), "the next iteration draws new noise");
        ComputationGraph otherSeed = VertexTestGraphs.around(new ReparameterizationVertex(4, false), "mean",
                "logVariance");
        assertNotEquals(first, z(otherSeed, true), "another seed draws other noise");
    }

    @Test
    void samplingAtInferenceDrawsFreshNoiseEachPass() {
        ComputationGraph graph = VertexTestGraphs.around(new ReparameterizationVertex(3, false), "mean", "logVariance");
        assertEquals(1, ReparameterizationVertex.setSampleAtInference(graph, true));
        INDArray a = z(graph, false);
        INDArray b = z(graph, false);
        assertNotEquals(MEAN, a);
        assertNotEquals(a, b);
    }

    @Test
    void inputsOfDifferentSizesAreNamed() {
        ComputationGraph graph = VertexTestGraphs.around(new ReparameterizationVertex(), "mean", "logVariance");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> graph.feedForward(
                new INDArray[] {TestNetworks.data(2, 3, 1), TestNetworks.data(2, 4, 1)}, true));
        assertTrue(e.getMessage().contains("logVariance has shape [2, 4]") && e.getMessage().contains("[2, 3]"),
                e.getMessage());
        InvalidInputTypeException config = assertThrows(InvalidInputTypeException.class, () ->
                new ReparameterizationVertex().getOutputType(-1, InputType.feedForward(3), InputType.feedForward(4)));
        assertTrue(config.getMessage().contains("size 4") && config.getMessage().contains("size 3"),
                config.getMessage());
        assertThrows(InvalidInputTypeException.class, () ->
                new ReparameterizationVertex().getOutputType(-1, InputType.convolutional(2, 2, 1), InputType.feedForward(4)));
    }
}
