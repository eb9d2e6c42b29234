package io.github.dl4jvae.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.ActivationFunction;
import io.github.dl4jvae.config.Architecture;
import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.KlEstimator;
import io.github.dl4jvae.config.KlSchedule;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.Objective;
import io.github.dl4jvae.config.Precision;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.testing.DoublePrecision;
import io.github.dl4jvae.testing.FiniteDifferenceCheck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training losses of the VAE family (IWAE, free bits, KL schedules, controlled capacity): their values
 * against the same formulas evaluated in plain Java from the graph's own per-example outputs (tolerance 1e-10
 * in double precision), and their gradients against central finite differences (step 1e-6, relative error
 * 1e-5, absolute errors below 1e-8 ignored, as in {@link VaeGraphGradientTest}).
 */
@ExtendWith(DoublePrecision.class)
class ObjectiveGraphTest {
    private static final int N = 4;
    private static final int K = 3;
    private static final double TOLERANCE = 1e-10;

    private static VaeConfig.Builder config() {
        return VaeConfig.builder().inputShape(InputShape.vector(7)).latentSize(K)
                .network(new NetworkConfig(Architecture.MLP, List.of(6), List.of(), ActivationFunction.TANH))
                .precision(Precision.DOUBLE).seed(7);
    }

    private static Map<String, INDArray> inputs(int samples) {
        Nd4j.getRandom().setSeed(12345);
        INDArray x = Nd4j.rand(DataType.DOUBLE, N, 7);
        INDArray eps = Nd4j.randn(DataType.DOUBLE, samples, N, K);
        return Map.of(VaeGraph.X, x, VaeGraph.EPSILON, eps);
    }

    private static void assertGradientsMatch(VaeGraph graph, Map<String, INDArray> inputs) {
        var mismatches = FiniteDifferenceCheck.check(graph.sameDiff(), inputs, VaeGraph.LOSS, graph.parameterNames(),
                1e-6, 1e-5, 1e-8);
        assertTrue(mismatches.isEmpty(), "analytic and finite-difference gradients differ at " + mismatches);
    }

    private static Map<String, INDArray> outputs(VaeGraph graph, Map<String, INDArray> inputs) {
        return graph.sameDiff().output(inputs, VaeGraph.LOSS, VaeGraph.RECONSTRUCTION, VaeGraph.KL, VaeGraph.MEAN,
                VaeGraph.LOG_VARIANCE, VaeGraph.LOG_WEIGHT);
    }

