package io.github.dl4jvae.model;

import java.util.Optional;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;

/**
 * A cheaper op for a backward op one of whose two outputs nothing reads: the gradient of a product with respect to
 * an input that needs none (the input batch, the noise, a ReLU's step mask). SameDiff's backward ops compute the
 * gradients of all their inputs; {@link ScheduledExecution} knows which of them the requested outputs need.
 *
 * <ul>
 *   <li>{@code matmul_bp(x, w, g)} whose {@code dL/dx} is unread: {@code dL/dw} alone, the {@code matmul} that
 *       libnd4j's {@code matmul_bp} runs for it (same inputs, transpose flags and scale factors). In the first layer
 *       of an encoder this skips a product as large as the layer's forward one.</li>
 *   <li>{@code multiply_bp(x, y, g)} on three arrays of one shape with one gradient unread: the other one alone,
 *       {@code x * g} or {@code y * g}, the elementwise product {@code multiply_bp} computes for it.</li>
 * </ul>
 * The results are the same bit for bit as the full op's ({@code GradientPassTest}); other ops, broadcasts and
 * scalar cases are left to run whole.
 *
 * @param op the op to run instead
 * @param inputPositions which of the original op's inputs it takes, in order
 * @param output which of the original op's outputs it computes
 */
record DeadOutputPruning(DynamicCustomOp op, int[] inputPositions, int output) {

    /**
     * The replacement for {@code op} given which of its outputs are read, or empty when none applies.
     *
     * @param read per output of {@code op}, whether any op or the caller reads it
     * @param inputs the op's input arrays in this execution (their shapes decide the broadcast cases)
     */
    static Optional<DeadOutputPruning> of(DifferentialFunction op, boolean[] read, INDArray[] inputs) {
        if (!(op instanceof DynamicCustomOp) || read.length != 2 || read[0] == read[1] || inputs.length != 3) {
            return Optional.empty();
        }
        DynamicCustomOp custom = (DynamicCustomOp) op;
        switch (custom.opName()) {
            case "matmul_bp":
                return read[0] || inputs[2].rank() < 2 ? Optional.empty() : weightGradientOnly(custom);
            case "multiply_bp":
                boolean sameShapes = inputs[0].equalShapes(inputs[1]) && inputs[0].equalShapes(inputs[2]);
                // dL/dx = y * g, dL/dy = x * g
                return sameShapes
                        ? Optional.of(new DeadOutputPruning(DynamicCustomOp.builder("multiply").build(),
                                new int[] {read[0] ? 1 : 0, 2}, read[0] ? 0 : 1))
                        : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    /** {@code matmul(x, g)} with {@code matmul_bp}'s flags for {@code dL/dw}: (!transposeX, transposeZ, transposeY). */
    private static Optional<DeadOutputPruning> weightGradientOnly(DynamicCustomOp matmulBp) {
        long[] flags = matmulBp.iArgs();
        if (flags.length > 3 || matmulBp.tArgs().length > 0) {
            return Optional.empty();
        }
        int transposeX = flags.length > 0 ? (int) flags[0] : 0;
        int transposeY = flags.length > 1 ? (int) flags[1] : 0;
        int transposeZ = flags.length > 2 ? (int) flags[2] : 0;
        DynamicCustomOp matmul = DynamicCustomOp.builder("matmul")
                .addIntegerArguments(transposeX == 0 ? 1 : 0, transposeZ, transposeY)
                .addFloatingPointArguments(1.0, 0.0)
                .build();
        return Optional.of(new DeadOutputPruning(matmul, new int[] {0, 2}, 1));
    }
}
