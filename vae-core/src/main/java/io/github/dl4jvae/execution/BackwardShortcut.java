package io.github.dl4jvae.execution;

import java.util.Arrays;
import java.util.Optional;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;

/**
 * A cheaper way to get what is read of a backward op's outputs in one execution. SameDiff's backward ops compute the
 * gradients of all their inputs, and copy gradients that are the incoming one unchanged; {@link ScheduledExecution}
 * knows which outputs the requested ones need, and the shapes.
 *
 * <ul>
 *   <li>{@code matmul_bp(x, w, g)} with one of its two gradients unread: the {@code matmul} that libnd4j's
 *       {@code matmul_bp} runs for the other (same inputs, transpose flags and scale factors). In the first layer of
 *       an encoder this skips a product as large as the layer's forward one ({@code dL/dx} of the input batch).</li>
 *   <li>{@code multiply_bp(x, y, g)} on three arrays of one shape with one gradient unread: the other one alone,
 *       {@code x * g} or {@code y * g} (for the noise and the ReLU step masks).</li>
 *   <li>{@code add_bp(x, y, g)} and {@code subtract_bp(x, y, g)}: the gradient of an input of {@code g}'s shape is
 *       {@code g} itself ({@code -g} for the subtrahend), passed on instead of copied; that of a bias {@code [d]}
 *       added to {@code g [n, d]} is the sum of {@code g}'s rows, computed as the product {@code g^T 1} (a BLAS
 *       matrix-vector product, ~10x faster than libnd4j's column sums, which add one row after the other).</li>
 *   <li>{@code add(g, zeros)} of a same-shape {@code zeroslike} (the gradient of {@code step}, as in ReLU and the
 *       Bernoulli term): {@code g} passed on.</li>
 * </ul>
 * The matmul and multiply cases give the same results bit for bit; a bias gradient as a product adds the rows in
 * another order, so it differs from {@code add_bp}'s by rounding ({@code GradientPassTest}). Other ops and other
 * broadcasts run whole.
 *
 * @param op the op to run, or null when every output read is passed on
 * @param inputPositions per input of {@link #op}: the position of the original op's input, or {@code -1 - k} for
 *     {@code constants[k]}
 * @param constants the values of constant inputs {@link #op} takes besides the original op's: each a vector of
 *     {@code rows} ones (the bias case) or the scalar -1 (negation)
 * @param computed which of the original op's outputs {@link #op}'s outputs are, in order
 * @param passedOn per output of the original op: the position of the input whose array it is, or -1
 */
