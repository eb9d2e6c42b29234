package io.github.dl4jvae.benchmarks;

import io.github.dl4jvae.data.FashionMnist;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.data.Split;
import io.github.dl4jvae.data.VaeData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The inputs every benchmark uses: the first {@value #EXAMPLES} training images of the Fashion-MNIST subset
 * embedded in vae-core (the same as the first images of the full set), scaled to [0,1], flat {@code [n, 784]}
 * float rows. The PyTorch peer reads the same file, so all implementations see the same pixels.
 */
public final class BenchmarkData {
    /** Examples the benchmarks cycle through: a multiple of every benchmarked batch size. */
    public static final int EXAMPLES = 2048;
    /** Image side in pixels. */
    public static final int SIDE = FashionMnist.SIDE;

    private static INDArray images;

    private BenchmarkData() {
    }

    /** The {@value #EXAMPLES} images as {@code [EXAMPLES, 784]} floats in [0,1], loaded once per JVM. */
    public static synchronized INDArray images() {
        if (images == null) {
            try {
                INDArray all = VaeData.load(FashionMnist.embeddedSubset(), Split.TRAIN, Preprocessing.defaults(), 0)
                        .getFeatures();
                images = all.get(NDArrayIndex.interval(0, EXAMPLES), NDArrayIndex.all()).dup();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the embedded Fashion-MNIST subset of vae-core", e);
            }
        }
        return images;
    }

    /**
     * The images cut into consecutive batches of {@code batchSize} rows.
     *
     * @throws IllegalArgumentException if {@code batchSize} does not divide {@value #EXAMPLES}
     */
    public static List<INDArray> batches(int batchSize) {
        checkBatchSize(batchSize);
        INDArray all = images();
        List<INDArray> batches = new ArrayList<>();
        for (int start = 0; start < EXAMPLES; start += batchSize) {
            batches.add(all.get(NDArrayIndex.interval(start, start + batchSize), NDArrayIndex.all()).dup());
        }
        return batches;
    }

    /** Latent codes drawn from N(0, I) with a fixed seed, cut like {@link #batches(int)}: inputs of the decoder. */
    public static List<INDArray> latentBatches(int batchSize, int latentSize) {
        checkBatchSize(batchSize);
        Nd4j.getRandom().setSeed(11);
        List<INDArray> batches = new ArrayList<>();
        for (int start = 0; start < EXAMPLES; start += batchSize) {
            batches.add(Nd4j.randn(DataType.FLOAT, batchSize, latentSize));
        }
        return batches;
    }

    private static void checkBatchSize(int batchSize) {
        if (batchSize < 1 || EXAMPLES % batchSize != 0) {
            throw new IllegalArgumentException("batch size " + batchSize + " must be a positive divisor of "
                    + EXAMPLES + ", the number of benchmark examples (e.g. 32, 128, 512, 2048)");
        }
    }
}
