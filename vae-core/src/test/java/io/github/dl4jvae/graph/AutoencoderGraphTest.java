package io.github.dl4jvae.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.ActivationFunction;
import io.github.dl4jvae.config.Architecture;
import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.Likelihood;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.Objective;
import io.github.dl4jvae.config.Precision;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.testing.DoublePrecision;
import io.github.dl4jvae.testing.FiniteDifferenceCheck;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The deterministic autoencoder's graph ({@link Objective#AE}): the VAE's parameters less the log-variance head, no
 * log-variance or log-weight output, noise that changes nothing, a reconstruction loss equal to -log p(x | z = code)
 * computed in plain Java from the graph's code and decoded mean (Bernoulli and fixed-variance Gaussian; tolerance
 * 1e-10 in double, the round-off of sums of ~10 terms of a few nats), KL 0, and gradients that match central finite
 * differences for every architecture and likelihood (step 1e-6, relative error 1e-5, absolute errors below 1e-8
 * ignored, as in {@link VaeGraphGradientTest}).
 */
@ExtendWith(DoublePrecision.class)
class AutoencoderGraphTest {
    private static final int N = 4;
    private static final int K = 3;
    private static final double TOLERANCE = 1e-10;
    private static final NetworkConfig MLP = new NetworkConfig(Architecture.MLP, List.of(6, 5), List.of(),
            ActivationFunction.TANH);

    private static VaeConfig.Builder config(Likelihood likelihood) {
        return VaeConfig.builder().inputShape(InputShape.vector(7)).latentSize(K).network(MLP).likelihood(likelihood)
                .fixedVariance(0.5).objective(Objective.AE).precision(Precision.DOUBLE).seed(7);
    }

    private static Map<String, INDArray> inputs(int size, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Map.of(VaeGraph.X, Nd4j.rand(DataType.DOUBLE, N, size),
                VaeGraph.EPSILON, Nd4j.randn(DataType.DOUBLE, 1, N, K));
    }

    @Test
    void theGraphHasTheVaesParametersLessTheLogVarianceHeadAndNoPosteriorOutputs() {
        VaeGraph autoencoder = VaeGraph.build(config(Likelihood.BERNOULLI).build());
        VaeGraph vae = VaeGraph.build(config(Likelihood.BERNOULLI).objective(Objective.ELBO).build());

        List<String> expected = vae.parameterNames().stream().filter(name -> !name.startsWith("enc_logvar")).toList();
        assertEquals(expected, autoencoder.parameterNames());
        assertEquals(vae.parameterNames().size() - 2, autoencoder.parameterNames().size(), "weight and bias");
        assertFalse(autoencoder.sameDiff().hasVariable(VaeGraph.LOG_VARIANCE));
        assertFalse(autoencoder.sameDiff().hasVariable(VaeGraph.LOG_WEIGHT));
        assertFalse(autoencoder.sameDiff().hasVariable(VaeGraph.KL_WEIGHT));
        for (String name : expected) {
            assertArrayEquals(vae.sameDiff().getArrForVarName(name).shape(),
                    autoencoder.sameDiff().getArrForVarName(name).shape(), name);
        }
    }

