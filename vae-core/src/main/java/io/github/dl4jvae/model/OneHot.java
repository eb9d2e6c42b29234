package io.github.dl4jvae.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One-hot class labels, the condition y of a conditional {@link VaeModel}: row i is all zeros but a 1 in column
 * {@code classIndices[i]}.
 */
public final class OneHot {
    private OneHot() {
    }

    /**
     * The one-hot rows of the given class indices.
     *
     * @param classIndices one class index per example, each in {@code [0, classes)}
     * @param classes      the number of classes C, at least 1
     * @return float32 {@code [classIndices.length, classes]}
     * @throws IllegalArgumentException if there are no indices, {@code classes < 1}, or an index is out of range
     */
    public static INDArray of(int[] classIndices, int classes) {
        if (classIndices == null || classIndices.length == 0) {
            throw new IllegalArgumentException("class indices are " + (classIndices == null ? "null" : "empty")
                    + "; expected at least one index");
        }
        if (classes < 1) {
            throw new IllegalArgumentException("number of classes must be >= 1, got " + classes);
        }
        INDArray labels = Nd4j.zeros(DataType.FLOAT, classIndices.length, classes);
        for (int i = 0; i < classIndices.length; i++) {
            int c = classIndices[i];
            if (c < 0 || c >= classes) {
                throw new IllegalArgumentException("class index " + c + " (example " + i + ") is out of range; expected"
                        + " 0.." + (classes - 1) + " for " + classes + " classes");
            }
            labels.putScalar(i, c, 1.0);
        }
        return labels;
    }

    /** {@code n} rows of the one class {@code classIndex}: {@code [n, classes]}; see {@link #of(int[], int)}. */
    public static INDArray repeat(int classIndex, int n, int classes) {
        if (n < 1) {
            throw new IllegalArgumentException("number of rows must be >= 1, got " + n);
        }
        int[] indices = new int[n];
        java.util.Arrays.fill(indices, classIndex);
        return of(indices, classes);
    }
}
