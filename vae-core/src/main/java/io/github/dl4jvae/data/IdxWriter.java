package io.github.dl4jvae.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes IDX files that {@link IdxParser} and {@link IdxRecordReader} read: idx3 unsigned-byte images
 * ({@code magic 0x00000803}, count, rows, columns) and idx1 unsigned-byte labels ({@code magic 0x00000801},
 * count), big-endian header, optionally gzip-compressed (at {@link Deflater#BEST_COMPRESSION}).
 *
 * <p>Use it to convert data to the format, or to make test fixtures. Existing files are replaced.
 */
public final class IdxWriter {

    private IdxWriter() {
    }

    /**
     * Writes an idx3 images file.
     *
     * @param file destination; its parent directory must exist
     * @param images the images to write
     * @param gzip whether to gzip-compress the file (the name is not changed or checked)
     * @throws IOException if the file cannot be written
     */
    public static void writeImages(Path file, IdxImages images, boolean gzip) throws IOException {
        Objects.requireNonNull(images, "images");
        try (OutputStream out = open(file, gzip)) {
            writeImages(out, images);
        }
    }

    /**
     * Writes an idx3 images file from row-major unsigned-byte pixels.
     *
     * @param pixels {@code count * height * width} bytes, image after image, row-major, {@code count >= 1}
     * @throws IllegalArgumentException if the sizes do not fit (see {@link IdxImages#of})
     * @throws IOException if the file cannot be written
     */
    public static void writeImages(Path file, int height, int width, byte[] pixels, boolean gzip)
            throws IOException {
        writeImages(file, IdxImages.of(file.toUri(), height, width, pixels), gzip);
    }

    /**
     * Writes an uncompressed idx3 images file to {@code out}, which is flushed but not closed.
     *
     * @throws IOException if writing fails
     */
    public static void writeImages(OutputStream out, IdxImages images) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(IdxFormat.IMAGES_MAGIC);
        data.writeInt(images.count());
        data.writeInt(images.height());
        data.writeInt(images.width());
        data.write(images.pixelsUnsafe());
        data.flush();
    }

    /**
     * Writes an idx1 labels file.
     *
     * @param gzip whether to gzip-compress the file
     * @throws IOException if the file cannot be written
     */
    public static void writeLabels(Path file, IdxLabels labels, boolean gzip) throws IOException {
        Objects.requireNonNull(labels, "labels");
        try (OutputStream out = open(file, gzip)) {
            writeLabels(out, labels);
        }
    }

    /**
     * Writes an idx1 labels file from class indices.
     *
     * @param labels at least one value, each 0..255
     * @throws IllegalArgumentException if a label is outside 0..255 or the array is empty
     * @throws IOException if the file cannot be written
     */
    public static void writeLabels(Path file, int[] labels, boolean gzip) throws IOException {
        writeLabels(file, IdxLabels.of(file.toUri(), labels), gzip);
    }

    /**
     * Writes an uncompressed idx1 labels file to {@code out}, which is flushed but not closed.
     *
     * @throws IOException if writing fails
     */
    public static void writeLabels(OutputStream out, IdxLabels labels) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(IdxFormat.LABELS_MAGIC);
        data.writeInt(labels.count());
        for (int i = 0; i < labels.count(); i++) {
            data.writeByte(labels.label(i));
        }
        data.flush();
    }

    private static OutputStream open(Path file, boolean gzip) throws IOException {
        Objects.requireNonNull(file, "file");
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        if (!gzip) {
            return out;
        }
        return new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        };
    }
}
