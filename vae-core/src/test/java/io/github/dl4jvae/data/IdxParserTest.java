package io.github.dl4jvae.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading real and hand-made IDX files, and the validation messages for broken ones. */
class IdxParserTest {

    @TempDir
    Path dir;

    /*
     * Expected values below were computed independently with Python 3 reading the full Debian files
     * (/usr/share/datasets/fashion-mnist/*.gz) with gzip + struct, e.g.
     *   d = gzip.open('train-images-idx3-ubyte.gz').read(); px = d[16:]; img0 = px[0:784]
     *   sum(img0) == 76247; sum(1 for b in img0 if b) == 433; list(img0[14*28:15*28]) == ROW_14
     *   l = gzip.open('train-labels-idx1-ubyte.gz').read(); l[8] == 9
     * The embedded subset holds the first 5000 train / 1000 test images, so the values are the same. Integer
     * pixel values: exact comparison.
     */
    private static final int[] IMAGE0_ROW_14 = {0, 0, 1, 4, 6, 7, 2, 0, 0, 0, 0, 0, 237, 226, 217, 223, 222, 219, 222,
        221, 216, 223, 229, 215, 218, 255, 77, 0};

    @Test
    void readsKnownPixelsAndLabelsOfTheEmbeddedTrainingSubset() throws IOException {
        IdxDataSource subset = IdxFixtures.subset();
        IdxImages images = IdxParser.readImages(subset.trainImages());
        IdxLabels labels = IdxParser.readLabels(subset.trainLabels());

        assertEquals(5000, images.count());
        assertEquals(28, images.height());
        assertEquals(28, images.width());
        assertEquals(5000, labels.count());
        assertEquals(9, labels.maxLabel());

        int[] image0 = images.image(0);
        assertEquals(76247, Arrays.stream(image0).sum());
        assertEquals(433, Arrays.stream(image0).filter(v -> v != 0).count());
        assertArrayEquals(IMAGE0_ROW_14, Arrays.copyOfRange(image0, 14 * 28, 15 * 28));
        assertEquals(217, images.pixel(0, 14, 14));
        assertEquals(9, labels.label(0)); // Ankle boot
        assertEquals("Ankle boot", FashionMnist.CLASS_NAMES.get(labels.label(0)));
        assertEquals(84598, Arrays.stream(images.image(1)).sum());
        assertEquals(0, labels.label(1)); // T-shirt/top
        assertEquals(29279, Arrays.stream(images.image(4999)).sum());
        assertEquals(3, labels.label(4999)); // Dress
        // python: train5000 counts
        assertArrayEquals(new long[] {457, 556, 504, 501, 488, 493, 493, 512, 490, 506}, labels.classCounts(10));
    }

    @Test
    void readsKnownValuesOfTheEmbeddedTestSubset() throws IOException {
        IdxDataSource subset = IdxFixtures.subset();
        IdxImages images = IdxParser.readImages(subset.testImages());
        IdxLabels labels = IdxParser.readLabels(subset.testLabels());
        assertEquals(1000, images.count());
        assertEquals(33456, Arrays.stream(images.image(0)).sum());
        assertEquals(9, labels.label(0));
        assertEquals(28316, Arrays.stream(images.image(999)).sum());
        assertEquals(7, labels.label(999));
        assertArrayEquals(new long[] {107, 105, 111, 93, 115, 87, 97, 95, 95, 95}, labels.classCounts(10));
    }

    @Test
    void detectsGzipByContentNotByName() throws IOException {
        byte[] pixels = IdxFixtures.randomPixels(2, 3, 4, 1);
        byte[] raw = IdxFixtures.imagesBytes(0x803, 2, 3, 4, pixels);
        URI gzipNamedRaw = IdxFixtures.write(dir, "images.idx", IdxFixtures.gzip(raw));
        URI rawNamedGzip = IdxFixtures.write(dir, "images.gz", raw);
        assertArrayEquals(pixels, IdxParser.readImages(gzipNamedRaw).toByteArray());
        assertArrayEquals(pixels, IdxParser.readImages(rawNamedGzip).toByteArray());
    }

    @Test
    void readsFromAJarUri() throws IOException {
        byte[] raw = IdxFixtures.labelsBytes(0x801, 3, new int[] {4, 0, 255});
        Path jar = dir.resolve("data.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("some/labels.gz"));
            out.write(IdxFixtures.gzip(raw));
            out.closeEntry();
        }
        URI uri = URI.create("jar:" + jar.toUri() + "!/some/labels.gz");
        IdxLabels labels = IdxParser.readLabels(uri);
        assertArrayEquals(new int[] {4, 0, 255}, labels.toIntArray());
        assertEquals(255, labels.maxLabel());
        assertEquals(uri, labels.source());
    }

    @Test
    void wrongMagicNamesFileFoundAndExpected() throws IOException {
        URI uri = IdxFixtures.write(dir, "bad.idx", IdxFixtures.imagesBytes(0x80D, 1, 1, 1, new byte[4]));
        IOException e = assertThrows(IOException.class, () -> IdxParser.read(uri));
        assertEquals(uri + ": magic number 0x0000080D is not that of an IDX unsigned-byte file; expected 0x00000803"
                + " (idx3 images) or 0x00000801 (idx1 labels)", e.getMessage());
    }

