package io.github.dl4jvae.layers;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks of vertex inputs, at configuration time (input types) and at run time (arrays), whose messages name
 * the vertex, the input, what it was and what was expected.
 */
final class InputChecks {
    private InputChecks() {
    }

    /** The common size of feed-forward input types that must all have the same size. */
    static long sameFeedForwardSize(String vertex, String[] names, InputType... types) {
        if (types == null || types.length != names.length) {
            throw new InvalidInputTypeException(vertex + " takes " + names.length + " inputs " + Arrays.toString(names)
                    + ", got " + (types == null ? 0 : types.length));
        }
        long size = -1;
        for (int i = 0; i < types.length; i++) {
            if (!(types[i] instanceof InputType.InputTypeFeedForward ff)) {
                throw new InvalidInputTypeException(vertex + ": input " + names[i] + " must be feed-forward [n, k], got "
                        + types[i]);
            }
            if (size >= 0 && ff.getSize() != size) {
                throw new InvalidInputTypeException(vertex + ": input " + names[i] + " has size " + ff.getSize()
                        + " but " + names[0] + " has size " + size + "; all inputs must have the latent size");
            }
            size = ff.getSize();
        }
        return size;
    }

    /** Validates that the arrays are rank 2 with one shape, and returns it. */
    static long[] sameMatrixShape(String vertex, String[] names, INDArray... arrays) {
        if (arrays.length != names.length) {
            throw new IllegalArgumentException(vertex + " takes " + names.length + " inputs " + Arrays.toString(names)
                    + ", got " + arrays.length);
        }
        long[] shape = null;
        for (int i = 0; i < arrays.length; i++) {
            INDArray a = arrays[i];
            if (a == null) {
                throw new IllegalStateException(vertex + ": input " + names[i] + " is not set");
            }
            if (a.rank() != 2) {
                throw new IllegalArgumentException(vertex + ": input " + names[i] + " has shape "
                        + Arrays.toString(a.shape()) + "; expected [n, k]");
            }
            if (shape != null && !Arrays.equals(shape, a.shape())) {
                throw new IllegalArgumentException(vertex + ": input " + names[i] + " has shape "
                        + Arrays.toString(a.shape()) + " but " + names[0] + " has shape " + Arrays.toString(shape)
                        + "; expected equal shapes [n, k]");
            }
            shape = a.shape();
        }
        return shape;
    }
}
