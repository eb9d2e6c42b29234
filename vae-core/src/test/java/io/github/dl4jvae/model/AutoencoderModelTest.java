package io.github.dl4jvae.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.Objective;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.eval.LatentUsage;
import io.github.dl4jvae.graph.VaeGraph;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A deterministic autoencoder ({@link Objective#AE}) as a {@link VaeModel}: training lowers its reconstruction loss
 * with a KL of exactly 0; its codes are deterministic (encoding twice gives the same code, and reconstruct decodes
 * it); evaluation reports the reconstruction loss as the "negative ELBO" with KL 0; the likelihood is refused with a
 * message; a save and load keeps config, codes and decodings; the prior sampler still decodes N(0, I) draws; and the
 * project's executor gives SameDiff's own outputs and gradients for its graph (float, 1e-5 of the largest value, the
 * tolerance of GradientPassTest).
 */
class AutoencoderModelTest {
    private static final int WIDTH = 16;

    private static VaeConfig config() {
        return VaeConfig.builder().inputShape(InputShape.vector(WIDTH)).network(NetworkConfig.mlp(12)).latentSize(3)
                .objective(Objective.AE).learningRate(0.01).seed(5).build();
    }

    @Test
    void trainingLowersTheReconstructionLossWithNoKl() {
        VaeModel model = VaeModel.create(config());
        INDArray x = SyntheticData.patterns(64, WIDTH, 2);

        List<EpochResult> epochs = model.fit(SyntheticData.iterator(x, 16), 10, SyntheticData.iterator(x, 32));

        EpochResult first = epochs.get(0);
        EpochResult last = epochs.get(9);
        assertTrue(last.loss() < first.loss() - 1.0, "loss " + first.loss() + " -> " + last.loss());
        for (EpochResult epoch : epochs) {
            assertEquals(0.0, epoch.kl(), 0.0, "epoch " + epoch.epoch());
            assertEquals(epoch.reconstruction(), epoch.loss(), 1e-4 * epoch.loss(), "the loss is the reconstruction");
            assertEquals(0.0, epoch.validation().kl(), 0.0);
            assertEquals(epoch.validation().reconstruction(), epoch.validation().negativeElbo(), 0.0);
        }
        Evaluation evaluation = model.evaluate(SyntheticData.iterator(x, 32));
        assertEquals(last.validation(), evaluation, "evaluation is deterministic and equals the last validation");
    }

    @Test
    void codesAreDeterministicAndHaveNoLogVariance() {
        VaeModel model = VaeModel.create(config());
        INDArray x = SyntheticData.patterns(8, WIDTH, 3);

        Encoding code = model.encode(x);

        assertTrue(code.deterministic());
        assertArrayEquals(new long[] {8, 3}, code.mean().shape());
        assertEquals(code.mean(), model.encode(x).mean());
        assertEquals(model.decode(code.mean()), model.reconstruct(x));
        assertEquals("this encoding is an autoencoder's deterministic code (objective AE): it has a mean and no "
                + "log-variance; expected the encoding of a VAE",
                assertThrows(IllegalStateException.class, code::logVariance).getMessage());
        LatentUsage usage = LatentUsage.of(code);
        assertEquals(false, usage.hasKl());
        assertArrayEquals(new double[3], usage.klPerDimension(), 0.0);
        double[] column = code.mean().getColumn(0).toDoubleVector();
        double mean = java.util.Arrays.stream(column).average().orElseThrow();
        double variance = java.util.Arrays.stream(column).map(v -> (v - mean) * (v - mean)).sum() / column.length;
        assertEquals(variance, usage.posteriorMeanVariance()[0], 1e-6, "the activity is the variance of the code");
    }

    @Test
    void theLikelihoodIsRefusedAndTheElboTermsAreTheReconstructionLoss() {
        VaeModel model = VaeModel.create(config());
        INDArray x = SyntheticData.patterns(4, WIDTH, 4);
        String expected = "log p(x) is undefined for a deterministic autoencoder (objective AE): it has no prior and "
                + "no posterior to sample; expected a VAE. Its reconstruction loss is negativeElbo(x).reconstruction()";

        assertEquals(expected, assertThrows(UnsupportedOperationException.class,
                () -> model.logLikelihood(x, 10)).getMessage());
        assertEquals(expected, assertThrows(UnsupportedOperationException.class,
                () -> model.logLikelihood(SyntheticData.iterator(x, 4), 10)).getMessage());
        ElboTerms terms = model.negativeElbo(x);
        assertArrayEquals(new double[4], terms.kl().toDoubleVector(), 0.0);
        assertEquals(terms.reconstruction(), terms.negativeElbo());
        assertTrue(terms.reconstruction().minNumber().doubleValue() > 0, "nats of binary pixels are positive");
    }

    @Test
    void saveAndLoadKeepTheModelAndPriorDrawsDecode(@TempDir Path directory) throws Exception {
        VaeModel model = VaeModel.create(config());
        INDArray x = SyntheticData.patterns(32, WIDTH, 5);
        model.fit(SyntheticData.iterator(x, 16), 2);
        Path file = directory.resolve("ae.zip");

        model.save(file);
        VaeModel loaded = VaeModel.load(file);

        assertEquals(config(), loaded.config());
        assertEquals(4, loaded.iterations());
        assertEquals(model.encode(x).mean(), loaded.encode(x).mean());
        assertEquals(model.sample(5, 9L), loaded.sample(5, 9L));
        assertArrayEquals(new long[] {5, WIDTH}, loaded.sample(5, 9L).shape());
    }

    @Test
    void theExecutorGivesSameDiffsOwnOutputsAndGradients() {
        VaeModel model = VaeModel.create(config());
        VaeGraph reference = VaeGraph.build(config());
        INDArray x = SyntheticData.patterns(6, WIDTH, 6);
        INDArray eps = org.nd4j.linalg.factory.Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 6, 3);
        Map<String, INDArray> placeholders = Map.of(VaeGraph.X, x, VaeGraph.EPSILON, eps);
        List<String> outputs = List.of(VaeGraph.LOSS, VaeGraph.RECONSTRUCTION, VaeGraph.KL);
        var pass = new io.github.dl4jvae.execution.GradientPass(model.graph().sameDiff());

        OutAndGrad actual = pass.run(placeholders, outputs, model.graph().parameterNames());
        OutAndGrad expected = reference.sameDiff().calculateGradientsAndOutputs(placeholders, outputs,
                reference.parameterNames());

        for (String output : outputs) {
            assertClose(expected.getOutputs().get(output), actual.getOutputs().get(output), output);
        }
        for (String parameter : reference.parameterNames()) {
            assertClose(expected.getGradients().get(parameter), actual.getGradients().get(parameter), parameter);
        }
        pass.close();
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double[] want = expected.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).reshape(-1).toDoubleVector();
        double largest = java.util.Arrays.stream(want).map(Math::abs).max().orElse(0);
        assertArrayEquals(want, actual.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).reshape(-1).toDoubleVector(),
                Math.max(1e-5 * largest, 1e-12), what);
    }
}