    @Test
    void shortFileGivesExpectedAndFoundByteCounts() throws IOException {
        byte[] full = IdxFixtures.imagesBytes(0x803, 60000, 28, 28, new byte[1218]);
        URI uri = IdxFixtures.write(dir, "train-images-idx3-ubyte.gz", IdxFixtures.gzip(full));
        IOException e = assertThrows(IOException.class, () -> IdxParser.read(uri));
        // 16 + 60000*28*28 = 47040016; found 16 + 1218 = 1234
        assertEquals(uri + ": expected 47040016 bytes after gunzip (16-byte header + 60000 images of 28x28), found 1234",
                e.getMessage());
    }

    @Test
    void trailingBytesAreAnError() throws IOException {
        byte[] raw = IdxFixtures.labelsBytes(0x801, 3, new int[] {1, 2, 3, 4, 5});
        URI uri = IdxFixtures.write(dir, "labels", raw);
        IOException e = assertThrows(IOException.class, () -> IdxParser.read(uri));
        assertEquals(uri + ": expected 11 bytes (8-byte header + 3 labels), found 13 (2 trailing bytes)",
                e.getMessage());
    }

    @Test
    void truncatedHeaderIsAnError() throws IOException {
        URI uri = IdxFixtures.write(dir, "short", Arrays.copyOf(IdxFixtures.imagesBytes(0x803, 1, 1, 1, new byte[1]), 10));
        IOException e = assertThrows(IOException.class, () -> IdxParser.read(uri));
        assertEquals(uri + ": expected a 16-byte idx3 header (magic, count, rows, columns), found 10 bytes",
                e.getMessage());
        URI empty = IdxFixtures.write(dir, "empty", new byte[0]);
        IOException e2 = assertThrows(IOException.class, () -> IdxParser.read(empty));
        assertTrue(e2.getMessage().startsWith(empty + ": expected an IDX header"), e2.getMessage());
    }

    @Test
    void zeroOrNegativeDimensionIsAnError() throws IOException {
        URI zero = IdxFixtures.write(dir, "zero", IdxFixtures.imagesBytes(0x803, 2, 0, 3, new byte[0]));
        IOException e = assertThrows(IOException.class, () -> IdxParser.read(zero));
        assertEquals(zero + ": row count in the header is 0; expected 1..2147483647", e.getMessage());
        URI negative = IdxFixtures.write(dir, "negative", IdxFixtures.imagesBytes(0x803, -1, 1, 1, new byte[0]));
        IOException e2 = assertThrows(IOException.class, () -> IdxParser.read(negative));
        assertEquals(negative + ": image count in the header is 4294967295; expected 1..2147483647", e2.getMessage());
    }

    @Test
    void giantHeaderFailsBeforeAllocating() throws IOException {
        // 2147483647 * 65536 * 65536 overflows int and long-by-int products; must be rejected from the header.
        URI giant = IdxFixtures.write(dir, "giant",
                IdxFixtures.imagesBytes(0x803, Integer.MAX_VALUE, 65536, 65536, new byte[8]));
        IOException e = assertThrows(IOException.class, () -> IdxParser.read(giant));
        assertTrue(e.getMessage().startsWith(giant + ": header declares 2147483647 images of 65536x65536, more than"),
                e.getMessage());
        // 1e9 bytes declared (allowed size) but 8 present: read as data arrives, fails on the count.
        URI big = IdxFixtures.write(dir, "big", IdxFixtures.imagesBytes(0x803, 100000, 100, 100, new byte[8]));
        IOException e2 = assertThrows(IOException.class, () -> IdxParser.read(big));
        assertEquals(big + ": expected 1000000016 bytes (16-byte header + 100000 images of 100x100), found 24",
                e2.getMessage());
    }

    @Test
    void corruptGzipIsAnIoExceptionNamingTheFile() throws IOException {
        byte[] gz = IdxFixtures.gzip(IdxFixtures.imagesBytes(0x803, 4, 5, 6, IdxFixtures.randomPixels(4, 5, 6, 3)));
        byte[] truncated = Arrays.copyOf(gz, gz.length - 12);
        URI uri = IdxFixtures.write(dir, "truncated.gz", truncated);
        IOException e = assertThrows(IOException.class, () -> IdxParser.read(uri));
        assertTrue(e.getMessage().startsWith(uri + ": corrupt or truncated gzip stream after"), e.getMessage());
        byte[] badCrc = gz.clone();
        badCrc[gz.length - 6] ^= 0x5A; // inside the CRC-32 trailer
        URI crc = IdxFixtures.write(dir, "crc.gz", badCrc);
        IOException e2 = assertThrows(IOException.class, () -> IdxParser.read(crc));
        assertTrue(e2.getMessage().startsWith(crc + ": corrupt or truncated gzip stream"), e2.getMessage());
    }

    @Test
    void missingFileNamesTheUri() {
        URI uri = dir.resolve("nope.gz").toUri();
        IOException e = assertThrows(IOException.class, () -> IdxParser.read(uri));
        assertTrue(e.getMessage().startsWith(uri + ": cannot be opened"), e.getMessage());
    }

    @Test
    void kindMismatchIsNamed() throws IOException {
        URI labels = IdxFixtures.write(dir, "l", IdxFixtures.labelsBytes(0x801, 1, new int[] {0}));
        IOException e = assertThrows(IOException.class, () -> IdxParser.readImages(labels));
        assertTrue(e.getMessage().startsWith(labels + ": is an idx1 labels file"), e.getMessage());
        assertInstanceOf(IdxLabels.class, IdxParser.read(labels));
    }
}
