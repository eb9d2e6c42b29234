package io.github.dl4jvae.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.KlEstimator;
import io.github.dl4jvae.config.KlSchedule;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.Objective;
import io.github.dl4jvae.config.VaeConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training follows the configured objective: the KL weight of a linear warm-up is 0 at the first step and
 * halfway at the middle one (the loss of a one-batch epoch is reconstruction + w(t) * KL, float tolerance 1e-4
 * relative), IWAE training lowers the importance-weighted bound, and the objective survives a save and load.
 */
class ObjectiveTrainingTest {

    private static VaeConfig.Builder small() {
        return VaeConfig.builder().inputShape(InputShape.vector(16)).network(NetworkConfig.mlp(12)).latentSize(3).seed(5);
    }

    @Test
    void linearWarmUpWeighsTheKlByTheStep() {
        VaeModel model = VaeModel.create(small().beta(2.0).objective(Objective.elbo(KlSchedule.linear(2))).build());
        INDArray x = SyntheticData.patterns(32, 16, 1);

        EpochResult first = model.fit(SyntheticData.iterator(x, 32), 1).get(0);
        EpochResult second = model.fit(SyntheticData.iterator(x, 32), 1).get(0);
        EpochResult third = model.fit(SyntheticData.iterator(x, 32), 1).get(0);

        assertTrue(first.kl() > 0.01, "KL " + first.kl());
        assertEquals(first.reconstruction(), first.loss(), 1e-4 * first.loss(), "w(0) = 0");
        assertEquals(second.reconstruction() + 1.0 * second.kl(), second.loss(), 1e-4 * second.loss(), "w(1) = 2 * 1/2");
        assertEquals(third.reconstruction() + 2.0 * third.kl(), third.loss(), 1e-4 * third.loss(), "w(2) = beta");
    }

    @Test
    void iwaeTrainingLowersTheBoundAndRoundTrips(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory)
            throws Exception {
        VaeConfig config = small().objective(Objective.IWAE).samplesPerExample(5).learningRate(0.01).build();
        VaeModel model = VaeModel.create(config);
        INDArray x = SyntheticData.patterns(64, 16, 2);
        double before = -model.logLikelihood(x, 50).meanNumber().doubleValue();

        var epochs = model.fit(SyntheticData.iterator(x, 16), 15);

        double after = -model.logLikelihood(x, 50).meanNumber().doubleValue();
        assertTrue(after < before - 1.0, "NLL " + before + " -> " + after);
        assertTrue(epochs.get(14).loss() < epochs.get(0).loss(), "IWAE loss " + epochs.get(0).loss() + " -> "
                + epochs.get(14).loss());
        java.nio.file.Path file = directory.resolve("iwae.zip");
        model.save(file);
        assertEquals(config, VaeModel.load(file).config());
    }

    @Test
    void configurationsWithoutTheFieldReadAsThePlainElbo() throws Exception {
        VaeConfig withSchedule = small().objective(Objective.elbo(KlSchedule.cyclical(100, 0.5)).withFreeBits(0.25))
                .build();
        String json = withSchedule.toJson();
        assertEquals(withSchedule, VaeConfig.fromJson(json));

        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(small().build().toJson());
        tree.remove("objective");
        String old = tree.toString();
        assertFalse(old.contains("objective"), old);
        assertEquals(Objective.ELBO, VaeConfig.fromJson(old).objective());
    }

    @Test
    void combinationsWithoutMeaningAreRejected() {
        assertEquals("beta must be 1 with objective IWAE and klSchedule CONSTANT (IWAE has no KL weight; CAPACITY"
                + " weighs with gamma), got 4.0", assertThrows(IllegalArgumentException.class,
                () -> small().objective(Objective.IWAE).beta(4).build()).getMessage());
        assertEquals("objective.freeBits 0.5 needs the per-dimension KL of klEstimator ANALYTIC, got MONTE_CARLO",
                assertThrows(IllegalArgumentException.class, () -> small().klEstimator(KlEstimator.MONTE_CARLO)
                        .objective(Objective.ELBO.withFreeBits(0.5)).build()).getMessage());
    }
}
