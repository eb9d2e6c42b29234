package io.github.dl4jvae.execution;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.shape.ZerosLike;

/**
 * The ops a list of outputs needs, in the order they run, with the slots (numbered variables) they read and write,
 * and what follows for every execution whatever the placeholder shapes: which slots an op computes, which are read,
 * which slot's array each one holds ({@code identity} and reshapes share their input's), the last op that uses each
 * array (after which it can serve a later output), and the {@code zeroslike} outputs that keep their zeros. Built by
 * {@link ScheduleBuilder}; immutable; the arrays are shared with every {@link ArrayPlan} and never written.
 */
final class Schedule {
    final SameDiff sd;
    final List<String> outputs;
    final List<String> placeholders;
    final int[] placeholderSlots;
    final List<String> stateVariables;
    final int[] stateSlots;
    /** Slots holding op outputs (not placeholders, parameters or constants). */
    final boolean[] computed;
    final List<ScheduledOp> ops;
    final int slots;
    final int[] outputSlots;
    /** Per slot, whether an op or the caller reads it: an op output nothing reads need not be computed. */
    final boolean[] read;
    /** Per root slot, the index of the last op that reads or writes it; -1 for outputs, which are never reused. */
    final int[] lastUse;
    /** Per slot, the slot whose array it holds: itself, or for an {@code identity} output its input's root. */
    final int[] root;
    /** Per slot, whether a {@code zeroslike} computes it. */
    final boolean[] zeros;
    /**
     * Per op, whether it is a {@code zeroslike} that the caller does not read: its array keeps its zeros from the
     * first execution of a plan (it is never reused), so it runs once per plan.
     */
    final boolean[] zerosKept;
    Schedule(SameDiff sd, List<String> outputs, List<String> placeholders,
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
            for (int out : op.outputs()) {
                computed[out] = true;
            }
        }
        this.outputSlots = outputs.stream().mapToInt(slotOf::get).toArray();
        this.read = new boolean[slots];
        for (ScheduledOp op : ops) {
            for (int in : op.inputs()) {
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
            if (op.kind() == OpKind.PASS_THROUGH || op.kind() == OpKind.RESHAPE) {
                root[op.outputs()[0]] = root[op.inputs()[0]];
            }
        }
        this.lastUse = new int[slots];
        Arrays.fill(lastUse, Integer.MIN_VALUE);
        for (int i = 0; i < ops.size(); i++) {
            ScheduledOp op = ops.get(i);
            for (int out : op.outputs()) {
                lastUse[root[out]] = Math.max(lastUse[root[out]], i);
            }
            for (int in : op.inputs()) {
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
            if (op.op() instanceof ZerosLike && op.kind() == OpKind.CUSTOM && op.outputs().length == 1) {
                zeros[op.outputs()[0]] = true;
                zerosKept[i] = lastUse[root[op.outputs()[0]]] != -1;
                lastUse[root[op.outputs()[0]]] = -1;
            }
        }
    }

    /** The number of ops (pass-throughs included). */
    int size() {
        return ops.size();
    }

    /** Op {@code index}. */
    ScheduledOp op(int index) {
        return ops.get(index);
    }
}
