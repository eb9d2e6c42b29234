package io.github.dl4jvae.layers;

import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.graph.VaeGraph;
import io.github.dl4jvae.model.VaeModel;
import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.common.util.ArrayUtil;

/**
 * Copies weights between the SameDiff VAE ({@link VaeGraph}, {@link VaeModel}) and the DL4J network of
 * {@link VaeNetworkBuilder} for the same {@link VaeConfig}. SameDiff parameter {@code NAME_W} / {@code NAME_b} is
 * parameter {@code W} / {@code b} of DL4J layer {@code NAME}. Layouts: dense weights {@code [in, out]} in both;
 * biases {@code [out]} (SameDiff) and {@code [1, out]} (DL4J); convolution weights {@code [3, 3, in, out]} (YXIO,
 * SameDiff) and {@code [out, in, 3, 3]} (OIHW, DL4J). Values are cast to the target's data type.
 */
public final class ParameterTransfer {
    private ParameterTransfer() {
    }

    /**
     * Copies every parameter of {@code source} into {@code target}.
     *
     * @throws IllegalArgumentException if a layer or parameter is missing or has another shape (named), or the
     *                                  parameter counts differ
     */
    public static void copy(VaeGraph source, ComputationGraph target) {
        transfer(source, target, true);
    }

    /** Copies every parameter of {@code source} into {@code target}; the reverse of {@link #copy(VaeGraph, ComputationGraph)}. */
    public static void copy(ComputationGraph source, VaeGraph target) {
        transfer(target, source, false);
    }

    /**
     * The one copy loop of both directions: each DL4J parameter is seen through a view in the SameDiff layout
     * ({@link #inSameDiffLayout}), and values are assigned from one side to the other.
     */
    private static void transfer(VaeGraph graph, ComputationGraph network, boolean toNetwork) {
        SameDiff sd = graph.sameDiff();
        long copied = 0;
        for (String name : graph.parameterNames()) {
            INDArray sameDiffArray = sd.getVariable(name).getArr();
            INDArray networkView = inSameDiffLayout(name, dl4jParameter(network, name), sameDiffArray.shape());
            INDArray from = toNetwork ? sameDiffArray : networkView;
            INDArray to = toNetwork ? networkView : sameDiffArray;
            to.assign(from.castTo(to.dataType()));
            copied += to.length();
        }
        requireAllCopied(copied, network.numParams());
    }

    /**
     * A view of a DL4J parameter in the SameDiff layout, writing through to the network's parameters:
     * convolution weights OIHW as YXIO ({@code permute(2, 3, 1, 0)}), biases {@code [1, out]} as {@code [out]}.
     */
    private static INDArray inSameDiffLayout(String name, INDArray dl4j, long[] sameDiffShape) {
        INDArray view;
        if (sameDiffShape.length == 4) {
            view = dl4j.permute(2, 3, 1, 0);
        } else if (dl4j.length() == ArrayUtil.prodLong(sameDiffShape)) {
            view = dl4j.reshape(sameDiffShape);
        } else {
            view = dl4j;
        }
        requireShape(name, view.shape(), sameDiffShape);
        return view;
    }

    /**
     * A {@link VaeModel} for {@code config} holding the network's weights (with fresh optimizer state), to use
     * its evaluation: {@code evaluate}, importance-sampled {@code logLikelihood}, {@code sample}.
     */
    public static VaeModel toVaeModel(ComputationGraph network, VaeConfig config) {
        VaeModel model = VaeModel.create(config);
        copy(network, model.graph());
        return model;
    }

    private static INDArray dl4jParameter(ComputationGraph network, String sameDiffName) {
        int split = sameDiffName.lastIndexOf('_');
        if (split <= 0) {
            throw new IllegalArgumentException("SameDiff parameter " + sameDiffName + " is not named LAYER_PARAM");
        }
        String layerName = sameDiffName.substring(0, split);
        String parameter = sameDiffName.substring(split + 1);
        Layer layer = network.getConfiguration().getVertices().containsKey(layerName) ? network.getLayer(layerName)
                : null;
        if (layer == null) {
            throw new IllegalArgumentException("the DL4J network has no layer " + layerName + " for SameDiff parameter "
                    + sameDiffName + "; was it built by VaeNetworkBuilder from the same VaeConfig?");
        }
        Map<String, INDArray> table = layer.paramTable();
        INDArray array = table.get(parameter);
        if (array == null) {
            throw new IllegalArgumentException("DL4J layer " + layerName + " has no parameter " + parameter + " (it has "
                    + table.keySet() + ")");
        }
        return array;
    }

    private static void requireShape(String name, long[] from, long[] to) {
        if (!Arrays.equals(from, to)) {
            throw new IllegalArgumentException("parameter " + name + " has shape " + Arrays.toString(from)
                    + " (after layout conversion) but the target needs " + Arrays.toString(to)
                    + "; the two models were built from different configurations");
        }
    }

    private static void requireAllCopied(long copied, long total) {
        if (copied != total) {
            throw new IllegalArgumentException("copied " + copied + " parameter values but the DL4J network has " + total
                    + "; the two models were built from different configurations");
        }
    }
}
