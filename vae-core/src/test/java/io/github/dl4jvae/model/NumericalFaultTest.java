package io.github.dl4jvae.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.Likelihood;
import io.github.dl4jvae.config.LogVarianceClamp;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.VaeConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Numerical faults stop training before the bad update, naming epoch, iteration and term, and leave the last
 * checkpoint as it was: a gradient that overflows while the loss is still finite, a diverging learning rate, and
 * the log-variance clamp that prevents the first.
 */
class NumericalFaultTest {
    private static final int WIDTH = 32;

    private static VaeConfig.Builder config() {
        return VaeConfig.builder().inputShape(InputShape.vector(WIDTH)).network(NetworkConfig.mlp(16)).latentSize(2)
                .seed(3);
    }

    /**
     * Puts the encoder where KL's gradient overflows float32 while KL itself does not: log-variance 87.5 for every
     * example (enc_logvar_W = 0, bias 87.5), so KL = exp(87.5) / 2 = 5.0e37 per example is finite, but the gradient
     * of enc_logvar_W is mean_i h_i * exp(87.5) / 2, infinite once the hidden activations h exceed 6.8 (the first
     * layer's weights are scaled by 1000 to make them so).
     */
    private static void poison(VaeModel model) {
        var sd = model.graph().sameDiff();
        sd.getVariable("enc_logvar_W").getArr().assign(0);
        sd.getVariable("enc_logvar_b").getArr().assign(84);
        sd.getVariable("enc_dense0_W").getArr().muli(1000);
        sd.getVariable("enc_dense0_b").getArr().assign(1000);
    }

    private static Map<String, INDArray> parameters(VaeModel model) {
        Map<String, INDArray> copy = new LinkedHashMap<>();
        for (String name : model.graph().parameterNames()) {
            copy.put(name, model.graph().sameDiff().getVariable(name).getArr().dup());
        }
        return copy;
    }

    @Test
    void anOverflowingGradientStopsTrainingBeforeTheUpdateAndKeepsTheCheckpoint(@TempDir Path dir) throws Exception {
        INDArray data = SyntheticData.patterns(64, WIDTH, 1);
        VaeModel model = VaeModel.create(config().build());
        Checkpoints checkpoints = Checkpoints.of(model, dir, CheckpointPolicy.defaults());
        model.addListener(checkpoints);
        model.fit(SyntheticData.iterator(data, 32), 1);
        Map<String, INDArray> afterEpoch1 = parameters(VaeModel.load(dir.resolve(Checkpoints.LATEST)));

        poison(model);
        Map<String, INDArray> poisoned = parameters(model);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> model.fit(SyntheticData.iterator(data, 32), 1));
        assertTrue(e.getMessage().startsWith("the gradient of enc_logvar_W became infinite at epoch 2, iteration 2 "
                + "(an encoder parameter, reached by both the reconstruction and the KL term; the loss was finite: "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("; parameters were not updated. Lower the learning rate, set "
                + "VaeConfig.logVarianceClamp, or check the data scaling."), e.getMessage());
        assertEquals("gradient of enc_logvar_W", e.term());
        assertEquals(2, e.epoch());
        assertEquals(2, e.iteration());
        assertEquals(poisoned, parameters(model), "no parameter was updated by the failed step");
        assertEquals(2, model.iterations(), "the failed step was not counted");
        assertEquals(1, model.epochsTrained());
        assertEquals(afterEpoch1, parameters(VaeModel.load(dir.resolve(Checkpoints.LATEST))),
                "the last good checkpoint is untouched");
    }

    @Test
    void theLogVarianceClampKeepsThatGradientFinite() {
        INDArray data = SyntheticData.patterns(64, WIDTH, 1);
        VaeModel model = VaeModel.create(config().logVarianceClamp(LogVarianceClamp.of(-30, 20)).build());
        poison(model);
        List<EpochResult> epochs = model.fit(SyntheticData.iterator(data, 32), 1);
        // KL at log-variance 20: (exp(20) - 20 - 1 + mu^2) / 2 = 2.4e8 nats; finite, and the step went through.
        assertEquals(2, model.iterations());
        assertTrue(Double.isFinite(epochs.get(0).loss()) && epochs.get(0).kl() > 1e8, epochs.toString());
    }

    /**
     * Adam with learning rate 1 (the largest VaeConfig allows; 1e4 is rejected when the config is built) moves every
     * weight by about 1 per step: the learned decoder variance then underflows and the Gaussian log-density of the
     * data overflows after the first step. Bernoulli and fixed-variance decoders survive lr 1 for 30 epochs on this
     * data (measured), so the learned-variance one is the divergence to catch.
     */
    @Test
    void aDivergingLearningRateIsCaughtWithEpochIterationAndTerm() {
        assertEquals("learningRate must be in (0.0, 1.0], got 10000.0",
                assertThrows(IllegalArgumentException.class, () -> config().learningRate(1e4).build()).getMessage());
        INDArray data = SyntheticData.patterns(256, WIDTH, 2);
        VaeModel model = VaeModel.create(config().likelihood(Likelihood.GAUSSIAN_LEARNED_VARIANCE).learningRate(1.0)
                .build());
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> model.fit(SyntheticData.iterator(data, 32), 30));
        assertEquals("loss became Infinity at epoch 1, iteration 1 (the reconstruction term is Infinity); parameters "
                + "were not updated. Lower the learning rate, set VaeConfig.logVarianceClamp, or check the data "
                + "scaling.", e.getMessage());
        assertEquals("reconstruction", e.term());
        assertEquals(1, model.iterations(), "the step that diverged was not applied");
    }

    @Test
    void aBadDecoderGradientIsBlamedOnTheReconstructionTerm() {
        Map<String, INDArray> gradients = new LinkedHashMap<>();
        gradients.put("dec_dense0_W", Nd4j.zeros(DataType.FLOAT, 2, 2));
        gradients.put("dec_out_W", Nd4j.createFromArray(new float[] {1, Float.NaN}));
        gradients.put("enc_logvar_W", Nd4j.createFromArray(new float[] {Float.POSITIVE_INFINITY}));
        TrainingDivergedException e = NumericalFaults.gradientFault(4, 17, 1.5, 1.25, 0.25, gradients,
                List.of("dec_dense0_W", "dec_out_W"));
        assertEquals("the gradient of the reconstruction term became NaN at epoch 4, iteration 17 (first in decoder "
                + "parameter dec_out_W; the loss was finite: 1.50000, reconstruction 1.25000, KL 0.250000); "
                + "parameters were not updated. Lower the learning rate, set VaeConfig.logVarianceClamp, or check "
                + "the data scaling.", e.getMessage());
        assertEquals("reconstruction", e.term());
    }

    @Test
    void anInfinityInTheLastGradientIsFoundBehindFiniteOnes() {
        Map<String, INDArray> gradients = new LinkedHashMap<>();
        gradients.put("dec_out_W", Nd4j.ones(DataType.FLOAT, 3, 3));
        gradients.put("enc_mean_W", Nd4j.createFromArray(new float[] {1, Float.NEGATIVE_INFINITY}));
        TrainingDivergedException e = NumericalFaults.gradientFault(2, 5, 1.5, 1.25, 0.25, gradients,
                List.of("dec_out_W"));
        assertEquals("gradient of enc_mean_W", e.term());
        assertTrue(e.getMessage().startsWith("the gradient of enc_mean_W became infinite at epoch 2, iteration 5"),
                e.getMessage());
    }
}
