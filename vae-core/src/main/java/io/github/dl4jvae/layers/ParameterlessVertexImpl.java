package io.github.dl4jvae.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the run-time sides of the project's {@link ParameterlessVertex} configurations share: no layer, no parameters, masks passed through from the first
 * input, and messages that name the vertex ({@link #describe()}).
 */
abstract class ParameterlessVertexImpl extends BaseGraphVertex {
    private static final long serialVersionUID = 1L;

    private final ParameterlessVertex conf;

    ParameterlessVertexImpl(ComputationGraph graph, String name, int vertexIndex, DataType dataType,
                            ParameterlessVertex conf) {
        super(graph, name, vertexIndex, null, null, dataType);
        this.conf = conf;
    }

    @Override
    public boolean hasLayer() {
        return false;
    }

    @Override
    public Layer getLayer() {
        return null;
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
        if (backpropGradientsViewArray != null) {
            throw new IllegalArgumentException(describe() + " has no parameters; got a gradient view array");
        }
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
                                                           int minibatchSize) {
        if (maskArrays == null || maskArrays.length == 0) {
            return null;
        }
        return new Pair<>(maskArrays[0], currentMaskState);
    }

    /** The vertex's kind and name, for messages: {@code KlDivergenceVertex "kl"}. */
    String describe() {
        return conf.kind() + " \"" + vertexName + "\"";
    }

    @Override
    public String toString() {
        return describe() + "(index " + vertexIndex + ", " + conf + ")";
    }
}
