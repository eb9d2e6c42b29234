package io.github.dl4jvae.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.ActivationFunction;
import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.KlEstimator;
import io.github.dl4jvae.config.Likelihood;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.Precision;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.testing.DoublePrecision;
import io.github.dl4jvae.testing.FiniteDifferenceCheck;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finite-difference gradient checks, in double precision, of the whole training loss with respect to every
 * parameter, epsilon fixed: every architecture, likelihood and KL estimator, with L = 1 and L = 2 samples.
 * Tolerance: central differences with step 1e-6, max relative error 1e-5 (absolute errors below 1e-8
 * ignored: that is the round-off of a difference quotient of a loss of ~30 nats, 1e-16 * 30 / 1e-6), which
 * float64 meets easily and a wrong gradient does not.
 */
@ExtendWith(DoublePrecision.class)
class VaeGraphGradientTest {
    static Stream<Arguments> configurations() {
        NetworkConfig mlp = new NetworkConfig(io.github.dl4jvae.config.Architecture.MLP, List.of(6, 5), List.of(),
                ActivationFunction.TANH);
        NetworkConfig conv = new NetworkConfig(io.github.dl4jvae.config.Architecture.CONV, List.of(4), List.of(2, 3),
                ActivationFunction.TANH);
        return Stream.of(
                Arguments.of("mlp-bernoulli-analytic", mlp, InputShape.vector(7), Likelihood.BERNOULLI, KlEstimator.ANALYTIC, 1),
                Arguments.of("mlp-bernoulli-mc", mlp, InputShape.vector(7), Likelihood.BERNOULLI, KlEstimator.MONTE_CARLO, 2),
                Arguments.of("mlp-gaussian-fixed", mlp, InputShape.vector(7), Likelihood.GAUSSIAN_FIXED_VARIANCE, KlEstimator.ANALYTIC, 2),
                Arguments.of("mlp-gaussian-learned", mlp, InputShape.vector(7), Likelihood.GAUSSIAN_LEARNED_VARIANCE, KlEstimator.MONTE_CARLO, 2),
                Arguments.of("conv-bernoulli-odd-size", conv, new InputShape(1, 5, 7), Likelihood.BERNOULLI, KlEstimator.ANALYTIC, 2),
                Arguments.of("conv-gaussian-learned-2ch", conv, new InputShape(2, 4, 4), Likelihood.GAUSSIAN_LEARNED_VARIANCE, KlEstimator.ANALYTIC, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void lossGradientMatchesFiniteDifferences(String name, NetworkConfig network, InputShape shape,
                                              Likelihood likelihood, KlEstimator kl, int samples) {
        VaeConfig config = VaeConfig.builder().inputShape(shape).network(network).latentSize(3)
                .likelihood(likelihood).fixedVariance(0.5).klEstimator(kl).beta(0.7)
                .precision(Precision.DOUBLE).seed(7).build();
        VaeGraph graph = VaeGraph.build(config);
        SameDiff sd = graph.sameDiff();
        int n = 3;
        Nd4j.getRandom().setSeed(12345);
        INDArray x = Nd4j.rand(DataType.DOUBLE, n, shape.size());
        INDArray eps = Nd4j.randn(DataType.DOUBLE, samples, n, 3);
        Map<String, INDArray> placeholders = Map.of(VaeGraph.X, x, VaeGraph.EPSILON, eps);

        INDArray loss = sd.output(placeholders, VaeGraph.LOSS).get(VaeGraph.LOSS);
        assertArrayEquals(new long[0], loss.shape(), "loss is a scalar");

        var mismatches = FiniteDifferenceCheck.check(sd, placeholders, VaeGraph.LOSS,
                graph.parameterNames(), 1e-6, 1e-5, 1e-8);
        assertTrue(mismatches.isEmpty(), name + ": analytic and finite-difference gradients differ at " + mismatches);
    }
}
