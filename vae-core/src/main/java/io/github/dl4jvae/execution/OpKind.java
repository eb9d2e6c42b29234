package io.github.dl4jvae.execution;

import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ops.BaseOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.ReduceOp;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.api.ops.custom.Invoke;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.BaseCompatOp;
import org.nd4j.linalg.api.ops.impl.layers.ExternalErrorsFunction;
import org.nd4j.linalg.api.ops.impl.shape.CreateView;
import org.nd4j.linalg.api.ops.impl.shape.ExpandDims;
import org.nd4j.linalg.api.ops.impl.shape.Reshape;
import org.nd4j.linalg.api.ops.impl.shape.Squeeze;
import org.nd4j.linalg.api.ops.impl.shape.tensorops.BaseTensorOp;
import org.nd4j.linalg.api.ops.impl.transforms.Assert;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Assign;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.GradientBackwardsMarker;
import org.nd4j.linalg.api.ops.impl.transforms.same.Identity;

/** How a scheduled op runs; {@link #of} gives null for an op the schedule cannot run. */
enum OpKind {
    /** {@code identity}: its output is its input array, as in the session. */
    PASS_THROUGH,
    /**
     * {@code reshape} (in c order), {@code expand_dims}, {@code squeeze}: its output is a view of its input when
     * the input is a contiguous c-order array (the op would copy the same values), otherwise it runs as
     * {@link #CUSTOM}; either way its input's array is kept while the output is read.
     */
    RESHAPE,
    /** A custom op: output shapes from the op with its arguments. */
    CUSTOM,
    /** A legacy op (transform, scalar, reduce, pairwise) with its scalar or axes as fields, not inputs. */
    LEGACY;

    static OpKind of(SameDiffOp op) {
        DifferentialFunction f = op.getOp();
        if (f instanceof Identity) {
            return PASS_THROUGH;
        }
        // The session's special cases (control flow, tensor arrays, in-place and view ops, external gradients).
        if (f instanceof BaseCompatOp || f instanceof BaseTensorOp || f instanceof Invoke
                || f instanceof Assign || f instanceof CreateView || f instanceof ExternalErrorsFunction
                || f instanceof Assert || f instanceof GradientBackwardsMarker) {
            return null;
        }
        if (f instanceof ExpandDims || f instanceof Squeeze
                || f instanceof Reshape && (((Reshape) f).iArgs().length == 0
                        || ((Reshape) f).iArgs()[0] == Reshape.C_ORDER)) {
            return RESHAPE;
        }
        if (f instanceof DynamicCustomOp) {
            return CUSTOM;
        }
        // The session reads a legacy reduce op's axes, or a scalar op's scalar, from a second input each time.
        boolean secondInputIsArgument = f.argNames().length == 2 && (f instanceof ScalarOp
                || f instanceof ReduceOp && ((ReduceOp) f).getOpType() != Op.Type.REDUCE3);
        return f instanceof BaseOp && !secondInputIsArgument ? LEGACY : null;
    }
}
