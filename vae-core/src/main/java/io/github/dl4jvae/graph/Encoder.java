package io.github.dl4jvae.graph;

import io.github.dl4jvae.config.Architecture;
import io.github.dl4jvae.config.FeatureMaps;
import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.NetworkConfig;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The inference network q(z|x): flattened input {@code [n, D]} to the mean and log-variance of a diagonal
 * Gaussian, each {@code [n, latentSize]}. CONV reshapes to {@code [n, C, H, W]} and applies stride-2 3x3
 * convolutions before the dense layers. A conditional encoder q(z|x, y) appends the one-hot label
 * {@code [n, classes]} to the input of its first dense layer: to x for an MLP, to the flattened convolution
 * features for CONV (so only that layer's weights grow, by {@code classes} rows). A deterministic encoder (the
 * autoencoder's, {@code Objective.Kind.AE}) has the mean head only: its log-variance is null. Its parameters are
 * created once; {@link #apply} can be called on several inputs to share them (the VampPrior encodes its
 * pseudo-inputs with the same weights as the data).
 */
final class Encoder {
    private final SameDiff sd;
    private final InputShape shape;
    private final NetworkConfig network;
    private final List<LayerFactory.Conv> convs = new ArrayList<>();
    private final List<LayerFactory.Hidden> hidden = new ArrayList<>();
    private final LayerFactory.Dense mean;
    private final LayerFactory.Dense logVariance;
    private final FeatureMaps maps;

    /** The mean and log-variance (null for a deterministic encoder), each {@code [n, latentSize]}. */
    record Output(SDVariable mean, SDVariable logVariance) {
    }

    /**
     * @param classes       the width of a conditional encoder's one-hot label, or 0
     * @param deterministic whether to leave out the log-variance head (an autoencoder's code is the mean alone)
     */
    Encoder(LayerFactory layers, InputShape shape, NetworkConfig network, int latentSize, int classes,
            boolean deterministic) {
        this.sd = layers.sameDiff();
        this.shape = shape;
        this.network = network;
        this.maps = FeatureMaps.of(shape, network.convChannels());
        int width = shape.size();
        if (network.architecture() == Architecture.CONV) {
            for (int i = 0; i < maps.levels(); i++) {
                convs.add(layers.conv("enc_conv" + i, maps.channels(i), maps.channels(i + 1), 2));
            }
            width = maps.size(maps.levels());
        }
        width += classes;
        List<Integer> sizes = network.hiddenSizes();
        for (int i = 0; i < sizes.size(); i++) {
            hidden.add(layers.hidden("enc_dense" + i, "enc_gate" + i, width, sizes.get(i), network));
            width = sizes.get(i);
        }
        this.mean = layers.dense("enc_mean", width, latentSize);
        this.logVariance = deterministic ? null : layers.dense("enc_logvar", width, latentSize);
    }

    /** q(z|x) of {@code x} {@code [n, D]}, with the one-hot {@code label} {@code [n, classes]} or null. */
    Output apply(SDVariable x, SDVariable label) {
        SDVariable h = x;
        if (!convs.isEmpty()) {
            h = x.reshape(-1, shape.channels(), shape.height(), shape.width());
            for (LayerFactory.Conv conv : convs) {
                h = Activations.apply(sd, network.activation(), conv.apply(h));
            }
            h = h.reshape(-1, maps.size(maps.levels()));
        }
        if (label != null) {
            h = sd.concat(1, h, label);
        }
        for (LayerFactory.Hidden layer : hidden) {
            h = layer.apply(h);
        }
        return new Output(mean.apply(h), logVariance == null ? null : logVariance.apply(h));
    }
}
