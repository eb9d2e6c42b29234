package io.github.dl4jvae.graph;

import io.github.dl4jvae.config.ActivationFunction;
import io.github.dl4jvae.config.Architecture;
import io.github.dl4jvae.config.FeatureMaps;
import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.NetworkConfig;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The generative network: z {@code [n, latentSize]} to the parameters of p(x|z), {@code [n, D * m]} with
 * {@code m} parameters per value; a conditional decoder p(x|z, y) takes z with the one-hot label appended,
 * {@code [n, latentSize + classes]}, as its input. It mirrors the encoder: dense layers in reverse order, then for
 * CONV a dense projection to the smallest feature map, nearest-neighbour 2x upsampling with 3x3 convolutions,
 * a last 3x3 convolution to {@code m * C} channels and a crop to the input's exact height and width.
 * Its parameters are created once; {@link #apply} can be called on several inputs to share them.
 */
final class Decoder {
    /** Prefix of every decoder parameter name. */
    static final String PREFIX = "dec_";

    private final SameDiff sd;
    private final InputShape shape;
    private final NetworkConfig network;
    private final int parametersPerValue;
    private final List<LayerFactory.Hidden> hidden = new ArrayList<>();
    /** The dense output layer of an MLP, or the projection to the smallest feature map for CONV. */
    private final LayerFactory.Dense lastDense;
    private final List<LayerFactory.Conv> convs = new ArrayList<>();
    private final FeatureMaps maps;

    /** @param inputWidth latentSize, plus the number of classes for a conditional decoder */
    Decoder(LayerFactory layers, InputShape shape, NetworkConfig network, int inputWidth, int parametersPerValue) {
        this.sd = layers.sameDiff();
        this.shape = shape;
        this.network = network;
        this.parametersPerValue = parametersPerValue;
        this.maps = FeatureMaps.of(shape, network.convChannels());
        int levels = maps.levels();
        int width = inputWidth;
        List<Integer> sizes = network.hiddenSizes();
        for (int i = sizes.size() - 1; i >= 0; i--) {
            hidden.add(layers.hidden(PREFIX + "dense" + i, PREFIX + "gate" + i, width, sizes.get(i), network));
            width = sizes.get(i);
        }
        if (network.architecture().dense()) {
            lastDense = layers.dense(PREFIX + "out", width, shape.size() * parametersPerValue);
        } else {
            lastDense = layers.dense(PREFIX + "project", width, maps.size(levels));
            for (int i = levels; i >= 2; i--) {
                convs.add(layers.conv(PREFIX + "conv" + (i - 1), maps.channels(i), maps.channels(i - 1), 1));
            }
            convs.add(layers.conv(PREFIX + "out", maps.channels(1), shape.channels() * parametersPerValue, 1));
        }
    }

    SDVariable apply(SDVariable z) {
        ActivationFunction activation = network.activation();
        SDVariable h = z;
        for (LayerFactory.Hidden layer : hidden) {
            h = layer.apply(h);
        }
        if (network.architecture().dense()) {
            return lastDense.apply(h);
        }
        int levels = maps.levels();
        h = Activations.apply(sd, activation, lastDense.apply(h));
        h = h.reshape(-1, maps.channels(levels), maps.height(levels), maps.width(levels));
        for (int i = 0; i < convs.size(); i++) {
            h = sd.cnn().upsampling2d(h, 2, 2, true);
            h = convs.get(i).apply(h);
            if (i < convs.size() - 1) {
                h = Activations.apply(sd, activation, h);
            }
        }
        int outChannels = shape.channels() * parametersPerValue;
        if (maps.upsampledHeight() != shape.height() || maps.upsampledWidth() != shape.width()) {
            h = sd.stridedSlice(h, new long[] {0, 0, 0, 0},
                    new long[] {0, outChannels, shape.height(), shape.width()}, new long[] {1, 1, 1, 1},
                    1, 1, 0, 0, 0);
        }
        return h.reshape(-1, (long) outChannels * shape.height() * shape.width());
    }
}
