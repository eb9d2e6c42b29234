package io.github.dl4jvae.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link VaeData} on the embedded subset through DL4J's RecordReaderDataSetIterator: shapes, scaling,
 * binarization, layout, seeds. Reference values come from {@link IdxParser} (itself checked against Python
 * in {@link IdxParserTest}). Float comparisons use 1e-6: features are float32 pixel/255, exact to ~6e-8.
 */
class VaeDataTest {

    private static final double FLOAT_TOL = 1e-6;
    private static IdxDataSource subset;
    private static IdxImages trainImages;

    @BeforeAll
    static void load() throws IOException {
        subset = FashionMnist.embeddedSubset();
        trainImages = IdxParser.readImages(subset.trainImages());
    }

    @Test
    void scaledBatchesHaveFlatShapeOneHotLabelsAndPixelOver255() throws IOException {
        DataSetIterator it = VaeData.iterator(subset, Split.TRAIN, 128, Preprocessing.defaults(), 1);
        DataSet first = it.next();
        assertArrayEquals(new long[] {128, 784}, first.getFeatures().shape());
        assertArrayEquals(new long[] {128, 10}, first.getLabels().shape());
        assertEquals(DataType.FLOAT, first.getFeatures().dataType());
        assertEquals(FashionMnist.CLASS_NAMES, it.getLabels());
        INDArray f = first.getFeatures();
        assertTrue(f.minNumber().doubleValue() >= 0.0 && f.maxNumber().doubleValue() <= 1.0);
        for (int image : new int[] {0, 1, 127}) {
            int[] raw = trainImages.image(image);
            for (int p = 0; p < 784; p++) {
                assertEquals(raw[p] / 255.0, f.getDouble(image, p), FLOAT_TOL);
            }
        }
        // Label of image 0 is 9 (python), one-hot.
        assertEquals(9, first.getLabels().getRow(0).argMax().getInt(0));
        assertEquals(128.0, first.getLabels().sumNumber().doubleValue(), 0.0);

        int batches = 1;
        long examples = 128;
        DataSet last = first;
        while (it.hasNext()) {
            last = it.next();
            batches++;
            examples += last.numExamples();
        }
        assertEquals(40, batches); // ceil(5000 / 128)
        assertEquals(5000, examples);
        assertEquals(5000 - 39 * 128, last.numExamples());
    }

    @Test
    void staticBinarizationGivesOnlyZerosAndOnesAtThreshold() throws IOException {
        Preprocessing binary = Preprocessing.defaults().withBinarization(Preprocessing.Binarization.STATIC);
        DataSet batch = VaeData.iterator(subset, Split.TRAIN, 64, binary, 1).next();
        INDArray f = batch.getFeatures();
        assertOnlyZerosAndOnes(f);
        // pixel/255 > 0.5  <=>  pixel >= 128; image 0 has 343 such pixels (python: sum(b > 127)).
        assertEquals(343.0, f.getRow(0).sumNumber().doubleValue(), 0.0);
    }

    @Test
    void dynamicBinarizationIsBernoulliReproducibleAndDiffersBetweenEpochs() throws IOException {
        Preprocessing dynamic = Preprocessing.defaults().withBinarization(Preprocessing.Binarization.DYNAMIC);
        List<INDArray> run1 = twoEpochsOfFirstBatches(dynamic, 7);
        List<INDArray> run2 = twoEpochsOfFirstBatches(dynamic, 7);
        List<INDArray> other = twoEpochsOfFirstBatches(dynamic, 8);
        assertOnlyZerosAndOnes(run1.get(0));
        assertEquals(run1, run2); // same seed, fresh iterators: same draws in both epochs
        assertNotEquals(run1.get(0), run1.get(1)); // epoch 2 draws afresh
        assertNotEquals(run1.get(0), other.get(0)); // another seed, other draws

        INDArray p = VaeData.iterator(subset, Split.TRAIN, 256, Preprocessing.defaults(), 7).next().getFeatures();
        INDArray x = run1.get(0);
        // Pixels 0 stay 0 and pixels 255 become 1 always.
        assertEquals(0.0, x.mul(p.eq(0.0).castTo(DataType.FLOAT)).sumNumber().doubleValue(), 0.0);
        INDArray full = p.eq(1.0).castTo(DataType.FLOAT);
        assertEquals(full.sumNumber().doubleValue(), x.mul(full).sumNumber().doubleValue(), 0.0);
        // E[sum x] = sum p, Var = sum p(1-p) over 256*784 independent draws: within 5 standard deviations.
        double mean = p.sumNumber().doubleValue();
        double sd = Math.sqrt(p.mul(p.rsub(1.0)).sumNumber().doubleValue());
        assertEquals(mean, x.sumNumber().doubleValue(), 5 * sd);
    }

    private static List<INDArray> twoEpochsOfFirstBatches(Preprocessing preprocessing, long seed) throws IOException {
        DataSetIterator it = VaeData.iterator(subset, Split.TRAIN, 256, preprocessing, seed);
        List<INDArray> out = new ArrayList<>();
        out.add(it.next().getFeatures());
        it.reset();
        out.add(it.next().getFeatures());
        return out;
    }

