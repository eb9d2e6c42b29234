package io.github.dl4jvae.execution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.BaseOp;
import org.nd4j.linalg.api.ops.BaseTransformOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.reduce.bp.ProdBp;
import org.nd4j.linalg.api.ops.impl.reduce.same.Prod;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;

/**
 * Finds the order of a function's ops for a list of outputs: the ops the outputs depend on, each after its inputs'
 * producers (depth first), each op checked against what the executor has been taught ({@link TaughtOps}: an op
 * not taught, or one whose output shape would follow from input values that may change, is refused), and three
 * rewrites: a second argument-free elementwise transform of one input passes the first one's result on; the legacy
 * {@code tanh} runs as libnd4j's declarable {@code tanh} (oneDNN); {@code reduce_prod_bp} over one axis reuses the
 * forward product ({@link #productGradient}). One builder per schedule.
 */
final class ScheduleBuilder {
    /** A schedule, or why there is none: the first op met that the schedule cannot run, named. */
    record Result(Schedule schedule, String refusal) {
    }

    private final SameDiff sd;
    private final Map<String, Integer> slotOf = new LinkedHashMap<>();
    private final List<String> placeholders = new ArrayList<>();
    private final List<String> state = new ArrayList<>();
    private final List<ScheduledOp> ops = new ArrayList<>();
    private final Set<String> visited = new HashSet<>();
    /** Slots whose values follow from constants and shapes alone (constants, {@code shape_of} and what they give). */
    private final BitSet shapesOnly = new BitSet();
    /**
     * Maps an argument-free elementwise transform and its input slot to the slot of the first op computing it, and a
     * product over one axis ({@code reduce_prod}) to its slot, so that its gradient can use it.
     */
    private final Map<List<Object>, Integer> transformed = new HashMap<>();
    private String refusal;

    private ScheduleBuilder(SameDiff sd) {
        this.sd = sd;
    }

    /**
     * The schedule of {@code function}'s ops for {@code outputs}, or the reason there is none.
     *
     * @throws IllegalArgumentException if an output is not a variable of {@code function}
     */
    static Result build(SameDiff function, List<String> outputs) {
        ScheduleBuilder builder = new ScheduleBuilder(function);
        for (String output : outputs) {
            if (!function.hasVariable(output)) {
                throw new IllegalArgumentException("no variable named \"" + output + "\" in the graph; expected one of "
                        + function.getVariables().keySet());
            }
            if (!builder.schedule(output)) {
                return new Result(null, builder.refusal);
            }
        }
        return new Result(new Schedule(function, outputs, builder.placeholders, builder.state, builder.ops,
                builder.slotOf), null);
    }

    /** Adds {@code variable}'s producer and, first, everything it needs; false (with a reason) on an op it refuses. */
    private boolean schedule(String variable) {
        if (slotOf.containsKey(variable)) {
            return true;
        }
        Variable meta = sd.getVariables().get(variable);
        VariableType type = meta.getVariable().getVariableType();
        if (type == VariableType.PLACEHOLDER || type == VariableType.VARIABLE || type == VariableType.CONSTANT) {
            shapesOnly.set(slotOf.size(), type == VariableType.CONSTANT);
            slotOf.put(variable, slotOf.size());
            (type == VariableType.PLACEHOLDER ? placeholders : state).add(variable);
            return true;
        }
        String opName = meta.getOutputOfOp();
        if (opName == null) {
            return refuse("variable \"" + variable + "\" has no producing op");
        }
        if (!visited.add(opName)) {
            return refuse("op \"" + opName + "\" needs its own output (a cycle)");
        }
        SameDiffOp op = sd.getOps().get(opName);
        String name = op.getOp().opName();
        if (!TaughtOps.isTaught(name)) {
            return refuse(describe(op) + " is not an op the executor was taught (see TaughtOps)");
        }
        OpKind kind = OpKind.of(op);
        if (kind == null) {
            return refuse(describe(op) + " is control flow or a kind of op the schedule does not run");
        }
        if (!isEmpty(op.getControlDeps()) || !isEmpty(op.getVarControlDeps())) {
            return refuse(describe(op) + " has control dependencies");
        }
        List<String> inputs = op.getInputsToOp() == null ? List.of() : op.getInputsToOp();
        for (String input : inputs) {
            if (!schedule(input)) {
                return false;
            }
        }
        int[] shapeArguments = Arrays.stream(TaughtOps.shapeArguments(name)).filter(p -> p < inputs.size()).toArray();
        for (int position : shapeArguments) {
            if (!shapesOnly.get(slotOf.get(inputs.get(position)))) {
                return refuse(describe(op) + " takes its output shape from the values of input " + position + " (\""
                        + inputs.get(position) + "\"), which is neither a constant nor computed from constants and "
                        + "shapes alone");
            }
        }
        boolean givesShapesOnly = TaughtOps.givesShapesOnly(name)
                || !inputs.isEmpty() && inputs.stream().allMatch(input -> shapesOnly.get(slotOf.get(input)));
        for (String output : op.getOutputsOfOp()) {
            shapesOnly.set(slotOf.size(), givesShapesOnly);
            slotOf.put(output, slotOf.size());
        }
        DifferentialFunction f = op.getOp();
        DataType[] firstType = {sd.getVariable(variable).dataType()};
        if (isArgumentFreeTransform(f) && inputs.size() == 1) {
            int output = slotOf.get(op.getOutputsOfOp().get(0));
            Integer earlier = transformed.putIfAbsent(List.of(f.getClass(), slotOf.get(inputs.get(0))), output);
            if (earlier != null) {
                ops.add(new ScheduledOp(f, OpKind.PASS_THROUGH, new int[] {earlier}, new int[] {output}, firstType));
                return true;
            }
        }
        if (f instanceof Prod && inputs.size() == 1 && oneAxis(f.getDimensions()) && !((Prod) f).isKeepDims()) {
            transformed.putIfAbsent(productKey(slotOf.get(inputs.get(0)), f.getDimensions()[0]),
                    slotOf.get(op.getOutputsOfOp().get(0)));
        }
        if (f instanceof ProdBp productBp && inputs.size() == 2 && productBp.iArgs().length == 1
                && productBp.bArgs().length == 1 && !productBp.bArgs()[0]) {
            Integer product = transformed.get(productKey(slotOf.get(inputs.get(0)), productBp.iArgs()[0]));
            if (product != null) {
                productGradient(op, (int) productBp.iArgs()[0], product, firstType);
                return true;
            }
        }
        if (f instanceof Tanh && inputs.size() == 1) {
            // libnd4j's declarable tanh has the oneDNN implementation the legacy transform lacks.
            ops.add(new ScheduledOp(DynamicCustomOp.builder("tanh").build(), OpKind.CUSTOM,
                    new int[] {slotOf.get(inputs.get(0))}, new int[] {slotOf.get(op.getOutputsOfOp().get(0))},
                    firstType));
            return true;
        }
        ops.add(new ScheduledOp(f, kind, inputs.stream().mapToInt(slotOf::get).toArray(),
                op.getOutputsOfOp().stream().mapToInt(slotOf::get).toArray(),
                op.getOutputsOfOp().stream().map(out -> sd.getVariable(out).dataType()).toArray(DataType[]::new),
                shapeArguments));
        return true;
    }

