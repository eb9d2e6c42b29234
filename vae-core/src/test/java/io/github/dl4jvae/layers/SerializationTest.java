package io.github.dl4jvae.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.KlEstimator;
import io.github.dl4jvae.config.Likelihood;
import io.github.dl4jvae.config.VaeConfig;
import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The layers are ordinary DL4J configuration objects: JSON round trip, {@code conf.clone()} and
 * {@code ModelSerializer} keep every field, and a restored network gives bitwise identical outputs and continues
 * training exactly as the original would (noise addressed by the saved iteration count, updater state saved).
 * Non-default values everywhere, so that a field silently reset to its default is caught.
 */
class SerializationTest {
    private static final VaeConfig CONFIG = TestNetworks.config(TestNetworks.CONV, new InputShape(1, 5, 7),
            Likelihood.GAUSSIAN_FIXED_VARIANCE, KlEstimator.MONTE_CARLO);

    private static ComputationGraphConfiguration configuration() {
        return VaeNetworkBuilder.of(CONFIG).sampleAtInference(true).buildConfiguration();
    }

    private static void assertCustomFields(ComputationGraphConfiguration conf) {
        ReparameterizationVertex z = (ReparameterizationVertex) conf.getVertices().get(VaeNetworkBuilder.LATENT);
        assertEquals(7, z.getSeed());
        assertTrue(z.isSampleAtInference());
        KlDivergenceVertex kl = (KlDivergenceVertex) conf.getVertices().get(VaeNetworkBuilder.KL);
        assertEquals(0.7, kl.getBeta());
        assertEquals(KlEstimator.MONTE_CARLO, kl.getEstimator());
        GraphVertex out = conf.getVertices().get(VaeNetworkBuilder.OUTPUT);
        ElboLoss loss = (ElboLoss) ((LossLayer) ((LayerVertex) out).getLayerConf().getLayer()).getLossFn();
        assertEquals(new ElboLoss(Likelihood.GAUSSIAN_FIXED_VARIANCE, 0.5, 1), loss);
    }

    @Test
    void jsonAndYamlRoundTripsKeepEveryField() {
        ComputationGraphConfiguration conf = configuration();
        assertCustomFields(conf);
        ComputationGraphConfiguration fromJson = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertCustomFields(fromJson);
        assertEquals(conf, fromJson);
        assertEquals(conf.toJson(), fromJson.toJson());
        ComputationGraphConfiguration fromYaml = ComputationGraphConfiguration.fromYaml(conf.toYaml());
        assertCustomFields(fromYaml);
        assertEquals(conf, fromYaml);
    }

    @Test
    void theClampOfAGatedNetworkRoundTripsThroughJson() {
        VaeConfig gated = TestNetworks.config(TestNetworks.GATED, InputShape.vector(7), Likelihood.BERNOULLI,
                KlEstimator.MONTE_CARLO).toBuilder().logVarianceClamp(TestNetworks.TIGHT_CLAMP).build();
        ComputationGraphConfiguration conf = VaeNetworkBuilder.of(gated).buildConfiguration();
        ComputationGraphConfiguration fromJson = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, fromJson);
        var logVariance = ((org.deeplearning4j.nn.conf.layers.DenseLayer) ((LayerVertex) fromJson.getVertices()
                .get(VaeNetworkBuilder.ENCODER_LOG_VARIANCE)).getLayerConf().getLayer()).getActivationFn();
        assertEquals(new ClampActivation(-0.3, 0.3), logVariance);
        assertTrue(fromJson.getVertices().containsKey("enc_gated1") && fromJson.getVertices().containsKey("dec_gate0"),
                fromJson.getVertices().keySet().toString());
    }

    @Test
    void memoryReportWorks() {
        // DL4J-NOTES: getMemoryReport throws for SameDiff layers; these vertices and the loss implement it. (A 4x4
        // input needs no crop: DL4J M2.1's own Cropping2D returns a null report, which makes the total throw.)
        VaeConfig noCrop = TestNetworks.config(TestNetworks.CONV, new InputShape(2, 4, 4), Likelihood.BERNOULLI,
                KlEstimator.MONTE_CARLO);
        var report = VaeNetworkBuilder.of(noCrop).buildConfiguration().getMemoryReport(
                InputType.convolutionalFlat(4, 4, 2));
        assertTrue(report.getTotalMemoryBytes(16, org.deeplearning4j.nn.conf.memory.MemoryUseMode.TRAINING,
                org.deeplearning4j.nn.conf.CacheMode.NONE, org.nd4j.linalg.api.buffer.DataType.DOUBLE) > 0);
    }

    @Test
    void cloneKeepsEveryFieldInNewObjects() {
        ComputationGraphConfiguration conf = configuration();
        ComputationGraphConfiguration copy = conf.clone();
        assertCustomFields(copy);
        assertEquals(conf, copy);
        for (String name : new String[] {VaeNetworkBuilder.LATENT, VaeNetworkBuilder.KL}) {
            assertNotSame(conf.getVertices().get(name), copy.getVertices().get(name), name + " is copied");
        }
        ReparameterizationVertex z = (ReparameterizationVertex) conf.getVertices().get(VaeNetworkBuilder.LATENT);
        z.setSampleAtInference(false);
        assertTrue(((ReparameterizationVertex) copy.getVertices().get(VaeNetworkBuilder.LATENT)).isSampleAtInference(),
                "changing the original does not change the clone");
    }

    @Test
    void modelSerializerRestoresIdenticalOutputsAndResumesExactly(@TempDir Path dir) throws Exception {
        INDArray x = TestNetworks.data(6, CONFIG.inputShape().size(), 21);
        DataSet data = new DataSet(x, x);
        ComputationGraph uninterrupted = new ComputationGraph(configuration());
        uninterrupted.init();
        ComputationGraph original = new ComputationGraph(configuration());
        original.init();
        assertEquals(uninterrupted.params(), original.params(), "same seed, same initial weights");
        for (int i = 0; i < 3; i++) {
            uninterrupted.fit(data);
            original.fit(data);
        }
        uninterrupted.fit(data);

        File file = dir.resolve("vae.zip").toFile();
        ModelSerializer.writeModel(original, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        assertCustomFields(restored.getConfiguration());
        assertEquals(original.getConfiguration(), restored.getConfiguration());
        assertEquals(original.params(), restored.params());
        assertEquals(3, restored.getConfiguration().getIterationCount());

        // Inference without sampling is deterministic: identical outputs and per-example scores.
        ReparameterizationVertex.setSampleAtInference(original, false);
        ReparameterizationVertex.setSampleAtInference(restored, false);
        assertEquals(original.outputSingle(x), restored.outputSingle(x));
        assertEquals(original.scoreExamples(data, false), restored.scoreExamples(data, false));
        // The training score of the next iteration: same noise on both.
        assertEquals(original.score(data, true), restored.score(data, true));

        restored.fit(data);
        assertEquals(uninterrupted.params(), restored.params(), "restored network continues exactly");
    }
}
