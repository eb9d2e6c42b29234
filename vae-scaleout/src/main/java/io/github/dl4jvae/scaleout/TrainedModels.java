package io.github.dl4jvae.scaleout;

import java.io.File;
import java.io.IOException;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Saves and loads networks trained on several workers: an ordinary {@code ModelSerializer} zip (configuration,
 * parameters, Adam state), which any DL4J program restores, plus the {@link TrainingReport} as the JSON entry
 * {@value #REPORT_ENTRY}.
 */
public final class TrainedModels {

    /** The key of the training report among the zip's extra objects. */
    public static final String REPORT_ENTRY = "dl4jvae-training-report.json";

    private TrainedModels() {
    }

    /**
     * Writes {@code network} with its updater state and {@code report} to {@code file} (replaced if present).
     *
     * @throws IOException if the file cannot be written
     */
    public static void save(ComputationGraph network, TrainingReport report, File file) throws IOException {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(file, "file");
        File parent = file.getAbsoluteFile().getParentFile();
        if (parent != null && !parent.isDirectory() && !parent.mkdirs()) {
            throw new IOException(parent + ": cannot create the directory for the model file");
        }
        ModelSerializer.writeModel(network, file, true);
        try {
            ModelSerializer.addObjectToFile(file, REPORT_ENTRY, report.toJson());
        } catch (RuntimeException e) {
            throw new IOException(file + ": cannot add the training report to the model file (" + e + ")", e);
        }
    }

    /**
     * Restores the network of {@code file} with its updater state, ready to continue training.
     *
     * @throws IOException if the file cannot be read or is not a DL4J ComputationGraph zip
     */
    public static ComputationGraph load(File file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (!file.isFile()) {
            throw new IOException(file.getAbsolutePath() + ": no such model file");
        }
        return ModelSerializer.restoreComputationGraph(file, true);
    }

    /**
     * The training report saved in {@code file}.
     *
     * @throws IOException if the file cannot be read or holds no report (e.g. it was written by
     *     {@code ModelSerializer} alone)
     */
    public static TrainingReport report(File file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (!file.isFile()) {
            throw new IOException(file.getAbsolutePath() + ": no such model file");
        }
        Object json;
        try {
            if (!ModelSerializer.listObjectsInFile(file).contains(REPORT_ENTRY)) {
                throw new IOException(file + ": holds no " + REPORT_ENTRY
                        + "; expected a model saved by TrainedModels.save");
            }
            json = ModelSerializer.getObjectFromFile(file, REPORT_ENTRY);
        } catch (RuntimeException e) {
            throw new IOException(file + ": cannot read " + REPORT_ENTRY + " (" + e + ")", e);
        }
        if (!(json instanceof String text)) {
            throw new IOException(file + ": " + REPORT_ENTRY + " holds a " + json.getClass().getName()
                    + "; expected the report's JSON text");
        }
        try {
            return TrainingReport.fromJson(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
