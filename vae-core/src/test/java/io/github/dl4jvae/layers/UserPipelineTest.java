package io.github.dl4jvae.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.data.FashionMnist;
import io.github.dl4jvae.data.FeaturesAsLabelsIterator;
import io.github.dl4jvae.data.IdxDataSetIterator;
import io.github.dl4jvae.data.IdxDataSource;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.data.Split;
import io.github.dl4jvae.data.VaeData;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingGraphTrainer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.listeners.CollectScoresListener;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A DL4J user's pipeline, end to end, on the Fashion-MNIST subset embedded in the jar (5000 training, 1000 test
 * images): DataVec IDX record reader, {@link IdxDataSetIterator} (its minibatches), the VAE graph of this package,
 * {@code fit}
 * under {@link EarlyStoppingGraphTrainer} with a score listener and the validation negative ELBO as the stopping
 * score, {@link ModelSerializer} save and restore, encoding of the test images, and a small classifier trained on
 * the latent means. Per-example scores rank noise images above real ones (anomaly detection).
 */
class UserPipelineTest {
    private static final long SEED = 42;

    @Test
    void idxReaderToEarlyStoppingToSerializerToLatentClassifier(@TempDir Path dir) throws Exception {
        IdxDataSource source = FashionMnist.embeddedSubset();
        Preprocessing pixels = Preprocessing.defaults();
        DataSetIterator trainImages = VaeData.iterator(source, Split.TRAIN, 100, pixels.withShuffle(true), SEED);
        assertInstanceOf(IdxDataSetIterator.class, trainImages, "minibatches of the IDX DataVec reader");
        DataSetIterator train = new FeaturesAsLabelsIterator(trainImages);
        DataSetIterator validation = new FeaturesAsLabelsIterator(VaeData.iterator(source, Split.TEST, 500, pixels,
                SEED));

        VaeConfig config = VaeConfig.builder().network(NetworkConfig.mlp(128)).latentSize(8).learningRate(3e-3)
                .seed(SEED).build();
        ComputationGraph vae = VaeNetworkBuilder.of(config).build();
        CollectScoresListener scores = new CollectScoresListener(1);
        vae.setListeners(scores);
        EarlyStoppingConfiguration<ComputationGraph> stopping = new EarlyStoppingConfiguration.Builder<ComputationGraph>()
                .epochTerminationConditions(new MaxEpochsTerminationCondition(6),
                        new ScoreImprovementEpochTerminationCondition(2))
                .scoreCalculator(new DataSetLossCalculator(validation, true))
                .evaluateEveryNEpochs(1)
                .modelSaver(new InMemoryModelSaver<>())
                .build();
        EarlyStoppingResult<ComputationGraph> result = new EarlyStoppingGraphTrainer(stopping, vae, train).fit();

        // The listener saw every step; the training score fell from an untrained model's ~543 nats
        // (784 pixels x log 2, plus a small KL) to well below it.
        double firstScore = scores.getListScore().getDouble(0);
        double lastScore = scores.getListScore().getDouble(scores.getListScore().size() - 1);
        assertEquals(50 * result.getTotalEpochs(), scores.getListScore().size(), "one score per step, 50 steps an epoch");
        assertEquals(784 * Math.log(2), firstScore, 15.0);
        assertTrue(lastScore < 330, "training score after " + result.getTotalEpochs() + " epochs: " + lastScore);

        // Early stopping's score is the validation negative ELBO (z = posterior mean), mean per example in nats.
        ComputationGraph best = result.getBestModel();
        // (DL4J M2.1's EarlyStoppingResult.getBestModelScore() is the saved copy's score() field, 0.0 for the
        // in-memory saver's clone, not the score calculator's value: read the per-epoch map instead.)
        double bestScore = result.getScoreVsEpoch().values().stream().mapToDouble(Double::doubleValue).min()
                .orElseThrow();
        DataSet test = VaeData.load(source, Split.TEST, pixels, SEED);
        DataSet testAsVae = new DataSet(test.getFeatures(), test.getFeatures());
        assertEquals(bestScore, best.score(testAsVae), 1e-4 * bestScore);
        assertTrue(bestScore < 330, "validation scores " + result.getScoreVsEpoch());

        // Per-example scores: shape, consistency with score(), and noise images rank as anomalies.
        INDArray perExample = best.scoreExamples(testAsVae, false);
        assertArrayEquals(new long[] {1000, 1}, perExample.shape());
        assertEquals(best.score(testAsVae), perExample.meanNumber().doubleValue(), 1e-4 * best.score(testAsVae));
        INDArray noise = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 50, 784);
        double[] real = perExample.dup().data().asDouble();
        Arrays.sort(real);
        double noiseMin = best.scoreExamples(new DataSet(noise, noise), false).minNumber().doubleValue();
        assertTrue(noiseMin > real[real.length - 1], "every noise image (min " + noiseMin
                + ") scores above every real test image (max " + real[real.length - 1] + ")");

        // ModelSerializer round trip: identical outputs and per-example scores.
        File file = dir.resolve("vae.zip").toFile();
        ModelSerializer.writeModel(best, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        assertEquals(best.outputSingle(test.getFeatures()), restored.outputSingle(test.getFeatures()));
        assertEquals(perExample, restored.scoreExamples(testAsVae, false));

        // Encode with the restored network and train a classifier on the latent means.
        DataSet trainSet = VaeData.load(source, Split.TRAIN, pixels, SEED);
        INDArray trainCodes = VaeEncoders.latentMeans(restored, trainSet.getFeatures());
        INDArray testCodes = VaeEncoders.latentMeans(restored, test.getFeatures());
        assertArrayEquals(new long[] {1000, 8}, testCodes.shape());
        MultiLayerNetwork classifier = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(SEED)
                .updater(new Adam(1e-2)).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build());
        classifier.init();
        DataSet codes = new DataSet(trainCodes, trainSet.getLabels());
        for (int epoch = 0; epoch < 200; epoch++) {
            classifier.fit(codes);
        }
        Evaluation evaluation = new Evaluation(10);
        evaluation.eval(test.getLabels(), classifier.output(testCodes));
        // Chance is 0.10; logistic regression on 8 latent means of a VAE trained for a few epochs on 5000 images
        // reached 0.73 when this test was written.
        assertTrue(evaluation.accuracy() > 0.6, "test accuracy on latent means: " + evaluation.accuracy());
    }
}
