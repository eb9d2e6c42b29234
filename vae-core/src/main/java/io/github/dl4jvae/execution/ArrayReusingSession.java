package io.github.dl4jvae.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.config.SDValue;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SameDiff's {@link InferenceSession} with its arrays from an {@link ExecutionArrayPool}, so that one execution's
 * arrays serve the next, and with one repair for long runs: the session remembers the id of every array it has
 * released ({@code freedArrays}) and, in ND4J 1.0.0-M2.1, never forgets one, so a training run's heap grew by every
 * intermediate array of every step. This session clears that record at the start of each execution; within an
 * execution it works as before, and between executions an id cannot come back (a reused array gets a new one).
 *
 * <p>{@link #install} puts one in a graph's session map for the calling thread, where SameDiff looks first.
 */
final class ArrayReusingSession extends InferenceSession {

    private final ExecutionArrayPool pool = new ExecutionArrayPool();

    private ArrayReusingSession(SameDiff sd) {
        super(sd);
        setMmgr(pool);
    }

    /**
     * Makes the calling thread's executions of {@code sd} use an {@link ArrayReusingSession}, replacing a plain
     * session SameDiff may have made for it (building the gradient function runs one); idempotent.
     */
    static void install(SameDiff sd) {
        sd.getSessions().compute(Thread.currentThread().getId(),
                (thread, session) -> session instanceof ArrayReusingSession ? session : new ArrayReusingSession(sd));
    }

    @Override
    protected Map<String, INDArray> preprocessPlaceholders(Map<String, INDArray> placeholders, At at) {
        freedArrays.clear();
        pool.startExecution();
        return super.preprocessPlaceholders(placeholders, at);
    }

    @Override
    protected Map<String, SDValue> postProcessOutputValues(Map<String, SDValue> outputs) {
        Map<String, SDValue> processed = super.postProcessOutputValues(outputs);
        List<INDArray> handedOut = new ArrayList<>();
        for (SDValue value : processed.values()) {
            if (value != null && value.getListValue() != null) {
                handedOut.addAll(value.getListValue());
            }
        }
        pool.endExecution(handedOut);
        return processed;
    }
}
