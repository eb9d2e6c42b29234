package io.github.dl4jvae.zoo;

import io.github.dl4jvae.data.Preprocessing;
import java.util.regex.Pattern;

/**
 * A zoo model's trained weights, shipped in the {@value VaeZoo#WEIGHTS_ARTIFACT} artifact, and how they were made
 * and measured.
 *
 * @param resource        file name of the weights in that artifact (class path folder
 *                        {@value VaeZoo#WEIGHTS_FOLDER}): a weights file of {@code io.github.dl4jvae.model.WeightsFile}
 * @param sha256          SHA-256 of that file, 64 lower-case hex digits; checked before every load
 * @param bytes           size of that file
 * @param dataSet         what it was trained on
 * @param preprocessing   how the pixels were prepared
 * @param binarization    the binarization of training and evaluation
 * @param trainingCommand the command that reproduces the run (from the repository root)
 * @param epochs          passes over the training data the run made
 * @param bestEpoch       the epoch whose weights these are: the best validation epoch of a run with early
 *                        stopping, else the last
 * @param batchSize       examples per optimizer step
 * @param seed            seed of the weights, noise and shuffling
 * @param trainingSeconds seconds of the run's training epochs (the sum of {@code metrics.csv}'s {@code seconds}; the
 *                        evaluation after each epoch not included)
 * @param environment     library, ND4J version, backend, threads and machine of the training run
 * @param figures         what was measured on these weights
 */
public record PretrainedWeights(String resource, String sha256, long bytes, String dataSet, String preprocessing,
                                Preprocessing.Binarization binarization, String trainingCommand, int epochs, int bestEpoch, int batchSize, long seed,
                                double trainingSeconds, String environment, Figures figures) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern RESOURCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.zip");

    /** Validates the file name, checksum, size and counts. */
    public PretrainedWeights {
        if (resource == null || !RESOURCE.matcher(resource).matches()) {
            throw new IllegalArgumentException("pretrained resource '" + resource
                    + "' is invalid; expected a plain .zip file name in " + VaeZoo.WEIGHTS_FOLDER);
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("pretrained " + resource + ": sha256 '" + sha256
                    + "' is not 64 lower-case hex digits");
        }
        if (bytes < 1) {
            throw new IllegalArgumentException("pretrained " + resource + ": bytes must be >= 1, got " + bytes);
        }
        if (epochs < 1 || batchSize < 1 || bestEpoch < 1 || bestEpoch > epochs) {
            throw new IllegalArgumentException("pretrained " + resource + ": epochs and batchSize must be >= 1 and "
                    + "bestEpoch in [1, epochs], got epochs " + epochs + ", batchSize " + batchSize + ", bestEpoch "
                    + bestEpoch);
        }
        if (binarization == null) {
            throw new IllegalArgumentException("pretrained " + resource + ": binarization is missing");
        }
        if (figures == null) {
            throw new IllegalArgumentException("pretrained " + resource + ": figures are missing");
        }
    }
}