    private boolean refuse(String reason) {
        refusal = reason;
        return false;
    }

    /** An op as messages name it: its kind and its name in the graph. */
    static String describe(SameDiffOp op) {
        return "op " + op.getOp().opName() + " (\"" + op.getName() + "\")";
    }

    /**
     * {@code reduce_prod_bp(w, g)} over one axis, as the four ops libnd4j's kernel runs after computing the product
     * again: {@code (P / w) * g} with {@code P} and {@code g} broadcast along the axis, here with the forward
     * product {@code P} the schedule already has. The same values bit for bit (the same product, divisions and
     * products), without the second product and the temporary copies: ~0.25 against ~0.77 ms for the Bernoulli term's
     * {@code [3584, 112]} chunks at batch 512.
     */
    private void productGradient(SameDiffOp op, int axis, int product, DataType[] types) {
        int values = slotOf.get(op.getInputsToOp().get(0));
        int gradient = slotOf.get(op.getInputsToOp().get(1));
        int output = slotOf.get(op.getOutputsOfOp().get(0));
        int productAlongAxis = slotOf.size();
        slotOf.put(op.getName() + "/product", productAlongAxis);
        int ratio = slotOf.size();
        slotOf.put(op.getName() + "/ratio", ratio);
        int gradientAlongAxis = slotOf.size();
        slotOf.put(op.getName() + "/gradient", gradientAlongAxis);
        ops.add(new ScheduledOp(DynamicCustomOp.builder("expand_dims").addIntegerArguments(axis).build(),
                OpKind.RESHAPE, new int[] {product}, new int[] {productAlongAxis}, types));
        ops.add(new ScheduledOp(DynamicCustomOp.builder("divide").build(), OpKind.CUSTOM,
                new int[] {productAlongAxis, values}, new int[] {ratio}, types));
        ops.add(new ScheduledOp(DynamicCustomOp.builder("expand_dims").addIntegerArguments(axis).build(),
                OpKind.RESHAPE, new int[] {gradient}, new int[] {gradientAlongAxis}, types));
        ops.add(new ScheduledOp(DynamicCustomOp.builder("multiply").build(), OpKind.CUSTOM,
                new int[] {ratio, gradientAlongAxis}, new int[] {output}, types));
    }

    private static boolean oneAxis(int[] dimensions) {
        return dimensions != null && dimensions.length == 1 && dimensions[0] != Integer.MAX_VALUE;
    }

    private static List<Object> productKey(int inputSlot, long axis) {
        return List.of("reduce_prod", inputSlot, axis);
    }

    /** A legacy elementwise transform of one input without extra arguments ({@code exp}, {@code abs}, ...). */
    private static boolean isArgumentFreeTransform(DifferentialFunction f) {
        return f instanceof BaseTransformOp
                && (((BaseOp) f).extraArgs() == null || ((BaseOp) f).extraArgs().length == 0);
    }

    private static boolean isEmpty(List<String> list) {
        return list == null || list.isEmpty();
    }
}
