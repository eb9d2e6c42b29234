package io.github.dl4jvae.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Parts of a split ({@link RecordRange}): a range's iterator visits exactly its images, {@code load} of a range is
 * those rows of the whole split, and {@link VaeData#iteratorAfter} stands where an iterator read through that many
 * epochs stands, for shuffled order and dynamic binarization (exact equality: the same draws).
 */
class RecordRangeTest {
    private static IdxDataSource subset;

    @BeforeAll
    static void load() throws IOException {
        subset = FashionMnist.embeddedSubset();
    }

    @Test
    void aRangesIteratorVisitsExactlyItsImagesOncePerEpoch() throws IOException {
        Preprocessing shuffled = Preprocessing.defaults().withShuffle(true);
        DataSet whole = VaeData.load(subset, Split.TRAIN, Preprocessing.defaults(), 1);
        DataSetIterator part = VaeData.iterator(subset, Split.TRAIN, new RecordRange(4000, 5000), 300, shuffled, 9);
        List<String> seen = new ArrayList<>();
        int batches = 0;
        while (part.hasNext()) {
            DataSet batch = part.next();
            batches++;
            for (int i = 0; i < batch.numExamples(); i++) {
                seen.add(batch.getFeatures().getRow(i).toString());
            }
        }
        assertEquals(4, batches, "1000 images in batches of 300");
        List<String> expected = new ArrayList<>();
        for (int i = 4000; i < 5000; i++) {
            expected.add(whole.getFeatures().getRow(i).toString());
        }
        assertEquals(expected.stream().sorted().toList(), seen.stream().sorted().toList());
    }

    @Test
    void loadingARangeGivesThoseRowsOfTheSplit() throws IOException {
        DataSet whole = VaeData.load(subset, Split.TRAIN, Preprocessing.defaults(), 1);
        DataSet tail = VaeData.load(subset, Split.TRAIN, new RecordRange(4500, 5000), Preprocessing.defaults(), 1);
        assertArrayEquals(new long[] {500, 784}, tail.getFeatures().shape());
        assertEquals(whole.getFeatures().get(NDArrayIndex.interval(4500, 5000), NDArrayIndex.all()),
                tail.getFeatures());
        assertEquals(whole.getLabels().get(NDArrayIndex.interval(4500, 5000), NDArrayIndex.all()), tail.getLabels());
    }

    @Test
    void theIteratorAfterEpochsContinuesAsTheIteratorReadThroughThem() throws IOException {
        Preprocessing prep = Preprocessing.defaults().withShuffle(true)
                .withBinarization(Preprocessing.Binarization.DYNAMIC);
        RecordRange range = new RecordRange(0, 4000);
        DataSetIterator read = VaeData.iterator(subset, Split.TRAIN, range, 700, prep, 5);
        for (int epoch = 0; epoch < 3; epoch++) {
            read.reset();
            while (read.hasNext()) {
                read.next();
            }
        }
        DataSetIterator skipped = VaeData.iteratorAfter(3, subset, Split.TRAIN, range, 700, prep, 5);
        read.reset();
        skipped.reset();
        while (read.hasNext()) {
            DataSet expected = read.next();
            DataSet actual = skipped.next();
            assertEquals(expected.getFeatures(), actual.getFeatures());
            assertEquals(expected.getLabels(), actual.getLabels());
        }
        assertFalse(skipped.hasNext());
    }

    @Test
    void rangesOutsideTheFileAreRefusedWithTheirBounds() {
        assertEquals("record range [0, 5001) does not fit a file of 5000 records; expected a range within [0, 5000)",
                assertThrows(IllegalArgumentException.class, () -> VaeData.iterator(subset, Split.TRAIN,
                        new RecordRange(0, 5001), 10, Preprocessing.defaults(), 1)).getMessage());
        assertEquals("record range [3, 3) is invalid; expected 0 <= from < to",
                assertThrows(IllegalArgumentException.class, () -> new RecordRange(3, 3)).getMessage());
        assertEquals("epochs -1 is invalid; expected >= 0 passes", assertThrows(IllegalArgumentException.class,
                () -> VaeData.iteratorAfter(-1, subset, Split.TRAIN, RecordRange.ALL, 10, Preprocessing.defaults(), 1))
                .getMessage());
    }
}
