package io.github.dl4jvae.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.data.FashionMnist;
import io.github.dl4jvae.data.IdxDataSource;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.data.Split;
import io.github.dl4jvae.data.VaeData;
import io.github.dl4jvae.zoo.VaeZoo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A conditional {@link VaeModel} (Sohn et al. 2015): class-conditional sampling, labels read from the data in
 * training and evaluation, the save/load round trip, training on the embedded Fashion-MNIST subset, and the errors
 * for missing, misshaped or unexpected labels.
 */
class ConditionalModelTest {
    private static final int WIDTH = 16;

    private static VaeModel small(int classes) {
        return VaeModel.create(VaeConfig.builder().inputShape(InputShape.vector(WIDTH)).network(NetworkConfig.mlp(12))
                .latentSize(3).learningRate(3e-3).seed(5).conditionClasses(classes).build());
    }

    @Test
    void classSamplesHaveTheDataShapeAndDependOnTheClass() {
        VaeModel model = small(4);
        INDArray zero = model.sample(6, 0, 11);
        INDArray one = model.sample(6, 1, 11);

        assertArrayEquals(new long[] {6, WIDTH}, zero.shape());
        assertEquals(zero, model.sample(6, 0, 11), "the same seed and class give the same samples");
        assertTrue(zero.distance1(one) > 1e-2, "classes 0 and 1 decode the same codes alike");
        INDArray z = Nd4j.rand(DataType.FLOAT, 6, 3);
        INDArray twos = model.decode(z, OneHot.repeat(2, 6, 4));
        INDArray threes = model.decode(z, OneHot.repeat(3, 6, 4));
        assertArrayEquals(new long[] {6, WIDTH}, twos.shape());
        assertTrue(twos.distance1(threes) > 1e-2, "classes 2 and 3 decode the same codes alike");
        assertEquals(twos.getRow(0), model.decode(z.getRow(0, true), OneHot.of(new int[] {2}, 4)).getRow(0),
                "a row decodes alike alone and in a batch");
    }

    @Test
    void fitAndEvaluationReadTheLabelsOfEachBatch() {
        DataSet data = SyntheticData.labelled(256, WIDTH, 1);
        VaeModel model = small(4);
        List<EpochResult> epochs = model.fit(SyntheticData.iterator(data, 64), 30);
        assertTrue(epochs.get(29).loss() < epochs.get(0).loss(), "training loss fell: " + epochs);

        // One batch: evaluate's and logLikelihood's figures are those of the explicit calls with the batch's labels
        // (the same noise stream positions; float32 sums in another order: 1e-5 relative).
        Evaluation evaluation = model.evaluate(SyntheticData.iterator(data, 256));
        double explicit = model.negativeElbo(data.getFeatures(), data.getLabels()).negativeElbo().meanNumber()
                .doubleValue();
        assertEquals(explicit, evaluation.negativeElbo(), 1e-5 * explicit);
        double logLikelihood = model.logLikelihood(SyntheticData.iterator(data, 256), 20);
        double explicitLogLikelihood = model.logLikelihood(data.getFeatures(), data.getLabels(), 20).meanNumber()
                .doubleValue();
        assertEquals(explicitLogLikelihood, logLikelihood, 1e-5 * Math.abs(explicitLogLikelihood));
        // What the iterator paths take from a batch: its labels here, nothing for an unconditional model.
        assertEquals(data.getLabels(), model.labelsOf(data));
        assertNull(small(0).labelsOf(data));
        // Wrong labels cost more than the right ones: the model uses them.
        INDArray shifted = Nd4j.concat(1, data.getLabels().getColumns(1, 2, 3), data.getLabels().getColumns(0));
        double wrong = model.negativeElbo(data.getFeatures(), shifted).negativeElbo().meanNumber().doubleValue();
        // Measured when this test was written: 5.9 nats with the right labels, 13.9 with the wrong ones.
        assertTrue(wrong > explicit + 4, "negative ELBO with the right labels " + explicit + ", wrong " + wrong);
    }

    @Test
    void saveAndLoadGiveIdenticalOutputs(@TempDir Path dir) throws Exception {
        DataSet data = SyntheticData.labelled(128, WIDTH, 2);
        VaeModel model = small(4);
        model.fit(SyntheticData.iterator(data, 64), 2);
        Path file = dir.resolve("cvae.zip");
        model.save(file);
        VaeModel loaded = VaeModel.load(file);

        INDArray x = data.getFeatures();
        INDArray y = data.getLabels();
        assertEquals(model.config(), loaded.config());
        assertEquals(4, loaded.config().conditionClasses());
        assertEquals(model.encode(x, y).mean(), loaded.encode(x, y).mean());
        assertEquals(model.encode(x, y).logVariance(), loaded.encode(x, y).logVariance());
        assertEquals(model.negativeElbo(x, y).negativeElbo(), loaded.negativeElbo(x, y).negativeElbo());
        assertEquals(model.reconstruct(x, y), loaded.reconstruct(x, y));
        assertEquals(model.logLikelihood(x, y, 5), loaded.logLikelihood(x, y, 5));
        assertEquals(model.sample(4, 3, 9), loaded.sample(4, 3, 9));
    }

