package io.github.dl4jvae.graph;

import io.github.dl4jvae.config.ActivationFunction;
import io.github.dl4jvae.config.Architecture;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.FeatureMaps;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/** Dense, gated dense and 3x3 convolution layers (NCHW, 'same' padding) whose parameters it creates once. */
final class LayerFactory {
    private final SameDiff sd;
    private final ParameterFactory parameters;

    LayerFactory(SameDiff sd, ParameterFactory parameters) {
        this.sd = sd;
        this.parameters = parameters;
    }

    SameDiff sameDiff() {
        return sd;
    }

    /** A dense layer: weights {@code [in, out]} and bias {@code [out]}. */
    Dense dense(String name, int in, int out) {
        return new Dense(parameters.uniform(name + "_W", in, in, out), parameters.uniform(name + "_b", in, out));
    }

    /** A 3x3 convolution with weights {@code [3, 3, in, out]} (YXIO) and bias {@code [out]}. */
    Conv conv(String name, int in, int out, int stride) {
        long fanIn = (long) in * FeatureMaps.KERNEL * FeatureMaps.KERNEL;
        SDVariable w = parameters.uniform(name + "_W", fanIn, FeatureMaps.KERNEL, FeatureMaps.KERNEL, in, out);
        SDVariable b = parameters.uniform(name + "_b", fanIn, out);
        Conv2DConfig config = Conv2DConfig.builder().kH(FeatureMaps.KERNEL).kW(FeatureMaps.KERNEL).sH(stride).sW(stride)
                .paddingMode(PaddingMode.SAME).dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build();
        return new Conv(w, b, config);
    }

    /**
     * A hidden dense layer of {@code network}: {@code activation(W x + b)}, times the gate {@code sigmoid(V x + c)}
     * for {@link Architecture#GATED_MLP}, whose gate parameters are named {@code gateName}.
     */
    Hidden hidden(String name, String gateName, int in, int out, NetworkConfig network) {
        Dense gate = network.architecture() == Architecture.GATED_MLP ? dense(gateName, in, out) : null;
        return new Hidden(dense(name, in, out), gate, network.activation());
    }

    SDVariable activate(ActivationFunction activation, SDVariable x) {
        return Activations.apply(sd, activation, x);
    }

    /** Dense parameters; {@link #apply} may be called several times to share them. */
    final class Dense {
        private final SDVariable weights;
        private final SDVariable bias;

        Dense(SDVariable weights, SDVariable bias) {
            this.weights = weights;
            this.bias = bias;
        }

        SDVariable apply(SDVariable x) {
            return x.mmul(weights).add(bias);
        }
    }

    /** A hidden layer's parameters, gated or not; {@link #apply} may be called several times to share them. */
    final class Hidden {
        private final Dense dense;
        private final Dense gate;
        private final ActivationFunction activation;

        Hidden(Dense dense, Dense gate, ActivationFunction activation) {
            this.dense = dense;
            this.gate = gate;
            this.activation = activation;
        }

        SDVariable apply(SDVariable x) {
            SDVariable h = activate(activation, dense.apply(x));
            return gate == null ? h : h.mul(sd.nn().sigmoid(gate.apply(x)));
        }
    }

    /** Convolution parameters; {@link #apply} may be called several times to share them. */
    final class Conv {
        private final SDVariable weights;
        private final SDVariable bias;
        private final Conv2DConfig config;

        Conv(SDVariable weights, SDVariable bias, Conv2DConfig config) {
            this.weights = weights;
            this.bias = bias;
            this.config = config;
        }

        SDVariable apply(SDVariable x) {
            return sd.cnn().conv2d(x, weights, bias, config);
        }
    }
}
