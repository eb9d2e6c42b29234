package io.github.dl4jvae.model;

import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.execution.FunctionExecutor;
import io.github.dl4jvae.execution.GradientPass;
import io.github.dl4jvae.graph.VaeGraph;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Runs a {@link VaeModel}'s SameDiff graph for its other parts: turns user data and labels into checked placeholders
 * ({@link FeatureChecks}: data {@code [n, D]} in the model's precision, one-hot labels {@code [n, C]} or none), runs
 * forward passes on the calling thread's own {@link FunctionExecutor} and gradient passes on one
 * {@link GradientPass} per shard of a training step, and frees all of these executors on {@link #close}, after which
 * every run is refused.
 */
final class GraphRunner {
    private final VaeConfig config;
    private final SameDiff sd;
    private final DataType dataType;
    /** The gradient passes, one per shard of a training step; the first is made now, the others on first use. */
    private final List<GradientPass> gradientPasses = new ArrayList<>();
    /** Per thread (inference may run from several), the executor of the forward graph. */
    private final ThreadLocal<FunctionExecutor> inferenceExecutors;
    /**
     * Every inference executor made and still reachable, for {@link #close}; weakly held, so that a finished
     * thread's executor is collected with its thread. Guarded by itself, as is {@link #closed}'s setting.
     */
    private final Set<FunctionExecutor> executors = Collections.newSetFromMap(new WeakHashMap<>());
    private volatile boolean closed;

    GraphRunner(VaeConfig config, SameDiff sd) {
        this.config = config;
        this.sd = sd;
        this.dataType = VaeGraph.dataType(config.precision());
        this.gradientPasses.add(new GradientPass(sd));
        this.inferenceExecutors = ThreadLocal.withInitial(this::newInferenceExecutor);
    }

    /** The model's data type, that of every array this runner hands to the graph. */
    DataType dataType() {
        return dataType;
    }

    /** Data checked and flattened to {@code [n, D]} in the model's type; {@code what} names it in a message. */
    INDArray features(INDArray x, String what) {
        return FeatureChecks.flatten(x, config.inputShape(), dataType, what);
    }

    /** User data checked and flattened to {@code [n, D]}, named "features" in a message. */
    INDArray features(INDArray x) {
        return features(x, "features");
    }

    /** The checked labels of a call on {@code rows}; null for an unconditional model. */
    INDArray condition(INDArray labels, INDArray rows) {
        return FeatureChecks.labels(labels, config.conditionClasses(), rows.size(0), dataType, "");
    }

    /** The checked labels of a batch for a conditional model; null, whatever the batch holds, for an unconditional. */
    INDArray conditionOf(DataSet batch, long rows, String what) {
        return FeatureChecks.labels(labelsOf(batch), config.conditionClasses(), rows, dataType, what + ": ");
    }

    /** The batch's labels for a conditional model (unchecked); null for an unconditional one. */
    INDArray labelsOf(DataSet batch) {
        return config.conditional() ? batch.getLabels() : null;
    }

    /**
     * {@code data} reset to its start where it supports that, for a pass over all of it.
     *
     * @param role what the iterator is for ("evaluation", "data"), for the message if it is null
     */
    static DataSetIterator rewound(DataSetIterator data, String role) {
        requireIterator(data, role);
        if (data.resetSupported()) {
            data.reset();
        }
        return data;
    }

    /** Refuses a null iterator of {@code role} ("training", ...). */
    static void requireIterator(DataSetIterator data, String role) {
        if (data == null) {
            throw new IllegalArgumentException(role + " iterator is null; expected a DataSetIterator");
        }
    }

    /** Refuses a pass over an iterator of {@code role} that gave no examples. */
    static void requireExamples(long examples, String role) {
        if (examples == 0) {
            throw new IllegalArgumentException(role + " iterator gave no examples; expected at least one");
        }
    }

    /** The named outputs of one forward pass, copies the caller owns, run by the calling thread's executor. */
    Map<String, INDArray> output(Map<String, INDArray> placeholders, String... outputs) {
        requireOpen();
        Map<String, INDArray> copies = new HashMap<>();
        inferenceExecutors.get().run(placeholders, List.of(outputs)).forEach((name, array) -> copies.put(name,
                array.dup()));
        return copies;
    }

    /** The outputs and parameter gradients of one gradient pass: the pass's own arrays, reused by the next. */
    OutAndGrad gradients(Map<String, INDArray> placeholders, Collection<String> outputs, List<String> parameters) {
        return gradients(0, placeholders, outputs, parameters);
    }

    /**
     * As {@link #gradients(Map, Collection, List)}, on the gradient pass of shard {@code shard}: passes of different
     * shards may run at once, on threads of their own, after {@link #prepareShards} made them.
     */
    OutAndGrad gradients(int shard, Map<String, INDArray> placeholders, Collection<String> outputs,
                         List<String> parameters) {
        return gradientPasses.get(shard).run(placeholders, outputs, parameters);
    }

    /** Makes the gradient function and the passes of {@code shards} shards, before they run at once. */
    void prepareShards(int shards) {
        synchronized (executors) {
            requireOpen();
            if (!sd.hasGradientFunction()) {
                sd.createGradFunction();
            }
            while (gradientPasses.size() < shards) {
                gradientPasses.add(new GradientPass(sd));
            }
        }
    }

    /** The placeholders: data (or codes) under {@code name}, the labels if any, epsilon if any. */
    static Map<String, INDArray> inputs(String name, INDArray values, INDArray labels, INDArray eps) {
        Map<String, INDArray> inputs = new HashMap<>();
        inputs.put(name, values);
        if (labels != null) {
            inputs.put(VaeGraph.LABEL, labels);
        }
        if (eps != null) {
            inputs.put(VaeGraph.EPSILON, eps);
        }
        return inputs;
    }

    /** Frees the gradient pass's and every thread's inference executor; later runs throw. Closing again does nothing. */
    void close() {
        synchronized (executors) {
            if (closed) {
                return;
            }
            closed = true;
            gradientPasses.forEach(GradientPass::close);
            new ArrayList<>(executors).forEach(FunctionExecutor::close);
            executors.clear();
        }
    }

    /** Refuses a run on a closed model with an {@link IllegalStateException} that says to create or load another. */
    void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this VaeModel is closed; expected an open model (create or load another)");
        }
    }

    private FunctionExecutor newInferenceExecutor() {
        synchronized (executors) {
            requireOpen();
            FunctionExecutor executor = new FunctionExecutor(sd);
            executors.add(executor);
            return executor;
        }
    }
}
