package io.github.dl4jvae.config;

/**
 * Shape of one example as {@code [channels, height, width]}. Tabular data of width {@code d} is
 * {@code [1, 1, d]}; a 28x28 grey image is {@code [1, 28, 28]}. Models always see examples flattened to
 * {@link #size()} values in channel-major (C, H, W) order, the order ND4J uses for NCHW images.
 *
 * @param channels number of channels, at least 1
 * @param height   height in pixels (1 for tabular data), at least 1
 * @param width    width in pixels (or the number of columns), at least 1
 */
public record InputShape(int channels, int height, int width) {

    /** Validates that every dimension is positive and the total size fits an int. */
    public InputShape {
        Checks.inRange("inputShape.channels", channels, 1, 4096);
        Checks.inRange("inputShape.height", height, 1, 1 << 16);
        Checks.inRange("inputShape.width", width, 1, 1 << 24);
        long size = (long) channels * height * width;
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("inputShape " + channels + "x" + height + "x" + width
                    + " has " + size + " values; at most " + Integer.MAX_VALUE + " are supported");
        }
    }

    /** A grey-scale image of the given size, e.g. {@code image(28, 28)} for (Fashion-)MNIST. */
    public static InputShape image(int height, int width) {
        return new InputShape(1, height, width);
    }

    /** A row of {@code width} tabular values. */
    public static InputShape vector(int width) {
        return new InputShape(1, 1, width);
    }

    /** Number of values in one flattened example: channels * height * width. */
    public int size() {
        return channels * height * width;
    }
}
