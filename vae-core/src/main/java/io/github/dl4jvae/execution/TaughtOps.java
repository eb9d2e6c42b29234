package io.github.dl4jvae.execution;

import java.util.Map;
import java.util.Set;

/**
 * The op kinds the executor has been taught: every op the project's VAE graphs hold (forward functions, and gradient
 * functions with their {@code *_bp} ops) for every likelihood, activation, KL estimator, objective, condition and
 * network kind, as SameDiff names them in ND4J 1.0.0-M2.1. A graph with any other op is refused, and SameDiff's own
 * session runs it: an op the executor has never run may need what only the session does (control flow, a view of its
 * input, arguments read from inputs at run time, output shapes that follow its input values).
 *
 * <p>The rule that output shapes never depend on input values is enforced, not assumed: for the taught ops whose
 * output shape is given by the values of some of their inputs ({@link #shapeArguments}: {@code reshape}'s shape,
 * {@code fill}'s shape, {@code expand_dims}' or {@code squeeze}'s axis, {@code strided_slice}'s bounds), those inputs
 * must be constants or computed from constants and shapes alone ({@link #givesShapesOnly}), which a plan keyed by
 * placeholder shapes then fixes; {@link ArrayPlan} checks at every execution that they still hold the values the plan
 * was made with.
 */
final class TaughtOps {
    /** Per taught op name, the positions of the inputs whose values give its output shape (most have none). */
    private static final Map<String, int[]> TAUGHT = taught();
    /** Taught ops whose output values are their input's shape, whatever its values. */
    private static final Set<String> SHAPE_OPS = Set.of("shape_of");

    private TaughtOps() {
    }

    /** Whether the executor has been taught ops of this name ({@code DifferentialFunction.opName()}). */
    static boolean isTaught(String opName) {
        return TAUGHT.containsKey(opName);
    }

    /** The positions of the inputs whose values give the output shape of a taught op; empty for most. */
    static int[] shapeArguments(String opName) {
        int[] positions = TAUGHT.get(opName);
        return positions == null ? new int[0] : positions.clone();
    }

    /** Whether the op's output values follow from its inputs' shapes alone ({@code shape_of} and the like). */
    static boolean givesShapesOnly(String opName) {
        return SHAPE_OPS.contains(opName);
    }

    private static Map<String, int[]> taught() {
        int[] none = new int[0];
        Map<String, int[]> taught = new java.util.HashMap<>();
        for (String name : new String[] {
                // elementwise transforms, scalar ops and their gradients
                "abs", "exp", "log", "neg", "sign", "square", "sigmoid", "sigmoid_bp", "softplus", "tanh", "tanh_bp",
                "elu", "elu_bp", "leakyrelu", "lrelu_bp", "step", "ClipByValue", "_powderivative", "cast",
                "identity", "add_scalar", "sub_scalar", "mul_scalar", "greaterthan_scalar", "lessthan_scalar",
                // pairwise (broadcasting) arithmetic and their gradients
                "add", "add_bp", "subtract", "subtract_bp", "multiply", "multiply_bp", "divide", "maximum",
                "maximum_bp",
                // products, convolutions and reductions over fixed axes
                "matmul", "matmul_bp", "conv2d", "conv2d_bp", "upsampling2d", "upsampling2d_bp", "reduce_sum",
                "reduce_sum_bp", "reduce_mean", "reduce_mean_bp", "reduce_max", "reduce_max_bp", "reduce_prod",
                "reduce_prod_bp",
                // shapes: joins, slices and shape arithmetic
                "concat", "concat_bp", "strided_slice_bp", "shape_of", "zeroslike"}) {
            taught.put(name, none);
        }
        taught.put("reshape", new int[] {1});
        taught.put("fill", new int[] {0});
        taught.put("expand_dims", new int[] {1});
        taught.put("squeeze", new int[] {1});
        taught.put("strided_slice", new int[] {1, 2, 3});
        return Map.copyOf(taught);
    }
}
