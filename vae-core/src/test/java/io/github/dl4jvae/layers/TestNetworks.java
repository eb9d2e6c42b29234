package io.github.dl4jvae.layers;

import io.github.dl4jvae.config.ActivationFunction;
import io.github.dl4jvae.config.Architecture;
import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.KlEstimator;
import io.github.dl4jvae.config.LogVarianceClamp;
import io.github.dl4jvae.config.Likelihood;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.Precision;
import io.github.dl4jvae.config.VaeConfig;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Small double-precision VAE configurations covering every architecture (gated layers with a log-variance clamp among
 * them), likelihood and KL estimator.
 */
final class TestNetworks {
    static final NetworkConfig MLP = new NetworkConfig(Architecture.MLP, List.of(6, 5), List.of(), ActivationFunction.TANH);
    static final NetworkConfig CONV = new NetworkConfig(Architecture.CONV, List.of(4), List.of(2, 3), ActivationFunction.TANH);
    static final NetworkConfig GATED = new NetworkConfig(Architecture.GATED_MLP, List.of(6, 5), List.of(),
            ActivationFunction.IDENTITY);
    /** A clamp tight enough that some log-variances of the test data fall outside it (gradient 0 there). */
    static final LogVarianceClamp TIGHT_CLAMP = LogVarianceClamp.of(-0.3, 0.3);

    private TestNetworks() {
    }

    static VaeConfig config(NetworkConfig network, InputShape shape, Likelihood likelihood, KlEstimator kl) {
        return VaeConfig.builder().inputShape(shape).network(network).latentSize(3).likelihood(likelihood)
                .fixedVariance(0.5).klEstimator(kl).beta(0.7).precision(Precision.DOUBLE).seed(7).build();
    }

    /** name, config: the cases of the SameDiff graph's own gradient test, with L = 1. */
    static Stream<Arguments> configurations() {
        return Stream.of(
                Arguments.of("mlp-bernoulli-analytic", config(MLP, InputShape.vector(7), Likelihood.BERNOULLI, KlEstimator.ANALYTIC)),
                Arguments.of("mlp-bernoulli-mc", config(MLP, InputShape.vector(7), Likelihood.BERNOULLI, KlEstimator.MONTE_CARLO)),
                Arguments.of("mlp-gaussian-fixed", config(MLP, InputShape.vector(7), Likelihood.GAUSSIAN_FIXED_VARIANCE, KlEstimator.ANALYTIC)),
                Arguments.of("mlp-gaussian-learned-mc", config(MLP, InputShape.vector(7), Likelihood.GAUSSIAN_LEARNED_VARIANCE, KlEstimator.MONTE_CARLO)),
                Arguments.of("conv-bernoulli-odd-size", config(CONV, new InputShape(1, 5, 7), Likelihood.BERNOULLI, KlEstimator.ANALYTIC)),
                Arguments.of("conv-gaussian-learned-2ch", config(CONV, new InputShape(2, 4, 4), Likelihood.GAUSSIAN_LEARNED_VARIANCE, KlEstimator.ANALYTIC)),
                Arguments.of("gated-bernoulli-mc-clamped", config(GATED, InputShape.vector(7), Likelihood.BERNOULLI,
                        KlEstimator.MONTE_CARLO).toBuilder().logVarianceClamp(TIGHT_CLAMP).build()));
    }

    /** {@code [n, D]} doubles in [0, 1) from a seeded Java RNG. */
    static INDArray data(int n, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[n * d];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble();
        }
        return Nd4j.create(values, new long[] {n, d}, DataType.DOUBLE);
    }
}
