package io.github.dl4jvae.benchmarks;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.VaeConfig;
import java.util.List;

/**
 * The architectures the benchmarks measure, on 28x28 Fashion-MNIST images with a Bernoulli decoder and Adam
 * (learning rate 1e-3): the zoo's {@code pytorch-example-mlp400} and {@code conv-28x28} networks.
 */
public enum BenchmarkModel {
    /** Encoder 784-400 (ReLU), decoder mirrored: PyTorch's example VAE. */
    MLP(NetworkConfig.mlp(400)),
    /** Two stride-2 3x3 convolutions (32, 64 channels), a 256-unit dense layer, decoder mirrored. */
    CONV(NetworkConfig.conv(List.of(32, 64), List.of(256)));

    private final NetworkConfig network;

    BenchmarkModel(NetworkConfig network) {
        this.network = network;
    }

    /** The configuration of this model with {@code latentSize} latent dimensions and a fixed seed. */
    public VaeConfig config(int latentSize) {
        return VaeConfig.builder()
                .inputShape(InputShape.image(BenchmarkData.SIDE, BenchmarkData.SIDE))
                .network(network)
                .latentSize(latentSize)
                .seed(1)
                .build();
    }
}
