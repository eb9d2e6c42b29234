package io.github.dl4jvae.execution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The arrays and op contexts of one set of placeholder shapes for a {@link Schedule}: on its first execution each op's
 * output shapes come from the op itself (as SameDiff's session asks them), its output arrays from a pool of arrays
 * whose last reader has run, and its {@link OpContext} keeps them; later executions set each op's inputs and execute
 * it. A backward op may take a {@link BackwardShortcut}, a reshape of a contiguous array is a view of it, and a
 * {@code zeroslike} nothing else reads runs once. The plan owns the arrays it made until {@link #close}.
 */
final class ArrayPlan {
    private final Schedule schedule;
    private final List<ScheduledOp> ops;
    private final int slots;
    private final OpContext[] contexts;
    /** Per {@link OpKind#RESHAPE} op whose output is a view: the output shape; null for every other op. */
    private final long[][] viewShapes;
    /** Per such op, the array of the last view and the input it views (null: make a new one next time). */
    private final INDArray[] views;
    private final INDArray[] viewed;
    /** Per op, the shortcut it takes, or null. */
    private final BackwardShortcut[] shortcuts;
    /** Per shortcut with constant inputs, their arrays (owned by the plan). */
    private final INDArray[][] constants;
    private final INDArray[][] outputArrays;
    /** Per op, the slots of {@link #outputArrays}: all its outputs, or those its shortcut computes. */
    private final int[][] outputArraySlots;
    /**
     * {@link Schedule#root} and {@link Schedule#lastUse} for this plan: an output a shortcut passes on holds its
     * input's array, which then lives as long as either is read.
     */
    private final int[] planRoot;
    private final int[] planLastUse;
    private final INDArray[][] boundInputs;
    /** Per op with {@link ScheduledOp#shapeArguments}, their values when the plan was made; null for other ops. */
    private final double[][][] shapeArgumentValues;
    private final List<INDArray> owned = new ArrayList<>();

    ArrayPlan(Schedule schedule) {
        this.schedule = schedule;
        this.ops = schedule.ops;
        this.slots = schedule.slots;
        int n = ops.size();
        this.contexts = new OpContext[n];
        this.viewShapes = new long[n][];
        this.views = new INDArray[n];
        this.viewed = new INDArray[n];
        this.shortcuts = new BackwardShortcut[n];
        this.constants = new INDArray[n][];
        this.outputArrays = new INDArray[n][];
        this.outputArraySlots = new int[n][];
        this.planRoot = schedule.root.clone();
        this.planLastUse = schedule.lastUse.clone();
        this.boundInputs = new INDArray[n][];
        this.shapeArgumentValues = new double[n][][];
    }

    /** Runs every op once, choosing output shapes and arrays as it goes. */
    void firstExecution(INDArray[] values) {
        loadState(values);
        Map<String, List<INDArray>> free = new HashMap<>();
        boolean[] givenBack = new boolean[slots];
        for (int i = 0; i < ops.size(); i++) {
            ScheduledOp op = ops.get(i);
            if (op.kind() == OpKind.PASS_THROUGH) {
                values[op.outputs()[0]] = values[op.inputs()[0]];
                continue;
            }
            recordShapeArguments(i, op, values);
            BackwardShortcut shortcut = op.kind() == OpKind.CUSTOM ? BackwardShortcut.of(op.op(), outputsRead(op),
                    OpDispatch.inputsOf(op, values), zerosIn(op)).orElse(null) : null;
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
            int[] outputs = shortcut == null ? op.outputs()
                    : Arrays.stream(shortcut.computed()).map(o -> op.outputs()[o]).toArray();
            DataType[] types = shortcut == null ? op.outputTypes()
                    : Arrays.stream(shortcut.computed()).mapToObj(o -> op.outputTypes()[o]).toArray(DataType[]::new);
            INDArray[] inputs = runInputs(i, op, values);
            List<LongShapeDescriptor> shapes = OpDispatch.outputShapes(op, shortcut, context, inputs,
                    outputs.length);
            if (op.kind() == OpKind.RESHAPE && OpDispatch.isContiguousInCOrder(inputs[0])
                    && shapes.get(0).getOrder() == 'c'
                    && shapes.get(0).dataType() == inputs[0].dataType()) {
                viewShapes[i] = shapes.get(0).getShape();
                values[op.outputs()[0]] = view(i, inputs[0]);
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
            OpDispatch.exec(op, shortcut, context);
            if (op.kind() != OpKind.LEGACY) {
                // The outputs now have the shapes the op's shape function gives: later executions skip it.
                context.shapeFunctionOverride(true);
            }
            giveBackFinished(i, op, values, free, givenBack);
        }
    }

    /**
     * Passes on the outputs {@code shortcut} passes on, joining each one's array lifetime to its input's, and makes
     * the shortcut's constant inputs.
     */
    private void takeShortcut(int index, ScheduledOp op, BackwardShortcut shortcut, INDArray[] values) {
        passOn(op, shortcut, values);
        for (int o = 0; o < op.outputs().length; o++) {
            int input = shortcut.passedOn()[o];
            if (input < 0) {
                continue;
            }
            int output = op.outputs()[o];
            int from = planRoot[output];
            int to = planRoot[op.inputs()[input]];
            for (int slot = 0; slot < slots; slot++) {
                if (planRoot[slot] == from) {
                    planRoot[slot] = to;
                }
            }
            planLastUse[to] = planLastUse[to] == -1 || planLastUse[from] == -1 ? -1
                    : Math.max(planLastUse[to], planLastUse[from]);
        }
        BackwardShortcut.Constant[] wanted = shortcut.constants();
        DataType type = values[op.inputs()[op.inputs().length - 1]].dataType(); // the incoming gradient's
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
            if (op.kind() == OpKind.PASS_THROUGH) {
                values[op.outputs()[0]] = values[op.inputs()[0]];
                continue;
            }
            checkShapeArguments(i, op, values);
            BackwardShortcut shortcut = shortcuts[i];
            if (shortcut != null) {
                passOn(op, shortcut, values);
                if (shortcut.op() == null) {
                    continue;
                }
            }
            if (viewShapes[i] != null) {
                values[op.outputs()[0]] = view(i, values[op.inputs()[0]]);
                continue;
            }
            if (schedule.zerosKept[i]) {
                values[op.outputs()[0]] = outputArrays[i][0];
                continue;
            }
            OpContext context = contexts[i];
            INDArray[] inputs = runInputs(i, op, values);
            INDArray[] out = outputArrays[i];
            int[] outputs = outputArraySlots[i];
            if (!OpDispatch.sameArrays(inputs, boundInputs[i])) {
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
            OpDispatch.exec(op, shortcut, context);
        }
    }

    /** Keeps the values of op {@code index}'s shape-giving inputs, from which its output shape is computed now. */
    private void recordShapeArguments(int index, ScheduledOp op, INDArray[] values) {
        int[] positions = op.shapeArguments();
        if (positions.length > 0) {
            shapeArgumentValues[index] = new double[positions.length][];
            for (int k = 0; k < positions.length; k++) {
                shapeArgumentValues[index][k] = values[op.inputs()[positions[k]]].toDoubleVector();
            }
        }
    }

    /**
     * Enforces that op {@code index}'s output shape is still the plan's: its shape-giving inputs hold the values the
     * plan was made with (they follow from constants and shapes alone, so only a constant replaced since can change
     * them).
     *
     * @throws IllegalStateException naming the op, the input, and the values then and now
     */
    private void checkShapeArguments(int index, ScheduledOp op, INDArray[] values) {
        int[] positions = op.shapeArguments();
        for (int k = 0; k < positions.length; k++) {
            double[] now = values[op.inputs()[positions[k]]].toDoubleVector();
            if (!Arrays.equals(now, shapeArgumentValues[index][k])) {
                throw new IllegalStateException("op " + op.op().opName() + " (\"" + op.op().getOwnName()
                        + "\") takes its output shape from input " + positions[k] + " (\""
                        + op.op().argNames()[positions[k]] + "\"), which held " + Arrays.toString(
                        shapeArgumentValues[index][k]) + " when the arrays for these placeholder shapes were assigned "
                        + "and holds " + Arrays.toString(now) + " now; expected output shapes that follow from the "
                        + "placeholder shapes alone (a constant that gives a shape must not change)");
            }
        }
    }

    /** The outputs {@code shortcut} passes on: their inputs' arrays. */
    private void passOn(ScheduledOp op, BackwardShortcut shortcut, INDArray[] values) {
        for (int o = 0; o < op.outputs().length; o++) {
            if (shortcut.passedOn()[o] >= 0) {
                values[op.outputs()[o]] = values[op.inputs()[shortcut.passedOn()[o]]];
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
        boolean[] zerosIn = new boolean[op.inputs().length];
        for (int i = 0; i < zerosIn.length; i++) {
            zerosIn[i] = schedule.zeros[op.inputs()[i]];
        }
        return zerosIn;
    }

    private boolean[] outputsRead(ScheduledOp op) {
        boolean[] outputsRead = new boolean[op.outputs().length];
        for (int o = 0; o < outputsRead.length; o++) {
            outputsRead[o] = schedule.read[op.outputs()[o]];
        }
        return outputsRead;
    }

    /** Op {@code index}'s inputs, or those of its shortcut's op. */
    private INDArray[] runInputs(int index, ScheduledOp op, INDArray[] values) {
        INDArray[] inputs = OpDispatch.inputsOf(op, values);
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
        for (int i = 0; i < schedule.stateVariables.size(); i++) {
            values[schedule.stateSlots[i]] = schedule.sd.getArrForVarName(schedule.stateVariables.get(i));
        }
    }

    private INDArray take(Map<String, List<INDArray>> free, LongShapeDescriptor shape) {
        if (shape.isEmpty()) {
            INDArray empty = Nd4j.create(shape);
            owned.add(empty);
            return empty;
        }
        List<INDArray> candidates = free.get(OpDispatch.key(shape));
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
        for (int[] slotsOfOp : new int[][] {op.inputs(), op.outputs()}) {
            for (int slot : slotsOfOp) {
                int r = planRoot[slot];
                if (planLastUse[r] == index && schedule.computed[r] && !givenBack[r] && values[r] != null) {
                    givenBack[r] = true;
                    INDArray array = values[r];
                    free.computeIfAbsent(OpDispatch.key(array.shapeDescriptor()), k -> new ArrayList<>()).add(array);
                }
            }
        }
    }

    /** The shortcut op {@code index} takes in this plan, or null. */
    BackwardShortcut shortcut(int index) {
        return shortcuts[index];
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
