package io.github.dl4jvae.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.ActivationFunction;
import io.github.dl4jvae.config.Architecture;
import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.KlEstimator;
import io.github.dl4jvae.config.LogVarianceClamp;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.Objective;
import io.github.dl4jvae.config.Precision;
import io.github.dl4jvae.config.Prior;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.testing.DoublePrecision;
import io.github.dl4jvae.testing.FiniteDifferenceCheck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gated dense layers ({@link Architecture#GATED_MLP}) and the VampPrior ({@link Prior.Kind#VAMP}) in the graph: the
 * encoder's mean and the prior's log-density recomputed in plain Java from the graph's parameters (tolerance 1e-10 in
 * double: the round-off of sums of tens of terms of a few nats), and gradients of the training loss that match central
 * finite differences for every parameter, the pseudo-inputs included (step 1e-6, relative error 1e-5, absolute errors
 * below 1e-8 ignored, as in {@link VaeGraphGradientTest}).
 */
@ExtendWith(DoublePrecision.class)
class GatedVampPriorGraphTest {
    private static final int D = 7;
    private static final int K = 3;
    private static final int N = 4;
    private static final int COMPONENTS = 5;
    private static final double TOLERANCE = 1e-10;
    private static final NetworkConfig GATED = new NetworkConfig(Architecture.GATED_MLP, List.of(6, 5), List.of(),
            ActivationFunction.IDENTITY);

    private static VaeConfig.Builder config() {
        return VaeConfig.builder().inputShape(InputShape.vector(D)).latentSize(K).network(GATED)
                .klEstimator(KlEstimator.MONTE_CARLO).logVarianceClamp(LogVarianceClamp.of(-6, 2))
                .precision(Precision.DOUBLE).seed(7);
    }

    private static Map<String, INDArray> inputs(int samples) {
        Nd4j.getRandom().setSeed(12345);
        return Map.of(VaeGraph.X, Nd4j.rand(DataType.DOUBLE, N, D),
                VaeGraph.EPSILON, Nd4j.randn(DataType.DOUBLE, samples, N, K));
    }

    @Test
    void gatedLayersHaveAGatePerHiddenLayerAndComputeTheGatedProduct() {
        VaeGraph graph = VaeGraph.build(config().build());
        assertEquals(List.of("dec_dense0_W", "dec_dense0_b", "dec_dense1_W", "dec_dense1_b", "dec_gate0_W",
                "dec_gate0_b", "dec_gate1_W", "dec_gate1_b", "dec_out_W", "dec_out_b", "enc_dense0_W", "enc_dense0_b",
                "enc_dense1_W", "enc_dense1_b", "enc_gate0_W", "enc_gate0_b", "enc_gate1_W", "enc_gate1_b",
                "enc_logvar_W", "enc_logvar_b", "enc_mean_W", "enc_mean_b"), graph.parameterNames());
        INDArray x = inputs(1).get(VaeGraph.X);
        INDArray mean = graph.sameDiff().output(Map.of(VaeGraph.X, x), VaeGraph.MEAN).get(VaeGraph.MEAN);

        double[][] expected = encoderMean(graph.sameDiff(), x.toDoubleMatrix());
        assertArrayEquals(new long[] {N, K}, mean.shape());
        for (int i = 0; i < N; i++) {
            assertArrayEquals(expected[i], mean.toDoubleMatrix()[i], TOLERANCE, "row " + i);
        }
    }

    @Test
    void theVampPriorsComponentsAreTheEncodingsOfTheClippedPseudoInputs() {
        VaeGraph graph = VaeGraph.build(config().prior(Prior.vamp(COMPONENTS)).build());
        SameDiff sd = graph.sameDiff();
        INDArray pseudo = sd.getArrForVarName(PriorGraph.PSEUDO_INPUTS);
        assertArrayEquals(new long[] {COMPONENTS, D}, pseudo.shape());
        assertEquals(Prior.PSEUDO_INPUT_MEAN, pseudo.meanNumber().doubleValue(), 0.01, "N(0.05, 0.01^2) start");
        // Push some values out of [0, 1] to see the clip.
        pseudo.putScalar(0, 0, -0.3);
        pseudo.putScalar(1, 2, 1.7);
        INDArray clipped = pseudo.dup();
        clipped.putScalar(0, 0, 0.0);
        clipped.putScalar(1, 2, 1.0);

        Map<String, INDArray> prior = sd.output(Map.of(), VaeGraph.PRIOR_MEAN, VaeGraph.PRIOR_LOG_VARIANCE);
        Map<String, INDArray> encoded = sd.output(Map.of(VaeGraph.X, clipped), VaeGraph.MEAN, VaeGraph.LOG_VARIANCE);
        assertArrayEquals(encoded.get(VaeGraph.MEAN).toDoubleMatrix()[0], prior.get(VaeGraph.PRIOR_MEAN)
                .toDoubleMatrix()[0], TOLERANCE);
        for (int c = 0; c < COMPONENTS; c++) {
            assertArrayEquals(encoded.get(VaeGraph.MEAN).toDoubleMatrix()[c],
                    prior.get(VaeGraph.PRIOR_MEAN).toDoubleMatrix()[c], TOLERANCE, "mean of component " + c);
            assertArrayEquals(encoded.get(VaeGraph.LOG_VARIANCE).toDoubleMatrix()[c],
                    prior.get(VaeGraph.PRIOR_LOG_VARIANCE).toDoubleMatrix()[c], TOLERANCE, "log-variance " + c);
        }
    }

    @Test
    void theMonteCarloKlIsLogQMinusTheMixturesLogDensityAtTheSampledCodes() {
        VaeGraph graph = VaeGraph.build(config().prior(Prior.vamp(COMPONENTS)).build());
        SameDiff sd = graph.sameDiff();
        // Spread the components so that the mixture's terms differ by several nats.
        Nd4j.getRandom().setSeed(99);
        sd.getArrForVarName(PriorGraph.PSEUDO_INPUTS).assign(Nd4j.rand(DataType.DOUBLE, COMPONENTS, D));
        Map<String, INDArray> in = inputs(2);
        Map<String, INDArray> out = sd.output(in, VaeGraph.MEAN, VaeGraph.LOG_VARIANCE, VaeGraph.KL,
                VaeGraph.PRIOR_MEAN, VaeGraph.PRIOR_LOG_VARIANCE, VaeGraph.LOG_WEIGHT, VaeGraph.RECONSTRUCTION);
        double[][] mu = out.get(VaeGraph.MEAN).toDoubleMatrix();
        double[][] logVar = out.get(VaeGraph.LOG_VARIANCE).toDoubleMatrix();
        double[][] priorMean = out.get(VaeGraph.PRIOR_MEAN).toDoubleMatrix();
        double[][] priorLogVar = out.get(VaeGraph.PRIOR_LOG_VARIANCE).toDoubleMatrix();
        INDArray eps = in.get(VaeGraph.EPSILON);
        double[] kl = out.get(VaeGraph.KL).toDoubleVector();
        for (int i = 0; i < N; i++) {
            double expected = 0;
            for (int l = 0; l < 2; l++) {
                double[] z = new double[K];
                for (int j = 0; j < K; j++) {
                    z[j] = mu[i][j] + Math.exp(logVar[i][j] / 2) * eps.getDouble(l, i, j);
                }
                double[] perComponent = new double[COMPONENTS];
                for (int c = 0; c < COMPONENTS; c++) {
                    perComponent[c] = logNormal(z, priorMean[c], priorLogVar[c]);
                }
                expected += (logNormal(z, mu[i], logVar[i]) - (logSumExp(perComponent) - Math.log(COMPONENTS))) / 2;
            }
            assertEquals(expected, kl[i], TOLERANCE, "KL of example " + i);
        }
    }

    @ParameterizedTest(name = "{0} samples")
    @ValueSource(ints = {1, 2})
    void vampPriorLossGradientMatchesFiniteDifferences(int samples) {
        VaeGraph graph = VaeGraph.build(config().prior(Prior.vamp(COMPONENTS)).beta(0.7).samplesPerExample(samples)
                .build());
        SameDiff sd = graph.sameDiff();
        Nd4j.getRandom().setSeed(99);
        sd.getArrForVarName(PriorGraph.PSEUDO_INPUTS).assign(Nd4j.rand(DataType.DOUBLE, COMPONENTS, D).mul(0.8)
                .add(0.1));
        assertTrue(graph.parameterNames().contains(PriorGraph.PSEUDO_INPUTS));

        var mismatches = FiniteDifferenceCheck.check(sd, inputs(samples), VaeGraph.LOSS, graph.parameterNames(),
                1e-6, 1e-5, 1e-8);
        assertTrue(mismatches.isEmpty(), "analytic and finite-difference gradients differ at " + mismatches);
    }

    @Test
    void iwaeWithTheVampPriorHasMatchingGradients() {
        VaeGraph graph = VaeGraph.build(config().prior(Prior.vamp(COMPONENTS)).samplesPerExample(3)
                .objective(new Objective(Objective.Kind.IWAE, io.github.dl4jvae.config.KlSchedule.CONSTANT, 0))
                .build());
        var mismatches = FiniteDifferenceCheck.check(graph.sameDiff(), inputs(3), VaeGraph.LOSS,
                graph.parameterNames(), 1e-6, 1e-5, 1e-8);
        assertTrue(mismatches.isEmpty(), "analytic and finite-difference gradients differ at " + mismatches);
    }

    /** The gated encoder's mean in plain Java: h = (W x + b) * sigmoid(V x + c) per hidden layer, then the head. */
    private static double[][] encoderMean(SameDiff sd, double[][] x) {
        double[][] h = x;
        for (int layer = 0; layer < 2; layer++) {
            double[][] linear = affine(sd, "enc_dense" + layer, h);
            double[][] gate = affine(sd, "enc_gate" + layer, h);
            for (int i = 0; i < linear.length; i++) {
                for (int j = 0; j < linear[i].length; j++) {
                    linear[i][j] *= 1 / (1 + Math.exp(-gate[i][j]));
                }
            }
            h = linear;
        }
        return affine(sd, "enc_mean", h);
    }

    private static double[][] affine(SameDiff sd, String name, double[][] x) {
        double[][] w = sd.getArrForVarName(name + "_W").toDoubleMatrix();
        double[] b = sd.getArrForVarName(name + "_b").toDoubleVector();
        double[][] out = new double[x.length][b.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < b.length; j++) {
                double sum = b[j];
                for (int m = 0; m < w.length; m++) {
                    sum += x[i][m] * w[m][j];
                }
                out[i][j] = sum;
            }
        }
        return out;
    }

    private static double logNormal(double[] z, double[] mean, double[] logVariance) {
        double sum = 0;
        for (int j = 0; j < z.length; j++) {
            double d = z[j] - mean[j];
            sum += -0.5 * (Math.log(2 * Math.PI) + logVariance[j] + d * d / Math.exp(logVariance[j]));
        }
        return sum;
    }

    private static double logSumExp(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : values) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }
}
