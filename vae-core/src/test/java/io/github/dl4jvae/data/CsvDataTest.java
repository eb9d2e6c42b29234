package io.github.dl4jvae.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.Likelihood;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.model.VaeModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** The CSV path for tabular data: shapes, label handling, errors. Values are exact small decimals (tol 1e-6). */
class CsvDataTest {

    @TempDir
    Path dir;
    private Path csv;

    @BeforeEach
    void writeCsv() throws IOException {
        // 7 rows of 4 columns: three features a,b,c and a class index 0..2 in the last column.
        StringBuilder text = new StringBuilder("a,b,c,class\n");
        for (int i = 0; i < 7; i++) {
            text.append(i).append(',').append(i * 0.5).append(',').append(-i).append(',').append(i % 3).append('\n');
        }
        csv = dir.resolve("table.csv");
        Files.writeString(csv, text);
    }

    @Test
    void labelledFileGivesFeatureColumnsAndOneHotLabels() throws IOException {
        DataSetIterator it = CsvData.iterator(CsvSpec.labeled(csv, 1, 3, 3), 5);
        DataSet first = it.next();
        assertArrayEquals(new long[] {5, 3}, first.getFeatures().shape());
        assertArrayEquals(new long[] {5, 3}, first.getLabels().shape());
        assertArrayEquals(new double[] {4, 2.0, -4}, first.getFeatures().getRow(4).toDoubleVector(), 1e-6);
        assertArrayEquals(new double[] {0, 1, 0}, first.getLabels().getRow(4).toDoubleVector(), 0.0); // 4 % 3 = 1
        DataSet second = it.next();
        assertEquals(2, second.numExamples());
        assertFalse(it.hasNext());
    }

    @Test
    void labelColumnInTheMiddleOrFirstIsRemovedFromTheFeatures() throws IOException {
        Path middle = dir.resolve("label-middle.csv");
        Files.writeString(middle, "10,2,20\n11,0,21\n12,1,22\n");
        DataSet m = CsvData.iterator(CsvSpec.labeled(middle, 0, 1, 3), 10).next();
        assertArrayEquals(new long[] {3, 2}, m.getFeatures().shape());
        assertArrayEquals(new double[] {10, 20}, m.getFeatures().getRow(0).toDoubleVector(), 1e-6);
        assertArrayEquals(new double[] {0, 0, 1}, m.getLabels().getRow(0).toDoubleVector(), 0.0);

        Path first = dir.resolve("label-first.csv");
        Files.writeString(first, "2,10,20\n0,11,21\n1,12,22\n");
        DataSet f = CsvData.iterator(CsvSpec.labeled(first, 0, 0, 3), 10).next();
        assertArrayEquals(new long[] {3, 2}, f.getFeatures().shape());
        assertArrayEquals(new double[] {11, 21}, f.getFeatures().getRow(1).toDoubleVector(), 1e-6);
        assertArrayEquals(new double[] {1, 0, 0}, f.getLabels().getRow(1).toDoubleVector(), 0.0);
    }

    @Test
    void unlabelledFileUsesAllColumnsAndTheFeaturesAsTarget() throws IOException {
        DataSetIterator it = CsvData.iterator(CsvSpec.unlabeled(csv, 1), 4);
        DataSet first = it.next();
        assertArrayEquals(new long[] {4, 4}, first.getFeatures().shape());
        assertEquals(first.getFeatures(), first.getLabels());
        assertArrayEquals(new double[] {3, 1.5, -3, 0}, first.getFeatures().getRow(3).toDoubleVector(), 1e-6);
        assertEquals(3, it.next().numExamples());
        it.reset();
        assertEquals(first.getFeatures(), it.next().getFeatures());
    }

    @Test
    void errorsNameTheFile() throws IOException {
        Path missing = dir.resolve("missing.csv");
        IOException noFile = assertThrows(IOException.class, () -> CsvData.iterator(CsvSpec.unlabeled(missing, 0), 4));
        assertTrue(noFile.getMessage().startsWith(missing.toAbsolutePath().toString()), noFile.getMessage());
        IOException narrow = assertThrows(IOException.class, () -> CsvData.iterator(CsvSpec.labeled(csv, 1, 9, 3), 4));
        assertTrue(narrow.getMessage().contains("has 4 columns; expected the label column 9"), narrow.getMessage());
        IOException empty = assertThrows(IOException.class, () -> CsvData.iterator(CsvSpec.unlabeled(csv, 8), 4));
        assertTrue(empty.getMessage().contains("no data line after the 8 skipped lines"), empty.getMessage());
    }

