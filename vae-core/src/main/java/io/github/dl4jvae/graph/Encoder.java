package io.github.dl4jvae.graph;

import io.github.dl4jvae.config.Architecture;
import io.github.dl4jvae.config.FeatureMaps;
import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.NetworkConfig;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The inference network q(z|x): flattened input {@code [n, D]} to the mean and log-variance of a diagonal
 * Gaussian, each {@code [n, latentSize]}. CONV reshapes to {@code [n, C, H, W]} and applies stride-2 3x3
 * convolutions before the dense layers. A conditional encoder q(z|x, y) appends the one-hot label
 * {@code [n, classes]} to the input of its first dense layer: to x for an MLP, to the flattened convolution
 * features for CONV (so only that layer's weights grow, by {@code classes} rows). A deterministic encoder (the
 * autoencoder's, {@code Objective.Kind.AE}) has the mean head only: its {@link #logVariance} is null.
 */
final class Encoder {
    final SDVariable mean;
    final SDVariable logVariance;

    private Encoder(SDVariable mean, SDVariable logVariance) {
        this.mean = mean;
        this.logVariance = logVariance;
    }

    /**
     * @param label         the one-hot label {@code [n, classes]} of a conditional encoder, or null
     * @param deterministic whether to leave out the log-variance head (an autoencoder's code is the mean alone)
     */
    static Encoder build(LayerFactory layers, InputShape shape, NetworkConfig network, int latentSize,
                         SDVariable x, SDVariable label, int classes, boolean deterministic) {
        SDVariable h = x;
        int width = shape.size();
        if (network.architecture() == Architecture.CONV) {
            h = x.reshape(-1, shape.channels(), shape.height(), shape.width());
            FeatureMaps maps = FeatureMaps.of(shape, network.convChannels());
            for (int i = 0; i < maps.levels(); i++) {
                h = layers.activate(network.activation(),
                        layers.conv("enc_conv" + i, maps.channels(i), maps.channels(i + 1), 2).apply(h));
            }
            width = maps.size(maps.levels());
            h = h.reshape(-1, width);
        }
        if (label != null) {
            h = layers.sameDiff().concat(1, h, label);
            width += classes;
        }
        List<Integer> hidden = network.hiddenSizes();
        for (int i = 0; i < hidden.size(); i++) {
            h = layers.activate(network.activation(), layers.dense("enc_dense" + i, width, hidden.get(i)).apply(h));
            width = hidden.get(i);
        }
        SDVariable mean = layers.dense("enc_mean", width, latentSize).apply(h);
        SDVariable logVariance = deterministic ? null : layers.dense("enc_logvar", width, latentSize).apply(h);
        return new Encoder(mean, logVariance);
    }
}
