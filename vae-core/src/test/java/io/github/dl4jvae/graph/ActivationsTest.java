package io.github.dl4jvae.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.dl4jvae.config.ActivationFunction;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SameDiff and DL4J forms of each {@link ActivationFunction} in {@link Activations} compute the same values, in
 * double, on both sides of 0. Tolerance 1e-12: the same formulas in different kernels (ReLU is x * step(x) in
 * SameDiff); a different constant (slope, alpha) would differ by 1e-3 or more at these inputs.
 */
class ActivationsTest {

    @ParameterizedTest
    @EnumSource(ActivationFunction.class)
    void sameDiffAndDl4jFormsAgree(ActivationFunction function) {
        double[] values = {-3.0, -1.5, -0.25, 0.0, 0.25, 1.5, 3.0};
        INDArray x = Nd4j.create(values, new long[] {1, values.length}, DataType.DOUBLE);
        SameDiff sd = SameDiff.create();
        SDVariable input = sd.placeHolder("x", DataType.DOUBLE, 1, values.length);
        SDVariable out = Activations.apply(sd, function, input);
        double[] sameDiff = sd.output(Map.of("x", x), out.name()).get(out.name()).toDoubleVector();
        double[] dl4j = Activations.dl4j(function).getActivation(x.dup(), false).toDoubleVector();
        assertArrayEquals(dl4j, sameDiff, 1e-12, function + ": SameDiff vs DL4J");
    }
}
