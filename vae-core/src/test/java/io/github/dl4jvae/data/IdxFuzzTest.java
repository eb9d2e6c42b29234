package io.github.dl4jvae.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.datavec.api.split.CollectionInputSplit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged IDX files (truncated at every position, bytes flipped at seeded random positions), raw and gzip:
 * every outcome must be a correct read or an {@link IOException} whose message starts with the file's URI;
 * no other exception may escape, and nothing may be silently wrong.
 */
class IdxFuzzTest {

    private static final int COUNT = 6;
    private static final int HEIGHT = 3;
    private static final int WIDTH = 5;
    private static final int FLIP_TRIALS = 400;

    @TempDir
    Path dir;

    private final byte[] pixels = IdxFixtures.randomPixels(COUNT, HEIGHT, WIDTH, 11);
    private final int[] labels = IdxFixtures.randomLabels(COUNT, 10, 12);
    private final byte[] rawImages = IdxFixtures.imagesBytes(0x803, COUNT, HEIGHT, WIDTH, pixels);
    private final byte[] rawLabels = IdxFixtures.labelsBytes(0x801, COUNT, labels);

    @Test
    void everyTruncationOfARawOrGzipFileIsAnIoException() throws IOException {
        int cases = 0;
        for (byte[] file : List.of(rawImages, IdxFixtures.gzip(rawImages), rawLabels, IdxFixtures.gzip(rawLabels))) {
            for (int length = 0; length < file.length; length++) {
                URI uri = IdxFixtures.write(dir, "truncated-" + cases, Arrays.copyOf(file, length));
                expectIoExceptionNaming(uri, () -> IdxParser.read(uri));
                cases++;
            }
        }
        assertTrue(cases > 250, "cases " + cases);
    }

    @Test
    void flippedBytesInARawImagesFileAreReadExactlyOrRejected() throws IOException {
        SplittableRandom rng = new SplittableRandom(2024);
        int accepted = 0;
        for (int trial = 0; trial < FLIP_TRIALS; trial++) {
            byte[] damaged = flip(rawImages, rng, 1 + rng.nextInt(3));
            URI uri = IdxFixtures.write(dir, "flip-" + trial, damaged);
            IdxContent content = readOrIoException(uri);
            if (content != null) {
                accepted++;
                // A successful parse must match the header and payload as decoded here from the damaged bytes.
                ByteBuffer b = ByteBuffer.wrap(damaged);
                assertEquals(0x803, b.getInt(0));
                IdxImages images = (IdxImages) content;
                assertEquals(b.getInt(4), images.count());
                assertEquals(b.getInt(8), images.height());
                assertEquals(b.getInt(12), images.width());
                assertEquals(damaged.length, 16 + images.count() * images.height() * images.width());
                assertArrayEquals(Arrays.copyOfRange(damaged, 16, damaged.length), images.toByteArray());
            }
        }
        // Most flips land in the 90 pixel bytes and must be accepted; header flips must not all pass.
        assertTrue(accepted > FLIP_TRIALS / 3 && accepted < FLIP_TRIALS, "accepted " + accepted);
    }

    @Test
    void flippedBytesInAGzipFileAreReadUnchangedOrRejected() throws IOException {
        for (byte[] raw : List.of(rawImages, rawLabels)) {
            byte[] gz = IdxFixtures.gzip(raw);
            SplittableRandom rng = new SplittableRandom(99);
            int rejected = 0;
            for (int trial = 0; trial < FLIP_TRIALS; trial++) {
                byte[] damaged = flip(gz, rng, 1 + rng.nextInt(2));
                URI uri = IdxFixtures.write(dir, "gzflip-" + trial, damaged);
                IdxContent content = readOrIoException(uri);
                if (content == null) {
                    rejected++;
                } else {
                    // Only bytes gzip ignores (mtime, flags, OS) can change without an error: the CRC-32
                    // detects payload changes, so the content must equal the original.
                    assertArrayEquals(raw, rawBytes(content), "trial " + trial);
                }
            }
            assertTrue(rejected > FLIP_TRIALS / 2, "rejected " + rejected);
        }
    }

    @Test
    void readerInitializationWithDamagedFilesFailsOnlyWithIoException() throws IOException {
        SplittableRandom rng = new SplittableRandom(7);
        for (int trial = 0; trial < 150; trial++) {
            boolean damageImages = rng.nextBoolean();
            boolean gzip = rng.nextBoolean();
            byte[] images = gzip ? IdxFixtures.gzip(rawImages) : rawImages;
            byte[] labelBytes = gzip ? IdxFixtures.gzip(rawLabels) : rawLabels;
            if (damageImages) {
                images = rng.nextBoolean() ? flip(images, rng, 1) : Arrays.copyOf(images, rng.nextInt(images.length));
            } else {
                labelBytes = rng.nextBoolean() ? flip(labelBytes, rng, 1)
                        : Arrays.copyOf(labelBytes, rng.nextInt(labelBytes.length));
            }
            URI imagesUri = IdxFixtures.write(dir, "ri-" + trial, images);
            URI labelsUri = IdxFixtures.write(dir, "rl-" + trial, labelBytes);
            IdxRecordReader reader = new IdxRecordReader(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
            try {
                reader.initialize(new CollectionInputSplit(List.of(imagesUri, labelsUri)));
                // Accepted: the shapes must be those of a valid pair.
                assertEquals(reader.count(), reader.labels().orElseThrow().count());
                assertEquals(reader.count() * reader.height() * reader.width(), reader.images().toByteArray().length);
                assertTrue(reader.maxLabel() <= 9);
            } catch (IOException e) {
                String message = e.getMessage();
                assertTrue(message.startsWith(imagesUri.toString()) || message.startsWith(labelsUri.toString()),
                        "message does not start with a file URI: " + message);
            } catch (RuntimeException e) {
                fail("trial " + trial + ": unexpected " + e, e);
            }
        }
    }

    private static byte[] rawBytes(IdxContent content) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        if (content instanceof IdxImages images) {
            IdxWriter.writeImages(out, images);
        } else {
            IdxWriter.writeLabels(out, (IdxLabels) content);
        }
        return out.toByteArray();
    }

    /** XORs {@code flips} random positions with random non-zero bytes (so each chosen byte changes). */
    private static byte[] flip(byte[] original, SplittableRandom rng, int flips) {
        byte[] damaged = original.clone();
        for (int i = 0; i < flips; i++) {
            damaged[rng.nextInt(damaged.length)] ^= (byte) (1 + rng.nextInt(255));
        }
        return damaged;
    }

    /** Returns the content, or null after checking that the IOException names the file. */
    private static IdxContent readOrIoException(URI uri) {
        try {
            return IdxParser.read(uri);
        } catch (IOException e) {
            assertTrue(e.getMessage().startsWith(uri.toString()), "message does not name the file: " + e.getMessage());
            return null;
        } catch (RuntimeException e) {
            return fail(uri + ": unexpected " + e, e);
        }
    }

    private interface Read {
        Object run() throws IOException;
    }

    private static void expectIoExceptionNaming(URI uri, Read read) {
        try {
            Object result = read.run();
            fail(uri + ": truncated file was accepted as " + result);
        } catch (IOException e) {
            assertTrue(e.getMessage().startsWith(uri.toString()), "message does not name the file: " + e.getMessage());
        } catch (RuntimeException e) {
            fail(uri + ": unexpected " + e, e);
        }
    }
}
