package io.github.dl4jvae.execution;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BaseOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How one scheduled op meets ND4J: its output shapes asked of the op with its arguments and inputs (as SameDiff's
 * session asks them), and its execution with an {@link OpContext} ({@code Nd4j.exec} with the same inputs, arguments
 * and output arrays as the session's), as itself or as its {@link BackwardShortcut}'s op.
 */
final class OpDispatch {
    private OpDispatch() {
    }

    /**
     * The output shapes of {@code op} (or of its shortcut's op) for {@code inputs}, which it sets in {@code context}.
     *
     * @throws IllegalStateException if the op gives another number of shapes than {@code expected}
     */
    static List<LongShapeDescriptor> outputShapes(ScheduledOp op, BackwardShortcut shortcut, OpContext context,
                                                  INDArray[] inputs, int expected) {
        List<LongShapeDescriptor> shapes;
        if (op.kind() != OpKind.LEGACY) {
            DynamicCustomOp custom = shortcut == null ? (DynamicCustomOp) op.op() : shortcut.op();
            context.setArgs(inputs, custom.iArgs(), custom.dArgs(), custom.tArgs(), custom.bArgs());
            shapes = custom.calculateOutputShape(context);
        } else {
            context.setInputArrays(inputs);
            shapes = ((BaseOp) op.op()).calculateOutputShape(context);
        }
        if (shapes == null || shapes.size() != expected) {
            throw new IllegalStateException("op " + op.op().getOwnName() + " (" + op.op().opName() + ") gave "
                    + (shapes == null ? 0 : shapes.size()) + " output shapes; expected " + expected);
        }
        return shapes;
    }

    /** Runs {@code op}, or its shortcut's op, with the arrays set in {@code context}. */
    static void exec(ScheduledOp op, BackwardShortcut shortcut, OpContext context) {
        if (shortcut != null) {
            Nd4j.exec(shortcut.op(), context);
            shortcut.op().clearArrays();
        } else if (op.kind() != OpKind.LEGACY) {
            Nd4j.exec((DynamicCustomOp) op.op(), context);
        } else {
            Nd4j.exec((Op) op.op(), context);
        }
        op.op().clearArrays();
    }

    static boolean isContiguousInCOrder(INDArray array) {
        return array.ordering() == 'c' && Shape.hasDefaultStridesForShape(array) && !array.isEmpty();
    }

    /** {@code op}'s input arrays in {@code values}, by slot. */
    static INDArray[] inputsOf(ScheduledOp op, INDArray[] values) {
        INDArray[] inputs = new INDArray[op.inputs().length];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = values[op.inputs()[i]];
        }
        return inputs;
    }

    /** Whether the two lists hold the same array objects, position by position. */
    static boolean sameArrays(INDArray[] a, INDArray[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    /** Data type, shape and order: arrays of one key can stand in for each other. */
    static String key(LongShapeDescriptor shape) {
        return shape.dataType() + Arrays.toString(shape.getShape()) + shape.getOrder();
    }
}
