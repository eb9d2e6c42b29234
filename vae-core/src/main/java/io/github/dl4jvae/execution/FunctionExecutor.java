package io.github.dl4jvae.execution;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs one SameDiff function (a graph, or its gradient function) for requested outputs: by a
 * {@link ScheduledExecution} per list of outputs where the graph allows one, otherwise in the calling thread's
 * {@link ArrayReusingSession}.
 *
 * <p>The arrays returned are the executor's, valid until its next {@link #run}: a schedule writes the next execution
 * into them, and the session's are closed by the next run. Not thread-safe: one executor per thread.
 */
public final class FunctionExecutor implements AutoCloseable {
    private final SameDiff function;
    private final Map<List<String>, Optional<ScheduledExecution>> schedules = new HashMap<>();
    /** The session's arrays handed out by the last run, closed by the next (a schedule reuses its own). */
    private final List<INDArray> handedOut = new ArrayList<>();

    public FunctionExecutor(SameDiff function) {
        this.function = function;
    }

    /** The values of {@code outputs}, by name, for these placeholder values. */
    public Map<String, INDArray> run(Map<String, INDArray> placeholders, List<String> outputs) {
        Optional<ScheduledExecution> schedule = schedules.computeIfAbsent(List.copyOf(outputs),
                names -> ScheduledExecution.of(function, names));
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
