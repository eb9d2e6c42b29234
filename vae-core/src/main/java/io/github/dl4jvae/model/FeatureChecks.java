package io.github.dl4jvae.model;

import io.github.dl4jvae.config.InputShape;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Checks arrays at the API boundary so that a bad input is named here, not by an op deep in the graph: data, latent
 * codes, and the one-hot labels of a conditional model. Data types:
 * any floating-point array (HALF, BFLOAT16, FLOAT, DOUBLE) is converted to the model's precision, since the
 * conversion loses nothing a VAE needs; integer and boolean arrays are rejected, because integer pixels (0-255)
 * are almost always unscaled data that a Bernoulli decoder would silently mistrain on.
 */
final class FeatureChecks {
    private FeatureChecks() {
    }

    /**
     * Validates data for a model of the given input shape and returns it as {@code [n, D]} in the model's type.
     *
     * @param what what the array is, for the message ("features", "validation batch", ...)
     * @throws IllegalArgumentException on null, wrong rank or width, no rows, a non-floating type, NaN or Inf
     */
    static INDArray flatten(INDArray x, InputShape shape, DataType dataType, String what) {
        String expected = "expected [n, " + shape.size() + "] or [n, " + shape.channels() + ", " + shape.height()
                + ", " + shape.width() + "]";
        if (x == null) {
            throw new IllegalArgumentException(what + " is null; " + expected);
        }
        long[] s = x.shape();
        boolean flat = s.length == 2 && s[1] == shape.size();
        boolean image = s.length == 4 && s[1] == shape.channels() && s[2] == shape.height() && s[3] == shape.width();
        if (!flat && !image) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(s) + "; " + expected);
        }
        if (s[0] == 0) {
            throw new IllegalArgumentException(what + " has no rows (shape " + Arrays.toString(s) + "); " + expected
                    + " with n >= 1");
        }
        if (!x.dataType().isFPType()) {
            throw new IllegalArgumentException(what + " has data type " + x.dataType()
                    + "; expected a floating-point array (FLOAT or DOUBLE)");
        }
        INDArray rows = image ? x.reshape('c', s[0], shape.size()) : x;
        if (hasNonFinite(rows)) {
            throw new IllegalArgumentException(what + " contains NaN or infinite values; expected finite numbers");
        }
        return rows.dataType() == dataType ? rows : rows.castTo(dataType);
    }

    /**
     * Validates the condition of a call: one-hot labels {@code [rows, classes]} for a conditional model
     * ({@code classes > 0}), none for an unconditional one.
     *
     * @param where prefix naming the batch for messages ("training batch 2 (epoch 1): "), or ""
     * @return the labels in the model's type, or null for an unconditional model
     * @throws IllegalArgumentException on missing labels for a conditional model, labels for an unconditional one,
     *     the wrong shape, or a row that is not one-hot
     */
    static INDArray labels(INDArray labels, int classes, long rows, DataType dataType, String where) {
        if (classes == 0) {
            if (labels != null) {
                throw new IllegalArgumentException(where + "this model is unconditional (conditionClasses 0): it "
                        + "takes no labels; got labels of shape " + Arrays.toString(labels.shape())
                        + ". Call the method without labels, or use a model with conditionClasses > 0");
            }
            return null;
        }
        String expected = "this model is conditioned on " + classes + " classes: pass one-hot labels [n, " + classes
                + "]";
        if (labels == null) {
            throw new IllegalArgumentException(where + expected + "; got none");
        }
        long[] s = labels.shape();
        if (s.length != 2 || s[0] != rows || s[1] != classes) {
            throw new IllegalArgumentException(where + expected + " with n = " + rows + " (one row per example); got "
                    + "labels of shape " + Arrays.toString(s));
        }
        double[][] values = labels.castTo(DataType.DOUBLE).toDoubleMatrix();
        for (int i = 0; i < values.length; i++) {
            int ones = 0;
            int zeros = 0;
            for (double v : values[i]) {
                ones += v == 1.0 ? 1 : 0;
                zeros += v == 0.0 ? 1 : 0;
            }
            if (ones != 1 || zeros != classes - 1) {
                throw new IllegalArgumentException(where + "labels row " + i + " is not one-hot: expected one 1 and "
                        + (classes - 1) + " zeros, got " + Arrays.toString(values[i]));
            }
        }
        return labels.dataType() == dataType ? labels : labels.castTo(dataType);
    }

    /** Validates latent codes {@code [n, k]}. */
    static INDArray latent(INDArray z, int latentSize, DataType dataType) {
        if (z == null || z.rank() != 2 || z.size(1) != latentSize || z.size(0) == 0) {
            throw new IllegalArgumentException("latent codes have shape "
                    + (z == null ? "null" : Arrays.toString(z.shape())) + "; expected [n, " + latentSize + "], n >= 1");
        }
        if (!z.dataType().isFPType() || hasNonFinite(z)) {
            throw new IllegalArgumentException("latent codes must be finite floating-point numbers, got type "
                    + z.dataType());
        }
        return z.dataType() == dataType ? z : z.castTo(dataType);
    }

    /**
     * True if a value of {@code array} is NaN or infinite (also for the optimizer's gradients). A NaN or an infinity makes the sum of absolute values non-finite, so one
     * sum clears finite data; only a non-finite sum, which finite values can also give by overflowing, goes on to the
     * exact per-value scan. An array that fills its whole buffer contiguously is summed by the BLAS {@code asum}
     * (vectorized: ~0.03 ms for a 512 x 784 batch on one core, against ~0.4 ms for ND4J's {@code sum}, which adds
     * one value after the other); any other array by ND4J's {@code sum}.
     */
    static boolean hasNonFinite(INDArray array) {
        return !Double.isFinite(absoluteSum(array)) && BooleanIndexing.or(array, Conditions.notFinite());
    }

    private static double absoluteSum(INDArray array) {
        boolean wholeBuffer = array.elementWiseStride() == 1 && array.offset() == 0
                && array.length() == array.data().length() && array.length() <= Integer.MAX_VALUE;
        boolean blasType = array.dataType() == DataType.FLOAT || array.dataType() == DataType.DOUBLE;
        return wholeBuffer && blasType ? Nd4j.getBlasWrapper().level1().asum(array) : array.sumNumber().doubleValue();
    }
}
