package io.github.dl4jvae.quality;

import io.github.dl4jvae.data.IdxDataSource;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.data.Split;
import io.github.dl4jvae.data.VaeData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the {@link ClassifierNetwork} on the training split of an IDX data set (grey levels in [0, 1], shuffled each
 * epoch with the seed) and measures its accuracy on the test split after every epoch with DL4J's {@link Evaluation}.
 * The test split is only measured, never used to choose anything: the network returned is the last epoch's.
 */
public final class ClassifierTraining {
    private static final Logger LOG = LoggerFactory.getLogger(ClassifierTraining.class);
    /** Test images per evaluation batch (does not change the figures). */
    private static final int EVALUATION_BATCH = 500;

    private ClassifierTraining() {
    }

    /**
     * How to train.
     *
     * @param epochs       passes over the training split, in [1, 1000]
     * @param batchSize    examples per Adam step, in [1, 65536]
     * @param learningRate Adam's learning rate, in (0, 1]
     * @param seed         seed of the weights and the shuffling
     */
    public record Settings(int epochs, int batchSize, double learningRate, long seed) {
        /** The settings the shipped classifier was trained with: 5 epochs, batch 64, Adam 1e-3, seed 42. */
        public static final Settings DEFAULT = new Settings(5, 64, 1e-3, 42);

        /** Validates the ranges. */
        public Settings {
            if (epochs < 1 || epochs > 1000) {
                throw new IllegalArgumentException("epochs must be in [1, 1000], got " + epochs);
            }
            if (batchSize < 1 || batchSize > 65536) {
                throw new IllegalArgumentException("batchSize must be in [1, 65536], got " + batchSize);
            }
            if (!(learningRate > 0 && learningRate <= 1)) {
                throw new IllegalArgumentException("learningRate must be in (0, 1], got " + learningRate);
            }
        }
    }

    /**
     * What a training gave.
     *
     * @param network            the trained network (the last epoch's)
     * @param testAccuracy       its accuracy on the test split, in [0, 1]
     * @param accuracyPerEpoch   the test accuracy after each epoch
     * @param trainImages        training images per epoch
     * @param testImages         test images measured
     * @param seconds            wall time of the training and the evaluations
     */
    public record Result(MultiLayerNetwork network, double testAccuracy, List<Double> accuracyPerEpoch,
                         long trainImages, long testImages, double seconds) {
    }

    /**
     * Trains a new network on {@code source}'s training split and measures it on its test split.
     *
     * @throws IOException if the data cannot be read
     * @throws IllegalArgumentException if the data set's images are not 28 x 28 in 10 classes
     */
    public static Result train(IdxDataSource source, Settings settings) throws IOException {
        if (source == null || settings == null) {
            throw new IllegalArgumentException("source and settings are required but one was null");
        }
        if (source.numClasses() != ClassifierNetwork.CLASSES) {
            throw new IllegalArgumentException("the classifier has " + ClassifierNetwork.CLASSES + " classes but "
                    + source.id() + " has " + source.numClasses() + "; expected a Fashion-MNIST-like data set");
        }
        long start = System.nanoTime();
        MultiLayerNetwork network = ClassifierNetwork.create(settings.seed(), settings.learningRate());
        DataSetIterator train = VaeData.iterator(source, Split.TRAIN, settings.batchSize(),
                Preprocessing.defaults().withShuffle(true), settings.seed());
        DataSetIterator test = VaeData.iterator(source, Split.TEST, EVALUATION_BATCH, Preprocessing.defaults(),
                settings.seed());
        List<Double> accuracies = new ArrayList<>();
        Evaluation evaluation = null;
        long trainImages = 0;
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            train.reset();
            trainImages = 0;
            while (train.hasNext()) {
                var batch = train.next();
                requireImageShape(batch.getFeatures().size(1), source);
                network.fit(batch);
                trainImages += batch.numExamples();
            }
            test.reset();
            evaluation = network.evaluate(test);
            accuracies.add(evaluation.accuracy());
            LOG.info("classifier epoch {}: test accuracy {} ({} s so far)", epoch,
                    String.format(java.util.Locale.ROOT, "%.4f", evaluation.accuracy()),
                    Math.round((System.nanoTime() - start) / 1e9));
        }
        return new Result(network, evaluation.accuracy(), List.copyOf(accuracies), trainImages,
                evaluation.getNumRowCounter(), (System.nanoTime() - start) / 1e9);
    }

    private static void requireImageShape(long width, IdxDataSource source) {
        int expected = ClassifierNetwork.SIDE * ClassifierNetwork.SIDE;
        if (width != expected) {
            throw new IllegalArgumentException("the classifier takes 28 x 28 images (" + expected + " values) but "
                    + source.id() + " has " + width + " values per image");
        }
    }
}
