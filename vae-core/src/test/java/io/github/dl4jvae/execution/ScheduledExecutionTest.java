package io.github.dl4jvae.execution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link ScheduledExecution} on a small graph whose values are computed here by hand: h = x W + b, out = sum over
 * columns of h * h, with {@code identity} and an unused intermediate, over changing batch sizes; its limits (plans
 * kept, placeholders checked, control flow refused). {@code GradientPassTest} checks it bit for bit against
 * SameDiff's session on every kind of VAE graph.
 */
class ScheduledExecutionTest {
    private static final double[][] W = {{0.5, -1.0}, {2.0, 0.25}, {-0.75, 1.5}};
    private static final double[] B = {0.1, -0.2};

    private static SameDiff graph() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3);
        SDVariable w = sd.var("w", Nd4j.createFromArray(W).castTo(DataType.FLOAT));
        SDVariable b = sd.var("b", Nd4j.createFromArray(B).castTo(DataType.FLOAT));
        SDVariable h = sd.identity("h", x.mmul(w).add(b));
        sd.math().exp(h); // not needed by the outputs: never run
        h.mul(h).sum("out", 1);
        return sd;
    }

    /** out_i = sum_j (x_i . W_j + b_j)^2, computed in double. */
    private static double[] expected(INDArray x) {
        double[][] rows = x.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < B.length; j++) {
                double h = B[j];
                for (int k = 0; k < W.length; k++) {
                    h += rows[i][k] * W[k][j];
                }
                out[i] += h * h;
            }
        }
        return out;
    }

    private static INDArray input(int rows, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, rows, 3);
    }

    @Test
    void computesTheGraphsValuesOverChangingBatchSizesAndReusesArrays() {
        ScheduledExecution schedule = ScheduledExecution.of(graph(), List.of("out", "h")).orElseThrow();
        // mmul, add, identity, multiply, sum: the unused exp is not scheduled.
        assertEquals(5, schedule.opCount());
        INDArray first = null;
        int[] batches = {4, 4, 2, 4};
        for (int i = 0; i < batches.length; i++) {
            INDArray x = input(batches[i], i);
            Map<String, INDArray> out = schedule.run(Map.of("x", x));
            assertArrayEquals(expected(x), out.get("out").castTo(DataType.DOUBLE).toDoubleVector(), 1e-5,
                    "batch " + i + " (float32 against double: tolerance 1e-5)");
            assertArrayEquals(new long[] {batches[i], 2}, out.get("h").shape());
            if (i == 0) {
                first = out.get("out");
            } else if (batches[i] == 4) {
                assertSame(first, out.get("out"), "the plan of a batch shape keeps its arrays");
            }
        }
        assertEquals(2, schedule.planCount());
        schedule.close();
        assertTrue(first.wasClosed(), "closing frees the plans' arrays");
    }

    @Test
    void keepsTheMostRecentlyUsedPlansAndClosesTheRest() {
        ScheduledExecution schedule = ScheduledExecution.of(graph(), List.of("out")).orElseThrow();
        INDArray oldest = schedule.run(Map.of("x", input(1, 1))).get("out");
        for (int rows = 2; rows <= ScheduledExecution.PLANS + 1; rows++) {
            schedule.run(Map.of("x", input(rows, rows)));
        }
        assertEquals(ScheduledExecution.PLANS, schedule.planCount());
        assertTrue(oldest.wasClosed(), "the least recently used plan's arrays are freed");
        INDArray recent = schedule.run(Map.of("x", input(ScheduledExecution.PLANS + 1, 9))).get("out");
        assertFalse(recent.wasClosed());
        schedule.close();
    }

    @Test
    void namesAMissingOrMisshapenPlaceholder() {
        ScheduledExecution schedule = ScheduledExecution.of(graph(), List.of("out")).orElseThrow();
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> schedule.run(Map.of()));
        assertEquals("no value for placeholder \"x\"; expected a FLOAT array of shape [-1, 3]", missing.getMessage());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> schedule.run(Map.of("x", Nd4j.zeros(DataType.FLOAT, 2, 4))));
        assertEquals("placeholder \"x\" got a FLOAT array of shape [2, 4]; expected FLOAT of shape [-1, 3] (-1: any "
                + "size)", wrong.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> schedule.run(Map.of("x", Nd4j.zeros(DataType.DOUBLE, 2, 3))));
        assertTrue(type.getMessage().startsWith("placeholder \"x\" got a DOUBLE array"), type.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScheduledExecution.of(graph(), List.of("nothing")));
    }

    /**
     * out = sum(x W * m) with x and the mask m placeholders: the gradient function's {@code matmul_bp} and
     * {@code multiply_bp} each compute a placeholder's gradient that nothing reads, so both run as the cheaper op;
     * dL/dW = x^T m, computed here in double.
     */
    @Test
    void runsBackwardOpsWhoseInputGradientNobodyReadsAsTheCheaperOp() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3);
        SDVariable m = sd.placeHolder("m", DataType.FLOAT, -1, 2);
        SDVariable w = sd.var("w", Nd4j.createFromArray(W).castTo(DataType.FLOAT));
        x.mmul(w).mul(m).sum("out");
        sd.setLossVariables("out");
        sd.createGradFunction();
        String gradient = w.getGradient().name();
        ScheduledExecution schedule = ScheduledExecution.of(sd.getFunction("grad"), List.of(gradient)).orElseThrow();
        for (int rows : new int[] {4, 4, 2}) {
            INDArray xs = input(rows, rows);
            Nd4j.getRandom().setSeed(rows + 100);
            INDArray mask = Nd4j.rand(DataType.FLOAT, rows, 2);
            INDArray dw = schedule.run(Map.of("x", xs, "m", mask)).get(gradient);
            assertEquals(List.of("matmul", "multiply"), schedule.shortcuts().values().stream()
                    .map(shortcut -> shortcut.op().opName()).sorted().toList(),
                    "matmul_bp and multiply_bp run as matmul and multiply");
            double[][] xd = xs.castTo(DataType.DOUBLE).toDoubleMatrix();
            double[][] md = mask.castTo(DataType.DOUBLE).toDoubleMatrix();
            for (int k = 0; k < W.length; k++) {
                for (int j = 0; j < B.length; j++) {
                    double expected = 0;
                    for (int i = 0; i < rows; i++) {
                        expected += xd[i][k] * md[i][j];
                    }
                    assertEquals(expected, dw.getDouble(k, j), 1e-5, "dL/dW[" + k + "][" + j + "] (float32 against "
                            + "double: tolerance 1e-5)");
                }
            }
        }
        schedule.close();
    }

    /**
     * d = (x W + b) - c - x U, out = sum((d C) * m), with a constant C [2, 1] and x, m placeholders. The gradient
     * function's backward ops all take a shortcut: both {@code subtract_bp} and the {@code add_bp} pass the
     * incoming gradient on; the bias gradients are row sums as products, that of c negated; the same-shape
     * subtrahend's gradient is -g; the constant's and the placeholders' gradients are not computed. With
     * G = m C^T: dL/dW = x^T G, dL/dU = -x^T G, dL/db = sum of G's rows, dL/dc = -dL/db, computed here in double.
     */
    @Test
    void passesTheIncomingGradientOnAndSumsBiasGradientsAsProducts() {
        double[][] u = {{1.0, 0.5}, {-0.5, 0.25}, {0.75, -1.0}};
        double[] c = {0.3, -0.6};
        double[] cc = {1.5, -2.0};
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3);
        SDVariable m = sd.placeHolder("m", DataType.FLOAT, -1, 1);
        SDVariable w = sd.var("w", Nd4j.createFromArray(W).castTo(DataType.FLOAT));
        SDVariable uv = sd.var("u", Nd4j.createFromArray(u).castTo(DataType.FLOAT));
        SDVariable b = sd.var("b", Nd4j.createFromArray(B).castTo(DataType.FLOAT));
        SDVariable cv = sd.var("c", Nd4j.createFromArray(c).castTo(DataType.FLOAT));
        SDVariable constant = sd.constant("C", Nd4j.createFromArray(new double[][] {{cc[0]}, {cc[1]}})
                .castTo(DataType.FLOAT));
        x.mmul(w).add(b).sub(cv).sub(x.mmul(uv)).mmul(constant).mul(m).sum("out");
        sd.setLossVariables("out");
        sd.createGradFunction();
        List<String> gradients = List.of(w.getGradient().name(), uv.getGradient().name(), b.getGradient().name(),
                cv.getGradient().name());
        ScheduledExecution schedule = ScheduledExecution.of(sd.getFunction("grad"), gradients).orElseThrow();
        for (int rows : new int[] {4, 4, 2}) {
            INDArray xs = input(rows, rows);
            Nd4j.getRandom().setSeed(rows + 200);
            INDArray mask = Nd4j.rand(DataType.FLOAT, rows, 1);
            Map<String, INDArray> out = schedule.run(Map.of("x", xs, "m", mask));
            assertEquals(List.of("add_bp: pass on, computed [1] by matmul", "matmul_bp: computed [0] by matmul",
                    "matmul_bp: computed [1] by matmul", "matmul_bp: computed [1] by matmul",
                    "multiply_bp: computed [0] by multiply", "subtract_bp: pass on, computed [1] by matmul",
                    "subtract_bp: pass on, computed [1] by multiply"),
                    schedule.shortcuts().entrySet().stream().map(ScheduledExecutionTest::describe).sorted().toList());
            double[][] xd = xs.castTo(DataType.DOUBLE).toDoubleMatrix();
            double[] md = mask.castTo(DataType.DOUBLE).toDoubleVector();
            double[] db = new double[2];
            double[][] dw = new double[3][2];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < 2; j++) {
                    double g = md[i] * cc[j];
                    db[j] += g;
                    for (int k = 0; k < 3; k++) {
                        dw[k][j] += xd[i][k] * g;
                    }
                }
            }
            for (int j = 0; j < 2; j++) {
                String why = " (float32 against double: tolerance 1e-5)";
                assertEquals(db[j], out.get(gradients.get(2)).getDouble(j), 1e-5, "dL/db[" + j + "]" + why);
                assertEquals(-db[j], out.get(gradients.get(3)).getDouble(j), 1e-5, "dL/dc[" + j + "]" + why);
                for (int k = 0; k < 3; k++) {
                    assertEquals(dw[k][j], out.get(gradients.get(0)).getDouble(k, j), 1e-5, "dL/dW" + why);
                    assertEquals(-dw[k][j], out.get(gradients.get(1)).getDouble(k, j), 1e-5, "dL/dU" + why);
                }
            }
        }
        schedule.close();
    }

    /** "add_bp: pass on, computed [1] by matmul" for the shortcut of the op named add_bp or add_bp_3. */
    private static String describe(Map.Entry<String, BackwardShortcut> taken) {
        BackwardShortcut shortcut = taken.getValue();
        String name = taken.getKey().replaceAll("_\\d+$", "");
        if (shortcut.op() == null) {
            return name + ": pass on";
        }
        String passes = Arrays.stream(shortcut.passedOn()).anyMatch(p -> p >= 0) ? "pass on, " : "";
        return name + ": " + passes + "computed " + Arrays.toString(shortcut.computed()) + " by "
                + shortcut.op().opName();
    }

    /**
     * out = sum(h * step(h)) with h = x W: SameDiff adds step's gradient, a {@code zeroslike}, to dL/dh; the add
     * passes the other term on, and the zeros are made once per batch shape. dL/dW = x^T step(h), in double.
     */
    @Test
    void doesNotAddZeroGradientsAndMakesZerosOncePerPlan() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3);
        SDVariable w = sd.var("w", Nd4j.createFromArray(W).castTo(DataType.FLOAT));
        SDVariable h = x.mmul(w);
        h.mul(sd.math().step(h, 0.0)).sum("out");
        sd.setLossVariables("out");
        sd.createGradFunction();
        String gradient = w.getGradient().name();
        ScheduledExecution schedule = ScheduledExecution.of(sd.getFunction("grad"), List.of(gradient)).orElseThrow();
        for (int rows : new int[] {4, 4, 2, 4}) {
            INDArray xs = input(rows, rows + 300);
            INDArray dw = schedule.run(Map.of("x", xs)).get(gradient);
            assertTrue(schedule.shortcuts().entrySet().stream().map(ScheduledExecutionTest::describe).toList()
                    .contains("add: pass on"), "the zero gradient of step is not added");
            double[][] xd = xs.castTo(DataType.DOUBLE).toDoubleMatrix();
            for (int k = 0; k < W.length; k++) {
                for (int j = 0; j < B.length; j++) {
                    double expected = 0;
                    for (int i = 0; i < rows; i++) {
                        double hij = 0;
                        for (int q = 0; q < W.length; q++) {
                            hij += xd[i][q] * W[q][j];
                        }
                        expected += hij > 0 ? xd[i][k] : 0;
                    }
                    assertEquals(expected, dw.getDouble(k, j), 1e-5, rows + " rows: dL/dW[" + k + "][" + j
                            + "] (float32 against double: tolerance 1e-5)");
                }
            }
        }
        schedule.close();
    }

    /**
     * out = sum(log(prod(x * v, axis 1))) for x a placeholder: the gradient of the product runs on the forward
     * product (expand_dims, divide, expand_dims, multiply) instead of {@code reduce_prod_bp}, which would compute the
     * product again. dL/dv_j = sum_i 1 / v_j (each x * v is in the product once), in double.
     */
    @Test
    void differentiatesAProductWithTheForwardProduct() {
        double[] v = {1.25, 1.5, 1.75, 1.125};
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 4);
        SDVariable vv = sd.var("v", Nd4j.createFromArray(v).castTo(DataType.FLOAT));
        sd.math().log(x.mul(vv).prod(1)).sum("out");
        sd.setLossVariables("out");
        sd.createGradFunction();
        String gradient = vv.getGradient().name();
        ScheduledExecution schedule = ScheduledExecution.of(sd.getFunction("grad"), List.of(gradient)).orElseThrow();
        assertFalse(schedule.opNames().contains("reduce_prod_bp"), schedule.opNames().toString());
        assertTrue(schedule.opNames().contains("divide"), schedule.opNames().toString());
        for (int rows : new int[] {3, 3, 5}) {
            INDArray xs = Nd4j.rand(DataType.FLOAT, rows, 4).addi(1);
            INDArray dv = schedule.run(Map.of("x", xs)).get(gradient);
            for (int j = 0; j < v.length; j++) {
                assertEquals(rows / v[j], dv.getDouble(j), 1e-5 * rows / v[j], "dL/dv[" + j + "] (float32 against "
                        + "double: relative tolerance 1e-5)");
            }
        }
        schedule.close();
    }

    /** The legacy {@code tanh} transform runs as libnd4j's declarable {@code tanh} (oneDNN): values as tanh's. */
    @Test
    void runsTanhAsTheDeclarableOp() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3);
        sd.math().tanh("t", x.mul(4.0));
        ScheduledExecution schedule = ScheduledExecution.of(sd, List.of("t")).orElseThrow();
        for (int rows : new int[] {600, 600, 5}) {
            INDArray xs = input(rows, rows);
            INDArray t = schedule.run(Map.of("x", xs)).get("t");
            double[][] xd = xs.castTo(DataType.DOUBLE).toDoubleMatrix();
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < 3; j++) {
                    double expected = Math.tanh(4 * (double) (float) (xd[i][j]));
                    assertEquals(expected, t.getDouble(i, j), 2.4e-7, "tanh (float32 against double: two units in "
                            + "the last place of 1, 2.4e-7)");
                }
            }
        }
        schedule.close();
    }

    /** Two {@code exp} of one input (as SameDiff's gradient of {@code exp} writes): computed once, passed on. */
    @Test
    void computesAnArgumentFreeTransformOfOneInputOnce() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3);
        sd.math().exp("a", x);
        sd.math().exp("b", x);
        sd.math().abs("c", x);
        ScheduledExecution schedule = ScheduledExecution.of(sd, List.of("a", "b", "c")).orElseThrow();
        INDArray xs = input(4, 5);
        Map<String, INDArray> out = schedule.run(Map.of("x", xs));
        assertSame(out.get("a"), out.get("b"), "the second exp passes the first one's array on");
        double[][] xd = xs.castTo(DataType.DOUBLE).toDoubleMatrix();
        for (int i = 0; i < xd.length; i++) {
            for (int j = 0; j < xd[i].length; j++) {
                assertEquals(Math.exp(xd[i][j]), out.get("b").getDouble(i, j), 1e-6 * Math.exp(xd[i][j]),
                        "exp (float32 against double: relative tolerance 1e-6)");
                assertEquals(Math.abs(xd[i][j]), out.get("c").getDouble(i, j), 0.0, "abs is another transform");
            }
        }
        schedule.close();
    }

    /**
     * A reshape of an op's output and an expand_dims of a placeholder are views, which follow the contents of the
     * array they view; an f-order placeholder, which a c-order view cannot show, is copied by the op as SameDiff does.
     */
    @Test
    void reshapesAreViewsOfContiguousArraysAndCopiesOfOthers() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3);
        SDVariable m = x.mul("m", 2.0);
        sd.reshape("r", m, -1);
        SDVariable e = sd.expandDims(x, 0);
        e.mul("s", e);
        ScheduledExecution schedule = ScheduledExecution.of(sd, List.of("m", "r", "s")).orElseThrow();
        INDArray xs = input(4, 7);
        Map<String, INDArray> out = schedule.run(Map.of("x", xs));
        assertEquals(out.get("m").data().address(), out.get("r").data().address(),
                "the reshape views the multiply's output");
        assertEquals(xs.mul(2).reshape(-1), out.get("r"));
        assertEquals(xs.mul(xs).reshape(1, 4, 3), out.get("s"));
        xs.muli(3);
        out = schedule.run(Map.of("x", xs));
        assertEquals(xs.mul(xs).reshape(1, 4, 3), out.get("s"), "the view follows the placeholder's new contents");
        INDArray fOrder = input(2, 8).dup('f');
        out = schedule.run(Map.of("x", fOrder));
        assertEquals(fOrder.mul(2).dup('c').reshape(6), out.get("r"));
        assertEquals(fOrder.mul(fOrder).dup('c').reshape(1, 2, 3), out.get("s"));
        schedule.close();
    }

    @Test
    void refusesControlFlowSoTheCallerUsesTheSession() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, 2);
        sd.ifCond("out", null, s -> x.sum().gt(0), s -> x.mul(2), s -> x.neg());
        assertTrue(ScheduledExecution.of(sd, List.of("out")).isEmpty());
    }
}
