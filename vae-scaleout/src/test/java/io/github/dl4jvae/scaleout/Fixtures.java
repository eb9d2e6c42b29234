package io.github.dl4jvae.scaleout;

import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.data.FashionMnist;
import io.github.dl4jvae.data.IdxDataSource;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.data.Split;
import io.github.dl4jvae.data.VaeData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Shared test data and network: the Fashion-MNIST subset embedded in vae-core (5000 training, 1000 test images,
 * pixels / 255) and a small MLP VAE (784-128-8, Bernoulli, Adam 3e-3, seed 42), as in vae-core's UserPipelineTest.
 */
public final class Fixtures {
    /** Seed of the network and the data. */
    public static final long SEED = 42;
    /** Negative ELBO per example of an untrained Bernoulli VAE on [0,1] pixels: about 784 * ln 2 nats. */
    public static final double UNTRAINED = 784 * Math.log(2);

    private Fixtures() {
    }

    /** The test network's configuration. */
    public static VaeConfig config() {
        return VaeConfig.builder().network(NetworkConfig.mlp(128)).latentSize(8).learningRate(3e-3).seed(SEED).build();
    }

    /** The embedded subset. */
    public static IdxDataSource source() throws IOException {
        return FashionMnist.embeddedSubset();
    }

    /** All of a split in file order, pixels / 255, labels = classes. */
    public static DataSet load(Split split) throws IOException {
        return VaeData.load(source(), split, Preprocessing.defaults(), SEED);
    }

    /** Minibatches of {@code size} in file order whose labels are their features. */
    public static List<DataSet> vaeBatches(DataSet data, int size) {
        List<DataSet> out = new ArrayList<>();
        for (org.nd4j.linalg.dataset.DataSet b : data.batchBy(size)) {
            out.add(new DataSet(b.getFeatures(), b.getFeatures()));
        }
        return out;
    }

    /** Copies the subset's gzipped IDX images file of {@code split} into {@code directory}; returns its path. */
    public static Path copyImages(Split split, Path directory) throws IOException {
        Path target = directory.resolve(split == Split.TRAIN ? "train-images-idx3-ubyte.gz" : "t10k-images-idx3-ubyte.gz");
        try (InputStream in = source().images(split).toURL().openStream()) {
            Files.copy(in, target);
        }
        return target;
    }
}
