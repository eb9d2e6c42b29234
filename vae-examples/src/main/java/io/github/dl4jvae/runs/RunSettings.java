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
 * @param validationExamples the training images held out at the end of the training file as a validation split,
 *                      evaluated after every epoch (binarized once) and used to keep the best checkpoint; 0 (the
 *                      default, and what a run.json written before this field existed means): no validation split,
 *                      the test split is evaluated after every epoch instead
 * @param patience      early stopping: the run ends once the validation negative ELBO has not improved for this
 *                      many epochs, counted from the later of its best epoch and the end of the KL warm-up; 0 (the
 *                      default) trains to {@code epochs}. Needs a validation split
 */
public record RunSettings(int epochs, int batchSize, Preprocessing.Binarization binarization, String dataId,
                          DataOrigin dataOrigin, String dataLocation, int validationExamples, int patience) {
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
        if (validationExamples < 0) {
            throw new IllegalArgumentException("--validation must be >= 0 images, got " + validationExamples);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("--early-stopping must be >= 0 epochs, got " + patience);
        }
        if (patience > 0 && validationExamples == 0) {
            throw new IllegalArgumentException("--early-stopping " + patience + " needs a validation split: pass "
                    + "--validation N to hold out N training images (stopping on the test images would tune to them)");
        }
    }

    /** Settings for training on {@code source}. */
    public static RunSettings of(int epochs, int batchSize, Preprocessing.Binarization binarization,
                                 IdxDataSource source) {
        return new RunSettings(epochs, batchSize, binarization, source.id(), source.origin(), source.location(), 0, 0);
    }

    /** The same settings with another epoch target. */
    public RunSettings withEpochs(int newEpochs) {
        return new RunSettings(newEpochs, batchSize, binarization, dataId, dataOrigin, dataLocation,
                validationExamples, patience);
    }

    /** The same settings with a validation split of {@code examples} images and early stopping after {@code epochs}. */
    public RunSettings withValidation(int examples, int epochs) {
        return new RunSettings(this.epochs, batchSize, binarization, dataId, dataOrigin, dataLocation, examples,
                epochs);
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
            com.fasterxml.jackson.databind.JsonNode tree = JSON.readTree(file.toFile());
            if (tree instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
                // Fields that run.json files written before they existed lack, with the value such runs had.
                for (String added : new String[] {"validationExamples", "patience"}) {
                    if (!object.has(added)) {
                        object.put(added, 0);
                    }
                }
            }
            return JSON.treeToValue(tree, RunSettings.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + " is not a valid run.json: " + e.getOriginalMessage(), e);
        }
    }
}
