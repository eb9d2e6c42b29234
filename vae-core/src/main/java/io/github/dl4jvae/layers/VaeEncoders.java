package io.github.dl4jvae.layers;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The encoder of a trained VAE network ({@link VaeNetworkBuilder}) used on its own: latent means as features, and
 * a classifier that starts from the encoder, the way DL4J users fine-tune a pretrained network with
 * {@link TransferLearning}.
 */
public final class VaeEncoders {
    /** Name of the softmax output layer that {@link #classifier} adds. */
    public static final String CLASSIFIER = "classifier";

    private VaeEncoders() {
    }

    /**
     * The mean of q(z|x) for each example: the encoder's output at inference, {@code [n, k]}. Only the encoder is
     * evaluated.
     *
     * @param x data {@code [n, D]}, as the network's input
     */
    public static INDArray latentMeans(ComputationGraph vae, INDArray x) {
        requireVae(vae);
        if (x == null) {
            throw new IllegalArgumentException("x is null; expected the data, [n, D]");
        }
        return vae.output(List.of(VaeNetworkBuilder.ENCODER_MEAN), false, new INDArray[] {x}, null)[0];
    }

    /**
     * A classifier network: the VAE's encoder up to {@value VaeNetworkBuilder#ENCODER_MEAN} (with its trained
     * weights), then a softmax layer {@value #CLASSIFIER} of {@code numClasses} outputs with the multi-class
     * cross-entropy loss. Everything else (log-variance, sampling, KL, decoder) is removed. Train it with labelled
     * data ({@code [n, D]} features, one-hot labels). It has the VAE's data type.
     *
     * @param freezeEncoder true to keep the encoder's weights fixed (feature extraction), false to fine-tune them
     * @param updater       the updater of the trainable layers
     * @param seed          seed of the new layer's initial weights
     */
    public static ComputationGraph classifier(ComputationGraph vae, int numClasses, boolean freezeEncoder,
                                              IUpdater updater, long seed) {
        requireVae(vae);
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be >= 2, got " + numClasses);
        }
        if (updater == null) {
            throw new IllegalArgumentException("updater is null; expected e.g. new Adam(1e-3)");
        }
        long latentSize = vae.getLayer(VaeNetworkBuilder.ENCODER_MEAN).getParam("b").length();
        TransferLearning.GraphBuilder builder = new TransferLearning.GraphBuilder(vae)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(updater).seed(seed).build());
        if (freezeEncoder) {
            builder.setFeatureExtractor(VaeNetworkBuilder.ENCODER_MEAN);
        }
        Set<String> removed = notNeededFor(vae.getConfiguration(), VaeNetworkBuilder.ENCODER_MEAN);
        for (String vertex : removed) {
            builder.removeVertexAndConnections(vertex);
        }
        ComputationGraph classifier = builder
                .addLayer(CLASSIFIER, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(latentSize)
                        .nOut(numClasses).activation(Activation.SOFTMAX).build(), VaeNetworkBuilder.ENCODER_MEAN)
                .setOutputs(CLASSIFIER)
                .build();
        DataType dataType = vae.getConfiguration().getDataType();
        if (classifier.getConfiguration().getDataType() != dataType) {
            // DL4J M2.1's TransferLearning builds a FLOAT network whatever the source's type (its fine-tune
            // configuration has no data type): convert, then copy the encoder's weights again at full precision.
            classifier = classifier.convertDataType(dataType);
            for (String vertex : vae.getConfiguration().getVertices().keySet()) {
                if (!removed.contains(vertex) && vae.getVertex(vertex).hasLayer() && vae.getLayer(vertex).numParams() > 0) {
                    classifier.getLayer(vertex).setParams(vae.getLayer(vertex).params());
                }
            }
        }
        return classifier;
    }

    /** Vertices that are neither {@code target} nor among its ancestors (network inputs excluded). */
    private static Set<String> notNeededFor(ComputationGraphConfiguration conf, String target) {
        Map<String, List<String>> inputsOf = conf.getVertexInputs();
        Set<String> needed = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(target));
        while (!todo.isEmpty()) {
            String v = todo.pop();
            if (needed.add(v)) {
                todo.addAll(inputsOf.getOrDefault(v, List.of()));
            }
        }
        Set<String> remove = new HashSet<>(conf.getVertices().keySet());
        remove.removeAll(needed);
        return remove;
    }

    private static void requireVae(ComputationGraph vae) {
        if (vae == null) {
            throw new IllegalArgumentException("network is null; expected a VAE built by VaeNetworkBuilder");
        }
        if (!vae.getConfiguration().getVertices().containsKey(VaeNetworkBuilder.ENCODER_MEAN)
                || vae.getNumInputArrays() != 1) {
            throw new IllegalArgumentException("network has no vertex " + VaeNetworkBuilder.ENCODER_MEAN + " or not "
                    + "exactly one input (vertices: " + vae.getConfiguration().getVertices().keySet()
                    + "); expected a VAE built by VaeNetworkBuilder");
        }
    }
}
