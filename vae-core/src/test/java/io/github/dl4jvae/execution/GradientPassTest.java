package io.github.dl4jvae.execution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.Likelihood;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.Precision;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.graph.VaeGraph;
import io.github.dl4jvae.model.OneHot;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link GradientPass} (a {@link ScheduledExecution} of the gradient function) against SameDiff's own
 * {@code calculateGradientsAndOutputs}: the same outputs and gradients (up to the rounding of the two ops the schedule
 * runs another way, see the test), over consecutive executions that reuse arrays (reused memory that an op read
 * before writing, or a wrong order, would show here); every kind of VAE graph is scheduled; a batch shape keeps its
 * arrays. And the {@link ExecutionArrayPool} of the session that serves graphs a schedule cannot run holds one
 * execution's arrays.
 */
class GradientPassTest {
    private static final List<String> OUTPUTS = List.of(VaeGraph.LOSS, VaeGraph.RECONSTRUCTION, VaeGraph.KL);

    static Stream<Arguments> configs() {
        VaeConfig.Builder base = VaeConfig.builder().inputShape(InputShape.vector(12)).network(NetworkConfig.mlp(10, 8))
                .latentSize(3).seed(11);
        return Stream.of(
                Arguments.of("bernoulli mlp", base.build()),
                Arguments.of("gaussian, learned variance, L=2",
                        base.likelihood(Likelihood.GAUSSIAN_LEARNED_VARIANCE).samplesPerExample(2).build()),
                Arguments.of("double precision", base.likelihood(Likelihood.BERNOULLI).samplesPerExample(1)
                        .precision(Precision.DOUBLE).build()),
                Arguments.of("conditional", base.precision(Precision.FLOAT).conditionClasses(4).build()),
                Arguments.of("conv", VaeConfig.builder().inputShape(InputShape.image(8, 8))
                        .network(NetworkConfig.conv(List.of(4), List.of(16))).latentSize(2).seed(3).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void outputsAndGradientsEqualSameDiffsOwnPassOverReusedArrays(String name, VaeConfig config) {
        VaeGraph graph = VaeGraph.build(config);
        // The reference: a second graph of the same seed, run only by SameDiff's own session and memory manager.
        VaeGraph reference = VaeGraph.build(config);
        GradientPass pass = new GradientPass(graph.sameDiff());
        // Batch sizes 5, 5, 3, 5: arrays reused, then replaced by other shapes, then made again.
        int[] batches = {5, 5, 3, 5};
        for (int i = 0; i < batches.length; i++) {
            Map<String, INDArray> placeholders = placeholders(config, batches[i], 100 + i);
            OutAndGrad expected = reference.sameDiff().calculateGradientsAndOutputs(placeholders, OUTPUTS,
                    reference.parameterNames());
            OutAndGrad actual = pass.run(placeholders, OUTPUTS, graph.parameterNames());
            // The schedule runs tanh with oneDNN (within an ulp of the legacy transform) and sums bias gradients as
            // products (in another order than add_bp). In float, every value agrees within 1e-5 of its array's
            // largest (an op run out of order or an array overwritten early is off by the order of the values); in
            // double, where tanh is the same, bit for bit, bias gradients within 1e-14 of their largest value.
            boolean isDouble = config.precision() == Precision.DOUBLE;
            for (String output : OUTPUTS) {
                double[] want = flat(expected.getOutputs().get(output));
                assertArrayEquals(want, flat(actual.getOutputs().get(output)), isDouble ? 0.0 : 1e-5 * largest(want),
                        name + ", batch " + i + ": " + output);
            }
            assertEquals(graph.parameterNames().size(), actual.getGradients().size());
            for (String parameter : graph.parameterNames()) {
                double[] want = flat(expected.getGradients().get(parameter));
                double tolerance = isDouble ? (parameter.endsWith("_b") ? 1e-14 : 0.0) : 1e-5;
                assertArrayEquals(want, flat(actual.getGradients().get(parameter)), tolerance * largest(want),
                        name + ", batch " + i + ": d" + parameter);
            }
        }
    }

    private static double largest(double[] values) {
        return Arrays.stream(values).map(Math::abs).max().orElse(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void everyVaeGraphRunsScheduledWithItsArraysKeptPerBatchShape(String name, VaeConfig config) {
        VaeGraph graph = VaeGraph.build(config);
        GradientPass pass = new GradientPass(graph.sameDiff());
        OutAndGrad first = pass.run(placeholders(config, 6, 1), OUTPUTS, graph.parameterNames());
        assertTrue(pass.isScheduled(OUTPUTS), name + ": no op needs SameDiff's session");
        OutAndGrad second = pass.run(placeholders(config, 6, 2), OUTPUTS, graph.parameterNames());
        for (String parameter : graph.parameterNames()) {
            assertSame(first.getGradients().get(parameter), second.getGradients().get(parameter),
                    name + ": the same batch shape writes d" + parameter + " into the same array");
        }
        OutAndGrad other = pass.run(placeholders(config, 4, 3), OUTPUTS, graph.parameterNames());
        assertEquals(4, other.getOutputs().get(VaeGraph.RECONSTRUCTION).length());
        assertFalse(first.getOutputs().get(VaeGraph.LOSS).wasClosed(), "the batch-6 plan is kept beside batch 4");
        pass.close();
        assertTrue(first.getOutputs().get(VaeGraph.LOSS).wasClosed(), "closing the pass frees its arrays");
    }

    @Test
    void thePoolKeepsOneExecutionsArraysAndNoMore() {
        ExecutionArrayPool pool = new ExecutionArrayPool();
        INDArray a = pool.allocate(false, DataType.FLOAT, 4, 3);
        INDArray b = pool.allocate(false, DataType.FLOAT, 4, 3);
        INDArray output = pool.allocate(true, DataType.FLOAT, 4, 3);
        pool.release(a);
        assertArrayEquals(new int[] {1, 1}, pool.counts(), "b lent, a idle; the detached output is not tracked");
        INDArray again = pool.allocate(false, DataType.FLOAT, 4, 3);
        assertTrue(again == a, "a released array serves the next request of its shape");
        pool.endExecution(List.of(output));
        assertArrayEquals(new int[] {0, 2}, pool.counts(), "a and b idle after the execution");

        INDArray c = pool.allocate(false, DataType.FLOAT, 2, 3);
        pool.endExecution(List.of());
        assertArrayEquals(new int[] {0, 1}, pool.counts(), "only the shape this execution used stays");
        assertTrue(a.wasClosed() && b.wasClosed(), "arrays of the shape no longer asked for are closed");
        assertFalse(c.wasClosed());
        assertFalse(output.wasClosed(), "the caller's output is left alone");

        INDArray d = pool.allocate(false, DataType.FLOAT, 2, 3);
        pool.endExecution(List.of(d));
        assertArrayEquals(new int[] {0, 0}, pool.counts(), "a lent array handed out as an output stays the caller's");
        pool.close();
        assertFalse(d.wasClosed());
    }

    private static Map<String, INDArray> placeholders(VaeConfig config, int n, long seed) {
        DataType type = VaeGraph.dataType(config.precision());
        Nd4j.getRandom().setSeed(seed);
        Map<String, INDArray> placeholders = new HashMap<>();
        placeholders.put(VaeGraph.X, Nd4j.rand(type, n, config.inputShape().size()));
        placeholders.put(VaeGraph.EPSILON, Nd4j.randn(type, config.samplesPerExample(), n, config.latentSize()));
        if (config.conditional()) {
            int[] classes = java.util.stream.IntStream.range(0, n).map(i -> i % config.conditionClasses()).toArray();
            placeholders.put(VaeGraph.LABEL, OneHot.of(classes, config.conditionClasses()).castTo(type));
        }
        return placeholders;
    }

    private static double[] flat(INDArray array) {
        return array.reshape(-1).toDoubleVector();
    }
}
