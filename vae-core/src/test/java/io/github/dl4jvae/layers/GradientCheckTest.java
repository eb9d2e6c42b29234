package io.github.dl4jvae.layers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.KlEstimator;
import io.github.dl4jvae.config.Likelihood;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.testing.DoublePrecision;
import java.util.stream.Stream;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * DL4J's own {@link GradientCheckUtil} on whole VAE networks built from this package's layers, in double precision,
 * with workspaces ENABLED and NONE: every parameter's backprop gradient against central differences of
 * {@code network.score(data, true)}, which re-runs the training forward pass (so it samples) for every difference.
 * Tolerance: step 1e-6, max relative error 1e-5, absolute errors below 1e-8 ignored (round-off of a difference
 * quotient of a score of ~10 nats is ~1e-16 * 10 / 1e-6 = 1e-9).
 *
 * <p>The check passes only if the backward pass uses the noise of the forward pass and every training pass of an
 * iteration draws the same noise. {@link #naiveSameDiffReparameterizationFails} shows the check catches the bug the
 * issue names: the same network with a SameDiff vertex whose random op redraws epsilon in the backward pass fails,
 * even with ND4J's RNG re-seeded before every pass (so that each score sees the same epsilon).
 */
@ExtendWith(DoublePrecision.class)
class GradientCheckTest {
    private static final double STEP = 1e-6;
    private static final double MAX_RELATIVE_ERROR = 1e-5;
    private static final double MIN_ABSOLUTE_ERROR = 1e-8;
    private static final int N = 3;

    static Stream<Arguments> cases() {
        return TestNetworks.configurations().flatMap(a -> Stream.of(WorkspaceMode.ENABLED, WorkspaceMode.NONE)
                .map(mode -> Arguments.of(a.get()[0], a.get()[1], mode)));
    }

    @ParameterizedTest(name = "{0}, workspaces {2}")
    @MethodSource("cases")
    void backpropMatchesFiniteDifferences(String name, VaeConfig config, WorkspaceMode mode) {
        ComputationGraph network = VaeNetworkBuilder.of(config).updater(new NoOp()).workspaceMode(mode).build();
        assertTrue(check(network, config, false), name + ": gradient check failed with workspaces " + mode
                + " (see the log for the parameters)");
    }

    @Test
    void naiveSameDiffReparameterizationFails() {
        VaeConfig config = TestNetworks.config(TestNetworks.MLP, InputShape.vector(7), Likelihood.BERNOULLI,
                KlEstimator.ANALYTIC);
        ComputationGraph ours = VaeNetworkBuilder.of(config).updater(new NoOp()).build();
        assertTrue(check(ours, config, false), "this package's vertex passes");

        ComputationGraphConfiguration conf = VaeNetworkBuilder.of(config).updater(new NoOp()).buildConfiguration();
        conf.getVertices().put(VaeNetworkBuilder.LATENT, new NaiveSameDiffReparameterization(N, config.latentSize()));
        ComputationGraph naive = new ComputationGraph(conf);
        naive.init();
        naive.setParams(ours.params());
        assertFalse(check(naive, config, true), "a SameDiff vertex with a random op must fail the same check");
    }

    private static boolean check(ComputationGraph network, VaeConfig config, boolean stopAtFirstError) {
        INDArray x = TestNetworks.data(N, config.inputShape().size(), 11);
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(network)
                .inputs(new INDArray[] {x}).labels(new INDArray[] {x})
                .epsilon(STEP).maxRelError(MAX_RELATIVE_ERROR).minAbsoluteError(MIN_ABSOLUTE_ERROR)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(stopAtFirstError)
                .callEachIter(g -> Nd4j.getRandom().setSeed(12345)));
    }
}
