package io.github.dl4jvae.pictures;

import io.github.dl4jvae.eval.LatentUsage;
import io.github.dl4jvae.model.VaeModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Latent traversals: the decoder's mean as one latent dimension moves over [-range, range] while the others stay
 * at an input's posterior mean, one row per dimension, the dimensions with the most KL first (for an autoencoder,
 * the most variance over the data). What a dimension
 * encodes (and whether a collapsed one encodes nothing: its row does not change) is seen at a glance. A conditional
 * model encodes the input and decodes every point with the input's label.
 */
public final class LatentTraversals {

    private LatentTraversals() {
    }

    /**
     * The decoded traversals of an unconditional model; see {@link #decode(VaeModel, INDArray, INDArray, int[], int,
     * double)}.
     */
    public static INDArray decode(VaeModel model, INDArray origin, int[] dimensions, int steps, double range) {
        return decode(model, origin, null, dimensions, steps, range);
    }

    /**
     * The decoded traversals of the given dimensions around {@code origin}'s posterior mean.
     *
     * @param origin     one example, {@code [1, D]} or {@code [D]}
     * @param label      its one-hot label {@code [1, C]} for a conditional model; null for an unconditional one
     * @param dimensions latent dimensions to vary, each in [0, latentSize)
     * @param steps      points per dimension, at least 2, evenly spaced from {@code -range} to {@code range}
     * @return {@code [dimensions.length * steps, D]}, row-major by dimension
     * @throws IllegalArgumentException on a bad dimension, fewer than 2 steps, or a range that is not positive
     */
    public static INDArray decode(VaeModel model, INDArray origin, INDArray label, int[] dimensions, int steps,
                                  double range) {
        int latent = model.config().latentSize();
        if (steps < 2 || !(range > 0)) {
            throw new IllegalArgumentException("a traversal needs at least 2 steps and a positive range, got " + steps
                    + " steps and range " + range);
        }
        INDArray center = model.encode(origin.reshape(1, model.config().inputShape().size()), label).mean();
        List<INDArray> codes = new ArrayList<>();
        for (int dimension : dimensions) {
            if (dimension < 0 || dimension >= latent) {
                throw new IllegalArgumentException("latent dimension " + dimension + " is outside [0, " + latent + ")");
            }
            for (int s = 0; s < steps; s++) {
                INDArray code = center.dup();
                code.putScalar(0, dimension, -range + 2 * range * s / (steps - 1));
                codes.add(code);
            }
        }
        return model.decode(Nd4j.vstack(codes), label == null ? null : Nd4j.tile(label, codes.size(), 1));
    }

    /**
     * The {@code count} dimensions with the largest KL, largest first; for an autoencoder's codes, which have no KL
     * ({@link LatentUsage#hasKl()}), those with the largest variance over the data.
     */
    public static int[] mostInformative(LatentUsage usage, int count) {
        double[] kl = usage.hasKl() ? usage.klPerDimension() : usage.posteriorMeanVariance();
        return IntStream.range(0, kl.length).boxed()
                .sorted(Comparator.comparingDouble((Integer u) -> kl[u]).reversed())
                .limit(count).mapToInt(Integer::intValue).toArray();
    }

    /**
     * Writes the traversals of an unconditional model; see
     * {@link #write(VaeModel, LatentUsage, INDArray, INDArray, int, int, Path)}.
     */
    public static void write(VaeModel model, LatentUsage usage, INDArray origin, int rows, int scale, Path file)
            throws IOException {
        write(model, usage, origin, null, rows, scale, file);
    }

    /**
     * Writes the traversals of the {@code rows} most informative dimensions, 9 steps over [-3, 3], as a PNG grid;
     * {@code label} is the origin's one-hot label {@code [1, C]} for a conditional model, null for an unconditional
     * one.
     */
    public static void write(VaeModel model, LatentUsage usage, INDArray origin, INDArray label, int rows, int scale,
                             Path file) throws IOException {
        int steps = 9;
        int[] dimensions = mostInformative(usage, Math.min(rows, usage.latentSize()));
        var shape = model.config().inputShape();
        ImageGrid.write(decode(model, origin, label, dimensions, steps, 3.0), shape.height(), shape.width(), steps, scale,
                file);
    }
}
