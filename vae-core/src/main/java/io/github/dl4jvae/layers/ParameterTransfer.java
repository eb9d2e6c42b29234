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
        SameDiff sd = source.sameDiff();
        long copied = 0;
        for (String name : source.parameterNames()) {
            INDArray from = sd.getVariable(name).getArr();
            INDArray to = dl4jParameter(target, name);
            INDArray converted = from.rank() == 4 ? from.permute(3, 2, 0, 1) : from.reshape(to.shape());
            requireShape(name, converted.shape(), to.shape());
            to.assign(converted.castTo(to.dataType()));
            copied += to.length();
        }
        requireAllCopied(copied, target.numParams());
    }

    /** Copies every parameter of {@code source} into {@code target}; the reverse of {@link #copy(VaeGraph, ComputationGraph)}. */
    public static void copy(ComputationGraph source, VaeGraph target) {
        SameDiff sd = target.sameDiff();
        long copied = 0;
        for (String name : target.parameterNames()) {
            INDArray to = sd.getVariable(name).getArr();
            INDArray from = dl4jParameter(source, name);
            INDArray converted = to.rank() == 4 ? from.permute(2, 3, 1, 0) : from.reshape(to.shape());
            requireShape(name, converted.shape(), to.shape());
            to.assign(converted.castTo(to.dataType()));
            copied += from.length();
        }
        requireAllCopied(copied, source.numParams());
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
