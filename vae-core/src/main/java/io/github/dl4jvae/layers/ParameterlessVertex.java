package io.github.dl4jvae.layers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.common.util.SerializationUtils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The configuration plumbing the project's vertices share ({@link KlDivergenceVertex},
 * {@link ReparameterizationVertex}): no parameters; feed-forward inputs {@code [n, k]} of one size, checked by
 * name; {@code equals}, {@code hashCode} and {@code toString} from the subclass's {@link #properties()};
 * {@code clone} as a deep copy; validation before type inference and instantiation; a memory report from the
 * working memory per example. It holds no fields: DL4J's JSON (which writes fields) and {@code ModelSerializer}
 * see exactly the subclasses' bean properties, as before this class existed.
 */
abstract class ParameterlessVertex extends GraphVertex {
    private static final long serialVersionUID = 1L;

    /** The configuration, property name to value in a fixed order; equal vertices have equal properties. */
    abstract Map<String, Object> properties();

    /**
     * Throws {@link IllegalArgumentException} naming a property whose value is not allowed (values can arrive
     * through JSON, which bypasses the setters).
     */
    abstract void validate();

    /** The input names, in order, for the current configuration. */
    abstract String[] inputNames();

    /** How input-type errors name this vertex, e.g. {@code "ReparameterizationVertex"}. */
    String typeCheckName() {
        return kind();
    }

    /** The output size for inputs of size {@code k}. */
    abstract long outputSize(long k);

    /** Working memory per example, in values, for inputs of size {@code k}: {inference, training}. */
    abstract long[] workingMemoryPerExample(long k);

    /** The run-time vertex of this configuration. */
    abstract ParameterlessVertexImpl newVertex(ComputationGraph graph, String name, int idx, DataType dataType);

    /** The class's simple name, for messages. */
    final String kind() {
        return getClass().getSimpleName();
    }

    /** A {@link LinkedHashMap} of alternating names and values, for {@link #properties()}. */
    static Map<String, Object> orderedProperties(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    /** A deep copy: every property, in a new object of the same class. */
    @Override
    public ParameterlessVertex clone() {
        return SerializationUtils.fromByteArray(SerializationUtils.toByteArray(this));
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((ParameterlessVertex) o).properties().equals(properties());
    }

    @Override
    public int hashCode() {
        return properties().hashCode();
    }

    /** E.g. {@code KlDivergenceVertex(beta=1.0, estimator=ANALYTIC)}. */
    @Override
    public String toString() {
        StringJoiner s = new StringJoiner(", ", kind() + "(", ")");
        properties().forEach((name, value) -> s.add(name + "=" + value));
        return s.toString();
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    /** Two: the mean and the log-variance. */
    @Override
    public int minVertexInputs() {
        return 2;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        validate();
        return newVertex(graph, name, idx, networkDatatype);
    }

    /** {@code feedForward(outputSize(k))}; the inputs must be {@link #inputNames()}, feed-forward, of one size k. */
    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        validate();
        return InputType.feedForward(outputSize(InputChecks.sameFeedForwardSize(typeCheckName(), inputNames(),
                vertexInputs)));
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        InputType out = getOutputType(-1, inputTypes);
        long[] working = workingMemoryPerExample(((InputType.InputTypeFeedForward) inputTypes[0]).getSize());
        return new LayerMemoryReport.Builder(null, getClass(), inputTypes[0], out)
                .standardMemory(0, 0).workingMemory(0, working[0], 0, working[1]).cacheMemory(0, 0).build();
    }
}
