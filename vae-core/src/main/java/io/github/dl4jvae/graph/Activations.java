package io.github.dl4jvae.graph;

import io.github.dl4jvae.config.ActivationFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Maps {@link ActivationFunction} to SameDiff ops. ReLU is written {@code x * step(x)}: the same values and gradient
 * as {@code relu}, but ND4J M2.1's {@code relu} backward op ({@code thresholdedrelu_bp}) calls a
 * {@code std::function} per value, about 10 ns each, which made it a fifth of a training step's op time for the
 * 784-400-20 MLP; {@code step} and {@code multiply} run as vectorized loops ({@code docs/benchmarks/profile.md}).
 */
final class Activations {
    private Activations() {
    }

    static SDVariable apply(SameDiff sd, ActivationFunction activation, SDVariable x) {
        return switch (activation) {
            case RELU -> x.mul(sd.math().step(x, 0.0));
            case LEAKY_RELU -> sd.nn().leakyRelu(x, 0.01);
            case TANH -> sd.math().tanh(x);
            case ELU -> sd.nn().elu(x);
            case SOFTPLUS -> sd.nn().softplus(x);
            case SIGMOID -> sd.nn().sigmoid(x);
        };
    }
}
