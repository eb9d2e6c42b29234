package io.github.dl4jvae.zoo;

import java.util.regex.Pattern;

/**
 * Trained weights embedded in the jar, and how they were made and measured.
 *
 * @param resource        file name of the weights next to the registry (classpath folder
 *                        {@code io/github/dl4jvae/zoo/}): a DL4J {@code ModelSerializer} zip of the network, float32,
 *                        without updater state
 * @param sha256          SHA-256 of that file, 64 lower-case hex digits; checked before every load
 * @param bytes           size of that file
 * @param dataSet         what it was trained on
 * @param preprocessing   how the pixels were prepared
 * @param trainingCommand the command that reproduces the file (from the repository root)
 * @param epochs          passes over the training data
 * @param batchSize       examples per optimizer step
 * @param seed            seed of the weights, noise and shuffling
 * @param environment     library, ND4J version, backend and machine of the training run
 * @param figures         what was measured on the trained model
 */
public record PretrainedWeights(String resource, String sha256, long bytes, String dataSet, String preprocessing,
                                String trainingCommand, int epochs, int batchSize, long seed, String environment,
                                Figures figures) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern RESOURCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.zip");

    /** Validates the file name, checksum, size and counts. */
    public PretrainedWeights {
        if (resource == null || !RESOURCE.matcher(resource).matches()) {
            throw new IllegalArgumentException("pretrained resource '" + resource
                    + "' is invalid; expected a plain .zip file name next to the registry");
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("pretrained " + resource + ": sha256 '" + sha256
                    + "' is not 64 lower-case hex digits");
        }
        if (bytes < 1) {
            throw new IllegalArgumentException("pretrained " + resource + ": bytes must be >= 1, got " + bytes);
        }
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("pretrained " + resource + ": epochs and batchSize must be >= 1, got "
                    + epochs + " and " + batchSize);
        }
        if (figures == null) {
            throw new IllegalArgumentException("pretrained " + resource + ": figures are missing");
        }
    }
}
