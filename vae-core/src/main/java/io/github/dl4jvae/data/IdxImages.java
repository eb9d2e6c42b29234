package io.github.dl4jvae.data;

import java.net.URI;
import java.util.Objects;

/**
 * The images of one idx3 file in memory: {@code count} grey-scale images of {@code height x width}
 * unsigned-byte pixels (0 = background, 255 = full intensity in Fashion-MNIST), row-major.
 *
 * <p>Instances are immutable: the pixel array is owned by this object and only copies leave it.
 */
public final class IdxImages implements IdxContent {

    private static final long serialVersionUID = 1L;

    private final URI source;
    private final int count;
    private final int height;
    private final int width;
    private final byte[] pixels;

    /**
     * Wraps pixels already validated against the header (package-private: use {@link IdxParser} or
     * {@link #of(URI, int, int, byte[])}).
     */
    IdxImages(URI source, int count, int height, int width, byte[] pixels) {
        this.source = source;
        this.count = count;
        this.height = height;
        this.width = width;
        this.pixels = pixels;
    }

    /**
     * Creates images from row-major unsigned-byte pixels (a copy is taken).
     *
     * @param source where the pixels come from (used in messages), not null
     * @param height rows per image, at least 1
     * @param width columns per image, at least 1
     * @param pixels {@code count * height * width} bytes, {@code count >= 1}
     * @throws IllegalArgumentException if a size is out of range or the length is not a positive multiple
     *     of {@code height * width}
     */
    public static IdxImages of(URI source, int height, int width, byte[] pixels) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(pixels, "pixels");
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "image size " + height + "x" + width + " is invalid; height and width must be >= 1");
        }
        long perImage = (long) height * width;
        if (pixels.length == 0 || pixels.length % perImage != 0) {
            throw new IllegalArgumentException("pixel array of length " + pixels.length
                    + " is not a positive multiple of " + height + "x" + width + " = " + perImage);
        }
        return new IdxImages(source, (int) (pixels.length / perImage), height, width, pixels.clone());
    }

    @Override
    public URI source() {
        return source;
    }

    @Override
    public int count() {
        return count;
    }

    /** Rows per image. */
    public int height() {
        return height;
    }

    /** Columns per image. */
    public int width() {
        return width;
    }

    /** Pixels per image, {@code height * width}. */
    public int pixelsPerImage() {
        return height * width;
    }

    /**
     * Returns one pixel as an unsigned value 0..255.
     *
     * @throws IndexOutOfBoundsException if an index is outside {@code 0..count-1}, {@code 0..height-1}
     *     or {@code 0..width-1}
     */
    public int pixel(int image, int row, int column) {
        Objects.checkIndex(image, count);
        Objects.checkIndex(row, height);
        Objects.checkIndex(column, width);
        return pixels[(image * height + row) * width + column] & 0xFF;
    }

    /** Returns image {@code image} as {@code height * width} unsigned values 0..255, row-major (a copy). */
    public int[] image(int image) {
        Objects.checkIndex(image, count);
        int n = pixelsPerImage();
        int[] out = new int[n];
        int offset = image * n;
        for (int i = 0; i < n; i++) {
            out[i] = pixels[offset + i] & 0xFF;
        }
        return out;
    }

    /** Returns all pixels as unsigned bytes, row-major, image after image (a copy). */
    public byte[] toByteArray() {
        return pixels.clone();
    }

    /** The pixel array itself, for package code that does not modify it. */
    byte[] pixelsUnsafe() {
        return pixels;
    }

    @Override
    public String toString() {
        return "IdxImages[" + count + " images of " + height + "x" + width + " from " + source + "]";
    }
}
