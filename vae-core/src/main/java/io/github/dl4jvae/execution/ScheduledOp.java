package io.github.dl4jvae.execution;

import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * One op of a {@link Schedule}: the op, how it runs, the slots of its inputs and outputs, and its outputs' data types
 * in the graph.
 */
record ScheduledOp(DifferentialFunction op, OpKind kind, int[] inputs, int[] outputs, DataType[] outputTypes) {
}