    @Test
    void specValidatesAndRoundTripsThroughJson() throws IOException {
        IllegalArgumentException classes = assertThrows(IllegalArgumentException.class,
                () -> CsvSpec.labeled(csv, 0, 2, 1));
        assertEquals("numClasses 1 is invalid for label column 2; expected >= 2", classes.getMessage());
        IllegalArgumentException skip = assertThrows(IllegalArgumentException.class, () -> CsvSpec.unlabeled(csv, -1));
        assertEquals("skipLines -1 is invalid; expected >= 0", skip.getMessage());
        ObjectMapper json = new ObjectMapper();
        CsvSpec spec = new CsvSpec(csv, 2, ';', 1, 4);
        assertEquals(spec, json.readValue(json.writeValueAsString(spec), CsvSpec.class));
    }

    /** The error of opening {@code text}, written as {@code name}, with {@code spec} made for that file. */
    private IOException badFile(String name, String text, java.util.function.Function<Path, CsvSpec> spec)
            throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return assertThrows(IOException.class, () -> CsvData.iterator(spec.apply(file), 4));
    }

    @Test
    void raggedRowsNonNumericCellsAndBadLabelsNameFileLineAndColumn() throws IOException {
        java.util.function.Function<Path, CsvSpec> labelled = file -> CsvSpec.labeled(file, 1, 3, 3);
        String header = "a,b,c,class\n";
        String abs = dir.toAbsolutePath().toString() + "/";
        assertEquals(abs + "ragged.csv line 4 has 3 columns; expected 4 like the first data line (line 2)",
                badFile("ragged.csv", header + "1,2,3,0\n4,5,6,1\n7,8,2\n", labelled).getMessage());
        assertEquals(abs + "long.csv line 3 has 5 columns; expected 4 like the first data line (line 2)",
                badFile("long.csv", header + "1,2,3,0\n4,5,6,1,9\n", labelled).getMessage());
        assertEquals(abs + "text.csv line 3, column 2: \"abc\" is not a number; expected a decimal such as 0.5",
                badFile("text.csv", header + "1,2,3,0\n4,abc,6,1\n", labelled).getMessage());
        assertEquals(abs + "empty-cell.csv line 2, column 3: \"\" is not a number; expected a decimal such as 0.5",
                badFile("empty-cell.csv", header + "1,2,,0\n", labelled).getMessage());
        assertEquals(abs + "nan.csv line 2, column 1: NaN is not a finite number; expected a finite decimal",
                badFile("nan.csv", header + "NaN,2,3,0\n", labelled).getMessage());
        assertEquals(abs + "label.csv line 3, column 4: label 5 is outside 0..2 (numClasses 3)",
                badFile("label.csv", header + "1,2,3,0\n4,5,6,5\n", labelled).getMessage());
        assertEquals(abs + "label-text.csv line 2, column 4: label \"1.5\" is not a class index; expected an integer 0..2",
                badFile("label-text.csv", header + "1,2,3,1.5\n", labelled).getMessage());
        assertEquals(abs + "blank.csv line 3 is empty; expected 4 values separated by ',' (remove blank lines)",
                badFile("blank.csv", header + "1,2,3,0\n\n4,5,6,1\n", labelled).getMessage());
        assertEquals(abs + "quote.csv line 2 has an unclosed quote; expected every \" to be closed on the same line",
                badFile("quote.csv", header + "\"1,2,3,0\n", labelled).getMessage());
        assertEquals(abs + "ragged-unlabelled.csv line 3 has 2 columns; expected 3 like the first data line (line 1)",
                badFile("ragged-unlabelled.csv", "1,2,3\n4,5,6\n7,8\n", file -> CsvSpec.unlabeled(file, 0))
                        .getMessage());
    }

    @Test
    void quotedNumbersAreAccepted() throws IOException {
        Path quoted = dir.resolve("quoted.csv");
        Files.writeString(quoted, "\"1.5\",2,\"3\"\n4,5,6\n");
        DataSet all = CsvData.iterator(CsvSpec.unlabeled(quoted, 0), 10).next();
        assertArrayEquals(new double[] {1.5, 2, 3}, all.getFeatures().getRow(0).toDoubleVector(), 1e-6);
    }

    @Test
    void aCsvOfTheWrongWidthForTheModelIsNamedByFit() throws IOException {
        VaeModel model = VaeModel.create(VaeConfig.builder().inputShape(InputShape.vector(4))
                .network(NetworkConfig.mlp(4)).latentSize(2).likelihood(Likelihood.GAUSSIAN_FIXED_VARIANCE).build());
        DataSetIterator threeColumns = CsvData.iterator(CsvSpec.labeled(csv, 1, 3, 3), 5);
        assertEquals("training batch 1 (epoch 1) has shape [5, 3]; expected [n, 4] or [n, 1, 1, 4]",
                assertThrows(IllegalArgumentException.class, () -> model.fit(threeColumns, 1)).getMessage());
        DataSetIterator fourColumns = CsvData.iterator(CsvSpec.unlabeled(csv, 1), 5);
        assertEquals(7, model.fit(fourColumns, 1).get(0).examples(), "the same file unlabelled is 4 wide");
    }
}
