package io.github.dl4jvae.cli;

import io.github.dl4jvae.data.IdxDataSource;
import io.github.dl4jvae.data.IdxRecordReader;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.data.Split;
import io.github.dl4jvae.data.VaeData;
import io.github.dl4jvae.mixture.GaussianMixture;
import io.github.dl4jvae.model.VaeModel;
import io.github.dl4jvae.quality.ClassifierMetadata;
import io.github.dl4jvae.quality.FeatureClassifier;
import io.github.dl4jvae.quality.SampleQuality;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.dataset.DataSet;

/**
 * {@code vae evaluate --quality}: draws {@code --samples} images with {@code --sampler} ({@link Sampling}) and measures
 * them against as many test images (all of them if the test split is smaller) with {@link SampleQuality}: the
 * Frechet distance and the k-NN precision and recall in the feature space of the shipped classifier
 * ({@link FeatureClassifier#shipped()}). The test images are grey levels in [0, 1], never binarized, as the generated
 * decoder means are; a conditional model draws under the test images' own classes, cycled.
 */
final class QualityEvaluation {
    /** The most images per set. */
    static final int MAX_SAMPLES = 100_000;

    private QualityEvaluation() {
    }

    /**
     * The figures and how they were made.
     *
     * @param quality     the Frechet distance, precision and recall
     * @param sampler     the sampler's name ({@code prior}, {@code gmm:K})
     * @param description what the samples are, in words
     * @param mixture     the fitted mixture, or null for the prior
     * @param seed        the seed of the draws (and of the mixture's start)
     * @param classifier  the feature classifier's record
     * @param seconds     wall time of drawing, fitting and measuring
     */
    record Report(SampleQuality quality, String sampler, String description, GaussianMixture mixture, long seed,
                  ClassifierMetadata classifier, double seconds) {
    }

    /**
     * Checks the options before any work: sample count and neighbours.
     *
     * @throws IllegalArgumentException naming the option, the value and the allowed range
     */
    static void checkOptions(int samples, int neighbours) {
        if (samples < 2 || samples > MAX_SAMPLES) {
            throw new IllegalArgumentException("--samples must be in [2, " + MAX_SAMPLES + "], got " + samples);
        }
        if (neighbours < 1 || neighbours >= samples) {
            throw new IllegalArgumentException("--neighbours must be in [1, " + (samples - 1) + "] for --samples "
                    + samples + " (each image needs k other images of its set), got " + neighbours);
        }
    }

    /**
     * Checks {@code --neighbours} against the test images the figures will use: min(samples, test split size).
     *
     * @throws IllegalArgumentException if k is not below that count
     */
    static void checkData(IdxDataSource source, int samples, int neighbours) throws IOException {
        int available = IdxRecordReader.of(source.images(Split.TEST), source.labels(Split.TEST)).count();
        int realCount = Math.min(samples, available);
        if (neighbours >= realCount) {
            throw new IllegalArgumentException("--neighbours must be below the " + realCount + " test images of "
                    + source.id() + " compared with, got " + neighbours);
        }
    }

    /** Draws the samples and measures them against the test split of {@code source}. */
    static Report measure(VaeModel model, SamplerChoice choice, int samples, int neighbours, long seed,
                          IdxDataSource source, Preprocessing.Binarization binarization) throws IOException {
        checkOptions(samples, neighbours);
        checkData(source, samples, neighbours);
        long start = System.nanoTime();
        FeatureClassifier classifier = FeatureClassifier.shipped();
        DataSet test = VaeData.load(source, Split.TEST, Preprocessing.defaults(), seed);
        int realCount = Math.min(samples, test.numExamples());
        DataSet real = (DataSet) test.getRange(0, realCount);
        int[] classes = new int[realCount];
        for (int i = 0; i < realCount; i++) {
            classes[i] = real.getLabels().getRow(i).argMax().getInt(0);
        }
        GaussianMixture mixture = choice.mixture() ? Sampling.fit(model, choice, source, binarization, seed) : null;
        Sampling.Draw draw = Sampling.draw(model, mixture, samples, seed, classes);
        SampleQuality quality = SampleQuality.of(classifier, draw.images(), real.getFeatures(), neighbours);
        return new Report(quality, choice.toString(), Sampling.describe(model, choice), mixture, seed,
                classifier.metadata(), (System.nanoTime() - start) / 1e9);
    }

    static void print(Report r, PrintWriter w) {
        SampleQuality q = r.quality();
        w.printf(Locale.ROOT, "%nsample quality, --sampler %s: %d samples (%s) against %d test images, in the "
                + "features of the shipped classifier (%d-d, test accuracy %.4f)%n", r.sampler(), q.generated(),
                r.description(), q.real(), q.featureSize(), r.classifier().testAccuracy());
        w.printf(Locale.ROOT, "  Frechet distance       %10.3f (lower is better)%n", q.frechetDistance());
        w.printf(Locale.ROOT, "  precision, k=%-3d       %10.4f (share of samples inside the test images' k-NN "
                + "balls)%n", q.k(), q.precision());
        w.printf(Locale.ROOT, "  recall, k=%-3d          %10.4f (share of test images inside the samples' k-NN "
                + "balls)%n", q.k(), q.recall());
    }

    static Map<String, Object> json(Report r) {
        Map<String, Object> json = new LinkedHashMap<>();
        SampleQuality q = r.quality();
        json.put("sampler", r.sampler());
        json.put("samplerDescription", r.description());
        json.put("seed", r.seed());
        json.put("generatedImages", q.generated());
        json.put("testImages", q.real());
        json.put("frechetDistance", q.frechetDistance());
        json.put("precision", q.precision());
        json.put("recall", q.recall());
        json.put("neighbours", q.k());
        json.put("featureSize", q.featureSize());
        json.put("classifierSha256", r.classifier().sha256());
        json.put("classifierTestAccuracy", r.classifier().testAccuracy());
        if (r.mixture() != null) {
            double[] history = r.mixture().logLikelihoods();
            json.put("mixtureLogLikelihood", history[history.length - 1]);
            json.put("mixtureEmSteps", r.mixture().iterations());
        }
        json.put("seconds", r.seconds());
        return json;
    }
}
