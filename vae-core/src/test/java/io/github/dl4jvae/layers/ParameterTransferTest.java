package io.github.dl4jvae.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.graph.VaeGraph;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link ParameterTransfer}'s one copy loop serves both directions: SameDiff to DL4J and back gives every parameter
 * bit for bit (dense weights, biases {@code [out]} / {@code [1, out]} and convolution weights YXIO / OIHW), so
 * both directions write through the layout views.
 */
class ParameterTransferTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.dl4jvae.layers.TestNetworks#configurations")
    void aRoundTripGivesBackEveryParameterExactly(String name, VaeConfig config) {
        VaeGraph source = VaeGraph.build(config);
        ComputationGraph network = VaeNetworkBuilder.of(config).build();
        network.params().assign(0.0);
        ParameterTransfer.copy(source, network);
        assertTrue(network.params().norm2Number().doubleValue() > 0, name + ": the DL4J parameters were written");

        VaeGraph target = VaeGraph.build(config);
        for (String parameter : target.parameterNames()) {
            target.sameDiff().getVariable(parameter).getArr().assign(0.0);
        }
        ParameterTransfer.copy(network, target);
        for (String parameter : source.parameterNames()) {
            INDArray expected = source.sameDiff().getVariable(parameter).getArr();
            INDArray actual = target.sameDiff().getVariable(parameter).getArr();
            assertEquals(expected, actual, name + ": parameter " + parameter + " after SameDiff -> DL4J -> SameDiff");
        }
    }
}
