package io.github.dl4jvae.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A numeric CSV file of tabular examples, one per line, for {@link CsvData}: e.g. sensor readings for
 * anomaly detection with a VAE.
 *
 * @param file the CSV file, not null
 * @param skipLines header lines to skip, {@code >= 0}
 * @param delimiter the column separator, e.g. {@code ','}
 * @param labelColumn the 0-based column holding a class index {@code 0..numClasses-1}, or {@link #NO_LABEL}
 *     ({@code -1}) when every column is a feature
 * @param numClasses number of classes when labelled, {@code >= 2}; {@code 0} when unlabelled
 */
public record CsvSpec(Path file, int skipLines, char delimiter, int labelColumn, int numClasses) {

    /** {@code labelColumn} value meaning "no label column". */
    public static final int NO_LABEL = -1;

    /** Validates every component. */
    public CsvSpec {
        Objects.requireNonNull(file, "file");
        if (skipLines < 0) {
            throw new IllegalArgumentException("skipLines " + skipLines + " is invalid; expected >= 0");
        }
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("delimiter '" + delimiter + "' is invalid; expected e.g. ',' or ';'");
        }
        if (labelColumn < NO_LABEL) {
            throw new IllegalArgumentException(
                    "labelColumn " + labelColumn + " is invalid; expected a 0-based column index or -1 for none");
        }
        if (labelColumn == NO_LABEL && numClasses != 0) {
            throw new IllegalArgumentException("numClasses " + numClasses + " given without a label column;"
                    + " expected 0 when labelColumn is -1");
        }
        if (labelColumn != NO_LABEL && numClasses < 2) {
            throw new IllegalArgumentException("numClasses " + numClasses + " is invalid for label column "
                    + labelColumn + "; expected >= 2");
        }
    }

    /** A comma-separated file whose columns are all features. */
    public static CsvSpec unlabeled(Path file, int skipLines) {
        return new CsvSpec(file, skipLines, ',', NO_LABEL, 0);
    }

    /** A comma-separated file with a class-index column. */
    public static CsvSpec labeled(Path file, int skipLines, int labelColumn, int numClasses) {
        return new CsvSpec(file, skipLines, ',', labelColumn, numClasses);
    }

    /** Whether the file has a label column. */
    public boolean hasLabel() {
        return labelColumn != NO_LABEL;
    }
}
