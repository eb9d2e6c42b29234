package io.github.dl4jvae.quality;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How close generated images are to real ones, as numbers: the {@link FrechetDistance} between the Gaussians fitted to
 * the two sets' features, and the k-NN {@link PrecisionRecall} of the generated features against the real ones. The
 * features are those of a {@link FeatureClassifier} (for Fashion-MNIST, the shipped classifier's penultimate layer:
 * 128 ReLU units). Figures from sets of different sizes, or from another classifier, are not comparable: the
 * Frechet distance of n samples is biased upwards by about tr(S)/n per set, and the k-NN balls shrink as n grows.
 * The usual sizes are 10,000 generated images against the 10,000 test images.
 *
 * <pre>{@code
 * FeatureClassifier classifier = FeatureClassifier.shipped();
 * INDArray generated = vae.sample(10_000, 42L);                       // or LatentMixtureSampler.sample(...)
 * INDArray real = VaeData.load(data, Split.TEST, Preprocessing.defaults(), 1).getFeatures();
 * SampleQuality quality = SampleQuality.of(classifier, generated, real, PrecisionRecall.DEFAULT_K);
 * }</pre>
 *
 * @param frechetDistance the Frechet distance, squared feature units, lower is better, 0 for identical statistics
 * @param precision       fraction of generated images inside the real features' k-NN balls, in [0, 1]
 * @param recall          fraction of real images inside the generated features' k-NN balls, in [0, 1]
 * @param k               the neighbour of the k-NN radii
 * @param generated       number of generated images
 * @param real            number of real images
 * @param featureSize     dimension of the features
 */
public record SampleQuality(double frechetDistance, double precision, double recall, int k, int generated, int real,
                            int featureSize) {

    /**
     * The figures of {@code generated} against {@code real} images ({@code [n, 784]} grey levels in [0, 1]) in the
     * classifier's feature space.
     *
     * @throws IllegalArgumentException on images of another shape or with non-finite values, fewer than k + 1 images
     *     in a set, or k &lt; 1
     */
    public static SampleQuality of(FeatureClassifier classifier, INDArray generated, INDArray real, int k) {
        if (classifier == null) {
            throw new IllegalArgumentException("classifier is null; expected FeatureClassifier.shipped() or one of "
                    + "FeatureClassifier.of(network, layer)");
        }
        return ofFeatures(classifier.features(generated), classifier.features(real), k);
    }

    /**
     * The figures of two sets of features {@code [n][d]} and {@code [m][d]}.
     *
     * @throws IllegalArgumentException as {@link PrecisionRecall#of}
     */
    public static SampleQuality ofFeatures(double[][] generated, double[][] real, int k) {
        PrecisionRecall pr = PrecisionRecall.of(generated, real, k);
        double distance = FrechetDistance.between(generated, real);
        return new SampleQuality(distance, pr.precision(), pr.recall(), k, generated.length, real.length,
                generated[0].length);
    }
}
