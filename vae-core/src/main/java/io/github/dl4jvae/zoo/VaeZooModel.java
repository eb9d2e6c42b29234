package io.github.dl4jvae.zoo;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.Objective;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.layers.ParameterTransfer;
import io.github.dl4jvae.layers.VaeNetworkBuilder;
import io.github.dl4jvae.model.VaeModel;
import java.io.IOException;
import java.util.Arrays;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.zoo.ModelMetaData;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.ZooModel;
import org.deeplearning4j.zoo.ZooType;

/**
 * A VAE of the zoo in the deeplearning4j-zoo style: {@link #init()} builds the network (a DL4J
 * {@link ComputationGraph} made by {@link VaeNetworkBuilder} from the entry's {@link VaeConfig}) with fresh weights;
 * {@link #initPretrained()} loads the trained weights into it, and {@link #pretrainedModel()} into a
 * {@link VaeModel}, after checking their SHA-256 against the registry. The weights ship in the
 * {@value VaeZoo#WEIGHTS_ARTIFACT} artifact, beside vae-core. Get one from {@link VaeZoo#model(String)}.
 *
 * <p>DL4J's {@link PretrainedType} has no constant for Fashion-MNIST and its loader downloads from a URL; the weights
 * here are on the class path (no network access is needed), so {@link #initPretrained()} is the way to load them and
 * {@link #initPretrained(PretrainedType)} refuses every type with that explanation.
 */
public final class VaeZooModel extends ZooModel<ComputationGraph> {
    private final ZooEntry entry;
    private VaeConfig config;

    /** The model of one registry entry. */
    public VaeZooModel(ZooEntry entry) {
        if (entry == null) {
            throw new IllegalArgumentException("zoo entry is null; get models from VaeZoo.model(name)");
        }
        this.entry = entry;
        this.config = entry.config();
    }

    /** The registry entry: metadata, configuration, weights and figures. */
    public ZooEntry entry() {
        return entry;
    }

    /** The configuration {@link #init()} builds (the entry's, with the input shape of {@link #setInputShape}). */
    public VaeConfig config() {
        return config;
    }

    /**
     * A new network with fresh weights from the configuration's seed.
     *
     * @throws IllegalArgumentException for a conditional model ({@code conditionClasses > 0}, e.g.
     *     {@code cvae-mlp400}): the DL4J-layer network has no label input; use
     *     {@code VaeModel.create(entry().config())}
     */
    @Override
    @SuppressWarnings("unchecked")
    public ComputationGraph init() {
        return VaeNetworkBuilder.of(config).build();
    }

    /**
     * The network with the shipped weights ({@link #pretrainedModel()} copied into the DL4J layers of
     * {@link VaeNetworkBuilder}). Its loss layer is the ELBO with the entry's beta and one sample of z, whatever
     * objective the weights were trained with (a KL warm-up, free bits, IWAE): the network of the same architecture.
     *
     * @throws UnsupportedOperationException if this model has no weights (the message names those that do)
     * @throws IllegalArgumentException      if the DL4J layers cannot hold this architecture: a conditional model or
     *                                       the VampPrior (use {@link #pretrainedModel()})
     * @throws IllegalStateException         if the input shape was changed from the one the weights were trained for
     * @throws IOException                   if the weights artifact is missing from the class path (the message names
     *                                       the dependency), or the file fails its checksum or cannot be read
     */
    @Override
    public ComputationGraph initPretrained() throws IOException {
        VaeModel model = pretrainedModel();
        VaeConfig layers = config.toBuilder().objective(Objective.ELBO).samplesPerExample(1).build();
        ComputationGraph network = VaeNetworkBuilder.of(layers).build();
        ParameterTransfer.copy(model.graph(), network);
        return network;
    }

    /**
     * The {@link VaeModel} with the shipped weights, checked against the registry's SHA-256 first: every
     * architecture, prior and objective of the zoo.
     *
     * @throws UnsupportedOperationException if this model has no weights (the message names those that do)
     * @throws IllegalStateException         if the input shape was changed from the one the weights were trained for
     * @throws IOException                   if the weights artifact is missing from the class path (the message names
     *                                       the dependency), or the file fails its checksum or cannot be read
     */
    public VaeModel pretrainedModel() throws IOException {
        if (!config.inputShape().equals(entry.config().inputShape())) {
            throw new IllegalStateException("zoo model " + entry.name() + ": the weights were trained for input shape "
                    + entry.inputShape() + ", but setInputShape changed it to " + config.inputShape());
        }
        return ShippedWeights.load(entry);
    }

    /**
     * Not available: see the class comment.
     *
     * @throws UnsupportedOperationException always, pointing to {@link #initPretrained()}
     */
    @Override
    public <M extends Model> M initPretrained(PretrainedType pretrainedType) {
        throw new UnsupportedOperationException("VAE zoo weights are on the class path (trained on " + entry.dataSet()
                + "), not downloaded per DL4J PretrainedType (" + pretrainedType + "); call initPretrained()");
    }

    /** False for every type: the shipped weights are not addressed by {@link PretrainedType}. */
    @Override
    public boolean pretrainedAvailable(PretrainedType pretrainedType) {
        return false;
    }

    /** None: nothing is downloaded. */
    @Override
    public String pretrainedUrl(PretrainedType pretrainedType) {
        return null;
    }

    /** 0: DL4J's Adler-32 download checksum is not used; the registry holds a SHA-256. */
    @Override
    public long pretrainedChecksum(PretrainedType pretrainedType) {
        return 0;
    }

    /** The entry's name. */
    @Override
    public String modelName() {
        return entry.name();
    }

    /** One input of shape {@code [channels, height, width]}, one output; DL4J's zoo type for image models. */
    @Override
    public ModelMetaData metaData() {
        InputShape s = config.inputShape();
        return new ModelMetaData(new int[][] {{s.channels(), s.height(), s.width()}}, 1, ZooType.CNN);
    }

    /**
     * Changes the input shape that {@link #init()} builds for: one input {@code [channels, height, width]}.
     *
     * @throws IllegalArgumentException for anything but one shape of three positive sizes
     */
    @Override
    public void setInputShape(int[][] inputShape) {
        if (inputShape == null || inputShape.length != 1 || inputShape[0] == null || inputShape[0].length != 3) {
            throw new IllegalArgumentException("input shape must be one [channels, height, width], got "
                    + Arrays.deepToString(inputShape));
        }
        InputShape shape = new InputShape(inputShape[0][0], inputShape[0][1], inputShape[0][2]);
        this.config = config.toBuilder().inputShape(shape).build();
    }

    /** {@link ComputationGraph}. */
    @Override
    public Class<? extends Model> modelType() {
        return ComputationGraph.class;
    }
}
