package io.github.dl4jvae.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What is recorded next to a trained classifier file ({@code NAME.json} beside {@code NAME.zip}): the file's SHA-256
 * and size, checked before every load; the feature layer; the data, settings, command and environment of the
 * training; and the test accuracy it reached.
 *
 * @param resource         the classifier file's name, a DL4J {@code ModelSerializer} zip without updater state
 * @param sha256           SHA-256 of that file, 64 lower-case hex digits
 * @param bytes            size of that file
 * @param architecture     the network in words
 * @param featureLayer     index of the layer whose activations are the features
 * @param featureSize      width of that layer
 * @param dataSet          the data set's id (e.g. {@code fashion-mnist})
 * @param trainImages      training images per epoch
 * @param testImages       test images of the accuracy
 * @param testAccuracy     accuracy on the test split after the last epoch, in [0, 1]
 * @param accuracyPerEpoch test accuracy after each epoch
 * @param epochs           passes over the training data
 * @param batchSize        examples per Adam step
 * @param learningRate     Adam's learning rate
 * @param seed             seed of the weights and shuffling
 * @param command          the command that trained it, from the repository root
 * @param seconds          wall time of the training, evaluations included
 * @param environment      library and ND4J versions, backend, threads
 * @param created          when it was trained (ISO-8601)
 */
public record ClassifierMetadata(String resource, String sha256, long bytes, String architecture, int featureLayer,
                                 int featureSize, String dataSet, long trainImages, long testImages,
                                 double testAccuracy, List<Double> accuracyPerEpoch, int epochs, int batchSize,
                                 double learningRate, long seed, String command, double seconds, String environment,
                                 String created) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern RESOURCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.zip");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** Validates the file name, checksum, counts and accuracy. */
    public ClassifierMetadata {
        if (resource == null || !RESOURCE.matcher(resource).matches()) {
            throw new IllegalArgumentException("classifier resource '" + resource + "' is invalid; expected a plain "
                    + ".zip file name");
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("classifier " + resource + ": sha256 '" + sha256 + "' is not 64 "
                    + "lower-case hex digits");
        }
        if (bytes < 1 || featureLayer < 0 || featureSize < 1 || testImages < 1 || epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("classifier " + resource + ": bytes, featureSize, testImages, epochs "
                    + "and batchSize must be >= 1 and featureLayer >= 0, got " + bytes + ", " + featureSize + ", "
                    + testImages + ", " + epochs + ", " + batchSize + " and " + featureLayer);
        }
        if (!(testAccuracy >= 0 && testAccuracy <= 1)) {
            throw new IllegalArgumentException("classifier " + resource + ": testAccuracy must be in [0, 1], got "
                    + testAccuracy);
        }
        accuracyPerEpoch = List.copyOf(accuracyPerEpoch == null ? List.of() : accuracyPerEpoch);
        if (accuracyPerEpoch.size() != epochs) {
            throw new IllegalArgumentException("classifier " + resource + ": accuracyPerEpoch has "
                    + accuracyPerEpoch.size() + " values for " + epochs + " epochs; expected one per epoch");
        }
    }

    /** This record as indented JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("classifier metadata could not be written as JSON", e);
        }
    }

    /**
     * Parses what {@link #toJson()} writes.
     *
     * @param source the file's name, for the message
     * @throws IllegalArgumentException naming the file and the unknown, missing or invalid field
     */
    public static ClassifierMetadata fromJson(String json, String source) {
        try {
            return JSON.readValue(json, ClassifierMetadata.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            String message = String.valueOf(cause.getMessage());
            int newline = message.indexOf('\n');
            throw new IllegalArgumentException(source + " is not valid classifier metadata: "
                    + (newline < 0 ? message : message.substring(0, newline)), e);
        }
    }
}
