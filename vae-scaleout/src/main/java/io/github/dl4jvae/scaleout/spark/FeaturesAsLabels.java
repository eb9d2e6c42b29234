package io.github.dl4jvae.scaleout.spark;

import org.apache.spark.api.java.function.Function;
import org.nd4j.linalg.dataset.DataSet;

/** A minibatch whose labels are its features: the reconstruction target of the VAE (class labels are dropped). */
final class FeaturesAsLabels implements Function<DataSet, DataSet> {
    private static final long serialVersionUID = 1L;

    @Override
    public DataSet call(DataSet minibatch) {
        return minibatch.getLabels() == minibatch.getFeatures() ? minibatch
                : new DataSet(minibatch.getFeatures(), minibatch.getFeatures());
    }
}
