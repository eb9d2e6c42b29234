package io.github.dl4jvae.data;

import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Wraps an iterator of unlabelled data so that every {@link DataSet} carries a copy of its features as its
 * labels: the reconstruction target of an autoencoder. This iterator's own pre-processor runs before the
 * copy, so a normalizer set here is applied to features and target alike.
 */
public final class FeaturesAsLabelsIterator implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    private final DataSetIterator base;
    private DataSetPreProcessor preProcessor;

    /** @param base the iterator of feature-only data sets (its labels are replaced) */
    public FeaturesAsLabelsIterator(DataSetIterator base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    @Override
    public DataSet next(int num) {
        return withTarget(base.next(num));
    }

    @Override
    public DataSet next() {
        return withTarget(base.next());
    }

    private DataSet withTarget(DataSet dataSet) {
        if (preProcessor != null) {
            preProcessor.preProcess(dataSet);
        }
        dataSet.setLabels(dataSet.getFeatures().dup());
        return dataSet;
    }

    @Override
    public int inputColumns() {
        return base.inputColumns();
    }

    /** The label width, which equals the feature width. */
    @Override
    public int totalOutcomes() {
        return base.inputColumns();
    }

    @Override
    public boolean resetSupported() {
        return base.resetSupported();
    }

    @Override
    public boolean asyncSupported() {
        return base.asyncSupported();
    }

    @Override
    public void reset() {
        base.reset();
    }

    @Override
    public int batch() {
        return base.batch();
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /** Null: the labels are features, not classes. */
    @Override
    public List<String> getLabels() {
        return null;
    }

    @Override
    public boolean hasNext() {
        return base.hasNext();
    }
}
