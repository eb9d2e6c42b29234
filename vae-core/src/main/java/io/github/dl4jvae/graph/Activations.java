package io.github.dl4jvae.graph;

import io.github.dl4jvae.config.ActivationFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** Maps {@link ActivationFunction} to SameDiff ops. */
final class Activations {
    private Activations() {
    }

    static SDVariable apply(SameDiff sd, ActivationFunction activation, SDVariable x) {
        return switch (activation) {
            case RELU -> sd.nn().relu(x, 0.0);
            case LEAKY_RELU -> sd.nn().leakyRelu(x, 0.01);
            case TANH -> sd.math().tanh(x);
            case ELU -> sd.nn().elu(x);
            case SOFTPLUS -> sd.nn().softplus(x);
            case SIGMOID -> sd.nn().sigmoid(x);
        };
    }
}
