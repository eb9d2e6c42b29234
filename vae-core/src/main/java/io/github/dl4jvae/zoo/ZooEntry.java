package io.github.dl4jvae.zoo;

import io.github.dl4jvae.config.Likelihood;
import io.github.dl4jvae.config.VaeConfig;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One model of the zoo as the registry ({@value VaeZoo#REGISTRY_RESOURCE}) describes it. The architecture is
 * defined by {@link #config()}; the other fields are its metadata, checked against the config when the registry is
 * read.
 *
 * @param name         the model's id, lower case letters, digits and dashes (e.g. {@code "mlp-784-400-20"})
 * @param title        one line for people
 * @param paper        the paper (or example) the architecture comes from
 * @param architecture the encoder and decoder in words, with layer sizes and activations
 * @param likelihood   the decoder's observation model; equals {@code config.likelihood()}
 * @param inputShape   {@code [channels, height, width]}; equals {@code config.inputShape()}
 * @param latentSize   dimension of z; equals {@code config.latentSize()}
 * @param dataSet      the data set the model is meant for (and, with weights, was trained on)
 * @param notes        choices and deviations from the paper
 * @param config       the full configuration the network is built from
 * @param pretrained   the embedded trained weights and their measured figures, or {@code null} when the model
 *                     has none (then {@link VaeZooModel#initPretrained()} is unavailable)
 * @param familyRun    the entry's measured row of the family table (a training run from scratch, no weights), or
 *                     {@code null} when it was not measured
 */
public record ZooEntry(String name, String title, String paper, String architecture, Likelihood likelihood,
                       List<Integer> inputShape, int latentSize, String dataSet, String notes, VaeConfig config,
                       PretrainedWeights pretrained, FamilyRun familyRun) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** Validates the fields and their agreement with the config. */
    public ZooEntry {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("zoo model name '" + name
                    + "' is invalid; expected lower-case letters, digits and single dashes, e.g. mlp-784-400-20");
        }
        for (String[] field : new String[][] {{"title", title}, {"paper", paper}, {"architecture", architecture},
                {"dataSet", dataSet}, {"notes", notes}}) {
            if (field[1] == null || field[1].isBlank()) {
                throw new IllegalArgumentException("zoo model " + name + ": " + field[0] + " is empty");
            }
        }
        if (config == null) {
            throw new IllegalArgumentException("zoo model " + name + ": config is missing");
        }
        inputShape = List.copyOf(inputShape == null ? List.of() : inputShape);
        List<Integer> configShape = List.of(config.inputShape().channels(), config.inputShape().height(),
                config.inputShape().width());
        if (!configShape.equals(inputShape)) {
            throw new IllegalArgumentException("zoo model " + name + ": inputShape " + inputShape
                    + " disagrees with its config's " + configShape);
        }
        if (latentSize != config.latentSize()) {
            throw new IllegalArgumentException("zoo model " + name + ": latentSize " + latentSize
                    + " disagrees with its config's " + config.latentSize());
        }
        if (likelihood != config.likelihood()) {
            throw new IllegalArgumentException("zoo model " + name + ": likelihood " + likelihood
                    + " disagrees with its config's " + config.likelihood());
        }
        if (familyRun != null && familyRun.activeUnits() > latentSize) {
            throw new IllegalArgumentException("zoo model " + name + ": familyRun has " + familyRun.activeUnits()
                    + " active units, more than its " + latentSize + " latent dimensions");
        }
    }

    /** Whether trained weights are embedded for this model. */
    public boolean hasPretrainedWeights() {
        return pretrained != null;
    }
}
