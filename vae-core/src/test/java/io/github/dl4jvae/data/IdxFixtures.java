package io.github.dl4jvae.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/** Test fixtures: IDX bytes built by hand (independently of {@link IdxWriter}) and seeded random images. */
final class IdxFixtures {

    private IdxFixtures() {
    }

    /** Seeded random pixels 0..255 for {@code count} images of {@code h x w}. */
    static byte[] randomPixels(int count, int h, int w, long seed) {
        byte[] pixels = new byte[count * h * w];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) rng.nextInt(256);
        }
        return pixels;
    }

    /** Seeded random labels in {@code 0..numClasses-1}. */
    static int[] randomLabels(int count, int numClasses, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = rng.nextInt(numClasses);
        }
        return labels;
    }

    /** Raw idx3 bytes assembled with a ByteBuffer (big-endian): magic, count, rows, columns, pixels. */
    static byte[] imagesBytes(int magic, int count, int h, int w, byte[] pixels) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixels.length);
        b.putInt(magic).putInt(count).putInt(h).putInt(w).put(pixels);
        return b.array();
    }

    /** Raw idx1 bytes: magic, count, labels. */
    static byte[] labelsBytes(int magic, int count, int[] labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(magic).putInt(count);
        for (int label : labels) {
            b.put((byte) label);
        }
        return b.array();
    }

    /** gzip of {@code raw} with the JDK's default settings. */
    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    /** Writes {@code bytes} to {@code dir/name} and returns its URI. */
    static URI write(Path dir, String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file.toUri();
    }

    /** The embedded subset (resources under target/classes in tests). */
    static IdxDataSource subset() throws IOException {
        return FashionMnist.embeddedSubset();
    }
}