    @Test
    void twoEpochsOnTheEmbeddedSubsetLowerTheTestNegativeElbo() throws Exception {
        VaeConfig config = VaeZoo.entry("cvae-mlp400").config();
        assertEquals(10, config.conditionClasses());
        IdxDataSource source = FashionMnist.embeddedSubset();
        VaeModel model = VaeModel.create(config);
        var test = VaeData.iterator(source, Split.TEST, 500, Preprocessing.defaults(), 1);
        double before = model.evaluate(test).negativeElbo();

        model.fit(VaeData.iterator(source, Split.TRAIN, 128, Preprocessing.defaults().withShuffle(true), 42), 2);
        double after = model.evaluate(test).negativeElbo();

        // An untrained Bernoulli decoder scores about 784 log 2 = 543 nats on [0,1] pixels. When this test was
        // written, two epochs gave 298.6 (the same settings without labels: 302.6); 310 leaves room for other
        // BLAS builds, and a model that ignored its training would stay near 543.
        assertEquals(784 * Math.log(2), before, 20.0);
        assertTrue(after < 310, "test negative ELBO after 2 epochs: " + after);
    }

    @Test
    void missingMisshapedOrUnexpectedLabelsAreNamed() {
        VaeModel conditional = small(4);
        VaeModel unconditional = small(0);
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, WIDTH);
        INDArray y = OneHot.of(new int[] {0, 1, 2, 3, 0}, 4);

        String none = "this model is conditioned on 4 classes: pass one-hot labels [n, 4]; got none";
        assertEquals(none, message(() -> conditional.encode(x)));
        assertEquals(none, message(() -> conditional.negativeElbo(x)));
        assertEquals(none, message(() -> conditional.reconstruct(x)));
        assertEquals(none, message(() -> conditional.logLikelihood(x, 3)));
        assertEquals(none, message(() -> conditional.decode(Nd4j.zeros(DataType.FLOAT, 2, 3))));
        assertEquals("this model is conditioned on 4 classes: pass one-hot labels [n, 4] with n = 5 (one row per "
                + "example); got labels of shape [5, 3]", message(() -> conditional.encode(x, Nd4j.zeros(5, 3))));
        assertEquals("this model is conditioned on 4 classes: pass one-hot labels [n, 4] with n = 5 (one row per "
                + "example); got labels of shape [4, 4]", message(() -> conditional.encode(x, y.getRows(0, 1, 2, 3))));
        INDArray soft = y.dup();
        soft.putRow(1, Nd4j.createFromArray(0.5f, 0.5f, 0f, 0f));
        assertEquals("labels row 1 is not one-hot: expected one 1 and 3 zeros, got [0.5, 0.5, 0.0, 0.0]",
                message(() -> conditional.negativeElbo(x, soft)));
        assertEquals("this model is conditioned on 4 classes: draw samples of one class with sample(n, classIndex, "
                + "seed), or decode(z, labels)", message(() -> conditional.sample(3)));
        assertEquals("class index 4 is out of range: this model is conditioned on 4 classes, expected 0..3",
                message(() -> conditional.sample(3, 4, 1L)));

        assertEquals("this model is unconditional (conditionClasses 0): it takes no labels; got labels of shape "
                + "[5, 4]. Call the method without labels, or use a model with conditionClasses > 0",
                message(() -> unconditional.encode(x, y)));
        assertEquals("sampling a class needs a conditional model; this model is unconditional (conditionClasses 0): "
                + "use sample(n, seed)", message(() -> unconditional.sample(3, 1, 1L)));
        assertArrayEquals(new long[] {5, WIDTH}, unconditional.reconstruct(x, null).shape(), "null labels: none");

        // A training iterator whose labels are the features (an autoencoder's target), not classes.
        DataSet unlabelled = new DataSet(x, x);
        var iterator = new org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator<>(List.of(unlabelled), 1);
        assertEquals("training batch 1 (epoch 1): this model is conditioned on 4 classes: pass one-hot labels [n, 4] "
                + "with n = 5 (one row per example); got labels of shape [5, 16]",
                message(() -> conditional.fit(iterator, 1)));
        assertEquals("class index 7 (example 1) is out of range; expected 0..3 for 4 classes",
                message(() -> OneHot.of(new int[] {0, 7}, 4)));
    }

    private static String message(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }
}
