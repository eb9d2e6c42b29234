package io.github.dl4jvae.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.VaeConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Bad input at every entry point is a clear error naming what was wrong and what was expected. */
class VaeModelInputTest {
    private static VaeModel model;

    @BeforeAll
    static void createModel() {
        model = VaeModel.create(VaeConfig.builder().inputShape(InputShape.image(4, 5))
                .network(NetworkConfig.mlp(8)).latentSize(2).build());
    }

    private static String message(Throwable t) {
        return t.getMessage();
    }

    @Test
    void featuresOfTheWrongWidthOrRankAreNamed() {
        assertEquals("features has shape [3, 21]; expected [n, 20] or [n, 1, 4, 5]",
                message(assertThrows(IllegalArgumentException.class, () -> model.encode(Nd4j.zeros(3, 21)))));
        assertEquals("features has shape [20]; expected [n, 20] or [n, 1, 4, 5]",
                message(assertThrows(IllegalArgumentException.class, () -> model.encode(Nd4j.zeros(20)))));
        assertEquals("features is null; expected [n, 20] or [n, 1, 4, 5]",
                message(assertThrows(IllegalArgumentException.class, () -> model.encode((INDArray) null))));
    }

    @Test
    void imageShapedFeaturesAreAccepted() {
        INDArray images = Nd4j.rand(DataType.FLOAT, 3, 1, 4, 5);
        assertEquals(model.encode(images.reshape(3, 20)).mean(), model.encode(images).mean());
    }

    @Test
    void nonFiniteAndNonFloatingDataAreRejected() {
        INDArray nan = Nd4j.zeros(DataType.FLOAT, 2, 20);
        nan.putScalar(1, 3, Float.NaN);
        assertEquals("features contains NaN or infinite values; expected finite numbers",
                message(assertThrows(IllegalArgumentException.class, () -> model.negativeElbo(nan))));
        assertEquals("features has data type INT; expected a floating-point array (FLOAT or DOUBLE)",
                message(assertThrows(IllegalArgumentException.class, () -> model.encode(Nd4j.zeros(DataType.INT, 2, 20)))));
    }

    @Test
    void emptyIteratorsAndBadCountsAreRejected() {
        ListDataSetIterator<DataSet> empty = new ListDataSetIterator<>(List.of(), 1);
        assertEquals("training iterator gave no examples in epoch 1; expected at least one non-empty batch",
                message(assertThrows(IllegalArgumentException.class, () -> model.fit(empty, 1))));
        assertEquals("evaluation iterator gave no examples; expected at least one",
                message(assertThrows(IllegalArgumentException.class, () -> model.evaluate(empty))));
        assertEquals("epochs must be >= 1, got 0",
                message(assertThrows(IllegalArgumentException.class, () -> model.fit(empty, 0))));
        assertEquals("number of importance samples K must be >= 1, got 0",
                message(assertThrows(IllegalArgumentException.class, () -> model.logLikelihood(Nd4j.zeros(1, 20), 0))));
        assertEquals("latent codes have shape [1, 3]; expected [n, 2], n >= 1",
                message(assertThrows(IllegalArgumentException.class, () -> model.decode(Nd4j.zeros(1, 3)))));
        assertEquals("number of samples must be >= 1, got 0",
                message(assertThrows(IllegalArgumentException.class, () -> model.sample(0))));
    }

    @Test
    void aBatchOfTheWrongWidthInsideFitIsNamed() {
        INDArray wrong = Nd4j.zeros(DataType.FLOAT, 2, 19);
        ListDataSetIterator<DataSet> data = new ListDataSetIterator<>(List.of(new DataSet(wrong, wrong)), 1);
        assertEquals("training batch 1 (epoch 1) has shape [2, 19]; expected [n, 20] or [n, 1, 4, 5]",
                message(assertThrows(IllegalArgumentException.class, () -> model.fit(data, 1))));
    }

