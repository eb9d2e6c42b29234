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
                message(assertThrows(IllegalArgumentException.class, () -> model.encode(null))));
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
        assertEquals(future + " has model format version 99; this library reads version 1",
                message(assertThrows(IOException.class, () -> VaeModel.load(future))));
    }

    @Test
    void aModelFileForAnotherArchitectureIsNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.zip");
        model.save(file);
        Path altered = dir.resolve("altered.zip");
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(file));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(altered))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                byte[] content = in.readAllBytes();
                if (entry.getName().equals("config.json")) {
                    content = new String(content, StandardCharsets.UTF_8)
                            .replace("\"hiddenSizes\" : [ 8 ]", "\"hiddenSizes\" : [ 9 ]").getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        assertEquals(altered + ": parameter dec_dense0_W has shape [2, 8] but the configuration's architecture "
                + "needs [2, 9]", message(assertThrows(IOException.class, () -> VaeModel.load(altered))));
        // The original file is untouched and still loads.
        assertEquals(model.config(), VaeModel.load(file).config());
    }
}
