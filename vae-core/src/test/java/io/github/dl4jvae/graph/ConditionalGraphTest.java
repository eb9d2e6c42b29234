package io.github.dl4jvae.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.ActivationFunction;
import io.github.dl4jvae.config.Architecture;
import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.KlEstimator;
import io.github.dl4jvae.config.Likelihood;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.Objective;
import io.github.dl4jvae.config.Precision;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.testing.DoublePrecision;
import io.github.dl4jvae.testing.FiniteDifferenceCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The conditional VAE graph (Sohn et al. 2015): parameter shapes (with C = 0 exactly the plain VAE's), gradients
 * against central finite differences in double precision (step 1e-6, relative error 1e-5, absolute errors below
 * 1e-8 ignored, as in {@link VaeGraphGradientTest}), the negative ELBO of a tiny network with set weights against a
 * forward pass written out in plain Java (tolerance 1e-12: the same double-precision arithmetic in another order on
 * numbers of order 1), and each example's label reaching all of its L samples.
 */
@ExtendWith(DoublePrecision.class)
class ConditionalGraphTest {
    private static final int N = 3;
    private static final int K = 2;
    private static final int CLASSES = 3;
    private static final NetworkConfig MLP = new NetworkConfig(Architecture.MLP, List.of(5), List.of(),
            ActivationFunction.TANH);
    private static final NetworkConfig CONV = new NetworkConfig(Architecture.CONV, List.of(4), List.of(2, 3),
            ActivationFunction.TANH);
    private static final NetworkConfig CONV_NO_DENSE = new NetworkConfig(Architecture.CONV, List.of(), List.of(2),
            ActivationFunction.TANH);

    private static VaeConfig.Builder config(NetworkConfig network, InputShape shape, int classes) {
        return VaeConfig.builder().inputShape(shape).network(network).latentSize(K).precision(Precision.DOUBLE)
                .seed(7).conditionClasses(classes);
    }

    private static Map<String, long[]> shapes(VaeGraph graph) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (String name : graph.parameterNames()) {
            shapes.put(name, graph.sameDiff().getVariable(name).getArr().shape());
        }
        return shapes;
    }

    @Test
    void withoutClassesTheParametersAreThePlainVaesAndClassesWidenOnlyTheFirstLayers() {
        // MLP 7-5-2: counted by hand.
        Map<String, long[]> plain = shapes(VaeGraph.build(config(MLP, InputShape.vector(7), 0).build()));
        assertEquals(List.of("dec_dense0_W", "dec_dense0_b", "dec_out_W", "dec_out_b", "enc_dense0_W", "enc_dense0_b",
                "enc_logvar_W", "enc_logvar_b", "enc_mean_W", "enc_mean_b"), List.copyOf(plain.keySet()));
        assertArrayEquals(new long[] {7, 5}, plain.get("enc_dense0_W"));
        assertArrayEquals(new long[] {2, 5}, plain.get("dec_dense0_W"));
        assertTrue(!VaeGraph.build(config(MLP, InputShape.vector(7), 0).build()).sameDiff().hasVariable(VaeGraph.LABEL),
                "no label placeholder without classes");

        assertWidened(MLP, InputShape.vector(7), List.of("enc_dense0_W", "dec_dense0_W"));
        // CONV: the label joins the flattened convolution features (3 x 2 x 2 for 5x7 input) before enc_dense0.
        assertWidened(CONV, new InputShape(1, 5, 7), List.of("enc_dense0_W", "dec_dense0_W"));
        assertArrayEquals(new long[] {3 * 2 * 2 + CLASSES, 4},
                shapes(VaeGraph.build(config(CONV, new InputShape(1, 5, 7), CLASSES).build())).get("enc_dense0_W"));
        // Without dense layers it joins the input of the mean and log-variance layers and of the projection.
        assertWidened(CONV_NO_DENSE, new InputShape(1, 4, 4), List.of("enc_mean_W", "enc_logvar_W", "dec_project_W"));
    }

    /** The conditional graph has the plain graph's parameters, {@code widened} ones with CLASSES more rows. */
    private static void assertWidened(NetworkConfig network, InputShape shape, List<String> widened) {
        Map<String, long[]> plain = shapes(VaeGraph.build(config(network, shape, 0).build()));
        Map<String, long[]> conditional = shapes(VaeGraph.build(config(network, shape, CLASSES).build()));
        assertEquals(plain.keySet(), conditional.keySet());
        for (String name : plain.keySet()) {
            long[] expected = plain.get(name).clone();
            if (widened.contains(name)) {
                expected[0] += CLASSES;
            }
            assertArrayEquals(expected, conditional.get(name), name);
        }
    }

    static Stream<Arguments> configurations() {
        return Stream.of(
                Arguments.of("mlp-bernoulli-analytic", config(MLP, InputShape.vector(7), CLASSES).build(), 2),
                Arguments.of("mlp-gaussian-learned-mc", config(MLP, InputShape.vector(7), CLASSES)
                        .likelihood(Likelihood.GAUSSIAN_LEARNED_VARIANCE).klEstimator(KlEstimator.MONTE_CARLO)
                        .build(), 2),
                Arguments.of("mlp-iwae", config(MLP, InputShape.vector(7), CLASSES).objective(Objective.IWAE)
                        .samplesPerExample(3).build(), 3),
                Arguments.of("conv-bernoulli-odd-size", config(CONV, new InputShape(1, 5, 7), CLASSES).beta(0.7)
                        .build(), 2),
                Arguments.of("conv-no-dense-gaussian-fixed", config(CONV_NO_DENSE, new InputShape(2, 4, 4), CLASSES)
                        .likelihood(Likelihood.GAUSSIAN_FIXED_VARIANCE).fixedVariance(0.5).build(), 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void lossGradientMatchesFiniteDifferences(String name, VaeConfig config, int samples) {
        VaeGraph graph = VaeGraph.build(config);
        Map<String, INDArray> inputs = inputs(config.inputShape().size(), samples, new int[] {2, 0, 1});

        var mismatches = FiniteDifferenceCheck.check(graph.sameDiff(), inputs, VaeGraph.LOSS, graph.parameterNames(),
                1e-6, 1e-5, 1e-8);

        assertTrue(mismatches.isEmpty(), name + ": analytic and finite-difference gradients differ at " + mismatches);
        // The label path carries gradient: the first layer's rows for the label are trained too.
        INDArray gradient = graph.sameDiff().calculateGradients(inputs, List.of(firstEncoderLayer(config)))
                .get(firstEncoderLayer(config));
        INDArray labelRows = gradient.get(NDArrayIndex.interval(gradient.size(0) - CLASSES, gradient.size(0)),
                NDArrayIndex.all());
        assertTrue(labelRows.norm2Number().doubleValue() > 1e-6, name + ": no gradient on the label's weights");
    }

    private static String firstEncoderLayer(VaeConfig config) {
        return config.network().hiddenSizes().isEmpty() ? "enc_mean_W" : "enc_dense0_W";
    }

    private static Map<String, INDArray> inputs(int width, int samples, int[] classes) {
        Nd4j.getRandom().setSeed(12345);
        INDArray x = Nd4j.rand(DataType.DOUBLE, N, width);
        INDArray eps = Nd4j.randn(DataType.DOUBLE, samples, N, K);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, N, CLASSES);
        for (int i = 0; i < N; i++) {
            labels.putScalar(i, classes[i], 1.0);
        }
        return Map.of(VaeGraph.X, x, VaeGraph.EPSILON, eps, VaeGraph.LABEL, labels);
    }

    @Test
    void negativeElboOfATinyNetworkEqualsAForwardPassInPlainJava() {
        // x [3, 3], classes 2, hidden 2 (tanh), k = 2, L = 2, Bernoulli decoder, analytic KL.
        int d = 3;
        int classes = 2;
        int hidden = 2;
        int samples = 2;
        VaeGraph graph = VaeGraph.build(VaeConfig.builder().inputShape(InputShape.vector(d))
                .network(new NetworkConfig(Architecture.MLP, List.of(hidden), List.of(), ActivationFunction.TANH))
                .latentSize(K).precision(Precision.DOUBLE).conditionClasses(classes).build());
        SameDiff sd = graph.sameDiff();
        Map<String, double[]> w = new LinkedHashMap<>();
        for (int p = 0; p < graph.parameterNames().size(); p++) {
            String name = graph.parameterNames().get(p);
            INDArray parameter = sd.getVariable(name).getArr();
            double[] values = new double[(int) parameter.length()];
            for (int i = 0; i < values.length; i++) {
                values[i] = 0.8 * Math.sin(1 + i + 3 * p);
            }
            parameter.assign(Nd4j.create(values, parameter.shape(), 'c'));
            w.put(name, values);
        }
        double[][] x = {{0.0, 1.0, 0.3}, {1.0, 0.5, 0.0}, {0.2, 0.9, 1.0}};
        int[] y = {1, 0, 1};
        double[][][] eps = {{{0.5, -1.2}, {0.1, 0.7}, {-0.4, 0.3}}, {{1.5, 0.2}, {-0.9, -0.6}, {0.8, -1.1}}};
        double[][] oneHot = new double[x.length][classes];
        for (int i = 0; i < x.length; i++) {
            oneHot[i][y[i]] = 1;
        }

        INDArray negativeElbo = sd.output(Map.of(VaeGraph.X, Nd4j.createFromArray(x), VaeGraph.LABEL,
                Nd4j.createFromArray(oneHot), VaeGraph.EPSILON, Nd4j.createFromArray(eps)), VaeGraph.NEGATIVE_ELBO)
                .get(VaeGraph.NEGATIVE_ELBO);

        assertArrayEquals(new long[] {3}, negativeElbo.shape());
        for (int i = 0; i < x.length; i++) {
            double[] h = dense(w, "enc_dense0", concat(x[i], oneHot[i]), hidden, true);
            double[] mu = dense(w, "enc_mean", h, K, false);
            double[] logVar = dense(w, "enc_logvar", h, K, false);
            double reconstruction = 0;
            for (int l = 0; l < samples; l++) {
                double[] z = new double[K];
                for (int j = 0; j < K; j++) {
                    z[j] = mu[j] + Math.exp(logVar[j] / 2) * eps[l][i][j];
                }
                double[] g = dense(w, "dec_dense0", concat(z, oneHot[i]), hidden, true);
                double[] logits = dense(w, "dec_out", g, d, false);
                for (int j = 0; j < d; j++) {
                    // -log Bernoulli(x | sigmoid(logit)) = softplus(logit) - x * logit
                    reconstruction += (Math.log1p(Math.exp(logits[j])) - x[i][j] * logits[j]) / samples;
                }
            }
            double kl = 0;
            for (int j = 0; j < K; j++) {
                kl += -0.5 * (1 + logVar[j] - mu[j] * mu[j] - Math.exp(logVar[j]));
            }
            assertEquals(reconstruction + kl, negativeElbo.getDouble(i), 1e-12, "example " + i);
        }
    }

    /** {@code activation(input W + b)} with the row-major weights {@code [in, out]} of parameter NAME_W. */
    private static double[] dense(Map<String, double[]> w, String name, double[] input, int out, boolean tanh) {
        double[] weights = w.get(name + "_W");
        double[] bias = w.get(name + "_b");
        assertEquals(input.length * out, weights.length, name);
        double[] result = new double[out];
        for (int o = 0; o < out; o++) {
            double sum = bias[o];
            for (int in = 0; in < input.length; in++) {
                sum += input[in] * weights[in * out + o];
            }
            result[o] = tanh ? Math.tanh(sum) : sum;
        }
        return result;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    @Test
    void eachExamplesLabelReachesAllOfItsSamples() {
        // Sample l of an L = 4 pass must equal a one-sample pass with epsilon l: the labels are repeated in the
        // order of the samples. Different labels per example make a mix-up visible.
        VaeGraph graph = VaeGraph.build(config(MLP, InputShape.vector(7), CLASSES).samplesPerExample(4).build());
        Map<String, INDArray> inputs = inputs(7, 4, new int[] {2, 0, 1});
        INDArray all = graph.sameDiff().output(inputs, VaeGraph.LOG_WEIGHT).get(VaeGraph.LOG_WEIGHT);
        assertArrayEquals(new long[] {4, N}, all.shape());
        for (int l = 0; l < 4; l++) {
            Map<String, INDArray> one = new java.util.HashMap<>(inputs);
            one.put(VaeGraph.EPSILON, inputs.get(VaeGraph.EPSILON).get(NDArrayIndex.interval(l, l + 1),
                    NDArrayIndex.all(), NDArrayIndex.all()).dup());
            INDArray single = graph.sameDiff().output(one, VaeGraph.LOG_WEIGHT).get(VaeGraph.LOG_WEIGHT);
            // Tolerance 1e-12: the same double-precision operations on one sample instead of four.
            assertArrayEquals(all.getRow(l).toDoubleVector(), single.getRow(0).toDoubleVector(), 1e-12, "sample " + l);
        }
    }

    @Test
    void theDecoderAloneTakesTheLabelAndItChangesTheOutput() {
        VaeGraph graph = VaeGraph.build(config(MLP, InputShape.vector(7), CLASSES).build());
        INDArray z = Nd4j.createFromArray(new double[][] {{0.3, -0.2}, {0.3, -0.2}, {0.3, -0.2}});
        INDArray labels = Nd4j.createFromArray(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        INDArray decoded = graph.sameDiff().output(Map.of(VaeGraph.Z, z, VaeGraph.LABEL, labels),
                VaeGraph.DECODED_MEAN).get(VaeGraph.DECODED_MEAN);
        assertArrayEquals(new long[] {3, 7}, decoded.shape());
        for (int a = 0; a < 3; a++) {
            for (int b = a + 1; b < 3; b++) {
                double difference = decoded.getRow(a).distance1(decoded.getRow(b));
                assertTrue(difference > 1e-3, "classes " + a + " and " + b + " decode the same z alike: " + difference);
            }
        }
    }
}
