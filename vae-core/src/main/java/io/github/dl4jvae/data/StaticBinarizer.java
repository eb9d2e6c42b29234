package io.github.dl4jvae.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/**
 * Binarizes [0,1] features with a fixed threshold: {@code x = 1 if x > threshold else 0}, keeping the data
 * type. Apply after {@link UnitScaler}.
 */
public final class StaticBinarizer implements DataSetPreProcessor {

    private static final long serialVersionUID = 1L;

    private final double threshold;

    /**
     * @param threshold in [0, 1)
     * @throws IllegalArgumentException if the threshold is outside [0, 1)
     */
    public StaticBinarizer(double threshold) {
        if (!(threshold >= 0.0 && threshold < 1.0)) {
            throw new IllegalArgumentException("binarization threshold " + threshold + " is outside [0, 1)");
        }
        this.threshold = threshold;
    }

    /** The threshold. */
    public double threshold() {
        return threshold;
    }

    @Override
    public void preProcess(DataSet dataSet) {
        INDArray features = dataSet.getFeatures();
        dataSet.setFeatures(features.gt(threshold).castTo(features.dataType()));
    }
}
