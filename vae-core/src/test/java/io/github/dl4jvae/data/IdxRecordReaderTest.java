package io.github.dl4jvae.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaDataIndex;
import org.datavec.api.split.CollectionInputSplit;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.Writable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DataVec contract of {@link IdxRecordReader}: records, labels, reset, shuffling, metadata, errors. */
class IdxRecordReaderTest {

    private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    @TempDir
    Path dir;

    private URI images(int count, int h, int w, long seed) throws IOException {
        return IdxFixtures.write(dir, "img-" + count + "-" + seed,
                IdxFixtures.imagesBytes(0x803, count, h, w, IdxFixtures.randomPixels(count, h, w, seed)));
    }

    private URI labels(int[] values) throws IOException {
        return IdxFixtures.write(dir, "lab-" + values.length + "-" + Arrays.hashCode(values),
                IdxFixtures.labelsBytes(0x801, values.length, values));
    }

    @Test
    void embeddedSubsetRecordsHavePixelsThenLabelAndFashionNames() throws IOException {
        IdxDataSource subset = IdxFixtures.subset();
        IdxRecordReader reader = IdxRecordReader.of(subset.trainImages(), subset.trainLabels(), FashionMnist.CLASS_NAMES);
        assertEquals(28, reader.height());
        assertEquals(28, reader.width());
        assertEquals(5000, reader.count());
        assertEquals(784, reader.labelColumn());
        assertEquals(FashionMnist.CLASS_NAMES, reader.getLabels());
        List<Writable> first = reader.next();
        assertEquals(785, first.size());
        assertTrue(first.get(0) instanceof IntWritable);
        assertEquals(217, first.get(14 * 28 + 14).toInt()); // python: img0[14*28+14] == 217
        assertEquals(76247, first.subList(0, 784).stream().mapToInt(Writable::toInt).sum());
        assertEquals(9, first.get(784).toInt());
        int n = 1;
        while (reader.hasNext()) {
            reader.next();
            n++;
        }
        assertEquals(5000, n);
        NoSuchElementException e = assertThrows(NoSuchElementException.class, reader::next);
        assertTrue(e.getMessage().contains("call reset()"), e.getMessage());
        reader.reset();
        assertEquals(first, reader.next());
    }

    @Test
    void defaultLabelNamesAreNumbersUpToTheLargestLabel() throws IOException {
        IdxRecordReader reader = IdxRecordReader.of(images(3, 2, 2, 1), labels(new int[] {0, 4, 2}));
        assertEquals(List.of("0", "1", "2", "3", "4"), reader.getLabels());
        assertEquals(4, reader.maxLabel());
        assertTrue(reader.resetSupported());
    }

