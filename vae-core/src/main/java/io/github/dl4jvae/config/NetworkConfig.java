package io.github.dl4jvae.config;

import java.util.List;

/**
 * Encoder architecture; the decoder mirrors it (hidden sizes and channels in reverse order).
 *
 * @param architecture  {@link Architecture#MLP}, {@link Architecture#GATED_MLP} or {@link Architecture#CONV}
 * @param hiddenSizes   sizes of the dense hidden layers of the encoder, input side first (each 1..65536);
 *                      may be empty for CONV, must not be empty for MLP and GATED_MLP
 * @param convChannels  output channels of the encoder's stride-2 3x3 convolutions, input side first
 *                      (each 1..4096); must be empty for MLP and GATED_MLP and non-empty for CONV
 * @param activation    activation after every hidden layer
 */
public record NetworkConfig(Architecture architecture, List<Integer> hiddenSizes, List<Integer> convChannels,
                            ActivationFunction activation) {

    /** Validates sizes and that the lists fit the architecture; copies the lists. */
    public NetworkConfig {
        Checks.notNull("network.architecture", architecture);
        Checks.notNull("network.activation", activation);
        hiddenSizes = List.copyOf(Checks.notNull("network.hiddenSizes", hiddenSizes));
        convChannels = List.copyOf(Checks.notNull("network.convChannels", convChannels));
        for (int i = 0; i < hiddenSizes.size(); i++) {
            Checks.inRange("network.hiddenSizes[" + i + "]", hiddenSizes.get(i), 1, 65536);
        }
        for (int i = 0; i < convChannels.size(); i++) {
            Checks.inRange("network.convChannels[" + i + "]", convChannels.get(i), 1, 4096);
        }
        if (architecture.dense() && hiddenSizes.isEmpty()) {
            throw new IllegalArgumentException("network.hiddenSizes must name at least one layer for " + architecture
                    + ", got []");
        }
        if (architecture.dense() && !convChannels.isEmpty()) {
            throw new IllegalArgumentException("network.convChannels must be empty for " + architecture + ", got "
                    + convChannels);
        }
        if (architecture == Architecture.CONV && convChannels.isEmpty()) {
            throw new IllegalArgumentException("network.convChannels must name at least one layer for CONV, got []");
        }
    }

    /** An MLP with the given hidden sizes and ReLU activations. */
    public static NetworkConfig mlp(Integer... hiddenSizes) {
        return new NetworkConfig(Architecture.MLP, List.of(hiddenSizes), List.of(), ActivationFunction.RELU);
    }

    /**
     * A gated MLP with the given hidden sizes and no activation before the gates: the networks of the VampPrior and
     * Exemplar VAE papers.
     */
    public static NetworkConfig gatedMlp(Integer... hiddenSizes) {
        return new NetworkConfig(Architecture.GATED_MLP, List.of(hiddenSizes), List.of(), ActivationFunction.IDENTITY);
    }

    /** A convolutional network with the given channels, then the given dense hidden sizes, ReLU activations. */
    public static NetworkConfig conv(List<Integer> convChannels, List<Integer> hiddenSizes) {
        return new NetworkConfig(Architecture.CONV, hiddenSizes, convChannels, ActivationFunction.RELU);
    }

    /** The same network with another activation. */
    public NetworkConfig withActivation(ActivationFunction newActivation) {
        return new NetworkConfig(architecture, hiddenSizes, convChannels, newActivation);
    }
}
