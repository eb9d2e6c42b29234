package io.github.dl4jvae.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.VaeConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Training, determinism, sampling, evaluation and save/load of {@link VaeModel} on small synthetic data. */
class VaeModelTest {
    private static final int WIDTH = 32;

    private static VaeConfig config(long seed) {
        return VaeConfig.builder().inputShape(InputShape.vector(WIDTH)).network(NetworkConfig.mlp(64))
                .latentSize(4).learningRate(3e-3).seed(seed).build();
    }

    @Test
    void trainingLowersTheNegativeElbo() {
        INDArray data = SyntheticData.patterns(512, WIDTH, 1);
        VaeModel model = VaeModel.create(config(42));
        Evaluation before = model.evaluate(SyntheticData.iterator(data, 64));
        List<EpochResult> epochs = model.fit(SyntheticData.iterator(data, 64), 8);
        Evaluation after = model.evaluate(SyntheticData.iterator(data, 64));

        assertEquals(8, epochs.size());
        assertEquals(8, model.epochsTrained());
        assertEquals(64, model.iterations());
        assertEquals(512, epochs.get(0).examples());
        // An untrained Bernoulli decoder scores about WIDTH * log 2 = 22.2 nats; the four noisy prototypes
        // need about WIDTH * H(0.05) + log 4 = 7.6 nats, so a working model must end well below 15.
        assertEquals(WIDTH * Math.log(2), before.negativeElbo(), 3.0);
        assertTrue(after.negativeElbo() < 15.0, "negative ELBO after training: " + after.negativeElbo());
        assertTrue(epochs.get(7).loss() < epochs.get(0).loss(), "training loss fell: " + epochs);
        assertEquals(after.reconstruction() + after.kl(), after.negativeElbo(), 1e-4);
    }

    @Test
    void sameSeedGivesIdenticalResultsAndOtherSeedDoesNot() {
        INDArray data = SyntheticData.patterns(256, WIDTH, 2);
        VaeModel a = VaeModel.create(config(5));
        VaeModel b = VaeModel.create(config(5));
        VaeModel c = VaeModel.create(config(6));
        a.fit(SyntheticData.iterator(data, 64), 2);
        b.fit(SyntheticData.iterator(data, 64), 2);
        c.fit(SyntheticData.iterator(data, 64), 2);
        assertEquals(a.encode(data).mean(), b.encode(data).mean());
        assertEquals(a.sample(3), b.sample(3));
        assertTrue(!a.encode(data).mean().equalsWithEps(c.encode(data).mean(), 1e-3), "seed 6 differs from 5");
    }

    @Test
    void shapesOfEveryOutput() {
        VaeModel model = VaeModel.create(config(1));
        INDArray x = SyntheticData.patterns(5, WIDTH, 3);
        Encoding encoding = model.encode(x);
        assertArrayEquals(new long[] {5, 4}, encoding.mean().shape());
        assertArrayEquals(new long[] {5, 4}, encoding.logVariance().shape());
        assertArrayEquals(new long[] {5, WIDTH}, model.reconstruct(x).shape());
        assertArrayEquals(new long[] {7, WIDTH}, model.sample(7).shape());
        ElboTerms terms = model.negativeElbo(x);
        assertArrayEquals(new long[] {5}, terms.negativeElbo().shape());
        assertArrayEquals(new long[] {5}, model.logLikelihood(x, 3).shape());
        INDArray probabilities = model.sample(7);
        assertTrue(probabilities.minNumber().doubleValue() >= 0 && probabilities.maxNumber().doubleValue() <= 1,
                "Bernoulli means are probabilities");
    }

    @Test
    void successiveSamplesDiffer() {
        VaeModel model = VaeModel.create(config(1));
        assertTrue(!model.sample(2).equals(model.sample(2)), "each call draws new codes from the prior");
    }

    @Test
    void saveAndLoadGiveIdenticalOutputsAndResumeExactly(@TempDir Path dir) throws Exception {
        INDArray data = SyntheticData.patterns(256, WIDTH, 4);
        VaeModel uninterrupted = VaeModel.create(config(9));
        uninterrupted.fit(SyntheticData.iterator(data, 64), 3);

        VaeModel first = VaeModel.create(config(9));
        first.describeTrainingData("synthetic/patterns");
        first.fit(SyntheticData.iterator(data, 64), 2);
        Path file = dir.resolve("model.zip");
        first.save(file);
        VaeModel loaded = VaeModel.load(file);

        assertEquals(first.config(), loaded.config());
        assertEquals(first.encode(data).mean(), loaded.encode(data).mean());
        assertEquals(first.negativeElbo(data).negativeElbo(), loaded.negativeElbo(data).negativeElbo());
        assertEquals(first.logLikelihood(data, 5), loaded.logLikelihood(data, 5));
        assertEquals(2, loaded.epochsTrained());
        assertEquals("synthetic/patterns", loaded.provenance().dataSet());
        assertEquals(9, loaded.provenance().seed());

        loaded.fit(SyntheticData.iterator(data, 64), 1);
        // Same seed, same noise stream positions, same optimizer state: bitwise identical on the CPU backend.
        assertEquals(uninterrupted.encode(data).mean(), loaded.encode(data).mean());
        assertEquals(3, loaded.epochsTrained());
    }
}
