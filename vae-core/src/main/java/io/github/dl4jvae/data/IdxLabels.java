package io.github.dl4jvae.data;

import java.net.URI;
import java.util.Objects;

/**
 * The labels of one idx1 file in memory: one unsigned-byte class index (0..255) per image, with the
 * largest value seen. Instances are immutable.
 */
public final class IdxLabels implements IdxContent {

    private static final long serialVersionUID = 1L;

    private final URI source;
    private final byte[] labels;
    private final int maxLabel;

    /** Wraps labels read by {@link IdxParser} (package-private; use {@link #of(URI, int[])}). */
    IdxLabels(URI source, byte[] labels) {
        this.source = source;
        this.labels = labels;
        int max = 0;
        for (byte b : labels) {
            max = Math.max(max, b & 0xFF);
        }
        this.maxLabel = max;
    }

    /**
     * Creates labels from class indices.
     *
     * @param source where the labels come from (used in messages), not null
     * @param labels at least one value, each in 0..255
     * @throws IllegalArgumentException if the array is empty or a value is outside 0..255
     */
    public static IdxLabels of(URI source, int[] labels) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(labels, "labels");
        if (labels.length == 0) {
            throw new IllegalArgumentException("labels must hold at least one value, found 0");
        }
        byte[] bytes = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 255) {
                throw new IllegalArgumentException(
                        "label " + labels[i] + " at index " + i + " is outside the IDX unsigned-byte range 0..255");
            }
            bytes[i] = (byte) labels[i];
        }
        return new IdxLabels(source, bytes);
    }

    @Override
    public URI source() {
        return source;
    }

    @Override
    public int count() {
        return labels.length;
    }

    /** The largest label value in the file (0..255). */
    public int maxLabel() {
        return maxLabel;
    }

    /**
     * Returns label {@code index} as 0..255.
     *
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code 0..count-1}
     */
    public int label(int index) {
        return labels[Objects.checkIndex(index, labels.length)] & 0xFF;
    }

    /** Returns all labels as values 0..255 (a copy). */
    public int[] toIntArray() {
        int[] out = new int[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels[i] & 0xFF;
        }
        return out;
    }

    /**
     * Counts the examples of each class.
     *
     * @param numClasses length of the result; must exceed {@link #maxLabel()}
     * @return {@code counts[c]} = number of labels equal to {@code c}
     * @throws IllegalArgumentException if {@code numClasses <= maxLabel()}
     */
    public long[] classCounts(int numClasses) {
        if (numClasses <= maxLabel) {
            throw new IllegalArgumentException("numClasses " + numClasses + " is too small: " + source
                    + " holds label " + maxLabel + ", so numClasses must be >= " + (maxLabel + 1));
        }
        long[] counts = new long[numClasses];
        for (byte b : labels) {
            counts[b & 0xFF]++;
        }
        return counts;
    }

    @Override
    public String toString() {
        return "IdxLabels[" + labels.length + " labels, max " + maxLabel + ", from " + source + "]";
    }
}
