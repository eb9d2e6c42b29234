package io.github.dl4jvae.config;

/**
 * Encoder/decoder network family.
 *
 * <ul>
 *   <li>{@link #MLP}: fully connected hidden layers ({@link NetworkConfig#hiddenSizes()}).</li>
 *   <li>{@link #CONV}: stride-2 3x3 convolutions ({@link NetworkConfig#convChannels()}) then the dense hidden
 *       layers in the encoder; the decoder mirrors it with dense layers, nearest-neighbour 2x upsampling and
 *       3x3 convolutions, cropped to the input's exact height and width.</li>
 *   <li>{@link #GATED_MLP}: the MLP with gated dense hidden layers (Dauphin et al. 2017, as in the VampPrior and
 *       Exemplar VAE models of Tomczak and Welling 2018 and Norouzi et al. 2020):
 *       {@code h = activation(W x + b) * sigmoid(V x + c)}, with {@link ActivationFunction#IDENTITY} in those
 *       papers.</li>
 * </ul>
 */
public enum Architecture {
    MLP,
    CONV,
    GATED_MLP;

    /** Whether the network is dense layers only (no convolutions). */
    public boolean dense() {
        return this != CONV;
    }
}
