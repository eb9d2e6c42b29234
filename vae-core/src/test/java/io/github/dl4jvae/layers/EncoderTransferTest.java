package io.github.dl4jvae.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.KlEstimator;
import io.github.dl4jvae.config.Likelihood;
import io.github.dl4jvae.config.VaeConfig;
import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/** {@link VaeEncoders}: latent means, and classifiers that start from the encoder, frozen or fine-tuned. */
class EncoderTransferTest {
    private static final VaeConfig MLP = TestNetworks.config(TestNetworks.MLP, InputShape.vector(7),
            Likelihood.BERNOULLI, KlEstimator.ANALYTIC);
    private static final VaeConfig CONV = TestNetworks.config(TestNetworks.CONV, new InputShape(1, 5, 7),
            Likelihood.BERNOULLI, KlEstimator.ANALYTIC);

    private static DataSet labelled(int n, int d) {
        INDArray labels = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, n, 3);
        for (int i = 0; i < n; i++) {
            labels.putScalar(i, i % 3, 1.0);
        }
        return new DataSet(TestNetworks.data(n, d, 9), labels);
    }

    @Test
    void latentMeansAreTheEncoderMeanLayer() {
        for (VaeConfig config : new VaeConfig[] {MLP, CONV}) {
            ComputationGraph vae = VaeNetworkBuilder.of(config).build();
            INDArray x = TestNetworks.data(5, config.inputShape().size(), 1);
            INDArray means = VaeEncoders.latentMeans(vae, x);
            assertArrayEquals(new long[] {5, 3}, means.shape());
            assertEquals(vae.feedForward(x, false).get(VaeNetworkBuilder.ENCODER_MEAN), means);
        }
    }

    @Test
    void frozenClassifierKeepsTheEncoderAndTrainsOnlyTheNewLayer() {
        ComputationGraph vae = VaeNetworkBuilder.of(CONV).build();
        ComputationGraph classifier = VaeEncoders.classifier(vae, 3, true, new Adam(1e-2), 1);
        assertEquals(Set.of("enc_conv0", "enc_conv1", "enc_dense0",
                VaeNetworkBuilder.ENCODER_MEAN, VaeEncoders.CLASSIFIER), vertexNames(classifier));
        for (String layer : new String[] {"enc_conv0", "enc_dense0", VaeNetworkBuilder.ENCODER_MEAN}) {
            assertEquals(vae.getLayer(layer).params(), classifier.getLayer(layer).params(), layer + " copied");
        }
        DataSet data = labelled(12, 35);
        INDArray encoderBefore = classifier.getLayer(VaeNetworkBuilder.ENCODER_MEAN).params().dup();
        INDArray headBefore = classifier.getLayer(VaeEncoders.CLASSIFIER).params().dup();
        for (int i = 0; i < 5; i++) {
            classifier.fit(data);
        }
        assertEquals(encoderBefore, classifier.getLayer(VaeNetworkBuilder.ENCODER_MEAN).params(), "frozen");
        assertNotEquals(headBefore, classifier.getLayer(VaeEncoders.CLASSIFIER).params(), "the new layer trains");
        INDArray probabilities = classifier.outputSingle(data.getFeatures());
        assertArrayEquals(new long[] {12, 3}, probabilities.shape());
        assertTrue(probabilities.sum(1).sub(1.0).amaxNumber().doubleValue() < 1e-9, "softmax rows sum to 1");
        assertEquals(vae.getLayer("enc_dense0").params(), classifier.getLayer("enc_dense0").params(),
                "the VAE itself is untouched");
    }

    @Test
    void fineTunedClassifierTrainsTheEncoderToo() {
        ComputationGraph vae = VaeNetworkBuilder.of(MLP).build();
        ComputationGraph classifier = VaeEncoders.classifier(vae, 3, false, new Adam(1e-2), 1);
        assertEquals(Set.of("enc_dense0", "enc_dense1", VaeNetworkBuilder.ENCODER_MEAN,
                VaeEncoders.CLASSIFIER), vertexNames(classifier));
        INDArray before = classifier.getLayer("enc_dense0").params().dup();
        classifier.fit(labelled(12, 7));
        assertNotEquals(before, classifier.getLayer("enc_dense0").params());
    }

    @Test
    void badArgumentsAreNamed() {
        ComputationGraph vae = VaeNetworkBuilder.of(MLP).build();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VaeEncoders.classifier(vae, 1, true,
                new Adam(), 1)).getMessage().contains("numClasses must be >= 2, got 1"));
        ComputationGraph notAVae = VertexTestGraphs.around(new ReparameterizationVertex(), "mean", "logVariance");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VaeEncoders.latentMeans(notAVae,
                Nd4j.zeros(1, 3))).getMessage().contains("expected a VAE built by VaeNetworkBuilder"));
    }

    /** The graph's vertices (network inputs are not among them). */
    private static Set<String> vertexNames(ComputationGraph graph) {
        return Set.copyOf(graph.getConfiguration().getVertices().keySet());
    }
}
