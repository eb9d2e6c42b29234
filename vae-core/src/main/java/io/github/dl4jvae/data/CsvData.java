package io.github.dl4jvae.data;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.Writable;
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
     * @throws IOException if the file cannot be read, has no data line after the skipped lines, or its first
     *     data line has too few columns for the label column (the message names the file)
     * @throws IllegalArgumentException if {@code batchSize < 1}
     */
    public static DataSetIterator iterator(CsvSpec source, int batchSize) throws IOException {
        VaeData.checkBatchSize(batchSize);
        if (!Files.isReadable(source.file()) || Files.isDirectory(source.file())) {
            throw new IOException(source.file().toAbsolutePath() + ": is not a readable file; expected a CSV file");
        }
        CSVRecordReader reader = new CSVRecordReader(source.skipLines(), source.delimiter());
        try {
            reader.initialize(new FileSplit(source.file().toFile()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening " + source.file(), e);
        }
        if (!reader.hasNext()) {
            throw new IOException(source.file().toAbsolutePath() + ": has no data line after the " + source.skipLines()
                    + " skipped lines; expected at least one example");
        }
        List<Writable> first = reader.next();
        int columns = first.size();
        if (source.hasLabel() && (source.labelColumn() >= columns || columns < 2)) {
            throw new IOException(source.file().toAbsolutePath() + ": the first data line has " + columns
                    + " columns; expected the label column " + source.labelColumn() + " and at least one feature");
        }
        reader.reset();
        if (source.hasLabel()) {
            return new RecordReaderDataSetIterator(reader, batchSize, source.labelColumn(), source.numClasses());
        }
        return new FeaturesAsLabelsIterator(new RecordReaderDataSetIterator(reader, batchSize));
    }
}