    @Test
    void nextBatchAndMetadataRoundTrip() throws IOException {
        IdxRecordReader reader = IdxRecordReader.of(images(5, 3, 2, 2), labels(new int[] {1, 2, 3, 4, 5}));
        assertEquals(3, reader.next(3).size());
        assertEquals(2, reader.next(3).size());
        reader.reset();
        List<Record> records = new ArrayList<>();
        while (reader.hasNext()) {
            records.add(reader.nextRecord());
        }
        for (int i = 0; i < records.size(); i++) {
            RecordMetaDataIndex meta = (RecordMetaDataIndex) records.get(i).getMetaData();
            assertEquals(i, meta.getIndex());
            assertEquals(reader.images().source(), meta.getURI());
            assertEquals(records.get(i).getRecord(), reader.loadFromMetaData(meta).getRecord());
        }
        assertEquals(5, records.get(4).getRecord().get(6).toInt());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reader.loadFromMetaData(
                new RecordMetaDataIndex(5, reader.images().source(), IdxRecordReader.class)));
        assertTrue(e.getMessage().contains("index 5 is outside 0..4"), e.getMessage());
    }

    @Test
    void shufflingVisitsEveryImageOnceInASeededOrderThatChangesPerEpoch() throws IOException {
        int n = 50;
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i; // label = file index, so records reveal the order
        }
        URI img = images(n, 1, 1, 3);
        URI lab = IdxFixtures.write(dir, "ids", IdxFixtures.labelsBytes(0x801, n, ids));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("c" + i);
        }
        IdxRecordReader a = IdxRecordReader.shuffling(names, 42);
        a.initialize(new CollectionInputSplit(List.of(img, lab)));
        IdxRecordReader b = IdxRecordReader.shuffling(names, 42);
        b.initialize(new CollectionInputSplit(List.of(img, lab)));
        int[] a1 = order(a);
        a.reset();
        int[] a2 = order(a);
        int[] b1 = order(b);
        assertArrayEquals(a1, b1);
        assertFalse(Arrays.equals(a1, a2));
        int[] identity = ids.clone();
        assertFalse(Arrays.equals(identity, a1));
        int[] sorted = a1.clone();
        Arrays.sort(sorted);
        assertArrayEquals(identity, sorted);
        // Metadata keeps the file index.
        a.reset();
        Record r = a.nextRecord();
        assertEquals(r.getRecord().get(1).toInt(), ((RecordMetaDataIndex) r.getMetaData()).getIndex());
    }

    private static int[] order(IdxRecordReader reader) {
        List<Integer> out = new ArrayList<>();
        while (reader.hasNext()) {
            out.add(reader.next().get(1).toInt());
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        URI img = images(4, 2, 2, 4);
        URI lab = labels(new int[] {1, 2, 3});
        IOException e = assertThrows(IOException.class, () -> IdxRecordReader.of(img, lab));
        assertEquals(lab + ": holds 3 labels but " + img + " holds 4 images; expected one label per image",
                e.getMessage());
    }

    @Test
    void labelBeyondTheNamesIsAnError() throws IOException {
        URI img = images(3, 2, 2, 5);
        URI lab = labels(new int[] {1, 12, 3});
        IOException e = assertThrows(IOException.class, () -> IdxRecordReader.of(img, lab, DIGITS));
        assertTrue(e.getMessage().startsWith(lab + ": label 12 at index 1 is outside 0..9"), e.getMessage());
    }

    @Test
    void splitsWithTheWrongFilesAreRejected() throws IOException {
        URI img = images(2, 2, 2, 6);
        URI img2 = images(2, 2, 2, 7);
        URI lab = labels(new int[] {0, 1});
        IOException two = assertThrows(IOException.class, () -> IdxRecordReader.of(img, img2));
        assertTrue(two.getMessage().startsWith(img2 + ": is an idx3 images file like " + img), two.getMessage());
        IdxRecordReader reader = new IdxRecordReader();
        IOException onlyLabels = assertThrows(IOException.class,
                () -> reader.initialize(new CollectionInputSplit(List.of(lab))));
        assertTrue(onlyLabels.getMessage().startsWith(lab + ": is an idx1 labels file"), onlyLabels.getMessage());
        IllegalArgumentException three = assertThrows(IllegalArgumentException.class,
                () -> reader.initialize(new CollectionInputSplit(List.of(img, lab, img2))));
        assertTrue(three.getMessage().contains("found 3 locations"), three.getMessage());
        IllegalStateException notReady = assertThrows(IllegalStateException.class, reader::hasNext);
        assertTrue(notReady.getMessage().contains("initialize"), notReady.getMessage());
    }

    @Test
    void recordFromAStreamIsExplicitlyUnsupported() throws IOException {
        IdxRecordReader reader = IdxRecordReader.of(images(1, 1, 1, 8), null);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> reader.record(reader.images().source(), null));
        assertTrue(e.getMessage().contains("CollectionInputSplit"), e.getMessage());
        assertEquals("IdxRecordReader cannot parse one record from a stream (" + reader.images().source()
                + "): an IDX record's size comes from its file's header; initialize the reader with a "
                + "CollectionInputSplit of the images and labels URIs instead", e.getMessage());
        assertTrue(reader.hasNext(), "the refusal leaves the reader's position alone");
    }

    @Test
    void initializedReaderSurvivesJavaSerialization() throws Exception {
        IdxRecordReader reader = IdxRecordReader.of(images(3, 2, 3, 9), labels(new int[] {2, 0, 1}), DIGITS);
        reader.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(reader);
        }
        IdxRecordReader copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (IdxRecordReader) in.readObject();
        }
        assertEquals(reader.next(), copy.next());
        assertEquals(DIGITS, copy.getLabels());
        assertNotEquals(null, copy.images());
    }
}
