package io.github.dl4jvae.data;

import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Minibatches of an {@link IdxRecordReader}, built whole by {@link IdxRecordReader#nextDataSet}: the same batches, in
 * the same order (a shuffling reader draws a new permutation at each {@link #reset()}), as DL4J's
 * {@code RecordReaderDataSetIterator} over the reader with the label column {@link IdxRecordReader#labelColumn()},
 * without its {@code Writable} per pixel, which made reading a batch of 128 Fashion-MNIST images cost about as much
 * as a training step on it. {@link VaeData#iterator} returns one.
 */
public final class IdxDataSetIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    private final IdxRecordReader reader;
    private final int batchSize;
    private final int classes;
    private DataSetPreProcessor preProcessor;

    /**
     * Batches of {@code batchSize} images of an initialized {@code reader} with labels of {@code classes} classes.
     *
     * @throws IllegalArgumentException if {@code batchSize} or {@code classes} is below 1
     */
    public IdxDataSetIterator(IdxRecordReader reader, int batchSize, int classes) {
        this.reader = Objects.requireNonNull(reader, "reader");
        if (batchSize < 1 || classes < 1) {
            throw new IllegalArgumentException("batch size and classes must be >= 1, got " + batchSize + " and "
                    + classes);
        }
        this.batchSize = batchSize;
        this.classes = classes;
    }

    @Override
    public DataSet next(int num) {
        DataSet batch = reader.nextDataSet(num, classes);
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public boolean hasNext() {
        return reader.hasNext();
    }

    @Override
    public int inputColumns() {
        return reader.height() * reader.width();
    }

    @Override
    public int totalOutcomes() {
        return classes;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    /** Starts again at the first image; a shuffling reader draws a new permutation. */
    @Override
    public void reset() {
        reader.reset();
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return reader.getLabels();
    }
}
