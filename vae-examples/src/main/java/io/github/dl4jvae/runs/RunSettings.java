package io.github.dl4jvae.runs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.dl4jvae.data.DataOrigin;
import io.github.dl4jvae.data.IdxDataSource;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.model.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The options of a run that are not in the model's {@code VaeConfig}, saved as {@code run.json} so that
 * {@code vae train --resume} continues with the same data, batches and pixel treatment.
 *
 * @param epochs        the number of epochs the run trains to (over its whole life), at least 1
 * @param batchSize     examples per optimizer step, at least 1
 * @param binarization  pixel binarization in training and evaluation
 * @param dataId        id of the data set (e.g. {@code fashion-mnist-embedded-subset})
 * @param dataOrigin    where the data set was found
 * @param dataLocation  its directory or resource, as located
 */
public record RunSettings(int epochs, int batchSize, Preprocessing.Binarization binarization, String dataId,
                          DataOrigin dataOrigin, String dataLocation) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    /** Validates the counts. */
    public RunSettings {
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        }
        if (binarization == null) {
            throw new IllegalArgumentException("binarization is null; expected one of "
                    + java.util.Arrays.toString(Preprocessing.Binarization.values()));
        }
    }

    /** Settings for training on {@code source}. */
    public static RunSettings of(int epochs, int batchSize, Preprocessing.Binarization binarization,
                                 IdxDataSource source) {
        return new RunSettings(epochs, batchSize, binarization, source.id(), source.origin(), source.location());
    }

    /** The same settings with another epoch target. */
    public RunSettings withEpochs(int newEpochs) {
        return new RunSettings(newEpochs, batchSize, binarization, dataId, dataOrigin, dataLocation);
    }

    /** The preprocessing of evaluation data (file order, this binarization). */
    public Preprocessing preprocessing() {
        return Preprocessing.defaults().withBinarization(binarization);
    }

    /** Writes {@code run.json}, atomically. */
    public void write(Path file) throws IOException {
        AtomicFile.standard().writeString(file, JSON.writeValueAsString(this));
    }

    /**
     * Reads {@code run.json}.
     *
     * @throws IOException if it is missing or not a valid settings file (the message names it)
     */
    public static RunSettings read(Path file) throws IOException {
        if (!file.toFile().isFile()) {
            throw new IOException(file + " does not exist; expected the run.json that vae train writes");
        }
        try {
            return JSON.readValue(file.toFile(), RunSettings.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + " is not a valid run.json: " + e.getOriginalMessage(), e);
        }
    }
}
