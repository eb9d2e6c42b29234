package io.github.dl4jvae.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.ActivationFunction;
import io.github.dl4jvae.config.Architecture;
import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.KlEstimator;
import io.github.dl4jvae.config.LogVarianceClamp;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.Precision;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.testing.DoublePrecision;
import io.github.dl4jvae.testing.FiniteDifferenceCheck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The log-variance clamp in the graph: values, gradient against finite differences in double precision (same
 * tolerances as {@link VaeGraphGradientTest}: step 1e-6, relative error 1e-5, absolute errors below 1e-8
 * ignored), and a graph without a clamp that computes exactly what it did before.
 */
@ExtendWith(DoublePrecision.class)
class LogVarianceClampTest {
    /**
     * Bounds that the seed-7 encoder's 12 log-variances on these inputs (from -0.611 to 0.099, with the initial
     * weights of stream {@code Streams.PARAMETERS}) straddle: 4 fall below, 2 above, 6 inside; the closest is 0.0042
     * from a bound.
     */
    private static final LogVarianceClamp NARROW = LogVarianceClamp.of(-0.5, 0.06);

    private static VaeConfig config(LogVarianceClamp clamp, KlEstimator kl) {
        return VaeConfig.builder().inputShape(InputShape.vector(7))
                .network(new NetworkConfig(Architecture.MLP, List.of(6, 5), List.of(), ActivationFunction.TANH))
                .latentSize(3).klEstimator(kl).beta(0.7).precision(Precision.DOUBLE).seed(7)
                .logVarianceClamp(clamp).build();
    }

    private static Map<String, INDArray> placeholders(int samples) {
        Nd4j.getRandom().setSeed(12345);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 7);
        INDArray eps = Nd4j.randn(DataType.DOUBLE, samples, 4, 3);
        return Map.of(VaeGraph.X, x, VaeGraph.EPSILON, eps);
    }

    @ParameterizedTest
    @EnumSource(KlEstimator.class)
    void clampedGraphGradientMatchesFiniteDifferences(KlEstimator kl) {
        VaeGraph graph = VaeGraph.build(config(NARROW, kl));
        SameDiff sd = graph.sameDiff();
        Map<String, INDArray> in = placeholders(2);
        Map<String, INDArray> out = sd.output(in, VaeGraph.UNCLAMPED_LOG_VARIANCE, VaeGraph.LOG_VARIANCE);
        double[] raw = out.get(VaeGraph.UNCLAMPED_LOG_VARIANCE).reshape(-1).toDoubleVector();
        double[] clamped = out.get(VaeGraph.LOG_VARIANCE).reshape(-1).toDoubleVector();
        int below = 0;
        int above = 0;
        double margin = Double.POSITIVE_INFINITY;
        for (int i = 0; i < raw.length; i++) {
            assertEquals(Math.max(NARROW.min(), Math.min(NARROW.max(), raw[i])), clamped[i], 0.0, "entry " + i);
            below += raw[i] < NARROW.min() ? 1 : 0;
            above += raw[i] > NARROW.max() ? 1 : 0;
            margin = Math.min(margin, Math.min(Math.abs(raw[i] - NARROW.min()), Math.abs(raw[i] - NARROW.max())));
        }
        // Preconditions of a meaningful check: entries clamped on both sides and inside, none within reach of a
        // bound for a 1e-6 step of a parameter (which moves a log-variance by at most ~1e-5 here).
        assertTrue(below > 0 && above > 0 && below + above < raw.length, "below " + below + ", above " + above + ": "
                + java.util.Arrays.toString(raw));
        assertTrue(margin > 1e-4, "closest log-variance to a bound: " + margin);

        var mismatches = FiniteDifferenceCheck.check(sd, in, VaeGraph.LOSS, graph.parameterNames(), 1e-6, 1e-5, 1e-8);
        assertTrue(mismatches.isEmpty(), "analytic and finite-difference gradients differ at " + mismatches);
    }

    @ParameterizedTest
    @EnumSource(KlEstimator.class)
    void withoutAClampTheGraphComputesWhatItDidBefore(KlEstimator kl) {
        VaeGraph off = VaeGraph.build(config(LogVarianceClamp.OFF, kl));
        VaeGraph wide = VaeGraph.build(config(LogVarianceClamp.of(-1e4, 1e4), kl));
        assertFalse(off.sameDiff().hasVariable(VaeGraph.UNCLAMPED_LOG_VARIANCE), "no clamp op without a clamp");
        assertTrue(wide.sameDiff().hasVariable(VaeGraph.UNCLAMPED_LOG_VARIANCE));
        Map<String, INDArray> in = placeholders(2);
        List<String> outputs = List.of(VaeGraph.LOSS, VaeGraph.KL, VaeGraph.RECONSTRUCTION, VaeGraph.LOG_WEIGHT);
        Map<String, INDArray> a = off.sameDiff().output(in, outputs.toArray(new String[0]));
        Map<String, INDArray> b = wide.sameDiff().output(in, outputs.toArray(new String[0]));
        for (String name : outputs) {
            assertEquals(a.get(name), b.get(name), name + ": a clamp that never binds changes nothing, bitwise");
        }
        Map<String, INDArray> ga = off.sameDiff().calculateGradients(in, off.parameterNames());
        Map<String, INDArray> gb = wide.sameDiff().calculateGradients(in, wide.parameterNames());
        for (String name : off.parameterNames()) {
            assertEquals(ga.get(name), gb.get(name), "gradient of " + name);
        }
    }

    @Test
    void theAnalyticKlOfTheUnclampedGraphIsTheClosedForm() {
        VaeGraph graph = VaeGraph.build(config(LogVarianceClamp.OFF, KlEstimator.ANALYTIC));
        Map<String, INDArray> out = graph.sameDiff().output(placeholders(1), VaeGraph.MEAN, VaeGraph.LOG_VARIANCE,
                VaeGraph.KL);
        INDArray mu = out.get(VaeGraph.MEAN);
        INDArray logVar = out.get(VaeGraph.LOG_VARIANCE);
        // KL(N(mu, sigma^2) || N(0, 1)) = 1/2 sum(mu^2 + sigma^2 - log sigma^2 - 1), computed here with plain ND4J ops.
        INDArray expected = mu.mul(mu).add(Transforms.exp(logVar)).sub(logVar).sub(1).sum(1).mul(0.5);
        assertTrue(expected.equalsWithEps(out.get(VaeGraph.KL), 1e-12), expected + " vs " + out.get(VaeGraph.KL));
    }
}
