package io.github.dl4jvae.execution;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one SameDiff function (a graph, or its gradient function) for requested outputs, giving what
 * {@code SameDiff.output} gives: by a schedule per list of outputs (the ops in an order found once, arrays assigned
 * once per set of placeholder shapes) where the graph allows one, otherwise in the calling thread's SameDiff session,
 * whose arrays it reuses from one run to the next.
 *
 * <p>SameDiff's session runs the function when the graph holds an op the executor was not taught, or one whose output
 * shape would follow from input values (one INFO line names the op, once per list of outputs), and when the ND4J
 * version in use is not the one the executor was written against (one WARN line names both).
 *
 * <p>The arrays returned are the executor's, valid until its next {@link #run}: a schedule writes the next execution
 * into them, and the session's are closed by the next run. Not thread-safe: one executor per thread.
 */
public final class FunctionExecutor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FunctionExecutor.class);

    private final SameDiff function;
    private final VersionGuard guard;
    private final Map<List<String>, Optional<ScheduledExecution>> schedules = new HashMap<>();
    /** The session's arrays handed out by the last run, closed by the next (a schedule reuses its own). */
    private final List<INDArray> handedOut = new ArrayList<>();

    /** An executor of {@code function} (a {@link SameDiff} graph or one of its functions). */
    public FunctionExecutor(SameDiff function) {
        this(function, VersionGuard.process());
    }

    FunctionExecutor(SameDiff function, VersionGuard guard) {
        this.function = function;
        this.guard = guard;
    }

    /**
     * The values of {@code outputs}, by name, for these placeholder values.
     *
     * @throws IllegalArgumentException if an output is not a variable of the function, or a placeholder it needs is
     *     missing or of another data type or shape
     */
    public Map<String, INDArray> run(Map<String, INDArray> placeholders, List<String> outputs) {
        Optional<ScheduledExecution> schedule = guard.allowsSchedules()
                ? schedules.computeIfAbsent(List.copyOf(outputs), this::schedule) : Optional.empty();
        handedOut.forEach(ExecutionArrayPool::close);
        handedOut.clear();
        if (schedule.isPresent()) {
            return schedule.get().run(placeholders);
        }
        // SameDiff turns the cache off for a gradient function; the session's pool needs it on.
        function.setEnableCache(true);
        ArrayReusingSession.install(function);
        Map<String, INDArray> values = function.output(placeholders, outputs.toArray(new String[0]));
        handedOut.addAll(values.values());
        return values;
    }

    private Optional<ScheduledExecution> schedule(List<String> outputs) {
        ScheduleBuilder.Result result = ScheduleBuilder.build(function, outputs);
        if (result.schedule() == null) {
            LOG.info("SameDiff's session runs {}: {}", outputs, result.refusal());
            return Optional.empty();
        }
        return Optional.of(new ScheduledExecution(result.schedule()));
    }

    /** Whether runs requesting (at least) {@code outputs} go through a {@link ScheduledExecution}: for tests. */
    boolean isScheduled(Collection<String> outputs) {
        return schedules.entrySet().stream()
                .anyMatch(e -> e.getKey().containsAll(outputs) && e.getValue().isPresent());
    }

    /** Frees the arrays of the last run and of the schedules. */
    @Override
    public void close() {
        handedOut.forEach(ExecutionArrayPool::close);
        handedOut.clear();
        schedules.values().forEach(schedule -> schedule.ifPresent(ScheduledExecution::close));
        schedules.clear();
    }
}
