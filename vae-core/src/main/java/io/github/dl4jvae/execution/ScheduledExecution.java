package io.github.dl4jvae.execution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BaseOp;
import org.nd4j.linalg.api.ops.BaseTransformOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.ReduceOp;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.api.ops.custom.Invoke;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.BaseCompatOp;
import org.nd4j.linalg.api.ops.impl.layers.ExternalErrorsFunction;
import org.nd4j.linalg.api.ops.impl.reduce.bp.ProdBp;
import org.nd4j.linalg.api.ops.impl.reduce.same.Prod;
import org.nd4j.linalg.api.ops.impl.shape.CreateView;
import org.nd4j.linalg.api.ops.impl.shape.ExpandDims;
import org.nd4j.linalg.api.ops.impl.shape.Reshape;
import org.nd4j.linalg.api.ops.impl.shape.Squeeze;
import org.nd4j.linalg.api.ops.impl.shape.ZerosLike;
import org.nd4j.linalg.api.ops.impl.shape.tensorops.BaseTensorOp;
import org.nd4j.linalg.api.ops.impl.transforms.Assert;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Assign;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.GradientBackwardsMarker;
import org.nd4j.linalg.api.ops.impl.transforms.same.Identity;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs the ops of a SameDiff function that a fixed list of outputs needs, in an order found once, with every
 * intermediate array assigned once per set of placeholder shapes: what {@code SameDiff.output} computes, without
 * its per-op bookkeeping.
 *
 * <p>SameDiff's {@code InferenceSession} works out, for every op of every execution, which ops have become
 * executable, which arrays are still needed, each output's shape and where its memory comes from: about 35 us per
 * op in ND4J 1.0.0-M2.1, a third of a batch-128 training step of the 784-400-20 MLP, whose backward function runs
 * 128 ops. For graphs without control flow none of that changes from one execution to the next as long as the
 * placeholders keep their shapes. Here it is done once:
 * <ul>
 *   <li>the order: the ops the outputs depend on, each after its inputs' producers (depth first);</li>
 *   <li>per placeholder shapes, an {@link ArrayPlan}: on its first execution each op's output shapes come from the op
 *       itself (as the session asks them), its output arrays from a pool of arrays whose last reader has run, and
 *       its {@link OpContext} keeps them; later executions set each op's inputs and execute it.</li>
 * </ul>
 * Ops run exactly as the session runs them ({@code Nd4j.exec} with the same inputs, arguments and output shapes), so
 * the results are the same bit for bit except where said below ({@code GradientPassTest}). {@code identity} passes
 * its input on as the session does. More savings: an argument-free elementwise transform of an input
 * already transformed so ({@code exp} of the logits, again in {@code exp}'s gradient) passes the first result on;
 * a reshape of a contiguous array is a view of it (see {@link Kind#RESHAPE}); a backward op gives what is read of
 * its outputs the cheaper way a {@link BackwardShortcut} finds (the one product or elementwise product read, the
 * incoming gradient passed on instead of copied, a zero gradient not added), the same bit for bit except bias
 * gradients, which it sums as a product and so in another order; and a {@code zeroslike} runs once per plan, its
 * array keeping the zeros. One op runs as another: the legacy {@code tanh} transform as libnd4j's declarable
 * {@code tanh}, which has a oneDNN implementation (~0.3 against ~3.4 ms for 512 x 784 values on one core; the values
 * differ by at most one unit in the last place).
 *
 * <p>Only for graphs whose ops' output shapes depend on the placeholders' shapes, never on their values (true of
 * every graph {@code VaeGraph} builds: no {@code where}, {@code unique} or similar), and without control flow:
 * {@link #of} returns empty for a graph with an op it does not run (loops, conditions, tensor arrays, control
 * dependencies, {@code assign}, legacy ops with an axis or scalar input), and the caller uses the session.
 *
 * <p>The arrays returned by {@link #run} belong to this object and are overwritten by the next execution with the
 * same placeholder shapes: callers copy what they keep. At most {@value #PLANS} plans are kept (typically the
 * full batch and an epoch's smaller last batch); the least recently used is closed. Not thread-safe.
 */
final class ScheduledExecution implements AutoCloseable {
    /** Placeholder shape sets whose arrays are kept. */
    static final int PLANS = 4;

    private final SameDiff sd;
    private final List<String> outputs;
    private final List<String> placeholders;
    private final int[] placeholderSlots;
    private final List<String> stateVariables;
    private final int[] stateSlots;
    /** Slots holding op outputs (not placeholders, parameters or constants). */
    private final boolean[] computed;
    private final List<ScheduledOp> ops;
    private final int slots;
    private final int[] outputSlots;
    /** Per slot, whether an op or the caller reads it: an op output nothing reads need not be computed. */
    private final boolean[] read;
    /** Per root slot, the index of the last op that reads or writes it; -1 for outputs, which are never reused. */
    private final int[] lastUse;
    /** Per slot, the slot whose array it holds: itself, or for an {@code identity} output its input's root. */
    private final int[] root;
    /** Per slot, whether a {@code zeroslike} computes it. */
    private final boolean[] zeros;
    /**
     * Per op, whether it is a {@code zeroslike} that the caller does not read: its array keeps its zeros from the
     * first execution of a plan (it is never reused), so it runs once per plan.
     */
    private final boolean[] zerosKept;
    private final Map<List<Object>, ArrayPlan> plans = new LinkedHashMap<>(PLANS + 1, 0.75f, true);

    private ScheduledExecution(SameDiff sd, List<String> outputs, List<String> placeholders,
                               List<String> stateVariables, List<ScheduledOp> ops, Map<String, Integer> slotOf) {
        this.sd = sd;
        this.outputs = List.copyOf(outputs);
        this.placeholders = placeholders;
        this.placeholderSlots = placeholders.stream().mapToInt(slotOf::get).toArray();
        this.stateVariables = stateVariables;
        this.stateSlots = stateVariables.stream().mapToInt(slotOf::get).toArray();
        this.ops = ops;
        this.slots = slotOf.size();
        this.computed = new boolean[slots];
        for (ScheduledOp op : ops) {
            for (int out : op.outputs) {
                computed[out] = true;
            }
        }
        this.outputSlots = outputs.stream().mapToInt(slotOf::get).toArray();
        this.read = new boolean[slots];
        for (ScheduledOp op : ops) {
            for (int in : op.inputs) {
                read[in] = true;
            }
        }
        for (int out : outputSlots) {
            read[out] = true;
        }
        this.root = new int[slots];
        for (int s = 0; s < slots; s++) {
            root[s] = s;
        }
        for (ScheduledOp op : ops) {
            if (op.kind == Kind.PASS_THROUGH || op.kind == Kind.RESHAPE) {
                root[op.outputs[0]] = root[op.inputs[0]];
            }
        }
        this.lastUse = new int[slots];
        Arrays.fill(lastUse, Integer.MIN_VALUE);
        for (int i = 0; i < ops.size(); i++) {
            ScheduledOp op = ops.get(i);
            for (int out : op.outputs) {
                lastUse[root[out]] = Math.max(lastUse[root[out]], i);
            }
            for (int in : op.inputs) {
                lastUse[root[in]] = Math.max(lastUse[root[in]], i);
            }
        }
        for (int out : outputSlots) {
            lastUse[root[out]] = -1;
        }
        this.zeros = new boolean[slots];
        this.zerosKept = new boolean[ops.size()];
        for (int i = 0; i < ops.size(); i++) {
            ScheduledOp op = ops.get(i);
            if (op.op instanceof ZerosLike && op.kind == Kind.CUSTOM && op.outputs.length == 1) {
                zeros[op.outputs[0]] = true;
                zerosKept[i] = lastUse[root[op.outputs[0]]] != -1;
                lastUse[root[op.outputs[0]]] = -1;
            }
        }
    }

    /**
     * The schedule of {@code function}'s ops for {@code outputs}, or empty when the graph has an op this class does
     * not run (see the class comment).
     *
     * @throws IllegalArgumentException if an output is not a variable of {@code function}
     */
    static Optional<ScheduledExecution> of(SameDiff function, List<String> outputs) {
        Map<String, Integer> slotOf = new LinkedHashMap<>();
        List<String> placeholders = new ArrayList<>();
        List<String> state = new ArrayList<>();
        List<ScheduledOp> ops = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        Map<List<Object>, Integer> transformed = new HashMap<>();
        for (String output : outputs) {
            if (!function.hasVariable(output)) {
                throw new IllegalArgumentException("no variable named \"" + output + "\" in the graph; expected one of "
                        + function.getVariables().keySet());
            }
            if (!schedule(function, output, visited, slotOf, placeholders, state, ops, transformed)) {
                return Optional.empty();
            }
        }
        return Optional.of(new ScheduledExecution(function, outputs, placeholders, state, ops, slotOf));
    }

    /**
     * Adds {@code variable}'s producer and, first, everything it needs; false on an op this class cannot run.
     * {@code transformed} maps an argument-free elementwise transform and its input slot to the slot of the first op
     * computing it: a second one (as when SameDiff's gradient of {@code exp} computes the forward {@code exp} again)
     * passes that result on instead of computing it again. It also maps a product over one axis
     * ({@code reduce_prod}) to its slot, so that its gradient can use it ({@link #productGradient}).
     */
    private static boolean schedule(SameDiff sd, String variable, Set<String> visited, Map<String, Integer> slotOf,
                                    List<String> placeholders, List<String> state, List<ScheduledOp> ops,
                                    Map<List<Object>, Integer> transformed) {
        if (slotOf.containsKey(variable)) {
            return true;
        }
        Variable meta = sd.getVariables().get(variable);
        VariableType type = meta.getVariable().getVariableType();
        if (type == VariableType.PLACEHOLDER || type == VariableType.VARIABLE || type == VariableType.CONSTANT) {
            slotOf.put(variable, slotOf.size());
            (type == VariableType.PLACEHOLDER ? placeholders : state).add(variable);
            return true;
        }
        String opName = meta.getOutputOfOp();
        if (opName == null || !visited.add(opName)) {
            return false; // no producer, or a cycle: an op already being scheduled needs its own output
        }
        SameDiffOp op = sd.getOps().get(opName);
        Kind kind = Kind.of(op);
        if (kind == null || !isEmpty(op.getControlDeps()) || !isEmpty(op.getVarControlDeps())) {
            return false;
        }
        List<String> inputs = op.getInputsToOp() == null ? List.of() : op.getInputsToOp();
        for (String input : inputs) {
            if (!schedule(sd, input, visited, slotOf, placeholders, state, ops, transformed)) {
                return false;
            }
        }
        for (String output : op.getOutputsOfOp()) {
            slotOf.put(output, slotOf.size());
        }
        if (isArgumentFreeTransform(op.getOp()) && inputs.size() == 1) {
            int output = slotOf.get(op.getOutputsOfOp().get(0));
            List<Object> key = List.of(op.getOp().getClass(), slotOf.get(inputs.get(0)));
            Integer earlier = transformed.putIfAbsent(key, output);
            if (earlier != null) {
                ops.add(new ScheduledOp(op.getOp(), Kind.PASS_THROUGH, new int[] {earlier}, new int[] {output},
                        new DataType[] {sd.getVariable(variable).dataType()}));
                return true;
            }
        }
        if (op.getOp() instanceof Prod && inputs.size() == 1 && oneAxis(op.getOp().getDimensions())
                && !((Prod) op.getOp()).isKeepDims()) {
            transformed.putIfAbsent(productKey(slotOf.get(inputs.get(0)), op.getOp().getDimensions()[0]),
                    slotOf.get(op.getOutputsOfOp().get(0)));
        }
        if (op.getOp() instanceof ProdBp productBp && inputs.size() == 2 && productBp.iArgs().length == 1
                && productBp.bArgs().length == 1 && !productBp.bArgs()[0]) {
            Integer product = transformed.get(productKey(slotOf.get(inputs.get(0)), productBp.iArgs()[0]));
            if (product != null) {
                productGradient(sd, variable, op, (int) productBp.iArgs()[0], product, slotOf, ops);
                return true;
            }
        }
        if (op.getOp() instanceof Tanh && inputs.size() == 1) {
            // libnd4j's declarable tanh has the oneDNN implementation the legacy transform lacks.
            ops.add(new ScheduledOp(DynamicCustomOp.builder("tanh").build(), Kind.CUSTOM,
                    new int[] {slotOf.get(inputs.get(0))}, new int[] {slotOf.get(op.getOutputsOfOp().get(0))},
                    new DataType[] {sd.getVariable(variable).dataType()}));
            return true;
        }
        ops.add(new ScheduledOp(op.getOp(), kind, inputs.stream().mapToInt(slotOf::get).toArray(),
                op.getOutputsOfOp().stream().mapToInt(slotOf::get).toArray(),
                op.getOutputsOfOp().stream().map(name -> sd.getVariable(name).dataType())
                        .toArray(DataType[]::new)));
        return true;
    }

    private static boolean oneAxis(int[] dimensions) {
        return dimensions != null && dimensions.length == 1 && dimensions[0] != Integer.MAX_VALUE;
    }

    private static List<Object> productKey(int inputSlot, long axis) {
        return List.of("reduce_prod", inputSlot, axis);
    }

    /**
     * {@code reduce_prod_bp(w, g)} over one axis, as the four ops libnd4j's kernel runs after computing the product
     * again: {@code (P / w) * g} with {@code P} and {@code g} broadcast along the axis, here with the forward
     * product {@code P} the schedule already has. The same values bit for bit (the same product, divisions and
     * products), without the second product and the temporary copies: ~0.25 against ~0.77 ms for the Bernoulli term's
     * {@code [3584, 112]} chunks at batch 512.
     */
    private static void productGradient(SameDiff sd, String variable, SameDiffOp op, int axis, int product,
                                        Map<String, Integer> slotOf, List<ScheduledOp> ops) {
        int values = slotOf.get(op.getInputsToOp().get(0));
        int gradient = slotOf.get(op.getInputsToOp().get(1));
        int output = slotOf.get(op.getOutputsOfOp().get(0));
        DataType[] types = {sd.getVariable(variable).dataType()};
        int productAlongAxis = slotOf.size();
        slotOf.put(op.getName() + "/product", productAlongAxis);
        int ratio = slotOf.size();
        slotOf.put(op.getName() + "/ratio", ratio);
        int gradientAlongAxis = slotOf.size();
        slotOf.put(op.getName() + "/gradient", gradientAlongAxis);
        ops.add(new ScheduledOp(DynamicCustomOp.builder("expand_dims").addIntegerArguments(axis).build(), Kind.RESHAPE,
                new int[] {product}, new int[] {productAlongAxis}, types));
        ops.add(new ScheduledOp(DynamicCustomOp.builder("divide").build(), Kind.CUSTOM,
                new int[] {productAlongAxis, values}, new int[] {ratio}, types));
        ops.add(new ScheduledOp(DynamicCustomOp.builder("expand_dims").addIntegerArguments(axis).build(), Kind.RESHAPE,
                new int[] {gradient}, new int[] {gradientAlongAxis}, types));
        ops.add(new ScheduledOp(DynamicCustomOp.builder("multiply").build(), Kind.CUSTOM,
                new int[] {ratio, gradientAlongAxis}, new int[] {output}, types));
    }

    /** A legacy elementwise transform of one input without extra arguments ({@code exp}, {@code abs}, ...). */
    private static boolean isArgumentFreeTransform(DifferentialFunction f) {
        return f instanceof BaseTransformOp
                && (((BaseOp) f).extraArgs() == null || ((BaseOp) f).extraArgs().length == 0);
    }

    private static boolean isEmpty(List<String> list) {
        return list == null || list.isEmpty();
    }

    /**
     * Executes the schedule. The arrays returned are this object's until the next call with placeholders of the same
     * shapes (see the class comment).
     *
     * @throws IllegalArgumentException if a placeholder the outputs need is missing or of another data type or rank
     */
    Map<String, INDArray> run(Map<String, INDArray> placeholderValues) {
        INDArray[] values = new INDArray[slots];
        List<Object> shapes = new ArrayList<>(placeholders.size());
        for (int i = 0; i < placeholders.size(); i++) {
            String name = placeholders.get(i);
            INDArray value = checkedPlaceholder(name, placeholderValues.get(name));
            values[placeholderSlots[i]] = value;
            shapes.add(List.of(value.dataType(), Arrays.toString(value.shape())));
        }
        ArrayPlan plan = plans.get(shapes);
        if (plan == null) {
            plan = new ArrayPlan();
            try {
                plan.firstExecution(values);
            } catch (RuntimeException e) {
                plan.close();
                throw e;
            }
            plans.put(shapes, plan);
            if (plans.size() > PLANS) {
                var eldest = plans.entrySet().iterator().next();
                eldest.getValue().close();
                plans.remove(eldest.getKey());
            }
        } else {
            plan.execute(values);
        }
        Map<String, INDArray> result = new HashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            result.put(outputs.get(i), values[outputSlots[i]]);
        }
        return result;
    }

    /** The number of ops each execution runs (pass-throughs included): for tests. */
    int opCount() {
        return ops.size();
    }

    /** The names of the ops each execution runs, in order: for tests. */
    List<String> opNames() {
        return ops.stream().map(op -> op.op.opName()).toList();
    }

    /** The shortcuts ({@link BackwardShortcut}) the most recently used plan takes, by op name: for tests. */
    Map<String, BackwardShortcut> shortcuts() {
        ArrayPlan recent = null;
        for (ArrayPlan plan : plans.values()) {
            recent = plan;
        }
        Map<String, BackwardShortcut> taken = new LinkedHashMap<>();
        for (int i = 0; recent != null && i < ops.size(); i++) {
            if (recent.shortcuts[i] != null) {
                taken.put(ops.get(i).op.getOwnName(), recent.shortcuts[i]);
            }
        }
        return taken;
    }

    /** The number of placeholder shape sets with arrays kept: for tests. */
    int planCount() {
        return plans.size();
    }

    @Override
    public void close() {
        plans.values().forEach(ArrayPlan::close);
        plans.clear();
    }

    private INDArray checkedPlaceholder(String name, INDArray value) {
        SDVariable placeholder = sd.getVariable(name);
        if (value == null) {
            throw new IllegalArgumentException("no value for placeholder \"" + name + "\"; expected a "
                    + placeholder.dataType() + " array of shape " + Arrays.toString(placeholder.placeholderShape()));
        }
        long[] expected = placeholder.placeholderShape();
        boolean fits = value.dataType() == placeholder.dataType()
                && (expected == null || expected.length == value.rank());
        for (int d = 0; fits && expected != null && d < expected.length; d++) {
            fits = expected[d] < 0 || expected[d] == value.size(d);
        }
        if (!fits) {
            throw new IllegalArgumentException("placeholder \"" + name + "\" got a " + value.dataType() + " array of shape "
                    + Arrays.toString(value.shape()) + "; expected " + placeholder.dataType() + " of shape "
                    + Arrays.toString(expected) + " (-1: any size)");
        }
        return value;
    }

    /** How an op runs. */
    private enum Kind {
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

        static Kind of(SameDiffOp op) {
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

    /** One op of the schedule: the slots of its inputs and outputs, and its outputs' data types in the graph. */
    private record ScheduledOp(DifferentialFunction op, Kind kind, int[] inputs, int[] outputs,
                               DataType[] outputTypes) {
    }

    /** The arrays and op contexts of one set of placeholder shapes. */
    private final class ArrayPlan {
        private final OpContext[] contexts = new OpContext[ops.size()];
        /** Per {@link Kind#RESHAPE} op whose output is a view: the output shape; null for every other op. */
        private final long[][] viewShapes = new long[ops.size()][];
        /** Per such op, the array of the last view and the input it views (null: make a new one next time). */
        private final INDArray[] views = new INDArray[ops.size()];
        private final INDArray[] viewed = new INDArray[ops.size()];
        /** Per op, the shortcut it takes, or null. */
        private final BackwardShortcut[] shortcuts = new BackwardShortcut[ops.size()];
        /** Per shortcut with constant inputs, their arrays (owned by the plan). */
        private final INDArray[][] constants = new INDArray[ops.size()][];
        private final INDArray[][] outputArrays = new INDArray[ops.size()][];
        /** Per op, the slots of {@link #outputArrays}: all its outputs, or those its shortcut computes. */
        private final int[][] outputArraySlots = new int[ops.size()][];
        /**
         * {@link ScheduledExecution#root} and {@link ScheduledExecution#lastUse} for this plan: an output a shortcut
         * passes on holds its input's array, which then lives as long as either is read.
         */
        private final int[] planRoot = root.clone();
        private final int[] planLastUse = lastUse.clone();
        private final INDArray[][] boundInputs = new INDArray[ops.size()][];
        private final List<INDArray> owned = new ArrayList<>();

        /** Runs every op once, choosing output shapes and arrays as it goes. */
        void firstExecution(INDArray[] values) {
            loadState(values);
            Map<String, List<INDArray>> free = new HashMap<>();
            boolean[] givenBack = new boolean[slots];
            for (int i = 0; i < ops.size(); i++) {
                ScheduledOp op = ops.get(i);
                if (op.kind == Kind.PASS_THROUGH) {
                    values[op.outputs[0]] = values[op.inputs[0]];
                    continue;
                }
                BackwardShortcut shortcut = op.kind == Kind.CUSTOM ? BackwardShortcut.of(op.op, outputsRead(op),
                        inputsOf(op, values), zerosIn(op)).orElse(null) : null;
                shortcuts[i] = shortcut;
                if (shortcut != null) {
                    takeShortcut(i, op, shortcut, values);
                    if (shortcut.op() == null) {
                        giveBackFinished(i, op, values, free, givenBack);
                        continue;
                    }
                }
                OpContext context = Nd4j.getExecutioner().buildContext();
                contexts[i] = context;
                int[] outputs = shortcut == null ? op.outputs
                        : Arrays.stream(shortcut.computed()).map(o -> op.outputs[o]).toArray();
                DataType[] types = shortcut == null ? op.outputTypes
                        : Arrays.stream(shortcut.computed()).mapToObj(o -> op.outputTypes[o]).toArray(DataType[]::new);
                INDArray[] inputs = runInputs(i, op, values);
                List<LongShapeDescriptor> shapes;
                if (op.kind != Kind.LEGACY) {
                    DynamicCustomOp custom = shortcut == null ? (DynamicCustomOp) op.op : shortcut.op();
                    context.setArgs(inputs, custom.iArgs(), custom.dArgs(), custom.tArgs(), custom.bArgs());
                    shapes = custom.calculateOutputShape(context);
                } else {
                    context.setInputArrays(inputs);
                    shapes = ((BaseOp) op.op).calculateOutputShape(context);
                }
                if (shapes == null || shapes.size() != outputs.length) {
                    throw new IllegalStateException("op " + op.op.getOwnName() + " (" + op.op.opName() + ") gave "
                            + (shapes == null ? 0 : shapes.size()) + " output shapes; expected " + outputs.length);
                }
                if (op.kind == Kind.RESHAPE && isContiguousInCOrder(inputs[0]) && shapes.get(0).getOrder() == 'c'
                        && shapes.get(0).dataType() == inputs[0].dataType()) {
                    viewShapes[i] = shapes.get(0).getShape();
                    values[op.outputs[0]] = view(i, inputs[0]);
                    giveBackFinished(i, op, values, free, givenBack);
                    continue;
                }
                INDArray[] out = new INDArray[outputs.length];
                for (int o = 0; o < out.length; o++) {
                    LongShapeDescriptor shape = shapes.get(o);
                    if (shape.dataType() != types[o]) {
                        shape = shape.asDataType(types[o]);
                    }
                    out[o] = take(free, shape);
                    context.setOutputArray(o, out[o]);
                    values[outputs[o]] = out[o];
                }
                outputArrays[i] = out;
                outputArraySlots[i] = outputs;
                boundInputs[i] = inputs;
                exec(op, shortcut, context);
                giveBackFinished(i, op, values, free, givenBack);
            }
        }

        /**
         * Passes on the outputs {@code shortcut} passes on, joining each one's array lifetime to its input's, and makes
         * the shortcut's constant inputs.
         */
        private void takeShortcut(int index, ScheduledOp op, BackwardShortcut shortcut, INDArray[] values) {
            passOn(op, shortcut, values);
            for (int o = 0; o < op.outputs.length; o++) {
                int input = shortcut.passedOn()[o];
                if (input < 0) {
                    continue;
                }
                int output = op.outputs[o];
                int from = planRoot[output];
                int to = planRoot[op.inputs[input]];
                for (int slot = 0; slot < slots; slot++) {
                    if (planRoot[slot] == from) {
                        planRoot[slot] = to;
                    }
                }
                planLastUse[to] = planLastUse[to] == -1 || planLastUse[from] == -1 ? -1
                        : Math.max(planLastUse[to], planLastUse[from]);
            }
            BackwardShortcut.Constant[] wanted = shortcut.constants();
            DataType type = values[op.inputs[op.inputs.length - 1]].dataType(); // the incoming gradient's
            constants[index] = new INDArray[wanted.length];
            for (int k = 0; k < wanted.length; k++) {
                long[] shape = wanted[k].scalar() ? new long[0] : new long[] {wanted[k].length()};
                INDArray constant = Nd4j.createUninitializedDetached(type, 'c', shape).assign(wanted[k].value());
                constants[index][k] = constant;
                owned.add(constant);
            }
        }

        /** Runs every op with the arrays chosen by {@link #firstExecution}. */
        void execute(INDArray[] values) {
            loadState(values);
            for (int i = 0; i < ops.size(); i++) {
                ScheduledOp op = ops.get(i);
                if (op.kind == Kind.PASS_THROUGH) {
                    values[op.outputs[0]] = values[op.inputs[0]];
                    continue;
                }
                BackwardShortcut shortcut = shortcuts[i];
                if (shortcut != null) {
                    passOn(op, shortcut, values);
                    if (shortcut.op() == null) {
                        continue;
                    }
                }
                if (viewShapes[i] != null) {
                    values[op.outputs[0]] = view(i, values[op.inputs[0]]);
                    continue;
                }
                if (zerosKept[i]) {
                    values[op.outputs[0]] = outputArrays[i][0];
                    continue;
                }
                OpContext context = contexts[i];
                INDArray[] inputs = runInputs(i, op, values);
                INDArray[] out = outputArrays[i];
                int[] outputs = outputArraySlots[i];
                if (!sameArrays(inputs, boundInputs[i])) {
                    // Placeholders (and parameters replaced since) are new arrays: bind them. Each binding makes a
                    // native array record that only purge() frees, so arrays that did not change stay bound.
                    context.purge();
                    context.setInputArrays(inputs);
                    context.setOutputArrays(out);
                    boundInputs[i] = inputs;
                }
                for (int o = 0; o < out.length; o++) {
                    values[outputs[o]] = out[o];
                }
                exec(op, shortcut, context);
            }
        }

        /** The outputs {@code shortcut} passes on: their inputs' arrays. */
        private void passOn(ScheduledOp op, BackwardShortcut shortcut, INDArray[] values) {
            for (int o = 0; o < op.outputs.length; o++) {
                if (shortcut.passedOn()[o] >= 0) {
                    values[op.outputs[o]] = values[op.inputs[shortcut.passedOn()[o]]];
                }
            }
        }

        /**
         * Op {@code index}'s output as a view of {@code input}, kept while the input stays the same array. ND4J's
         * reshape copies when it cannot make a view (an input that is not contiguous); such a copy holds this
         * execution's values only, so it is made again next time.
         */
        private INDArray view(int index, INDArray input) {
            if (input != viewed[index]) {
                INDArray view = input.reshape('c', viewShapes[index]);
                views[index] = view;
                boolean sharesMemory = view.data().address() == input.data().address()
                        && view.offset() == input.offset();
                viewed[index] = sharesMemory ? input : null;
            }
            return views[index];
        }

        private boolean[] zerosIn(ScheduledOp op) {
            boolean[] zerosIn = new boolean[op.inputs.length];
            for (int i = 0; i < zerosIn.length; i++) {
                zerosIn[i] = zeros[op.inputs[i]];
            }
            return zerosIn;
        }

        private boolean[] outputsRead(ScheduledOp op) {
            boolean[] outputsRead = new boolean[op.outputs.length];
            for (int o = 0; o < outputsRead.length; o++) {
                outputsRead[o] = read[op.outputs[o]];
            }
            return outputsRead;
        }

        /** Op {@code index}'s inputs, or those of its shortcut's op. */
        private INDArray[] runInputs(int index, ScheduledOp op, INDArray[] values) {
            INDArray[] inputs = inputsOf(op, values);
            if (shortcuts[index] == null) {
                return inputs;
            }
            int[] positions = shortcuts[index].inputPositions();
            INDArray[] selected = new INDArray[positions.length];
            for (int p = 0; p < positions.length; p++) {
                selected[p] = positions[p] >= 0 ? inputs[positions[p]] : constants[index][-1 - positions[p]];
            }
            return selected;
        }

        private void loadState(INDArray[] values) {
            for (int i = 0; i < stateVariables.size(); i++) {
                values[stateSlots[i]] = sd.getArrForVarName(stateVariables.get(i));
            }
        }

        private INDArray take(Map<String, List<INDArray>> free, LongShapeDescriptor shape) {
            if (shape.isEmpty()) {
                INDArray empty = Nd4j.create(shape);
                owned.add(empty);
                return empty;
            }
            List<INDArray> candidates = free.get(key(shape));
            if (candidates != null && !candidates.isEmpty()) {
                return candidates.remove(candidates.size() - 1);
            }
            INDArray array = Nd4j.createUninitializedDetached(shape.dataType(), shape.getOrder(), shape.getShape());
            owned.add(array);
            return array;
        }

        /** Arrays whose last reader was op {@code index} serve later outputs of the same shape. */
        private void giveBackFinished(int index, ScheduledOp op, INDArray[] values, Map<String, List<INDArray>> free,
                                      boolean[] givenBack) {
            for (int[] slotsOfOp : new int[][] {op.inputs, op.outputs}) {
                for (int slot : slotsOfOp) {
                    int r = planRoot[slot];
                    if (planLastUse[r] == index && computed[r] && !givenBack[r] && values[r] != null) {
                        givenBack[r] = true;
                        INDArray array = values[r];
                        free.computeIfAbsent(key(array.shapeDescriptor()), k -> new ArrayList<>()).add(array);
                    }
                }
            }
        }

        void close() {
            for (OpContext context : contexts) {
                if (context != null) {
                    try {
                        context.close();
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot close an op context", e);
                    }
                }
            }
            owned.forEach(ExecutionArrayPool::close);
            owned.clear();
        }
    }

    private static boolean isContiguousInCOrder(INDArray array) {
        return array.ordering() == 'c' && Shape.hasDefaultStridesForShape(array) && !array.isEmpty();
    }

    private static INDArray[] inputsOf(ScheduledOp op, INDArray[] values) {
        INDArray[] inputs = new INDArray[op.inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = values[op.inputs[i]];
        }
        return inputs;
    }

    private static boolean sameArrays(INDArray[] a, INDArray[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    private static void exec(ScheduledOp op, BackwardShortcut shortcut, OpContext context) {
        if (shortcut != null) {
            Nd4j.exec(shortcut.op(), context);
            shortcut.op().clearArrays();
        } else if (op.kind != Kind.LEGACY) {
            Nd4j.exec((DynamicCustomOp) op.op, context);
        } else {
            Nd4j.exec((Op) op.op, context);
        }
        op.op.clearArrays();
    }

    private static String key(LongShapeDescriptor shape) {
        return shape.dataType() + Arrays.toString(shape.getShape()) + shape.getOrder();
    }
}
