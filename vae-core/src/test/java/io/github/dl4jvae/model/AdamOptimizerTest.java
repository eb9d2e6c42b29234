package io.github.dl4jvae.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * {@link AdamOptimizer} against ND4J's own {@link AdamUpdater} (the native {@code adam_updater} op), which it
 * replaces for speed: same parameters and same state rows after several steps, and nothing changed by a step with a
 * non-finite gradient.
 */
class AdamOptimizerTest {
    private static final double LEARNING_RATE = 1e-3;
    private static final long[][] SHAPES = {{3, 4}, {1, 5}, {7}};

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void stepsMatchNd4jsAdamUpdaterAndItsStateLayout(DataType type) {
        SameDiff sd = graph(type);
        List<String> names = List.of("a", "b", "c");
        AdamOptimizer optimizer = new AdamOptimizer(sd, names, LEARNING_RATE);
        Adam config = new Adam(LEARNING_RATE, 0.9, 0.999, 1e-8);
        Map<String, INDArray> reference = new LinkedHashMap<>();
        Map<String, AdamUpdater> updaters = new LinkedHashMap<>();
        Map<String, INDArray> referenceState = new LinkedHashMap<>();
        for (String name : names) {
            INDArray parameter = sd.getVariable(name).getArr();
            reference.put(name, parameter.dup());
            INDArray state = Nd4j.zeros(type, 1, config.stateSize(parameter.length()));
            AdamUpdater updater = new AdamUpdater(config);
            updater.setStateViewArray(state, parameter.shape(), 'c', true);
            updaters.put(name, updater);
            referenceState.put(name, state);
        }
        Nd4j.getRandom().setSeed(7);
        for (int iteration = 0; iteration < 6; iteration++) {
            Map<String, INDArray> gradients = new LinkedHashMap<>();
            for (String name : names) {
                gradients.put(name, Nd4j.randn(type, sd.getVariable(name).getArr().shape()).muli(iteration + 1));
            }
            for (String name : names) {
                INDArray update = gradients.get(name).dup();
                updaters.get(name).applyUpdater(update, iteration, 0);
                reference.get(name).subi(update);
            }
            assertTrue(optimizer.step(gradients, iteration));
        }
        // Float: the two orders of rounding differ by a few ulps of values near 1; double: by ~1e-15.
        double tolerance = type == DataType.FLOAT ? 1e-6 : 1e-13;
        Map<String, INDArray> state = optimizer.state();
        for (String name : names) {
            assertArrayEquals(reference.get(name).reshape(-1).toDoubleVector(),
                    sd.getVariable(name).getArr().reshape(-1).toDoubleVector(), tolerance, name);
            assertArrayEquals(referenceState.get(name).shape(), state.get(name).shape(), name);
            assertEquals(type, state.get(name).dataType());
            assertArrayEquals(referenceState.get(name).toDoubleVector(), state.get(name).toDoubleVector(),
                    tolerance, name + " state");
        }
    }

    @Test
    void aNonFiniteGradientChangesNeitherParametersNorState() {
        SameDiff sd = graph(DataType.FLOAT);
        AdamOptimizer optimizer = new AdamOptimizer(sd, List.of("a", "b", "c"), LEARNING_RATE);
        assertTrue(optimizer.step(gradients(DataType.FLOAT, 0.5f), 0));
        double[] before = sd.getVariable("c").getArr().toDoubleVector();
        double[] stateBefore = optimizer.state().get("c").toDoubleVector();
        Map<String, INDArray> bad = gradients(DataType.FLOAT, 0.5f);
        bad.get("b").putScalar(0, 3, Float.NaN);
        assertFalse(optimizer.step(bad, 1));
        bad = gradients(DataType.FLOAT, 0.5f);
        bad.get("c").putScalar(6, Float.NEGATIVE_INFINITY);
        assertFalse(optimizer.step(bad, 1));
        assertArrayEquals(before, sd.getVariable("c").getArr().toDoubleVector(), 0.0);
        assertArrayEquals(stateBefore, optimizer.state().get("c").toDoubleVector(), 0.0);
    }

    @Test
    void largeFiniteGradientsAreApplied() {
        SameDiff sd = graph(DataType.FLOAT);
        AdamOptimizer optimizer = new AdamOptimizer(sd, List.of("a", "b", "c"), LEARNING_RATE);
        double before = sd.getVariable("a").getArr().getDouble(0, 0);
        assertTrue(optimizer.step(gradients(DataType.FLOAT, 1e19f), 0));
        // First step: m = 0.1 g, v = 0.001 g^2, step size lr sqrt(0.001) / 0.1, so each value moves by lr.
        assertEquals(before - LEARNING_RATE, sd.getVariable("a").getArr().getDouble(0, 0), 1e-6);
        assertTrue(optimizer.step(gradients(DataType.FLOAT, 3e38f), 1), "3e38 is finite in float");
        assertEquals(0.09 * 1e19 + 0.1 * 3e38, optimizer.state().get("a").getDouble(0, 0), 1e32);
    }

    @Test
    void stateRoundTripsAndAWrongShapeIsRefusedByName() {
        SameDiff sd = graph(DataType.FLOAT);
        AdamOptimizer optimizer = new AdamOptimizer(sd, List.of("a", "b", "c"), LEARNING_RATE);
        optimizer.step(gradients(DataType.FLOAT, 0.25f), 0);
        Map<String, INDArray> saved = optimizer.state();
        AdamOptimizer restored = new AdamOptimizer(sd, List.of("a", "b", "c"), LEARNING_RATE);
        restored.restore(saved);
        for (String name : saved.keySet()) {
            assertArrayEquals(saved.get(name).toDoubleVector(), restored.state().get(name).toDoubleVector(), 0.0);
        }
        saved.put("b", Nd4j.zeros(DataType.FLOAT, 1, 9));
        assertEquals("optimizer state for b has shape [1, 9], expected [1, 10]",
                assertThrows(IllegalArgumentException.class, () -> restored.restore(saved)).getMessage());
    }

    private static SameDiff graph(DataType type) {
        SameDiff sd = SameDiff.create();
        Nd4j.getRandom().setSeed(3);
        String[] names = {"a", "b", "c"};
        for (int i = 0; i < names.length; i++) {
            sd.var(names[i], Nd4j.rand(type, SHAPES[i]));
        }
        return sd;
    }

    private static Map<String, INDArray> gradients(DataType type, float value) {
        Map<String, INDArray> gradients = new LinkedHashMap<>();
        String[] names = {"a", "b", "c"};
        for (int i = 0; i < names.length; i++) {
            gradients.put(names[i], Nd4j.valueArrayOf(SHAPES[i], value, type));
        }
        return gradients;
    }
}
