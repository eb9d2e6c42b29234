package io.github.dl4jvae.execution;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Forward and backward pass of a SameDiff graph for one batch: what {@link SameDiff#calculateGradientsAndOutputs}
 * gives, computed by a {@link FunctionExecutor} of the gradient function (scheduled: the ops in an order found once,
 * arrays assigned once per batch shape; or on SameDiff's session where the executor refuses the graph).
 *
 * <p>Why not {@code calculateGradientsAndOutputs}: it turns SameDiff's array cache off for the gradient function
 * (ND4J 1.0.0-M2.1), so each step's intermediate arrays (about 300, 18 MB at batch 128 for the 784-400-20 MLP) stayed
 * allocated off-heap until the garbage collector found them, and with a large heap the process grew past 3 GB; and
 * its session spends about 35 us of bookkeeping per op, a third of that model's step.
 *
 * <p>The arrays returned belong to the pass: they are valid until its next {@link #run} and are never closed by the
 * caller. Not thread-safe.
 */
public final class GradientPass implements AutoCloseable {
    /** The name SameDiff gives its gradient function ({@code SameDiff.GRAD_FN_KEY}). */
    private static final String GRADIENT_FUNCTION = "grad";

    private final SameDiff sd;
    private final VersionGuard guard;
    private FunctionExecutor executor;

    /** The pass of {@code sd}, whose loss variables are set; the gradient function is made on the first run. */
    public GradientPass(SameDiff sd) {
        this(sd, VersionGuard.process());
    }

    GradientPass(SameDiff sd, VersionGuard guard) {
        this.sd = sd;
        this.guard = guard;
    }

    /**
     * The {@code outputs} and the gradients of the loss with respect to {@code parameters}, by name (a parameter the
     * loss does not depend on has none).
     *
     * @throws IllegalArgumentException if a placeholder the pass needs is missing or of another data type or shape
     */
    public OutAndGrad run(Map<String, INDArray> placeholders, Collection<String> outputs,
                          Collection<String> parameters) {
        if (executor == null) {
            if (!sd.hasGradientFunction()) {
                sd.createGradFunction();
            }
            executor = new FunctionExecutor(sd.getFunction(GRADIENT_FUNCTION), guard);
        }
        Map<String, String> gradientNames = new HashMap<>();
        for (String parameter : parameters) {
            SDVariable gradient = sd.getVariable(parameter).getGradient();
            if (gradient != null) {
                gradientNames.put(parameter, gradient.name());
            }
        }
        List<String> requested = new ArrayList<>(outputs);
        requested.addAll(gradientNames.values());
        Map<String, INDArray> values = executor.run(placeholders, requested);
        Map<String, INDArray> outputValues = new HashMap<>();
        for (String output : outputs) {
            outputValues.put(output, values.get(output));
        }
        Map<String, INDArray> gradientValues = new HashMap<>();
        gradientNames.forEach((parameter, name) -> gradientValues.put(parameter, values.get(name)));
        return new OutAndGrad(outputValues, gradientValues);
    }

    /** Whether runs requesting {@code outputs} go through a {@link ScheduledExecution}: for tests. */
    boolean isScheduled(Collection<String> outputs) {
        return executor != null && executor.isScheduled(outputs);
    }

    /** Frees the arrays of the last run and of the scheduled executions. */
    @Override
    public void close() {
        if (executor != null) {
            executor.close();
        }
    }
}
