package io.github.dl4jvae.config;

import java.util.List;

/**
 * The feature maps of a CONV network, the one place their sizes are computed (for the SameDiff graph and for
 * the DL4J layers alike). Level 0 is the input {@code [C, H, W]}; level {@code i} is the output of the i-th
 * encoder convolution: {@link #KERNEL}x{@link #KERNEL}, stride 2, 'same' padding, so each level has
 * {@code ceil(size / 2)} rows and columns ({@link #halved(int)}) and {@code convChannels[i - 1]} channels. The
 * decoder walks the levels back with 2x upsampling, to {@link #upsampledHeight()} x {@link #upsampledWidth()},
 * and crops to the input's height and width when those are larger.
 */
public final class FeatureMaps {
    /** Height and width of every convolution kernel. */
    public static final int KERNEL = 3;

    private final int[] channels;
    private final int[] heights;
    private final int[] widths;

    private FeatureMaps(int[] channels, int[] heights, int[] widths) {
        this.channels = channels;
        this.heights = heights;
        this.widths = widths;
    }

    /**
     * The feature maps of a network with these convolution channels (empty for an MLP: level 0 only).
     *
     * @param shape        the input shape, level 0
     * @param convChannels output channels of each encoder convolution, level 1 up
     */
    public static FeatureMaps of(InputShape shape, List<Integer> convChannels) {
        int levels = convChannels.size();
        int[] c = new int[levels + 1];
        int[] h = new int[levels + 1];
        int[] w = new int[levels + 1];
        c[0] = shape.channels();
        h[0] = shape.height();
        w[0] = shape.width();
        for (int i = 1; i <= levels; i++) {
            c[i] = convChannels.get(i - 1);
            h[i] = halved(h[i - 1]);
            w[i] = halved(w[i - 1]);
        }
        return new FeatureMaps(c, h, w);
    }

    /** Output size of a stride-2 'same' convolution on {@code size} rows or columns: {@code ceil(size / 2)}. */
    public static int halved(int size) {
        return (size + 1) / 2;
    }

    /** Number of convolutions, so the top level's index. */
    public int levels() {
        return channels.length - 1;
    }

    /** Channels at {@code level}. */
    public int channels(int level) {
        return channels[level];
    }

    /** Rows at {@code level}. */
    public int height(int level) {
        return heights[level];
    }

    /** Columns at {@code level}. */
    public int width(int level) {
        return widths[level];
    }

    /** Values of one example at {@code level}: channels * height * width. */
    public int size(int level) {
        return channels[level] * heights[level] * widths[level];
    }

    /** Rows after the decoder's {@link #levels()} 2x upsamplings of the top level (at least the input's). */
    public int upsampledHeight() {
        return heights[levels()] << levels();
    }

    /** Columns after the decoder's {@link #levels()} 2x upsamplings of the top level (at least the input's). */
    public int upsampledWidth() {
        return widths[levels()] << levels();
    }
}
