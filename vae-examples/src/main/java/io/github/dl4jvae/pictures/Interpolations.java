package io.github.dl4jvae.pictures;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.model.VaeModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Walks in latent space between two inputs: the decoder's mean at evenly spaced points on the straight line from
 * the posterior mean of one input to that of the other, both ends included (so the ends are the inputs'
 * reconstructions). Unconditional models only: between two images of different classes a conditional model would
 * need a label between two one-hot codes.
 */
public final class Interpolations {

    private Interpolations() {
    }

    /**
     * The decoded walk from {@code from} to {@code to} (one example each, {@code [1, D]} or {@code [D]}).
     *
     * @return {@code [steps, D]}
     * @throws IllegalArgumentException if {@code steps < 2} or the model is conditional
     */
    public static INDArray between(VaeModel model, INDArray from, INDArray to, int steps) {
        requireUnconditional(model);
        if (steps < 2) {
            throw new IllegalArgumentException("an interpolation needs at least 2 steps, got " + steps);
        }
        long size = model.config().inputShape().size();
        INDArray a = model.encode(from.reshape(1, size)).mean();
        INDArray b = model.encode(to.reshape(1, size)).mean();
        List<INDArray> codes = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            double t = (double) s / (steps - 1);
            codes.add(a.mul(1 - t).addi(b.mul(t)));
        }
        return model.decode(Nd4j.vstack(codes));
    }

    /**
     * Checks that {@code model} is unconditional.
     *
     * @throws IllegalArgumentException naming the model's classes and what to use instead, if it is conditional
     */
    public static void requireUnconditional(VaeModel model) {
        if (model.config().conditional()) {
            throw new IllegalArgumentException("interpolations need an unconditional model; this model is conditioned"
                    + " on " + model.config().conditionClasses() + " classes (a walk between images of two classes "
                    + "has no one-hot label): use 'vae sample --class N' to see each class");
        }
    }

    /**
     * Pairs of examples of different classes for {@link #write}: the first example, then the next one of another
     * class; then the example after that, and so on.
     *
     * @return up to {@code count} pairs of indices into {@code labels}
     */
    public static int[][] pairsOfDifferentClasses(int[] labels, int count) {
        List<int[]> pairs = new ArrayList<>();
        int a = 0;
        while (pairs.size() < count && a < labels.length) {
            int b = a + 1;
            while (b < labels.length && labels[b] == labels[a]) {
                b++;
            }
            if (b >= labels.length) {
                break;
            }
            pairs.add(new int[] {a, b});
            a = b + 1;
        }
        return pairs.toArray(new int[0][]);
    }

    /**
     * Writes one row per pair: the first input, the {@code steps} decoded points, the second input.
     *
     * @param images the inputs, {@code [n, D]}
     * @param pairs  index pairs into {@code images}
     * @throws IllegalArgumentException if there are no pairs
     */
    public static void write(VaeModel model, INDArray images, int[][] pairs, int steps, int scale, Path file)
            throws IOException {
        if (pairs.length == 0) {
            throw new IllegalArgumentException("no pairs to interpolate between; expected at least one");
        }
        List<INDArray> rows = new ArrayList<>();
        for (int[] pair : pairs) {
            INDArray from = images.get(NDArrayIndex.point(pair[0]), NDArrayIndex.all()).reshape(1, images.size(1));
            INDArray to = images.get(NDArrayIndex.point(pair[1]), NDArrayIndex.all()).reshape(1, images.size(1));
            INDArray walk = between(model, from, to, steps);
            rows.add(from.castTo(walk.dataType()));
            rows.add(walk);
            rows.add(to.castTo(walk.dataType()));
        }
        InputShape shape = model.config().inputShape();
        ImageGrid.write(Nd4j.vstack(rows), shape.height(), shape.width(), steps + 2, scale, file);
    }
}
