package io.github.dl4jvae.config;

/**
 * Encoder/decoder network family.
 *
 * <ul>
 *   <li>{@link #MLP}: fully connected hidden layers ({@link NetworkConfig#hiddenSizes()}).</li>
 *   <li>{@link #CONV}: stride-2 3x3 convolutions ({@link NetworkConfig#convChannels()}) then the dense hidden
 *       layers in the encoder; the decoder mirrors it with dense layers, nearest-neighbour 2x upsampling and
 *       3x3 convolutions, cropped to the input's exact height and width.</li>
 * </ul>
 */
public enum Architecture {
    MLP,
    CONV
}
