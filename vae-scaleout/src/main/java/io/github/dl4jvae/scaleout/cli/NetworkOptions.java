package io.github.dl4jvae.scaleout.cli;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.VaeConfig;
import java.util.List;
import picocli.CommandLine.Option;

/** The VAE's shape and optimiser, shared by the subcommands: an MLP VAE with a Bernoulli decoder and Adam. */
final class NetworkOptions {
    @Option(names = "--hidden", split = ",", paramLabel = "SIZES", defaultValue = "400",
            description = "Hidden layer sizes of the encoder (the decoder mirrors them). Default: ${DEFAULT-VALUE}.")
    List<Integer> hidden;

    @Option(names = "--latent", defaultValue = "20", description = "Latent dimensions. Default: ${DEFAULT-VALUE}.")
    int latent;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate. Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed of the weights, the noise and the data order. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--debug", description = "Print stack traces of failures.")
    boolean debug;

    /** The configuration for data of {@code width} values per example. */
    VaeConfig config(int width) {
        return VaeConfig.builder().inputShape(InputShape.vector(width))
                .network(NetworkConfig.mlp(hidden.toArray(new Integer[0]))).latentSize(latent)
                .learningRate(learningRate).seed(seed).build();
    }
}