    @Test
    void bernoulliReconstructionIsMinusTheLogProbabilityAtTheCodeAndKlIsZero() {
        VaeGraph graph = VaeGraph.build(config(Likelihood.BERNOULLI).build());
        Map<String, INDArray> inputs = inputs(7, 12345);
        Map<String, INDArray> out = graph.sameDiff().output(inputs, VaeGraph.MEAN, VaeGraph.RECONSTRUCTION,
                VaeGraph.KL, VaeGraph.NEGATIVE_ELBO, VaeGraph.LOSS);
        double[][] p = decodedMean(graph, out.get(VaeGraph.MEAN));
        double[][] x = inputs.get(VaeGraph.X).toDoubleMatrix();

        double[] expected = new double[N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < 7; j++) {
                expected[i] -= x[i][j] * Math.log(p[i][j]) + (1 - x[i][j]) * Math.log(1 - p[i][j]);
            }
        }
        assertArrayEquals(new long[] {N}, out.get(VaeGraph.RECONSTRUCTION).shape());
        assertArrayEquals(expected, out.get(VaeGraph.RECONSTRUCTION).toDoubleVector(), TOLERANCE);
        assertArrayEquals(new double[N], out.get(VaeGraph.KL).toDoubleVector(), 0.0, "no KL term");
        assertArrayEquals(expected, out.get(VaeGraph.NEGATIVE_ELBO).toDoubleVector(), TOLERANCE,
                "the 'negative ELBO' of an autoencoder is its reconstruction loss");
        assertEquals(java.util.Arrays.stream(expected).average().orElseThrow(), out.get(VaeGraph.LOSS).getDouble(0),
                TOLERANCE);
    }

    @Test
    void fixedVarianceGaussianReconstructionIsTheScaledSquaredErrorPlusTheNormalizer() {
        VaeGraph graph = VaeGraph.build(config(Likelihood.GAUSSIAN_FIXED_VARIANCE).build());
        Map<String, INDArray> inputs = inputs(7, 99);
        Map<String, INDArray> out = graph.sameDiff().output(inputs, VaeGraph.MEAN, VaeGraph.RECONSTRUCTION);
        double[][] m = decodedMean(graph, out.get(VaeGraph.MEAN));
        double[][] x = inputs.get(VaeGraph.X).toDoubleMatrix();

        double[] expected = new double[N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < 7; j++) {
                double error = x[i][j] - m[i][j];
                expected[i] += 0.5 * Math.log(2 * Math.PI * 0.5) + error * error / (2 * 0.5);
            }
        }
        assertArrayEquals(expected, out.get(VaeGraph.RECONSTRUCTION).toDoubleVector(), TOLERANCE);
    }

    @Test
    void theNoiseChangesNothing() {
        VaeGraph graph = VaeGraph.build(config(Likelihood.BERNOULLI).build());
        Map<String, INDArray> first = inputs(7, 5);
        Map<String, INDArray> second = Map.of(VaeGraph.X, first.get(VaeGraph.X),
                VaeGraph.EPSILON, Nd4j.randn(DataType.DOUBLE, 1, N, K).muli(10));

        assertEquals(graph.sameDiff().output(first, VaeGraph.LOSS).get(VaeGraph.LOSS).getDouble(0),
                graph.sameDiff().output(second, VaeGraph.LOSS).get(VaeGraph.LOSS).getDouble(0), 0.0);
    }

    static Stream<Arguments> configurations() {
        NetworkConfig conv = new NetworkConfig(Architecture.CONV, List.of(4), List.of(2, 3), ActivationFunction.TANH);
        return Stream.of(
                Arguments.of("mlp-bernoulli", MLP, InputShape.vector(7), Likelihood.BERNOULLI),
                Arguments.of("mlp-gaussian-fixed", MLP, InputShape.vector(7), Likelihood.GAUSSIAN_FIXED_VARIANCE),
                Arguments.of("mlp-gaussian-learned", MLP, InputShape.vector(7), Likelihood.GAUSSIAN_LEARNED_VARIANCE),
                Arguments.of("conv-bernoulli-odd-size", conv, new InputShape(1, 5, 7), Likelihood.BERNOULLI),
                Arguments.of("conv-gaussian-learned-2ch", conv, new InputShape(2, 4, 4),
                        Likelihood.GAUSSIAN_LEARNED_VARIANCE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void lossGradientMatchesFiniteDifferences(String name, NetworkConfig network, InputShape shape,
                                              Likelihood likelihood) {
        VaeGraph graph = VaeGraph.build(config(likelihood).inputShape(shape).network(network).build());
        Map<String, INDArray> inputs = inputs(shape.size(), 12345);

        INDArray loss = graph.sameDiff().output(inputs, VaeGraph.LOSS).get(VaeGraph.LOSS);
        assertArrayEquals(new long[0], loss.shape(), "loss is a scalar");
        var mismatches = FiniteDifferenceCheck.check(graph.sameDiff(), inputs, VaeGraph.LOSS, graph.parameterNames(),
                1e-6, 1e-5, 1e-8);
        assertTrue(mismatches.isEmpty(), name + ": analytic and finite-difference gradients differ at " + mismatches);
    }

    /** The decoded mean at the given codes, through the decoder-only output. */
    private static double[][] decodedMean(VaeGraph graph, INDArray codes) {
        return graph.sameDiff().output(Map.of(VaeGraph.Z, codes), VaeGraph.DECODED_MEAN).get(VaeGraph.DECODED_MEAN)
                .toDoubleMatrix();
    }
}
