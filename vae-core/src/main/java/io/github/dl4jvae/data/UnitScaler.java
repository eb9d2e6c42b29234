package io.github.dl4jvae.data;

import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/**
 * Scales unsigned-byte pixel features to [0,1]: {@code x = pixel / 255}, in place. Labels are untouched.
 */
public final class UnitScaler implements DataSetPreProcessor {

    private static final long serialVersionUID = 1L;

    /** The largest unsigned-byte pixel value, mapped to 1. */
    public static final double MAX_PIXEL = 255.0;

    @Override
    public void preProcess(DataSet dataSet) {
        dataSet.getFeatures().divi(MAX_PIXEL);
    }
}
