package io.github.dl4jvae.scaleout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.dl4jvae.model.Provenance;
import java.util.List;
import java.util.Objects;

/**
 * What a data-parallel training run did and reached: the engine and its settings, the provenance of the model,
 * and per epoch the examples, seconds and negative ELBO. Saved inside the model file by {@link TrainedModels}.
 *
 * <p>All scores are the VAE's mean negative ELBO per example in nats (reconstruction term plus beta times KL),
 * evaluated by DL4J's inference score at z = the posterior mean, on the evaluation data the trainer was given:
 * the same figure {@code ComputationGraph.score(dataSet)} gives for the network on one machine.
 *
 * @param engine              the engine that trained
 * @param workers             parallel workers (threads of {@code ParallelWrapper}, or partitions per averaging
 *                            round on Spark); 1 for {@link Engine#FIT}
 * @param averagingFrequency  steps per worker between parameter averagings (1 for {@link Engine#FIT})
 * @param batchSizePerWorker  examples per minibatch of one worker
 * @param provenance          seed, data set, library/DL4J versions, backend, date, epochs and optimizer steps
 * @param initialNegativeElbo the evaluation score before the first epoch
 * @param epochs              one entry per epoch, in order, at least one
 */
public record TrainingReport(Engine engine, int workers, int averagingFrequency, int batchSizePerWorker,
                             Provenance provenance, double initialNegativeElbo, List<TrainingEpoch> epochs) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Validates the components and copies the epoch list. */
    public TrainingReport {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(provenance, "provenance");
        if (workers < 1) {
            throw new IllegalArgumentException("workers " + workers + " is invalid; expected at least 1");
        }
        if (averagingFrequency < 1) {
            throw new IllegalArgumentException("averaging frequency " + averagingFrequency
                    + " is invalid; expected at least 1");
        }
        if (batchSizePerWorker < 1) {
            throw new IllegalArgumentException("batch size per worker " + batchSizePerWorker
                    + " is invalid; expected at least 1");
        }
        if (!Double.isFinite(initialNegativeElbo)) {
            throw new IllegalArgumentException("initial negative ELBO " + initialNegativeElbo + " is not finite");
        }
        if (epochs == null || epochs.isEmpty()) {
            throw new IllegalArgumentException("a training report needs at least one epoch");
        }
        epochs = List.copyOf(epochs);
        for (int i = 0; i < epochs.size(); i++) {
            if (epochs.get(i).epoch() != i + 1) {
                throw new IllegalArgumentException("epoch entry " + i + " is numbered " + epochs.get(i).epoch()
                        + "; expected " + (i + 1) + " (entries in order from 1)");
            }
        }
    }

    /** The evaluation score after the last epoch, nats per example. */
    public double finalNegativeElbo() {
        return epochs.get(epochs.size() - 1).negativeElbo();
    }

    /** Training examples over all epochs. */
    public long examples() {
        return epochs.stream().mapToLong(TrainingEpoch::examples).sum();
    }

    /** Training seconds over all epochs (evaluations excluded). */
    public double seconds() {
        return epochs.stream().mapToDouble(TrainingEpoch::seconds).sum();
    }

    /** Training examples per second over the epochs from {@code fromEpoch} (1-based) on: skip warm-up epochs. */
    public double examplesPerSecond(int fromEpoch) {
        if (fromEpoch < 1 || fromEpoch > epochs.size()) {
            throw new IllegalArgumentException("epoch " + fromEpoch + " is outside 1.." + epochs.size());
        }
        List<TrainingEpoch> counted = epochs.subList(fromEpoch - 1, epochs.size());
        double seconds = counted.stream().mapToDouble(TrainingEpoch::seconds).sum();
        long examples = counted.stream().mapToLong(TrainingEpoch::examples).sum();
        return seconds > 0 ? examples / seconds : 0.0;
    }

    /** This report as indented JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the training report as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a report written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException if the text is not such a report (the message says what is wrong)
     */
    public static TrainingReport fromJson(String json) {
        Objects.requireNonNull(json, "json");
        try {
            return JSON.readValue(json, TrainingReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a training report: " + e.getOriginalMessage(), e);
        }
    }
}