    @Test
    void iwaeLossIsMinusTheMeanLogMeanExpOfTheLogWeights() {
        VaeGraph graph = VaeGraph.build(config().objective(Objective.IWAE).samplesPerExample(5).build());
        Map<String, INDArray> inputs = inputs(5);
        Map<String, INDArray> out = outputs(graph, inputs);

        double[][] logWeights = out.get(VaeGraph.LOG_WEIGHT).toDoubleMatrix();
        double expected = 0;
        for (int i = 0; i < N; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double[] sample : logWeights) {
                max = Math.max(max, sample[i]);
            }
            double sum = 0;
            for (double[] sample : logWeights) {
                sum += Math.exp(sample[i] - max);
            }
            expected -= max + Math.log(sum / logWeights.length);
        }
        assertEquals(expected / N, out.get(VaeGraph.LOSS).getDouble(0), TOLERANCE);
        assertGradientsMatch(graph, inputs);
    }

    @Test
    void iwaeWithOneSampleIsTheMonteCarloNegativeElbo() {
        Map<String, INDArray> inputs = inputs(1);
        double iwae = outputs(VaeGraph.build(config().objective(Objective.IWAE).build()), inputs)
                .get(VaeGraph.LOSS).getDouble(0);
        INDArray elbo = VaeGraph.build(config().klEstimator(KlEstimator.MONTE_CARLO).build()).sameDiff()
                .output(inputs, VaeGraph.NEGATIVE_ELBO).get(VaeGraph.NEGATIVE_ELBO);

        assertEquals(elbo.meanNumber().doubleValue(), iwae, TOLERANCE);
    }

    @Test
    void freeBitsFloorEachDimensionsMeanKl() {
        Map<String, INDArray> inputs = inputs(1);
        VaeGraph plain = VaeGraph.build(config().build());
        double[] perDimension = meanKlPerDimension(outputs(plain, inputs));
        double[] sorted = perDimension.clone();
        java.util.Arrays.sort(sorted);
        // A floor between the smallest and the largest dimension's KL, so both branches of the max are used.
        double freeBits = (sorted[0] + sorted[1]) / 2;
        VaeGraph graph = VaeGraph.build(config().beta(0.8).objective(Objective.ELBO.withFreeBits(freeBits)).build());
        Map<String, INDArray> out = outputs(graph, inputs);

        double floored = 0;
        for (double kl : meanKlPerDimension(out)) {
            floored += Math.max(freeBits, kl);
        }
        double expected = out.get(VaeGraph.RECONSTRUCTION).meanNumber().doubleValue() + 0.8 * floored;
        assertEquals(expected, out.get(VaeGraph.LOSS).getDouble(0), TOLERANCE);
        assertTrue(floored > java.util.Arrays.stream(perDimension).sum() + 1e-6, "the floor must be active");
        assertGradientsMatch(graph, inputs);
    }

    @Test
    void scheduledWeightAndCapacityEnterTheLoss() {
        Map<String, INDArray> inputs = inputs(1);
        VaeGraph warmUp = VaeGraph.build(config().beta(2.0).objective(Objective.elbo(KlSchedule.linear(10))).build());
        Map<String, INDArray> atStart = outputs(warmUp, inputs);
        double reconstruction = atStart.get(VaeGraph.RECONSTRUCTION).meanNumber().doubleValue();
        double kl = atStart.get(VaeGraph.KL).meanNumber().doubleValue();
        assertEquals(reconstruction, atStart.get(VaeGraph.LOSS).getDouble(0), TOLERANCE, "weight 0 at step 0");

        warmUp.setKlWeight(0.6, 0.0);
        assertEquals(reconstruction + 0.6 * kl, outputs(warmUp, inputs).get(VaeGraph.LOSS).getDouble(0), TOLERANCE);
        assertGradientsMatch(warmUp, inputs);

        VaeGraph capacity = VaeGraph.build(config().objective(Objective.elbo(KlSchedule.capacity(50, 100, 30)))
                .build());
        capacity.setKlWeight(30, kl / 2);
        assertEquals(reconstruction + 30 * Math.abs(kl - kl / 2),
                outputs(capacity, inputs).get(VaeGraph.LOSS).getDouble(0), TOLERANCE);
        assertGradientsMatch(capacity, inputs);
        capacity.setKlWeight(30, kl * 3);
        assertEquals(reconstruction + 30 * Math.abs(kl - kl * 3),
                outputs(capacity, inputs).get(VaeGraph.LOSS).getDouble(0), TOLERANCE);
        assertGradientsMatch(capacity, inputs);
    }

    /** The mean over examples of each dimension's closed-form KL, from the graph's mean and log-variance. */
    private static double[] meanKlPerDimension(Map<String, INDArray> out) {
        double[][] mean = out.get(VaeGraph.MEAN).toDoubleMatrix();
        double[][] logVariance = out.get(VaeGraph.LOG_VARIANCE).toDoubleMatrix();
        double[] perDimension = new double[K];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < K; j++) {
                perDimension[j] += -0.5 * (1 + logVariance[i][j] - mean[i][j] * mean[i][j]
                        - Math.exp(logVariance[i][j])) / N;
            }
        }
        return perDimension;
    }

    @Test
    void freeBitsWorkOnASingleExample() {
        VaeGraph graph = VaeGraph.build(config().objective(Objective.ELBO.withFreeBits(0.5)).build());
        Nd4j.getRandom().setSeed(3);
        Map<String, INDArray> inputs = Map.of(VaeGraph.X, Nd4j.rand(DataType.DOUBLE, 1, 7),
                VaeGraph.EPSILON, Nd4j.randn(DataType.DOUBLE, 1, 1, K));
        SameDiff sd = graph.sameDiff();

        double loss = sd.output(inputs, VaeGraph.LOSS).get(VaeGraph.LOSS).getDouble(0);

        assertTrue(Double.isFinite(loss), "loss " + loss);
    }
}
