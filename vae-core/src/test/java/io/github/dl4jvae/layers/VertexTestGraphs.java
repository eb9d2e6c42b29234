package io.github.dl4jvae.layers;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Minimal double-precision graphs around one vertex: network inputs straight into it, an MSE loss layer after it. */
final class VertexTestGraphs {
    private VertexTestGraphs() {
    }

    /** Inputs {@code inputs}, vertex {@code "v"} taking them in order, output layer {@code "out"}. */
    static ComputationGraph around(GraphVertex vertex, String... inputs) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(1)
                .graphBuilder().addInputs(inputs)
                .addVertex("v", vertex, inputs)
                .addLayer("out", new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .build(), "v")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }
}
