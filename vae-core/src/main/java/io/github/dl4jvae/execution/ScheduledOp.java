package io.github.dl4jvae.execution;

import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * One op of a {@link Schedule}: the op, how it runs, the slots of its inputs and outputs, its outputs' data types in
 * the graph, and the positions of the inputs whose values give its output shape ({@link TaughtOps#shapeArguments}).
 */
record ScheduledOp(DifferentialFunction op, OpKind kind, int[] inputs, int[] outputs, DataType[] outputTypes,
                   int[] shapeArguments) {

    /** An op whose output shapes follow from its inputs' shapes alone. */
    ScheduledOp(DifferentialFunction op, OpKind kind, int[] inputs, int[] outputs, DataType[] outputTypes) {
        this(op, kind, inputs, outputs, outputTypes, new int[0]);
    }
}
