package io.github.dl4jvae.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.datavec.api.writable.Writable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link IdxWriter} then {@link IdxParser}/{@link IdxRecordReader} give back what was written, for odd sizes. */
class IdxRoundTripTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} images of {1}x{2}, gzip={3}")
    @CsvSource({
        "1, 1, 1, false", "1, 1, 1, true",
        "4, 3, 5, false", "4, 3, 5, true",
        "9, 7, 2, false", "9, 7, 2, true",
        "17, 2, 7, true", "300, 1, 13, false"})
    void writerAndReaderAgree(int count, int height, int width, boolean gzip) throws IOException {
        byte[] pixels = IdxFixtures.randomPixels(count, height, width, 31L * count + height);
        int[] labels = IdxFixtures.randomLabels(count, 256, count + 7L);
        Path images = dir.resolve("img");
        Path labelFile = dir.resolve("lab");
        IdxWriter.writeImages(images, height, width, pixels, gzip);
        IdxWriter.writeLabels(labelFile, labels, gzip);

        // The bytes on disk are exactly the IDX layout (built independently with a ByteBuffer).
        byte[] onDisk = Files.readAllBytes(images);
        assertEquals(gzip, (onDisk[0] & 0xFF) == 0x1F && (onDisk[1] & 0xFF) == 0x8B);
        if (!gzip) {
            assertArrayEquals(IdxFixtures.imagesBytes(0x803, count, height, width, pixels), onDisk);
            assertArrayEquals(IdxFixtures.labelsBytes(0x801, count, labels), Files.readAllBytes(labelFile));
        }

        IdxImages read = IdxParser.readImages(images.toUri());
        assertEquals(count, read.count());
        assertEquals(height, read.height());
        assertEquals(width, read.width());
        assertArrayEquals(pixels, read.toByteArray());
        assertArrayEquals(labels, IdxParser.readLabels(labelFile.toUri()).toIntArray());

        // Labels file given first: the reader tells the files apart by magic number.
        IdxRecordReader reader = IdxRecordReader.of(labelFile.toUri(), images.toUri());
        assertEquals(height * width, reader.labelColumn());
        for (int i = 0; i < count; i++) {
            List<Writable> record = reader.next();
            assertEquals(height * width + 1, record.size());
            for (int p = 0; p < height * width; p++) {
                assertEquals(pixels[i * height * width + p] & 0xFF, record.get(p).toInt());
            }
            assertEquals(labels[i], record.get(height * width).toInt());
        }
        assertEquals(false, reader.hasNext());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void imagesWithoutLabelsGivePixelOnlyRecords(boolean gzip) throws IOException {
        byte[] pixels = IdxFixtures.randomPixels(3, 2, 2, 5);
        Path images = dir.resolve("img");
        IdxWriter.writeImages(images, 2, 2, pixels, gzip);
        IdxRecordReader reader = IdxRecordReader.of(images.toUri(), null);
        assertEquals(false, reader.hasLabels());
        assertEquals(-1, reader.maxLabel());
        assertEquals(null, reader.getLabels());
        assertEquals(4, reader.next().size());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 256})
    void writerRejectsLabelsOutsideUnsignedByteRange(int label) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdxWriter.writeLabels(dir.resolve("l"), new int[] {0, label}, false));
        assertEquals("label " + label + " at index 1 is outside the IDX unsigned-byte range 0..255", e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void writerRejectsPixelCountNotMatchingSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdxWriter.writeImages(dir.resolve("i"), 3, 5, new byte[16], false));
        assertEquals("pixel array of length 16 is not a positive multiple of 3x5 = 15", e.getMessage());
    }
}
