package io.github.dl4jvae.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.graph.VaeGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The DL4J-layer network and the SameDiff graph ({@link VaeGraph}) compute the same thing: with the same weights
 * (copied by {@link ParameterTransfer}) and the same epsilon, the same per-example objective
 * {@code -log p(x|z) + beta * KL} and the same gradients, in double precision, for every architecture, likelihood
 * and KL estimator. Tolerance: relative difference 1e-5 (the bar); both sides do the same double
 * arithmetic in a different order: the largest relative difference observed was 4e-15.
 */
class SameDiffEquivalenceTest {
    private static final double TOLERANCE = 1e-5;
    private static final int N = 4;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.dl4jvae.layers.TestNetworks#configurations")
    void sameObjectiveAtTheMeanAndAtASample(String name, VaeConfig config) {
        VaeGraph graph = VaeGraph.build(config);
        ComputationGraph network = VaeNetworkBuilder.of(config).build();
        ParameterTransfer.copy(graph, network);
        int k = config.latentSize();
        INDArray x = TestNetworks.data(N, config.inputShape().size(), 3);
        DataSet data = new DataSet(x, x);

        // Inference: z = mean, which is the SameDiff graph with eps = 0.
        INDArray perExample = network.scoreExamples(data, false);
        INDArray expected = objective(graph, config, x, Nd4j.zeros(DataType.DOUBLE, 1, N, k));
        assertClose(name + " per-example score at the mean", expected, perExample.reshape(N));

        // Training: the vertex samples; feed its noise to the SameDiff graph.
        double score = network.score(data, true);
        INDArray eps = noise(network).reshape(1, N, k);
        INDArray sampled = objective(graph, config, x, eps);
        assertEquals(sampled.meanNumber().doubleValue(), score,
                TOLERANCE * Math.abs(score), name + ": training score is the mean sampled objective");
        assertTrue(eps.norm2Number().doubleValue() > 0, "the training pass sampled");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.dl4jvae.layers.TestNetworks#configurations")
    void sameGradients(String name, VaeConfig config) {
        VaeGraph graph = VaeGraph.build(config);
        ComputationGraph network = VaeNetworkBuilder.of(config).build();
        ParameterTransfer.copy(graph, network);
        INDArray x = TestNetworks.data(N, config.inputShape().size(), 4);
        network.setInputs(x);
        network.setLabels(x);
        network.computeGradientAndScore();
        INDArray eps = noise(network).reshape(1, N, config.latentSize());

        SameDiff sd = graph.sameDiff();
        Map<String, INDArray> expected = sd.calculateGradients(Map.of(VaeGraph.X, x, VaeGraph.EPSILON, eps),
                graph.parameterNames());
        // Put DL4J's gradients into a SameDiff-shaped copy through the same layout mapping as the weights. DL4J's
        // raw gradient is that of the SUM over the minibatch (its updater divides by n); the graph's is of the mean.
        VaeGraph gradientHolder = VaeGraph.build(config);
        ComputationGraph gradientNetwork = VaeNetworkBuilder.of(config).build();
        gradientNetwork.setParams(network.gradient().gradient().div(N));
        ParameterTransfer.copy(gradientNetwork, gradientHolder);
        List<String> mismatches = new ArrayList<>();
        for (String parameter : graph.parameterNames()) {
            INDArray a = expected.get(parameter);
            INDArray b = gradientHolder.sameDiff().getVariable(parameter).getArr();
            assertArrayEquals(a.shape(), b.shape(), parameter);
            double scale = Math.max(a.amaxNumber().doubleValue(), 1e-8);
            double difference = a.sub(b).amaxNumber().doubleValue();
            if (difference > TOLERANCE * scale) {
                mismatches.add(parameter + ": max |diff| " + difference + " vs max |grad| " + scale);
            }
        }
        assertTrue(mismatches.isEmpty(), name + ": " + mismatches);
    }

    /** Per-example reconstruction + beta * KL of the SameDiff graph, {@code [n]}. */
    private static INDArray objective(VaeGraph graph, VaeConfig config, INDArray x, INDArray eps) {
        Map<String, INDArray> out = graph.sameDiff().output(Map.of(VaeGraph.X, x, VaeGraph.EPSILON, eps),
                VaeGraph.RECONSTRUCTION, VaeGraph.KL);
        return out.get(VaeGraph.RECONSTRUCTION).add(out.get(VaeGraph.KL).mul(config.beta()));
    }

    static INDArray noise(ComputationGraph network) {
        return ((ReparameterizationVertexImpl) network.getVertex(VaeNetworkBuilder.LATENT)).lastNoise();
    }

    private static void assertClose(String what, INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        for (int i = 0; i < expected.length(); i++) {
            double e = expected.getDouble(i);
            double a = actual.getDouble(i);
            assertEquals(e, a, TOLERANCE * Math.abs(e), what + " [" + i + "]");
        }
    }
}