record BackwardShortcut(DynamicCustomOp op, int[] inputPositions, Constant[] constants, int[] computed,
                        int[] passedOn) {

    /** A constant input: {@code length} copies of {@code value} in a vector, or the scalar {@code value}. */
    record Constant(double value, long length, boolean scalar) {
    }

    private static final int G = 2;

    /**
     * The shortcut for {@code op} given which of its outputs are read, or empty when none applies.
     *
     * @param read per output of {@code op}, whether any op or the caller reads it
     * @param inputs the op's input arrays in this execution (their shapes decide the broadcast cases)
     * @param zeros per input of {@code op}, whether it is the output of a {@code zeroslike}
     */
    static Optional<BackwardShortcut> of(DifferentialFunction op, boolean[] read, INDArray[] inputs,
                                         boolean[] zeros) {
        if (!(op instanceof DynamicCustomOp)) {
            return Optional.empty();
        }
        DynamicCustomOp custom = (DynamicCustomOp) op;
        if (custom.opName().equals("add") && inputs.length == 2 && zeros[0] != zeros[1]) {
            return zeroAdded(inputs, zeros[0] ? 1 : 0);
        }
        if (read.length != 2 || inputs.length != 3) {
            return Optional.empty();
        }
        switch (custom.opName()) {
            case "matmul_bp":
                return read[0] == read[1] || inputs[G].rank() < 2 ? Optional.empty() : oneProductGradient(custom, read);
            case "multiply_bp":
                boolean sameShapes = inputs[0].equalShapes(inputs[1]) && inputs[0].equalShapes(inputs[G]);
                // dL/dx = y * g, dL/dy = x * g
                return read[0] != read[1] && sameShapes
                        ? Optional.of(new BackwardShortcut(DynamicCustomOp.builder("multiply").build(),
                                new int[] {read[0] ? 1 : 0, G}, new Constant[0], new int[] {read[0] ? 0 : 1},
                                new int[] {-1, -1}))
                        : Optional.empty();
            case "add_bp":
                return sumGradients(read, inputs, false);
            case "subtract_bp":
                return sumGradients(read, inputs, true);
            default:
                return Optional.empty();
        }
    }

    /**
     * {@code matmul_bp}'s own products: {@code dL/dx = matmul(g, w)} with flags (transposeZ, !transposeY, transposeX),
     * {@code dL/dw = matmul(x, g)} with (!transposeX, transposeZ, transposeY).
     */
    private static Optional<BackwardShortcut> oneProductGradient(DynamicCustomOp matmulBp, boolean[] read) {
        long[] flags = matmulBp.iArgs();
        if (flags.length > 3 || matmulBp.tArgs().length > 0) {
            return Optional.empty();
        }
        int transposeX = flags.length > 0 ? (int) flags[0] : 0;
        int transposeY = flags.length > 1 ? (int) flags[1] : 0;
        int transposeZ = flags.length > 2 ? (int) flags[2] : 0;
        boolean inputGradient = read[0];
        DynamicCustomOp matmul = DynamicCustomOp.builder("matmul")
                .addIntegerArguments(inputGradient ? new int[] {transposeZ, 1 - transposeY, transposeX}
                        : new int[] {1 - transposeX, transposeZ, transposeY})
                .addFloatingPointArguments(1.0, 0.0)
                .build();
        return Optional.of(new BackwardShortcut(matmul, inputGradient ? new int[] {G, 1} : new int[] {0, G},
                new Constant[0], new int[] {inputGradient ? 0 : 1}, new int[] {-1, -1}));
    }

    /**
     * {@code add_bp} or {@code subtract_bp}: every read gradient passed on (an input of {@code g}'s shape) or, for at
     * most one, computed (a bias's row sum, or the subtrahend's {@code -g}); empty for any other broadcast.
     */
    private static Optional<BackwardShortcut> sumGradients(boolean[] read, INDArray[] inputs, boolean subtract) {
        INDArray g = inputs[G];
        int[] passedOn = {-1, -1};
        DynamicCustomOp op = null;
        int[] positions = null;
        Constant[] constants = null;
        int computed = -1;
        for (int o = 0; o < 2; o++) {
            if (!read[o]) {
                continue;
            }
            boolean negated = subtract && o == 1;
            boolean sameShape = inputs[o].equalShapes(g) && inputs[o].dataType() == g.dataType();
            if (sameShape && !negated) {
                passedOn[o] = G;
                continue;
            }
            if (computed >= 0) {
                return Optional.empty();
            }
            computed = o;
            if (sameShape) {
                op = DynamicCustomOp.builder("multiply").build();
                positions = new int[] {G, -1};
                constants = new Constant[] {new Constant(-1, 1, true)};
            } else if (g.rank() == 2 && inputs[o].rank() == 1 && inputs[o].length() == g.size(1)) {
                // sum over rows = g^T 1 ([d, n] x [n] = [d])
                op = DynamicCustomOp.builder("matmul").addIntegerArguments(1, 0, 0)
                        .addFloatingPointArguments(negated ? -1.0 : 1.0, 0.0).build();
                positions = new int[] {G, -1};
                constants = new Constant[] {new Constant(1, g.size(0), false)};
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(computed < 0 ? passingOn(passedOn)
                : new BackwardShortcut(op, positions, constants, new int[] {computed}, passedOn));
    }

    /**
     * {@code add(g, zeros)}, as SameDiff adds the zero gradient of {@code step} or {@code sign} to the other
     * contributions: {@code g} passed on when it has the sum's shape and type.
     */
    private static Optional<BackwardShortcut> zeroAdded(INDArray[] inputs, int other) {
        INDArray zeros = inputs[1 - other];
        boolean sameShape = inputs[other].equalShapes(zeros) && inputs[other].dataType() == zeros.dataType();
        int[] passedOn = {other};
        return sameShape ? Optional.of(passingOn(passedOn)) : Optional.empty();
    }

    /** A shortcut that runs nothing: every output read is an input passed on. */
    private static BackwardShortcut passingOn(int[] passedOn) {
        return new BackwardShortcut(null, new int[0], new Constant[0], new int[0], passedOn);
    }

    @Override
    public String toString() {
        return "BackwardShortcut[" + (op == null ? "pass on" : op.opName()) + ", inputs "
                + Arrays.toString(inputPositions) + ", computed " + Arrays.toString(computed) + ", passed on "
                + Arrays.toString(passedOn) + "]";
    }
}
