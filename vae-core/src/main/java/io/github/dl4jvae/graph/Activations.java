package io.github.dl4jvae.graph;

import io.github.dl4jvae.config.ActivationFunction;
import java.util.function.BiFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * The one map from {@link ActivationFunction} to its implementations: SameDiff ops for {@link VaeGraph} and DL4J
 * {@link IActivation}s for the DL4J layers, side by side per function so that both use the same constants
 * (leaky ReLU slope {@value #LEAKY_RELU_SLOPE}, ELU alpha {@value #ELU_ALPHA}).
 *
 * <p>In SameDiff, ReLU is written {@code x * step(x)}: the same values and gradient as {@code relu}, but ND4J
 * M2.1's {@code relu} backward op ({@code thresholdedrelu_bp}) calls a {@code std::function} per value, about 10 ns
 * each, which made it a fifth of a training step's op time for the 784-400-20 MLP; {@code step} and
 * {@code multiply} run as vectorized loops ({@code docs/benchmarks/profile.md}).
 */
public final class Activations {
    /** Slope of leaky ReLU for negative inputs. */
    public static final double LEAKY_RELU_SLOPE = 0.01;
    /** ELU's alpha: {@code alpha * (exp(x) - 1)} for negative inputs. */
    public static final double ELU_ALPHA = 1.0;

    private Activations() {
    }

    /** The DL4J activation of {@code function}, with the same constants as the SameDiff graph. */
    public static IActivation dl4j(ActivationFunction function) {
        return of(function).dl4j();
    }

    /** {@code function} applied to {@code x} as SameDiff ops. */
    static SDVariable apply(SameDiff sd, ActivationFunction function, SDVariable x) {
        return of(function).sameDiff().apply(sd, x);
    }

    private static Implementations of(ActivationFunction function) {
        return switch (function) {
            case RELU -> new Implementations(new ActivationReLU(), (sd, x) -> x.mul(sd.math().step(x, 0.0)));
            case LEAKY_RELU -> new Implementations(new ActivationLReLU(LEAKY_RELU_SLOPE),
                    (sd, x) -> sd.nn().leakyRelu(x, LEAKY_RELU_SLOPE));
            case TANH -> new Implementations(new ActivationTanH(), (sd, x) -> sd.math().tanh(x));
            case ELU -> new Implementations(new ActivationELU(ELU_ALPHA), (sd, x) -> sd.nn().elu(x));
            case SOFTPLUS -> new Implementations(new ActivationSoftPlus(), (sd, x) -> sd.nn().softplus(x));
            case SIGMOID -> new Implementations(new ActivationSigmoid(), (sd, x) -> sd.nn().sigmoid(x));
            case IDENTITY -> new Implementations(new ActivationIdentity(), (sd, x) -> x);
        };
    }

    /** One activation function in both frameworks. */
    private record Implementations(IActivation dl4j, BiFunction<SameDiff, SDVariable, SDVariable> sameDiff) {
    }
}
