package io.github.dl4jvae.quality;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The small CNN whose penultimate layer is the feature space of the sample-quality figures: input a flattened
 * 28 x 28 grey image {@code [n, 784]} in [0, 1]; a 3x3 convolution of stride 2 to 16 channels (ReLU, same padding:
 * 14 x 14), a 3x3 convolution of stride 2 to 32 channels (ReLU: 7 x 7), a dense layer of {@value #FEATURE_SIZE} ReLU
 * units (layer {@value #FEATURE_LAYER}: the features), and a softmax over {@value #CLASSES} classes trained with
 * cross-entropy by Adam; 206,922 parameters. Strided convolutions instead of pooling layers: DL4J 1.0.0-M2.1 runs its
 * convolution and pooling layers through its own im2col code on the CPU (its oneDNN helpers are disabled by default
 * and fail to load when enabled), where this network trained at about 1,000-1,300 images per second on one core and a
 * 3x3/32-64 network with max pooling at about 250.
 */
public final class ClassifierNetwork {
    /** Index of the feature layer (the dense layer before the softmax) in the network's layers. */
    public static final int FEATURE_LAYER = 2;
    /** Width of the feature layer. */
    public static final int FEATURE_SIZE = 128;
    /** Number of classes. */
    public static final int CLASSES = 10;
    /** Image height and width. */
    public static final int SIDE = 28;

    private ClassifierNetwork() {
    }

    /**
     * A new, initialised network.
     *
     * @param seed         seed of the weight initialisation
     * @param learningRate Adam's learning rate, in (0, 1]
     * @throws IllegalArgumentException for a learning rate outside (0, 1]
     */
    public static MultiLayerNetwork create(long seed, double learningRate) {
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new IllegalArgumentException("learningRate must be in (0, 1], got " + learningRate);
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.RELU)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(16).activation(Activation.RELU)
                        .convolutionMode(ConvolutionMode.Same).build())
                .layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(32).activation(Activation.RELU)
                        .convolutionMode(ConvolutionMode.Same).build())
                .layer(new DenseLayer.Builder().nOut(FEATURE_SIZE).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build())
                .setInputType(InputType.convolutionalFlat(SIDE, SIDE, 1))
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }
}
