package io.github.dl4jvae.execution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

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
 *   <li>the order ({@link ScheduleBuilder}, giving a {@link Schedule}): the ops the outputs depend on, each after its
 *       inputs' producers (depth first), and the lifetimes of their arrays;</li>
 *   <li>per placeholder shapes, an {@link ArrayPlan}: on its first execution each op's output shapes come from the op
 *       itself (as the session asks them), its output arrays from a pool of arrays whose last reader has run, and
 *       its {@code OpContext} keeps them; later executions set each op's inputs and execute it
 *       ({@link OpDispatch}).</li>
 * </ul>
 * Ops run exactly as the session runs them ({@code Nd4j.exec} with the same inputs, arguments and output shapes), so
 * the results are the same bit for bit except where said below ({@code GradientPassTest}). {@code identity} passes
 * its input on as the session does. More savings: an argument-free elementwise transform of an input
 * already transformed so ({@code exp} of the logits, again in {@code exp}'s gradient) passes the first result on;
 * a reshape of a contiguous array is a view of it (see {@link OpKind#RESHAPE}); a backward op gives what is read of
 * its outputs the cheaper way a {@link BackwardShortcut} finds (the one product or elementwise product read, the
 * incoming gradient passed on instead of copied, a zero gradient not added), the same bit for bit except bias
 * gradients, which it sums as a product and so in another order; and a {@code zeroslike} runs once per plan, its
 * array keeping the zeros. One op runs as another: the legacy {@code tanh} transform as libnd4j's declarable
 * {@code tanh}, which has a oneDNN implementation (~0.3 against ~3.4 ms for 512 x 784 values on one core; the values
 * differ by at most one unit in the last place).
 *
 * <p>Only for graphs of the ops the executor was taught ({@link TaughtOps}: those of every graph {@code VaeGraph}
 * builds), whose output shapes depend on the placeholders' shapes, never on their values, and without control flow:
 * {@link #of} returns empty for a graph with any other op, with control dependencies, or with an op whose output
 * shape would follow input values that are not constants or computed from shapes alone, and the caller uses the
 * session. An {@link ArrayPlan} checks at every execution that the inputs giving shapes keep their values.
 *
 * <p>The arrays returned by {@link #run} belong to this object and are overwritten by the next execution with the
 * same placeholder shapes: callers copy what they keep. At most {@value #PLANS} plans are kept (typically the
 * full batch and an epoch's smaller last batch); the least recently used is closed. Not thread-safe.
 */
final class ScheduledExecution implements AutoCloseable {
    /** Placeholder shape sets whose arrays are kept. */
    static final int PLANS = 4;

    private final Schedule schedule;
    private final Map<List<Object>, ArrayPlan> plans = new LinkedHashMap<>(PLANS + 1, 0.75f, true);

    ScheduledExecution(Schedule schedule) {
        this.schedule = schedule;
    }

    /**
     * The schedule of {@code function}'s ops for {@code outputs}, or empty when the graph has an op this class does
     * not run (see the class comment; {@link ScheduleBuilder#build} says why).
     *
     * @throws IllegalArgumentException if an output is not a variable of {@code function}
     */
    static Optional<ScheduledExecution> of(SameDiff function, List<String> outputs) {
        return Optional.ofNullable(ScheduleBuilder.build(function, outputs).schedule()).map(ScheduledExecution::new);
    }

    /**
     * Executes the schedule. The arrays returned are this object's until the next call with placeholders of the same
     * shapes (see the class comment).
     *
     * @throws IllegalArgumentException if a placeholder the outputs need is missing or of another data type or rank
     */
    Map<String, INDArray> run(Map<String, INDArray> placeholderValues) {
        INDArray[] values = new INDArray[schedule.slots];
        List<Object> shapes = new ArrayList<>(schedule.placeholders.size());
        for (int i = 0; i < schedule.placeholders.size(); i++) {
            String name = schedule.placeholders.get(i);
            INDArray value = checkedPlaceholder(name, placeholderValues.get(name));
            values[schedule.placeholderSlots[i]] = value;
            shapes.add(List.of(value.dataType(), Arrays.toString(value.shape())));
        }
        ArrayPlan plan = plans.get(shapes);
        if (plan == null) {
            plan = new ArrayPlan(schedule);
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
        for (int i = 0; i < schedule.outputs.size(); i++) {
            result.put(schedule.outputs.get(i), values[schedule.outputSlots[i]]);
        }
        return result;
    }

    /** The number of ops each execution runs (pass-throughs included): for tests. */
    int opCount() {
        return schedule.size();
    }

    /** The names of the ops each execution runs, in order: for tests. */
    List<String> opNames() {
        return schedule.ops.stream().map(op -> op.op().opName()).toList();
    }

    /** The shortcuts ({@link BackwardShortcut}) the most recently used plan takes, by op name: for tests. */
    Map<String, BackwardShortcut> shortcuts() {
        ArrayPlan recent = null;
        for (ArrayPlan plan : plans.values()) {
            recent = plan;
        }
        Map<String, BackwardShortcut> taken = new LinkedHashMap<>();
        for (int i = 0; recent != null && i < schedule.size(); i++) {
            if (recent.shortcut(i) != null) {
                taken.put(schedule.op(i).op().getOwnName(), recent.shortcut(i));
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
        SDVariable placeholder = schedule.sd.getVariable(name);
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
}
