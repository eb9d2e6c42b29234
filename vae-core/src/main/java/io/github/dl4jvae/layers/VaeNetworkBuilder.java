package io.github.dl4jvae.layers;

import io.github.dl4jvae.config.Architecture;
import io.github.dl4jvae.config.FeatureMaps;
import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.KlEstimator;
import io.github.dl4jvae.config.LogVarianceClamp;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.Objective;
import io.github.dl4jvae.config.Precision;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.graph.Activations;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Turns a {@link VaeConfig} into a DL4J {@link ComputationGraphConfiguration} built from ordinary DL4J layers plus
 * this package's {@link ReparameterizationVertex}, {@link KlDivergenceVertex} and {@link ElboLoss}: the same
 * network as the SameDiff {@link io.github.dl4jvae.graph.VaeGraph} (layer names equal its parameter prefixes, so
 * {@link ParameterTransfer} can copy weights both ways), for {@code fit}, early stopping, listeners and
 * {@code ModelSerializer}.
 *
 * <p>The graph, for an MLP with hidden sizes h0, h1 (a CONV network adds {@code enc_conv*} stride-2 3x3
 * convolutions before the dense layers, and {@code dec_project}, {@code dec_up*} 2x upsampling, {@code dec_conv*}
 * 3x3 convolutions, an optional {@code dec_crop} and the {@code dec_flat} flattening after them):
 * <pre>
 * x [n, D] - enc_dense0 - enc_dense1 -+- enc_mean   [n, k] -+- z  (ReparameterizationVertex) [n, k]
 *                                    +- enc_logvar [n, k] -+- kl (KlDivergenceVertex) [n, 1] ------------+
 * z - dec_dense1 - dec_dense0 - dec_out [n, D*m] ------------------------------- elbo_input (merge) [n, D*m + 1]
 * elbo_input - elbo (LossLayer with ElboLoss; labels: x)
 * </pre>
 * A {@code GATED_MLP} network's hidden layer {@code SIDE_denseI} is joined by its gate {@code SIDE_gateI} (sigmoid)
 * and their product, the vertex {@code SIDE_gatedI}; a {@link io.github.dl4jvae.config.LogVarianceClamp} is the
 * {@link ClampActivation} of {@code enc_logvar}.
 * The network has one input, the data {@code [n, D]} (flattened (C, H, W), as {@code VaeData} produces with the
 * flat layout), and one output, {@value #OUTPUT}, whose labels are the data again (wrap an iterator in
 * {@code FeaturesAsLabelsIterator}). Its {@code score()} is the mean per-example {@code -log p(x|z) + beta * KL}
 * in nats (the negative ELBO for beta = 1): in training at one sampled z per example; at inference
 * ({@code score(data)}, {@code scoreExamples}, early stopping's {@code DataSetLossCalculator}) at z = the posterior
 * mean, a deterministic figure, unless sampling at inference is switched on
 * ({@link ReparameterizationVertex#setSampleAtInference(ComputationGraph, boolean)}), which gives the usual
 * one-sample estimate. {@code scoreExamples} gives the per-example values, {@code [n, 1]}; {@code output()} is
 * {@code [decoder parameters | beta * KL]}, {@code [n, D * m + 1]}; the latent means are
 * {@link VaeEncoders#latentMeans}.
 *
 * <p>Defaults: Adam with the configuration's learning rate (beta1 0.9, beta2 0.999, epsilon 1e-8), workspaces
 * ENABLED, mean at inference, seed and precision from the configuration. Weights start from
 * U(-1/sqrt(fanIn), 1/sqrt(fanIn)) (PyTorch's bound), biases at 0 (DL4J takes a constant bias initialisation).
 * One latent sample per example per pass: configurations with {@code samplesPerExample != 1} are rejected.
 */
public final class VaeNetworkBuilder {
    /** The network's input: data {@code [n, D]}. */
    public static final String INPUT = "x";
    /** Dense layer giving the mean of q(z|x), {@code [n, k]}: the encoder's output for feature extraction. */
    public static final String ENCODER_MEAN = "enc_mean";
    /** Dense layer giving the log-variance of q(z|x), {@code [n, k]}. */
    public static final String ENCODER_LOG_VARIANCE = "enc_logvar";
    /** The {@link ReparameterizationVertex}, {@code [n, k]}. */
    public static final String LATENT = "z";
    /** The {@link KlDivergenceVertex}, {@code [n, 1]}. */
    public static final String KL = "kl";
    /** The decoder's last layer: parameters of p(x|z) ({@code [n, D*m]} for an MLP, a feature map for CONV). */
    public static final String DECODER_OUTPUT = "dec_out";
    /** A CONV network's flattening of the decoder's output to {@code [n, D*m]} (an MLP's {@value #DECODER_OUTPUT} is flat). */
    public static final String DECODER_PARAMETERS_FLAT = "dec_flat";
    /** Merge of the decoder parameters and the KL column. */
    public static final String LOSS_INPUT = "elbo_input";
    /** The output layer: a {@code LossLayer} with {@link ElboLoss}. */
    public static final String OUTPUT = "elbo";

    private final VaeConfig config;
    private IUpdater updater;
    private WorkspaceMode workspaceMode = WorkspaceMode.ENABLED;
    private boolean sampleAtInference;

    private VaeNetworkBuilder(VaeConfig config) {
        this.config = config;
        this.updater = new Adam(config.learningRate(), 0.9, 0.999, 1e-8);
    }

    /**
     * A builder for the network of {@code config}.
     *
     * @throws IllegalArgumentException if config is null, asks for more than one sample per example, has a
     *     an objective other than the ELBO with a constant beta, or the VampPrior, or is conditional
     */
    public static VaeNetworkBuilder of(VaeConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config is null; expected a VaeConfig (see VaeConfig.builder())");
        }
        if (config.samplesPerExample() != 1) {
            throw new IllegalArgumentException("samplesPerExample is " + config.samplesPerExample()
                    + "; the DL4J layers draw one sample of z per example per pass, so it must be 1 "
                    + "(use io.github.dl4jvae.model.VaeModel for L > 1)");
        }
        if (config.conditional()) {
            throw new IllegalArgumentException("conditionClasses is " + config.conditionClasses() + "; the DL4J layers "
                    + "have one input, the data, and no label input, so it must be 0 (use "
                    + "io.github.dl4jvae.model.VaeModel for a conditional VAE)");
        }
        if (!config.objective().equals(Objective.ELBO)) {
            throw new IllegalArgumentException("objective is " + config.objective() + "; the DL4J layers train the "
                    + "ELBO with a constant beta, so it must be Objective.ELBO (use io.github.dl4jvae.model.VaeModel "
                    + "for IWAE, KL schedules, free bits and the autoencoder AE)");
        }
        if (config.prior().vamp()) {
            throw new IllegalArgumentException("prior is " + config.prior() + "; the DL4J KL layer is against N(0, I), "
                    + "so it must be Prior.STANDARD (use io.github.dl4jvae.model.VaeModel for the VampPrior)");
        }
        return new VaeNetworkBuilder(config);
    }

    /** The updater of every layer (default: Adam with the configuration's learning rate). */
    public VaeNetworkBuilder updater(IUpdater value) {
        if (value == null) {
            throw new IllegalArgumentException("updater is null; expected e.g. new Adam(1e-3)");
        }
        this.updater = value;
        return this;
    }

    /** Training and inference workspace mode (default ENABLED). */
    public VaeNetworkBuilder workspaceMode(WorkspaceMode value) {
        if (value == null) {
            throw new IllegalArgumentException("workspace mode is null; expected ENABLED or NONE");
        }
        this.workspaceMode = value;
        return this;
    }

    /** Whether inference passes sample z (default false: z = mean); see {@link ReparameterizationVertex}. */
    public VaeNetworkBuilder sampleAtInference(boolean value) {
        this.sampleAtInference = value;
        return this;
    }

    /** An initialised network: {@code new ComputationGraph(buildConfiguration()).init()}. */
    public ComputationGraph build() {
        ComputationGraph network = new ComputationGraph(buildConfiguration());
        network.init();
        return network;
    }

    /** The network's configuration. */
    public ComputationGraphConfiguration buildConfiguration() {
        NetworkConfig network = config.network();
        InputShape shape = config.inputShape();
        int k = config.latentSize();
        int m = config.likelihood().parametersPerValue();
        IActivation activation = Activations.dl4j(network.activation());
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .dataType(config.precision() == Precision.DOUBLE ? DataType.DOUBLE : DataType.FLOAT)
                .updater(updater)
                .trainingWorkspaceMode(workspaceMode)
                .inferenceWorkspaceMode(workspaceMode)
                .graphBuilder()
                .addInputs(INPUT);
        boolean conv = network.architecture() == Architecture.CONV;
        g.setInputTypes(conv ? InputType.convolutionalFlat(shape.height(), shape.width(), shape.channels())
                : InputType.feedForward(shape.size()));

        // Encoder.
        FeatureMaps maps = FeatureMaps.of(shape, network.convChannels());
        String last = INPUT;
        long width = shape.size();
        InputPreProcessor pending = null;
        if (conv) {
            pending = new FeedForwardToCnnPreProcessor(shape.height(), shape.width(), shape.channels());
            for (int i = 0; i < maps.levels(); i++) {
                String name = "enc_conv" + i;
                add(g, name, conv(maps.channels(i), maps.channels(i + 1), 2, activation), pending, last);
                pending = null;
                last = name;
            }
            int top = maps.levels();
            pending = new CnnToFeedForwardPreProcessor(maps.height(top), maps.width(top), maps.channels(top));
            width = maps.size(top);
        }
        List<Integer> hidden = network.hiddenSizes();
        for (int i = 0; i < hidden.size(); i++) {
            last = hidden(g, "enc", i, width, hidden.get(i), activation, pending, last);
            pending = null;
            width = hidden.get(i);
        }
        add(g, ENCODER_MEAN, dense(width, k, new ActivationIdentity()), pending, last);
        LogVarianceClamp clamp = config.logVarianceClamp();
        add(g, ENCODER_LOG_VARIANCE, dense(width, k, clamp.enabled() ? new ClampActivation(clamp.min(), clamp.max())
                : new ActivationIdentity()), pending, last);

        // Latent sample and KL term.
        g.addVertex(LATENT, new ReparameterizationVertex(config.seed(), sampleAtInference), ENCODER_MEAN,
                ENCODER_LOG_VARIANCE);
        if (config.klEstimator() == KlEstimator.MONTE_CARLO) {
            g.addVertex(KL, new KlDivergenceVertex(config.beta(), KlEstimator.MONTE_CARLO), ENCODER_MEAN,
                    ENCODER_LOG_VARIANCE, LATENT);
        } else {
            g.addVertex(KL, new KlDivergenceVertex(config.beta(), KlEstimator.ANALYTIC), ENCODER_MEAN,
                    ENCODER_LOG_VARIANCE);
        }

        // Decoder.
        last = LATENT;
        width = k;
        for (int i = hidden.size() - 1; i >= 0; i--) {
            last = hidden(g, "dec", i, width, hidden.get(i), activation, null, last);
            width = hidden.get(i);
        }
        String decoderFlat;
        if (!conv) {
            g.addLayer(DECODER_OUTPUT, dense(width, (long) shape.size() * m, new ActivationIdentity()), last);
            decoderFlat = DECODER_OUTPUT;
        } else {
            int top = maps.levels();
            g.addLayer("dec_project", dense(width, maps.size(top), activation), last);
            last = "dec_project";
            pending = new FeedForwardToCnnPreProcessor(maps.height(top), maps.width(top), maps.channels(top));
            for (int i = top; i >= 1; i--) {
                String up = "dec_up" + (i - 1);
                add(g, up, new Upsampling2D.Builder(2).build(), pending, last);
                pending = null;
                boolean output = i == 1;
                String name = output ? DECODER_OUTPUT : "dec_conv" + (i - 1);
                g.addLayer(name, conv(maps.channels(i), output ? shape.channels() * m : maps.channels(i - 1), 1,
                        output ? new ActivationIdentity() : activation), up);
                last = name;
            }
            int upHeight = maps.upsampledHeight();
            int upWidth = maps.upsampledWidth();
            if (upHeight != shape.height() || upWidth != shape.width()) {
                g.addLayer("dec_crop", new Cropping2D(0, upHeight - shape.height(), 0, upWidth - shape.width()), last);
                last = "dec_crop";
            }
            g.addVertex(DECODER_PARAMETERS_FLAT, new PreprocessorVertex(new CnnToFeedForwardPreProcessor(
                    shape.height(), shape.width(), (long) shape.channels() * m)), last);
            decoderFlat = DECODER_PARAMETERS_FLAT;
        }

        // Objective.
        g.addVertex(LOSS_INPUT, new MergeVertex(), decoderFlat, KL);
        g.addLayer(OUTPUT, new LossLayer.Builder(new ElboLoss(config.likelihood(), config.fixedVariance(), 1))
                .activation(new ActivationIdentity()).build(), LOSS_INPUT);
        g.setOutputs(OUTPUT);
        return g.build();
    }

    /**
     * Hidden layer {@code i} of the encoder or decoder ({@code side} "enc" or "dec"): the dense layer
     * {@code SIDE_denseI}, and for {@link Architecture#GATED_MLP} its gate {@code SIDE_gateI} (sigmoid) and their
     * product {@code SIDE_gatedI}; returns the name of its output.
     */
    private String hidden(ComputationGraphConfiguration.GraphBuilder g, String side, int i, long in, long out,
                          IActivation activation, InputPreProcessor preProcessor, String input) {
        String dense = side + "_dense" + i;
        add(g, dense, dense(in, out, activation), preProcessor, input);
        if (config.network().architecture() != Architecture.GATED_MLP) {
            return dense;
        }
        String gate = side + "_gate" + i;
        add(g, gate, dense(in, out, new ActivationSigmoid()), preProcessor, input);
        String gated = side + "_gated" + i;
        g.addVertex(gated, new ElementWiseVertex(ElementWiseVertex.Op.Product), dense, gate);
        return gated;
    }

    private static void add(ComputationGraphConfiguration.GraphBuilder g, String name,
                            org.deeplearning4j.nn.conf.layers.Layer layer, InputPreProcessor preProcessor, String input) {
        if (preProcessor == null) {
            g.addLayer(name, layer, input);
        } else {
            g.addLayer(name, layer, preProcessor, input);
        }
    }

    private static DenseLayer dense(long in, long out, IActivation activation) {
        double bound = 1.0 / Math.sqrt(in);
        return new DenseLayer.Builder().nIn(in).nOut(out).activation(activation)
                .weightInit(new UniformDistribution(-bound, bound)).biasInit(0.0).build();
    }

    private static ConvolutionLayer conv(int in, int out, int stride, IActivation activation) {
        double bound = 1.0 / Math.sqrt((double) in * FeatureMaps.KERNEL * FeatureMaps.KERNEL);
        return new ConvolutionLayer.Builder(FeatureMaps.KERNEL, FeatureMaps.KERNEL).stride(stride, stride)
                .convolutionMode(ConvolutionMode.Same)
                .nIn(in).nOut(out).activation(activation).weightInit(new UniformDistribution(-bound, bound))
                .biasInit(0.0).build();
    }
}
