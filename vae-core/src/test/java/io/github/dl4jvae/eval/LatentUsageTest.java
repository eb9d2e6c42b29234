package io.github.dl4jvae.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.model.Encoding;
import io.github.dl4jvae.model.Evaluation;
import io.github.dl4jvae.model.VaeModel;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Active units and KL per dimension against values worked out by hand. */
class LatentUsageTest {
    private static final double LN2 = Math.log(2);

    private static Encoding encoding(double[][] mean, double[][] logVariance) {
        return new Encoding(Nd4j.createFromArray(mean), Nd4j.createFromArray(logVariance));
    }

    @Test
    void varianceOfMeansAndClosedFormKlPerDimension() {
        // Dimension 0: means 1 and 3, log-variance 0: Var = ((1-2)^2 + (3-2)^2) / 2 = 1;
        //   KL = mean of mu^2/2 = (0.5 + 4.5) / 2 = 2.5.
        // Dimension 1: means 0.05 twice, log-variance ln 2: Var = 0;
        //   KL = -1/2 (1 + ln 2 - 0.0025 - 2) = 0.5 (1 - ln 2 + 0.0025) = 0.154676...
        LatentUsage usage = LatentUsage.of(encoding(new double[][] {{1, 0.05}, {3, 0.05}},
                new double[][] {{0, LN2}, {0, LN2}}));
        // Tolerance 1e-12: double arithmetic on four numbers.
        assertArrayEquals(new double[] {1.0, 0.0}, usage.posteriorMeanVariance(), 1e-12);
        assertArrayEquals(new double[] {2.5, 0.5 * (1 - LN2 + 0.0025)}, usage.klPerDimension(), 1e-12);
        assertEquals(2.5 + 0.5 * (1 - LN2 + 0.0025), usage.totalKl(), 1e-12);
        assertEquals(1, usage.activeUnits());
        assertTrue(usage.isActive(0));
        assertEquals(2, usage.latentSize());
        assertEquals(2, usage.examples());
    }

    @Test
    void theThresholdIsBurdasOneHundredth() {
        // Means 0 and 0.21: Var = 0.105^2 = 0.011025 > 0.01; means 0 and 0.19: Var = 0.009025 < 0.01.
        LatentUsage usage = LatentUsage.of(encoding(new double[][] {{0, 0}, {0.21, 0.19}},
                new double[][] {{0, 0}, {0, 0}}));
        assertArrayEquals(new double[] {0.011025, 0.009025}, usage.posteriorMeanVariance(), 1e-12);
        assertEquals(1, usage.activeUnits());
        assertEquals(2, usage.activeUnits(0.005));
        assertEquals(0, usage.activeUnits(0.02));
    }

    @Test
    void batchesGiveTheSameFiguresAsOnePass() {
        double[][] mean = new double[7][3];
        double[][] logVariance = new double[7][3];
        for (int i = 0; i < 7; i++) {
            for (int u = 0; u < 3; u++) {
                mean[i][u] = Math.sin(i * 1.3 + u) * (u + 1) + 100 * u;  // large offsets test the variance update
                logVariance[i][u] = Math.cos(i + 2.0 * u) - 1;
            }
        }
        LatentUsage whole = LatentUsage.of(encoding(mean, logVariance));
        LatentUsage.Accumulator parts = new LatentUsage.Accumulator(3);
        int[] cuts = {0, 2, 3, 7};
        for (int c = 0; c + 1 < cuts.length; c++) {
            parts.add(encoding(java.util.Arrays.copyOfRange(mean, cuts[c], cuts[c + 1]),
                    java.util.Arrays.copyOfRange(logVariance, cuts[c], cuts[c + 1])));
        }
        // Tolerance 1e-9: the two orders of summation differ only by rounding.
        assertArrayEquals(whole.posteriorMeanVariance(), parts.result().posteriorMeanVariance(), 1e-9);
        assertArrayEquals(whole.klPerDimension(), parts.result().klPerDimension(), 1e-9);
        assertEquals(7, parts.result().examples());
    }

    @Test
    void klPerDimensionSumsToTheModelsKlTerm() {
        VaeModel model = VaeModel.create(VaeConfig.builder().inputShape(InputShape.vector(16))
                .network(NetworkConfig.mlp(8)).latentSize(3).seed(3).build());
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 40, 16);
        var data = new org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator<>(
                new org.nd4j.linalg.dataset.DataSet(x, x).asList(), 16);
        LatentUsage usage = LatentUsage.measure(model, data);
        Evaluation evaluation = model.evaluate(data);
        assertEquals(40, usage.examples());
        assertEquals(3, usage.latentSize());
        // Tolerance 1e-4 relative: the model's KL is summed in float32, ours in double.
        assertEquals(evaluation.kl(), usage.totalKl(), 1e-4 * Math.max(1, evaluation.kl()));
    }

    @Test
    void badInputIsRejectedWithAMessage() {
        LatentUsage.Accumulator accumulator = new LatentUsage.Accumulator(2);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> accumulator.add(encoding(new double[][] {{1, 2, 3}}, new double[][] {{0, 0, 0}})));
        assertEquals("the encoding's mean has shape [1, 3]; expected [n, 2]", shape.getMessage());
        IllegalStateException empty = assertThrows(IllegalStateException.class, accumulator::result);
        assertTrue(empty.getMessage().startsWith("no examples were added"), empty.getMessage());
    }

    @Test
    void deterministicCodesHaveAnActivityAndNoKlAndDoNotMixWithPosteriors() {
        // Dimension 0: codes 1 and 3, Var = 1; dimension 1: codes 0 and 0.1, Var = 0.0025 (below the threshold).
        LatentUsage.Accumulator codes = new LatentUsage.Accumulator(2);
        codes.add(Encoding.ofCode(Nd4j.createFromArray(new double[][] {{1, 0}, {3, 0.1}})));
        LatentUsage usage = codes.result();

        assertEquals(false, usage.hasKl());
        assertArrayEquals(new double[] {1.0, 0.0025}, usage.posteriorMeanVariance(), 1e-12);
        assertArrayEquals(new double[] {0, 0}, usage.klPerDimension(), 0.0);
        assertEquals(1, usage.activeUnits());
        assertEquals("this batch holds Gaussian posteriors but the earlier ones held deterministic codes; expected "
                + "the encodings of one model", assertThrows(IllegalArgumentException.class,
                        () -> codes.add(encoding(new double[][] {{1, 0}}, new double[][] {{0, 0}}))).getMessage());
        assertTrue(LatentUsage.of(encoding(new double[][] {{1, 0}}, new double[][] {{0, 0}})).hasKl());
    }
}
