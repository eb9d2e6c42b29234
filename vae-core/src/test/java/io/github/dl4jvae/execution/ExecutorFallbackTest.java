package io.github.dl4jvae.execution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.versions.Versions;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where the executor refuses to schedule and SameDiff's own session runs the whole function: a graph with an op the
 * executor was not taught ({@code sin}, which no VAE graph holds), an op whose output shape follows a placeholder's
 * values, another ND4J version. Each fallback must give exactly SameDiff's values, forward and gradient: the session
 * runs the same ops in double precision, so the comparisons are exact. And a constant that gives a shape, scheduled,
 * may not change behind the plan's back.
 */
class ExecutorFallbackTest {
    private static final double[][] W = {{0.5, -1.0}, {2.0, 0.25}, {-0.75, 1.5}};

    /** loss = sum(f(x W)) in double, with x a placeholder [-1, 3] and W a variable. */
    private static SameDiff graph(Function<SDVariable, SDVariable> f) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 3);
        SDVariable w = sd.var("w", Nd4j.createFromArray(W));
        f.apply(x.mmul(w)).sum("loss");
        sd.setLossVariables("loss");
        return sd;
    }

    private static Map<String, INDArray> batch(int rows, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Map.of("x", Nd4j.randn(DataType.DOUBLE, rows, 3));
    }

    /** The op that computes {@code variable}, as refusals name it. */
    private static String opOf(SameDiff sd, String variable) {
        String op = sd.getVariables().get(variable).getOutputOfOp();
        return "op " + sd.getOps().get(op).getOp().opName() + " (\"" + op + "\")";
    }

    /** Runs {@code sd} by a FunctionExecutor and a GradientPass over batches 4, 4, 2 against {@code reference}. */
    private static void assertSameDiffsValues(SameDiff sd, SameDiff reference, VersionGuard guard, String what) {
        try (FunctionExecutor forward = new FunctionExecutor(sd, guard);
             GradientPass pass = new GradientPass(sd, guard)) {
            int[] rows = {4, 4, 2};
            for (int i = 0; i < rows.length; i++) {
                Map<String, INDArray> placeholders = batch(rows[i], 10 + i);
                double expected = reference.output(placeholders, "loss").get("loss").getDouble(0);
                assertEquals(expected, forward.run(placeholders, List.of("loss")).get("loss").getDouble(0), 0.0,
                        what + ", batch " + i + ": loss");
                OutAndGrad want = reference.calculateGradientsAndOutputs(placeholders, List.of("loss"), List.of("w"));
                OutAndGrad got = pass.run(placeholders, List.of("loss"), List.of("w"));
                assertEquals(want.getOutputs().get("loss").getDouble(0), got.getOutputs().get("loss").getDouble(0),
                        0.0, what + ", batch " + i + ": loss of the gradient pass");
                assertArrayEquals(want.getGradients().get("w").toDoubleMatrix(),
                        got.getGradients().get("w").toDoubleMatrix(), what + ", batch " + i + ": dL/dW");
            }
            assertFalse(forward.isScheduled(List.of("loss")), what + ": the forward function is not scheduled");
            assertFalse(pass.isScheduled(List.of("loss")), what + ": the gradient function is not scheduled");
        }
    }

    @Test
    void anOpNotTaughtSendsTheFunctionToSameDiffsSessionWithItsValues() {
        SameDiff sd = graph(h -> h.getSameDiff().math().sin("s", h));
        assertEquals(opOf(sd, "s") + " is not an op the executor was taught (see TaughtOps)",
                ScheduleBuilder.build(sd, List.of("loss")).refusal());
        assertFalse(TaughtOps.isTaught("sin"));
        assertSameDiffsValues(sd, graph(h -> h.getSameDiff().math().sin("s", h)),
                new VersionGuard(() -> VersionGuard.WRITTEN_AGAINST), "sin");
    }

    @Test
    void aShapeFromAPlaceholdersValuesIsRefusedAndRunsOnTheSession() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 3);
        SDVariable shape = sd.placeHolder("shape", DataType.INT64, 2);
        sd.reshape("r", x.mul(2.0), shape);
        assertEquals(opOf(sd, "r") + " takes its output shape from the values of input 1 (\"shape\"), which is neither "
                + "a constant nor computed from constants and shapes alone",
                ScheduleBuilder.build(sd, List.of("r")).refusal());
        try (FunctionExecutor executor = new FunctionExecutor(sd)) {
            INDArray xs = batch(4, 3).get("x");
            for (long[] target : new long[][] {{6, 2}, {2, 6}, {12, 1}}) {
                INDArray r = executor.run(Map.of("x", xs, "shape", Nd4j.createFromArray(target)), List.of("r"))
                        .get("r");
                assertArrayEquals(target, r.shape(), "the shape the placeholder's values give");
                assertEquals(xs.mul(2.0).reshape(target), r, "values of reshape " + target[0] + "x" + target[1]);
            }
            assertFalse(executor.isScheduled(List.of("r")));
        }
    }

    @Test
    void aConstantThatGivesAShapeIsScheduledAndMayNotChangeUnderThePlan() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 3);
        SDVariable shape = sd.constant("shape", Nd4j.createFromArray(-1L, 2L));
        sd.reshape("r", x.mul(2.0), shape);
        ScheduledExecution schedule = ScheduledExecution.of(sd, List.of("r")).orElseThrow();
        INDArray xs = batch(4, 5).get("x");
        assertArrayEquals(new long[] {6, 2}, schedule.run(Map.of("x", xs)).get("r").shape());
        shape.setArray(Nd4j.createFromArray(-1L, 3L));
        IllegalStateException changed = assertThrows(IllegalStateException.class,
                () -> schedule.run(Map.of("x", xs)));
        String reshape = sd.getVariables().get("r").getOutputOfOp();
        assertEquals("op reshape (\"" + reshape + "\") takes its output shape from input 1 (\"shape\"), which held "
                + "[-1.0, 2.0] when the arrays for these placeholder shapes were assigned and holds [-1.0, 3.0] now; "
                + "expected output shapes that follow from the placeholder shapes alone (a constant that gives a shape "
                + "must not change)", changed.getMessage());
        schedule.close();
    }

    @Test
    void anotherNd4jVersionSendsEveryFunctionToTheSessionWithItsValues() {
        assertEquals("1.0.0-M2.1", Versions.nd4j(), "the nd4j-api jar's version, read at run time");
        assertTrue(VersionGuard.process().allowsSchedules());
        VersionGuard other = new VersionGuard(() -> "1.0.0-M3");
        assertFalse(other.allowsSchedules());
        assertFalse(new VersionGuard(() -> "unknown").allowsSchedules(), "a version not found is another version");
        // tanh is taught: with the right version this graph is scheduled.
        SameDiff scheduled = graph(h -> h.getSameDiff().math().tanh(h));
        assertNull(ScheduleBuilder.build(scheduled, List.of("loss")).refusal());
        assertSameDiffsValues(scheduled, graph(h -> h.getSameDiff().math().tanh(h)), other, "ND4J 1.0.0-M3");
    }
}
