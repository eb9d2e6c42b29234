package io.github.dl4jvae.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.NoSuchElementException;
import org.datavec.api.split.CollectionInputSplit;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * {@link IdxDataSetIterator} gives, batch for batch and bit for bit, what DL4J's {@code RecordReaderDataSetIterator}
 * gives over the same {@link IdxRecordReader}: file order and a shuffled order over two epochs, with an uneven last
 * batch, on the embedded subset's test split (1000 images).
 */
class IdxDataSetIteratorTest {

    private static IdxRecordReader reader(boolean shuffled) throws IOException {
        IdxDataSource source = FashionMnist.embeddedSubset();
        IdxRecordReader reader = shuffled ? IdxRecordReader.shuffling(source.classNames(), 7)
                : new IdxRecordReader(source.classNames());
        reader.initialize(new CollectionInputSplit(List.of(source.images(Split.TEST), source.labels(Split.TEST))));
        return reader;
    }

    private static void assertSameBatches(boolean shuffled) throws IOException {
        IdxRecordReader dl4jReader = reader(shuffled);
        DataSetIterator expected = new RecordReaderDataSetIterator(dl4jReader, 96, dl4jReader.labelColumn(), 10);
        DataSetIterator actual = new IdxDataSetIterator(reader(shuffled), 96, 10);
        for (int epoch = 0; epoch < 2; epoch++) {
            expected.reset();
            actual.reset();
            int batches = 0;
            while (expected.hasNext()) {
                DataSet want = expected.next();
                DataSet got = actual.next();
                assertEquals(DataType.FLOAT, got.getFeatures().dataType());
                assertEquals(want.getFeatures(), got.getFeatures(), "features of batch " + batches);
                assertEquals(want.getLabels(), got.getLabels(), "labels of batch " + batches);
                batches++;
            }
            assertFalse(actual.hasNext());
            assertEquals(11, batches, "10 batches of 96 and one of 40");
        }
    }

    @Test
    void givesRecordReaderDataSetIteratorsBatchesInFileOrder() throws IOException {
        assertSameBatches(false);
    }

    @Test
    void givesRecordReaderDataSetIteratorsBatchesInShuffledOrderEveryEpoch() throws IOException {
        assertSameBatches(true);
    }

    @Test
    void anExhaustedReaderSaysSo() throws IOException {
        IdxDataSetIterator iterator = new IdxDataSetIterator(reader(false), 1000, 10);
        assertEquals(1000, iterator.next().numExamples());
        NoSuchElementException e = assertThrows(NoSuchElementException.class, iterator::next);
        assertEquals("all 1000 images of " + FashionMnist.embeddedSubset().images(Split.TEST)
                + " were read; call reset() to read them again", e.getMessage());
        assertEquals("batch size and classes must be >= 1, got 0 and 10",
                assertThrows(IllegalArgumentException.class, () -> new IdxDataSetIterator(reader(false), 0, 10))
                        .getMessage());
    }
}
