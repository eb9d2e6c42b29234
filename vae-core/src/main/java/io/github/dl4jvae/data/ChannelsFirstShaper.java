package io.github.dl4jvae.data;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/**
 * Reshapes flat image features {@code [batch, channels*height*width]} (row-major pixels, channel-major
 * when several channels) to {@code [batch, channels, height, width]} for convolutional models.
 */
public final class ChannelsFirstShaper implements DataSetPreProcessor {

    private static final long serialVersionUID = 1L;

    private final int channels;
    private final int height;
    private final int width;

    /**
     * @throws IllegalArgumentException if a size is below 1
     */
    public ChannelsFirstShaper(int channels, int height, int width) {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image shape " + channels + "x" + height + "x" + width
                    + " is invalid; channels, height and width must be >= 1");
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /**
     * @throws IllegalArgumentException if the features are not {@code [batch, channels*height*width]}
     */
    @Override
    public void preProcess(DataSet dataSet) {
        INDArray features = dataSet.getFeatures();
        long perExample = (long) channels * height * width;
        if (features.rank() != 2 || features.size(1) != perExample) {
            throw new IllegalArgumentException("features of shape " + Arrays.toString(features.shape())
                    + " cannot become [batch, " + channels + ", " + height + ", " + width + "]; expected [batch, "
                    + perExample + "]");
        }
        dataSet.setFeatures(features.reshape('c', features.size(0), channels, height, width));
    }
}