    @Test
    void filesThatAreNotModelsAreClearErrors(@TempDir Path dir) throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "not a model");
        assertTrue(message(assertThrows(IOException.class, () -> VaeModel.load(text)))
                .endsWith("is not a dl4j-vae model file: it is not a zip archive or it is empty"));

        Path missing = dir.resolve("missing.zip");
        assertEquals("model file " + missing + " does not exist",
                message(assertThrows(IOException.class, () -> VaeModel.load(missing))));

        Path good = dir.resolve("good.zip");
        model.save(good);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.zip");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        String truncatedMessage = message(assertThrows(IOException.class, () -> VaeModel.load(truncated)));
        assertTrue(truncatedMessage.startsWith(truncated.toString()), truncatedMessage);

        Path future = dir.resolve("future.zip");
        try (OutputStream out = Files.newOutputStream(future); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("format.json"));
            zip.write("{\"format\":\"dl4j-vae-model\",\"version\":99}".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        assertEquals(future + " has model format version 99; this library reads versions 1 to 2",
                message(assertThrows(IOException.class, () -> VaeModel.load(future))));
    }

    @Test
    void aModelFileForAnotherArchitectureIsNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.zip");
        model.save(file);
        Path altered = dir.resolve("altered.zip");
        // A consistent file (checksums recomputed) whose parameters do not fit its configuration.
        ArchiveEdits.copy(file, altered, entries -> ArchiveEdits.replaceText(entries, "config.json",
                "\"hiddenSizes\" : [ 8 ]", "\"hiddenSizes\" : [ 9 ]"), true);
        assertEquals(altered + ": parameter dec_dense0_W has shape [2, 8] but the configuration's architecture "
                + "needs [2, 9]", message(assertThrows(IOException.class, () -> VaeModel.load(altered))));
        // The original file is untouched and still loads.
        assertEquals(model.config(), VaeModel.load(file).config());
    }

    @Test
    void anAlteredEntryIsAChecksumMismatchNamingFileAndEntry(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.zip");
        model.save(file);
        Map<String, byte[]> entries = ArchiveEdits.read(file);
        byte[] config = entries.get("config.json");
        String expected = ArchiveChecksums.sha256(config);
        Path altered = dir.resolve("altered.zip");
        ArchiveEdits.copy(file, altered, e -> ArchiveEdits.replaceText(e, "config.json", "\"seed\" : 42",
                "\"seed\" : 43"), false);
        String actual = ArchiveChecksums.sha256(ArchiveEdits.read(altered).get("config.json"));
        assertEquals(altered + ": checksum mismatch in entry config.json: its SHA-256 is " + actual + " but "
                + "checksums.json records " + expected + "; the file is corrupt. Load an earlier checkpoint or a "
                + "backup copy", message(assertThrows(IOException.class, () -> VaeModel.load(altered))));

        Path weights = dir.resolve("weights.zip");
        ArchiveEdits.copy(file, weights, e -> e.get("parameters/enc_mean_W")[e.get("parameters/enc_mean_W").length - 1] ^= 1,
                false);
        assertTrue(message(assertThrows(IOException.class, () -> VaeModel.load(weights)))
                .startsWith(weights + ": checksum mismatch in entry parameters/enc_mean_W: its SHA-256 is "));

        Path noSums = dir.resolve("no-checksums.zip");
        ArchiveEdits.copy(file, noSums, e -> e.remove("checksums.json"), false);
        assertEquals(noSums + " lacks the entry checksums.json, which every model file of format version 2 or later "
                + "holds; the file is incomplete or was not written by this library",
                message(assertThrows(IOException.class, () -> VaeModel.load(noSums))));

        Path extra = dir.resolve("extra.zip");
        ArchiveEdits.copy(file, extra, e -> e.put("parameters/extra", new byte[] {1}), false);
        assertEquals(extra + " holds the entry parameters/extra that its checksums.json does not list; the file was "
                + "altered after it was written", message(assertThrows(IOException.class, () -> VaeModel.load(extra))));

        Path otherFormat = dir.resolve("other-format.zip");
        ArchiveEdits.copy(file, otherFormat, e -> ArchiveEdits.replaceText(e, "format.json", "dl4j-vae-model",
                "keras-model"), true);
        assertEquals(otherFormat + " is not a dl4j-vae model (format \"keras-model\", expected \"dl4j-vae-model\")",
                message(assertThrows(IOException.class, () -> VaeModel.load(otherFormat))));
    }

    @Test
    void flippedBytesAnywhereInTheFileAreNamedErrorsNeverASilentLoad(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.zip");
        model.save(file);
        byte[] bytes = Files.readAllBytes(file);
        java.util.SplittableRandom random = new java.util.SplittableRandom(8);
        int loaded = 0;
        for (int trial = 0; trial < 40; trial++) {
            byte[] damaged = bytes.clone();
            int at = random.nextInt(damaged.length);
            damaged[at] ^= (byte) (1 + random.nextInt(255));
            Path copy = dir.resolve("flip-" + trial + ".zip");
            Files.write(copy, damaged);
            try {
                VaeModel again = VaeModel.load(copy);
                // Only bytes the reader never uses (zip timestamps, extra fields, the central directory, which
                // ZipInputStream skips) may change without an error; then the model is the original one.
                assertEquals(model.encode(Nd4j.ones(DataType.FLOAT, 1, 20)).mean(),
                        again.encode(Nd4j.ones(DataType.FLOAT, 1, 20)).mean(), "byte " + at);
                loaded++;
            } catch (IOException e) {
                assertTrue(e.getMessage().startsWith(copy.toString()) || e.getMessage().contains(copy.toString()),
                        "byte " + at + ": " + e.getMessage());
            }
        }
        assertTrue(loaded < 40, "most flips are detected");
    }

    @Test
    void versionOneFilesWithoutChecksumsStillLoad(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.zip");
        model.save(file);
        Path v1 = dir.resolve("v1.zip");
        ArchiveEdits.copy(file, v1, e -> {
            e.remove("checksums.json");
            ArchiveEdits.replaceText(e, "format.json", "\"version\" : 2", "\"version\" : 1");
            String config = new String(e.get("config.json"), StandardCharsets.UTF_8)
                    .replaceFirst(",\\s*\"logVarianceClamp\" : \\{[^}]*}", "");
            e.put("config.json", config.getBytes(StandardCharsets.UTF_8));
        }, false);
        VaeModel old = VaeModel.load(v1);
        assertEquals(model.config(), old.config());
        assertEquals(model.encode(Nd4j.ones(DataType.FLOAT, 2, 20)).mean(), old.encode(Nd4j.ones(DataType.FLOAT, 2, 20)).mean());
    }

    @Test
    void doubleFeaturesAreConvertedAndEveryOtherBadInputIsNamed() {
        INDArray floats = Nd4j.rand(DataType.FLOAT, 3, 20);
        assertEquals(model.encode(floats).mean(), model.encode(floats.castTo(DataType.DOUBLE)).mean(),
                "DOUBLE data is converted to the FLOAT model (exactly: the values came from FLOAT)");
        assertEquals(model.encode(floats.castTo(DataType.HALF)).mean().shape()[0], 3);
        assertEquals("features has data type LONG; expected a floating-point array (FLOAT or DOUBLE)",
                message(assertThrows(IllegalArgumentException.class, () -> model.encode(Nd4j.zeros(DataType.LONG, 2, 20)))));
        assertEquals("features has data type BOOL; expected a floating-point array (FLOAT or DOUBLE)",
                message(assertThrows(IllegalArgumentException.class, () -> model.encode(Nd4j.zeros(DataType.BOOL, 2, 20)))));
        assertEquals("features has shape [2, 1, 5, 4]; expected [n, 20] or [n, 1, 4, 5]",
                message(assertThrows(IllegalArgumentException.class, () -> model.encode(Nd4j.zeros(2, 1, 5, 4)))));
        assertEquals("features has shape [2, 20, 1]; expected [n, 20] or [n, 1, 4, 5]",
                message(assertThrows(IllegalArgumentException.class, () -> model.encode(Nd4j.zeros(2, 20, 1)))));
        assertEquals("features has no rows (shape [0, 20]); expected [n, 20] or [n, 1, 4, 5] with n >= 1",
                message(assertThrows(IllegalArgumentException.class, () -> model.encode(Nd4j.create(DataType.FLOAT, 0, 20)))));
        INDArray inf = Nd4j.zeros(DataType.FLOAT, 2, 20);
        inf.putScalar(0, 0, Float.POSITIVE_INFINITY);
        assertEquals("features contains NaN or infinite values; expected finite numbers",
                message(assertThrows(IllegalArgumentException.class, () -> model.encode(inf))));
        assertEquals("features contains NaN or infinite values; expected finite numbers",
                message(assertThrows(IllegalArgumentException.class, () -> model.logLikelihood(inf, 3))));
        assertEquals("latent codes must be finite floating-point numbers, got type FLOAT",
                message(assertThrows(IllegalArgumentException.class,
                        () -> model.decode(Nd4j.createFromArray(new float[][] {{Float.NaN, 0}})))));
    }

    @Test
    void hugeButFiniteValuesAreNotMistakenForInfinity() {
        // Their sum overflows float32; the check looks at each value.
        INDArray huge = Nd4j.valueArrayOf(new long[] {2, 20}, 3e38f, DataType.FLOAT);
        assertEquals(huge, FeatureChecks.flatten(huge, model.config().inputShape(), DataType.FLOAT, "features"));
    }

    @Test
    void everyNonFiniteValueIsFoundWhereverItIs() {
        // Whole contiguous arrays go through the BLAS sum, whose vectorized kernels work in blocks with a scalar
        // tail: a NaN or an infinity at every position of widths around the block sizes must still be found.
        InputShape anyShape = InputShape.vector(1);
        int cases = 0;
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (int width : new int[] {1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65}) {
                InputShape shape = InputShape.vector(width);
                for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                    for (int position = 0; position < 3 * width; position++) {
                        INDArray x = Nd4j.rand(type, 3, width);
                        x.putScalar(position, bad);
                        assertEquals("x contains NaN or infinite values; expected finite numbers", message(assertThrows(
                                IllegalArgumentException.class, () -> FeatureChecks.flatten(x, shape, type, "x"))));
                        cases++;
                    }
                }
            }
        }
        assertEquals(2 * 3 * 3 * (1 + 7 + 8 + 9 + 15 + 16 + 17 + 31 + 32 + 33 + 63 + 64 + 65), cases);
        // A view: the NaN outside it is not its business, the one inside is.
        INDArray rows = Nd4j.rand(DataType.FLOAT, 4, 1);
        rows.putScalar(0, 0, Float.NaN);
        INDArray lastThree = rows.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 4),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        assertEquals(lastThree, FeatureChecks.flatten(lastThree, anyShape, DataType.FLOAT, "x"));
        rows.putScalar(2, 0, Float.NaN);
        assertEquals("x contains NaN or infinite values; expected finite numbers", message(assertThrows(
                IllegalArgumentException.class, () -> FeatureChecks.flatten(lastThree, anyShape, DataType.FLOAT, "x"))));
    }

    @Test
    void nanOrInfinityInsideFitOrEvaluateNamesTheBatch() {
        INDArray good = Nd4j.rand(DataType.FLOAT, 2, 20);
        INDArray bad = Nd4j.rand(DataType.FLOAT, 2, 20);
        bad.putScalar(1, 7, Float.NaN);
        ListDataSetIterator<DataSet> data = new ListDataSetIterator<>(List.of(new DataSet(good, good),
                new DataSet(bad, bad)), 1);
        VaeModel fresh = VaeModel.create(model.config());
        assertEquals("training batch 2 (epoch 1) contains NaN or infinite values; expected finite numbers",
                message(assertThrows(IllegalArgumentException.class, () -> fresh.fit(data, 1))));
        assertEquals("evaluation batch 2 contains NaN or infinite values; expected finite numbers",
                message(assertThrows(IllegalArgumentException.class, () -> fresh.evaluate(data))));
        INDArray ints = Nd4j.zeros(DataType.INT, 2, 20);
        ListDataSetIterator<DataSet> intData = new ListDataSetIterator<>(List.of(new DataSet(ints, ints)), 1);
        assertEquals("training batch 1 (epoch 1) has data type INT; expected a floating-point array (FLOAT or DOUBLE)",
                message(assertThrows(IllegalArgumentException.class, () -> fresh.fit(intData, 1))));
        assertEquals("evaluation iterator is null; expected a DataSetIterator",
                message(assertThrows(IllegalArgumentException.class, () -> fresh.evaluate(null))));
        assertEquals("training iterator is null; expected a DataSetIterator",
                message(assertThrows(IllegalArgumentException.class, () -> fresh.fit(null, 1))));
    }

    @Test
    void aSingleExampleIteratorTrainsAndEvaluates() {
        INDArray one = Nd4j.rand(DataType.FLOAT, 1, 20);
        ListDataSetIterator<DataSet> data = new ListDataSetIterator<>(List.of(new DataSet(one, one)), 1);
        VaeModel fresh = VaeModel.create(model.config());
        List<EpochResult> epochs = fresh.fit(data, 2, data);
        assertEquals(1, epochs.get(1).examples());
        assertEquals(2, fresh.iterations());
        Evaluation evaluation = fresh.evaluate(data);
        assertEquals(1, evaluation.examples());
        assertEquals(evaluation.reconstruction() + evaluation.kl(), evaluation.negativeElbo(), 1e-4);
        assertEquals(1, fresh.logLikelihood(one, 4).length());
    }

    @Test
    void latentSizeOneTrains() {
        // ND4J M2.1 fails to reduce a size-1 axis inside SameDiff; the graph sums the KL so that k = 1 works.
        VaeModel tiny = VaeModel.create(model.config().toBuilder().latentSize(1).build());
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 20);
        List<EpochResult> epochs = tiny.fit(new ListDataSetIterator<>(List.of(new DataSet(x, x)), 1), 1);
        assertTrue(Double.isFinite(epochs.get(0).kl()), epochs.toString());
        assertEquals(1, tiny.encode(x).mean().size(1));
    }
}
