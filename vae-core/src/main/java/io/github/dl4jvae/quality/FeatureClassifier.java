package io.github.dl4jvae.quality;

import io.github.dl4jvae.zoo.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * An image classifier seen as a feature extractor: the activations of one of its layers (the penultimate one, for
 * the sample-quality figures) are the features of an image. {@link #shipped()} is the Fashion-MNIST classifier
 * trained by this project and embedded in the jar ({@value #SHIPPED_RESOURCE}, with its {@link ClassifierMetadata},
 * test accuracy included, in {@value #SHIPPED_METADATA}); its SHA-256 is checked against the metadata before every
 * load. Images are {@code [n, 784]} (or {@code [n, 1, 28, 28]}) grey levels in [0, 1], as {@code VaeData} gives them
 * and as a VAE's decoder means are. Calls are serialised: a DL4J network is not thread-safe.
 */
public final class FeatureClassifier {
    /** The shipped classifier's file, in this package's classpath folder. */
    public static final String SHIPPED_RESOURCE = "fashion-mnist-cnn.zip";
    /** The shipped classifier's metadata, beside it. */
    public static final String SHIPPED_METADATA = "fashion-mnist-cnn.json";
    /** Images per forward pass. */
    private static final int BATCH = 500;

    private final MultiLayerNetwork network;
    private final int featureLayer;
    private final ClassifierMetadata metadata;

    private FeatureClassifier(MultiLayerNetwork network, int featureLayer, ClassifierMetadata metadata) {
        this.network = network;
        this.featureLayer = featureLayer;
        this.metadata = metadata;
    }

    /**
     * Any trained network, its features taken from layer {@code featureLayer}; without metadata.
     *
     * @throws IllegalArgumentException for a null network or a layer index outside it
     */
    public static FeatureClassifier of(MultiLayerNetwork network, int featureLayer) {
        if (network == null) {
            throw new IllegalArgumentException("network is null; expected a trained MultiLayerNetwork");
        }
        if (featureLayer < 0 || featureLayer >= network.getnLayers()) {
            throw new IllegalArgumentException("feature layer " + featureLayer + " is outside the network's "
                    + network.getnLayers() + " layers; expected 0.." + (network.getnLayers() - 1));
        }
        return new FeatureClassifier(network, featureLayer, null);
    }

    /**
     * The Fashion-MNIST classifier shipped in the jar, checked against its metadata's SHA-256 and size.
     *
     * @throws IOException if the files are missing from the class path, the metadata is invalid, or the file fails
     *     its checksum
     */
    public static FeatureClassifier shipped() throws IOException {
        String folder = FeatureClassifier.class.getPackageName().replace('.', '/') + "/";
        String json = new String(resource(folder, SHIPPED_METADATA), StandardCharsets.UTF_8);
        ClassifierMetadata metadata = ClassifierMetadata.fromJson(json, folder + SHIPPED_METADATA);
        return load(resource(folder, metadata.resource()), metadata, folder + metadata.resource());
    }

    /**
     * A classifier written by {@link ClassifierFiles#write}: {@code zip} and the {@code .json} of the same name beside
     * it, checked as {@link #shipped()} is.
     *
     * @throws IOException naming the file that is missing, invalid or fails its checksum
     */
    public static FeatureClassifier read(Path zip) throws IOException {
        Path json = ClassifierFiles.metadataFile(zip);
        ClassifierMetadata metadata;
        try {
            metadata = ClassifierMetadata.fromJson(Files.readString(json), json.toString());
        } catch (NoSuchFileException e) {
            throw new IOException("classifier metadata " + json + " does not exist; expected it beside " + zip, e);
        }
        try {
            return load(Files.readAllBytes(zip), metadata, zip.toString());
        } catch (NoSuchFileException e) {
            throw new IOException("classifier file " + zip + " does not exist", e);
        }
    }

    private static byte[] resource(String folder, String name) throws IOException {
        try (InputStream in = FeatureClassifier.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("classifier resource " + folder + name + " is not on the class path; expected "
                        + "it inside the vae-core jar");
            }
            return in.readAllBytes();
        }
    }

    private static FeatureClassifier load(byte[] bytes, ClassifierMetadata metadata, String source)
            throws IOException {
        String actual = Sha256.of(bytes);
        if (!actual.equals(metadata.sha256()) || bytes.length != metadata.bytes()) {
            throw new IOException("classifier " + source + " fails its checksum: SHA-256 " + actual + " ("
                    + bytes.length + " bytes), its metadata expects " + metadata.sha256() + " (" + metadata.bytes()
                    + " bytes); the file is damaged or the metadata is stale");
        }
        MultiLayerNetwork network = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), false);
        int layer = of(network, metadata.featureLayer()).featureLayer;
        var conf = network.getLayerWiseConfigurations().getConf(layer).getLayer();
        long width = conf instanceof FeedForwardLayer dense ? dense.getNOut() : -1;
        if (width != metadata.featureSize()) {
            throw new IOException("classifier " + source + ": layer " + layer + " has " + (width < 0 ? "no fixed"
                    : String.valueOf(width)) + " units but its metadata says featureSize " + metadata.featureSize());
        }
        return new FeatureClassifier(network, layer, metadata);
    }

    /** The metadata recorded with the classifier (test accuracy, command, checksum); null for {@link #of}. */
    public ClassifierMetadata metadata() {
        return metadata;
    }

    /** The index of the feature layer. */
    public int featureLayer() {
        return featureLayer;
    }

    /**
     * The features of {@code images}: the activations of the feature layer, {@code [n][featureSize]} in double.
     *
     * @param images {@code [n, 784]} or {@code [n, 1, 28, 28]}, finite
     * @throws IllegalArgumentException for another shape, no rows, or NaN or infinite values
     */
    public synchronized double[][] features(INDArray images) {
        INDArray rows = checked(images);
        int n = (int) rows.size(0);
        double[][] features = new double[n][];
        for (int start = 0; start < n; start += BATCH) {
            int end = Math.min(n, start + BATCH);
            INDArray batch = rows.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            List<INDArray> activations = network.feedForwardToLayer(featureLayer, batch, false);
            double[][] block = activations.get(featureLayer + 1).castTo(DataType.DOUBLE).toDoubleMatrix();
            System.arraycopy(block, 0, features, start, end - start);
        }
        return features;
    }

    /**
     * The most probable class of each image, {@code [n]}.
     *
     * @throws IllegalArgumentException as {@link #features}
     */
    public synchronized int[] predict(INDArray images) {
        return network.predict(checked(images));
    }

    private INDArray checked(INDArray images) {
        int side = ClassifierNetwork.SIDE;
        if (images == null) {
            throw new IllegalArgumentException("images are null; expected [n, " + side * side + "] grey levels");
        }
        boolean flat = images.rank() == 2 && images.size(1) == (long) side * side;
        boolean square = images.rank() == 4 && images.size(1) == 1 && images.size(2) == side && images.size(3) == side;
        if (!(flat || square) || images.size(0) == 0) {
            throw new IllegalArgumentException("images have shape " + Arrays.toString(images.shape())
                    + "; expected [n, " + side * side + "] or [n, 1, " + side + ", " + side + "] with n >= 1");
        }
        INDArray rows = images.reshape(images.size(0), (long) side * side).castTo(DataType.FLOAT);
        if (rows.isNaN().any() || rows.isInfinite().any()) {
            throw new IllegalArgumentException("images hold NaN or infinite values; expected finite grey levels");
        }
        return rows;
    }
}
