package io.github.dl4jvae.data;

import java.io.IOException;
import java.nio.file.Files;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Tabular data for VAEs through DataVec's {@link CSVRecordReader} and DL4J's
 * {@link RecordReaderDataSetIterator}, in file order.
 *
 * <p>Features are the numeric columns as they are (no scaling: attach e.g. a fitted
 * {@code NormalizerStandardize}, whose output then also becomes the target of an unlabelled file). Labels:
 * <ul>
 *   <li>labelled file: one-hot {@code [batch, numClasses]} from the label column, which is removed from the
 *       features;</li>
 *   <li>unlabelled file: a copy of the (pre-processed) features, the reconstruction target a DL4J output layer
 *       needs ({@link FeaturesAsLabelsIterator}).</li>
 * </ul>
 */
public final class CsvData {

    private CsvData() {
    }

    /**
     * A minibatch iterator over the CSV file.
     *
     * @param batchSize examples per batch, at least 1
     * @throws IOException if the file cannot be read, has no data line after the skipped lines, its first data
     *     line has too few columns for the label column, or a line is empty, has another number of columns than
     *     the first, a cell that is not a finite number or a label outside {@code 0..numClasses-1} (the message
     *     names the file, the line and the column; the whole file is read once to check it)
     * @throws IllegalArgumentException if {@code batchSize < 1}
     */
    public static DataSetIterator iterator(CsvSpec source, int batchSize) throws IOException {
        VaeData.checkBatchSize(batchSize);
        if (!Files.isReadable(source.file()) || Files.isDirectory(source.file())) {
            throw new IOException(source.file().toAbsolutePath() + ": is not a readable file; expected a CSV file");
        }
        CsvChecks.check(source);
        CSVRecordReader reader = new CSVRecordReader(source.skipLines(), source.delimiter());
        try {
            reader.initialize(new FileSplit(source.file().toFile()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening " + source.file(), e);
        }
        if (source.hasLabel()) {
            return new RecordReaderDataSetIterator(reader, batchSize, source.labelColumn(), source.numClasses());
        }
        return new FeaturesAsLabelsIterator(new RecordReaderDataSetIterator(reader, batchSize));
    }
}
