package io.github.dl4jvae.runs;

import io.github.dl4jvae.model.AtomicFile;
import io.github.dl4jvae.pictures.EpochMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code metrics.csv}: a header ({@value #HEADER}, or {@value #VALIDATION_HEADER} for a run that evaluates a
 * validation split held out of the training images after every epoch) and one {@link EpochMetrics} row per epoch, comma-separated,
 * numbers with a dot; the last column holds one KL per latent dimension, separated by {@code ;}. Rows are added as epochs end, so an interrupted run keeps the rows it finished; every change
 * rewrites the file atomically ({@link AtomicFile}).
 */
public final class MetricsFile {
    /** The header line, in the order of {@link EpochMetrics}' components. */
    public static final String HEADER = "epoch,train_loss,train_negative_elbo,train_reconstruction,train_kl,"
            + "test_negative_elbo,test_reconstruction,test_kl,seconds,examples_per_second,active_units,"
            + "kl_per_dimension";
    /** The header of a run evaluated on a validation split: the same columns, named {@code validation_*}. */
    public static final String VALIDATION_HEADER = "epoch,train_loss,train_negative_elbo,train_reconstruction,"
            + "train_kl,validation_negative_elbo,validation_reconstruction,validation_kl,seconds,examples_per_second,"
            + "active_units,kl_per_dimension";
    private static final int COLUMNS = HEADER.split(",").length;

    private MetricsFile() {
    }

    /** Writes a file holding only the header (replacing any file there). */
    public static void create(Path file) throws IOException {
        create(file, false);
    }

    /** Writes a file holding only the header, {@value #VALIDATION_HEADER} when {@code validation} is true. */
    public static void create(Path file, boolean validation) throws IOException {
        AtomicFile.standard().writeString(file, (validation ? VALIDATION_HEADER : HEADER) + "\n");
    }

    /** Adds one row: the file is rewritten with it, atomically, so that a crash never leaves half a row. */
    public static void append(Path file, EpochMetrics row) throws IOException {
        AtomicFile.standard().writeString(file, Files.readString(file, StandardCharsets.UTF_8) + format(row) + "\n");
    }

    /** Rewrites the file with the given rows under its header, atomically. */
    public static void write(Path file, List<EpochMetrics> rows) throws IOException {
        StringBuilder text = new StringBuilder(header(Files.readAllLines(file, StandardCharsets.UTF_8), file))
                .append('\n');
        for (EpochMetrics row : rows) {
            text.append(format(row)).append('\n');
        }
        AtomicFile.standard().writeString(file, text.toString());
    }

    /**
     * Reads every row.
     *
     * @throws IOException if the file is missing, its header is neither {@value #HEADER} nor
     *     {@value #VALIDATION_HEADER}, or a row is malformed (the message names the line)
     */
    public static List<EpochMetrics> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        header(lines, file);
        List<EpochMetrics> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != COLUMNS) {
                throw new IOException(file + " line " + (i + 1) + " has " + cells.length + " columns; expected "
                        + COLUMNS);
            }
            try {
                double[] v = new double[COLUMNS - 2];
                for (int c = 1; c < COLUMNS - 2; c++) {
                    v[c] = Double.parseDouble(cells[c]);
                }
                List<Double> kl = new ArrayList<>();
                for (String value : cells[COLUMNS - 1].split(";")) {
                    if (!value.isEmpty()) {
                        kl.add(Double.parseDouble(value));
                    }
                }
                rows.add(new EpochMetrics(Integer.parseInt(cells[0]), v[1], v[2], v[3], v[4], v[5], v[6], v[7],
                        v[8], v[9], Integer.parseInt(cells[COLUMNS - 2]), kl));
            } catch (NumberFormatException e) {
                throw new IOException(file + " line " + (i + 1) + " holds a value that is not a number: " + line, e);
            }
        }
        return rows;
    }

    private static String header(List<String> lines, Path file) throws IOException {
        if (lines.isEmpty() || !lines.get(0).equals(HEADER) && !lines.get(0).equals(VALIDATION_HEADER)) {
            throw new IOException(file + " does not start with the metrics header; expected \"" + HEADER + "\"");
        }
        return lines.get(0);
    }

    /** One row as written to the file. */
    public static String format(EpochMetrics r) {
        StringBuilder kl = new StringBuilder();
        for (double value : r.klPerDimension()) {
            kl.append(kl.length() == 0 ? "" : ";").append(String.format(Locale.ROOT, "%.4f", value));
        }
        return String.format(Locale.ROOT, "%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.3f,%.1f,%d,%s", r.epoch(),
                r.trainLoss(), r.trainNegativeElbo(), r.trainReconstruction(), r.trainKl(), r.testNegativeElbo(),
                r.testReconstruction(), r.testKl(), r.seconds(), r.examplesPerSecond(), r.activeUnits(), kl);
    }
}