    @Test
    void channelsFirstLayoutForConvolutionalModels() throws IOException {
        Preprocessing chw = Preprocessing.defaults().withLayout(Preprocessing.Layout.CHANNELS_FIRST);
        DataSet batch = VaeData.iterator(subset, Split.TEST, 32, chw, 1).next();
        assertArrayEquals(new long[] {32, 1, 28, 28}, batch.getFeatures().shape());
        assertArrayEquals(new long[] {32, 10}, batch.getLabels().shape());
        IdxImages test = IdxParser.readImages(subset.testImages());
        assertEquals(test.pixel(0, 14, 14) / 255.0, batch.getFeatures().getDouble(0, 0, 14, 14), FLOAT_TOL);
        assertEquals(test.pixel(5, 3, 20) / 255.0, batch.getFeatures().getDouble(5, 0, 3, 20), FLOAT_TOL);
    }

    @Test
    void shuffledEpochsCoverEveryExampleInASeededOrder() throws IOException {
        Preprocessing shuffled = Preprocessing.defaults().withShuffle(true);
        DataSetIterator a = VaeData.iterator(subset, Split.TEST, 100, shuffled, 3);
        DataSetIterator b = VaeData.iterator(subset, Split.TEST, 100, shuffled, 3);
        INDArray counts = Nd4j.zeros(DataType.FLOAT, 10);
        DataSet a0 = a.next();
        assertEquals(a0.getFeatures(), b.next().getFeatures());
        counts.addi(a0.getLabels().sum(0));
        while (a.hasNext()) {
            counts.addi(a.next().getLabels().sum(0));
        }
        // Class counts of the first 1000 test images (python, see IdxParserTest).
        assertArrayEquals(new float[] {107, 105, 111, 93, 115, 87, 97, 95, 95, 95}, counts.toFloatVector(), 0f);
        DataSet fileOrder = VaeData.iterator(subset, Split.TEST, 100, Preprocessing.defaults(), 3).next();
        assertNotEquals(fileOrder.getFeatures(), a0.getFeatures());
        a.reset();
        assertNotEquals(a0.getFeatures(), a.next().getFeatures());
    }

    @Test
    void wholeSplitLoadMatchesTheIterator() throws IOException {
        for (Preprocessing.Binarization binarization :
                new Preprocessing.Binarization[] {Preprocessing.Binarization.NONE, Preprocessing.Binarization.STATIC}) {
            Preprocessing prep = Preprocessing.defaults().withBinarization(binarization);
            DataSet all = VaeData.load(subset, Split.TEST, prep, 1);
            assertArrayEquals(new long[] {1000, 784}, all.getFeatures().shape());
            assertArrayEquals(new long[] {1000, 10}, all.getLabels().shape());
            DataSetIterator it = VaeData.iterator(subset, Split.TEST, 1000, prep, 1);
            DataSet viaIterator = it.next();
            assertFalse(it.hasNext());
            assertEquals(viaIterator.getFeatures(), all.getFeatures());
            assertEquals(viaIterator.getLabels(), all.getLabels());
        }
        DataSet dynamic = VaeData.load(subset, Split.TEST,
                Preprocessing.defaults().withBinarization(Preprocessing.Binarization.DYNAMIC), 1);
        assertOnlyZerosAndOnes(dynamic.getFeatures());
    }

    @Test
    void classCountsOfTheSubset() throws IOException {
        assertArrayEquals(new long[] {457, 556, 504, 501, 488, 493, 493, 512, 490, 506},
                VaeData.classCounts(subset, Split.TRAIN));
    }

    @Test
    void invalidOptionsNameTheValueAndTheRange() {
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> VaeData.iterator(subset, Split.TRAIN, 0, Preprocessing.defaults(), 1));
        assertEquals("batch size 0 is invalid; expected 1..2147483647", batch.getMessage());
        IllegalArgumentException threshold = assertThrows(IllegalArgumentException.class,
                () -> Preprocessing.defaults().withThreshold(1.5));
        assertEquals("binarization threshold 1.5 is outside [0, 1); pixels are scaled to [0,1] first",
                threshold.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Preprocessing.defaults().withThreshold(Double.NaN));
    }

    @Test
    void dynamicBinarizerRejectsUnscaledPixels() {
        DataSet raw = new DataSet(Nd4j.createFromArray(new float[][] {{0f, 255f}}), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DynamicBinarizer(1).preProcess(raw));
        assertTrue(e.getMessage().contains("feature 1 of the batch is 255.0"), e.getMessage());
    }

    @Test
    void preprocessingRoundTripsThroughJson() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Preprocessing p = new Preprocessing(Preprocessing.Binarization.DYNAMIC, 0.25,
                Preprocessing.Layout.CHANNELS_FIRST, true);
        String text = json.writeValueAsString(p);
        assertEquals(p, json.readValue(text, Preprocessing.class));
        assertTrue(text.contains("\"binarization\":\"DYNAMIC\""), text);
    }

    private static void assertOnlyZerosAndOnes(INDArray x) {
        double[] values = Nd4j.toFlattened('c', x).toDoubleVector();
        long others = java.util.Arrays.stream(values).filter(v -> v != 0.0 && v != 1.0).count();
        assertEquals(0, others, "values other than 0 and 1");
    }
}
