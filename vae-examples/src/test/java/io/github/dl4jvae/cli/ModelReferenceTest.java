package io.github.dl4jvae.cli;

import static io.github.dl4jvae.cli.VaeCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.data.FashionMnist;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.data.Split;
import io.github.dl4jvae.data.VaeData;
import io.github.dl4jvae.model.VaeModel;
import io.github.dl4jvae.zoo.VaeZoo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.ViewIterator;

/**
 * The forms of {@code --model} ({@link ModelReference}): a model file, a run directory (its model.zip), and
 * {@code zoo:NAME} for a zoo model's shipped weights; and the one-line errors for a directory without a model, an
 * unknown zoo name and a zoo model without weights. Every subcommand that reads a model takes them through the
 * same {@link ModelOptions}.
 */
class ModelReferenceTest {
    private static final String SHIPPED = "pytorch-example-mlp400";
    private static final List<String> READERS = List.of("evaluate", "sample", "reconstruct", "interpolate", "anomaly");

    private static VaeModel tinyModel() {
        return VaeModel.create(VaeConfig.builder().inputShape(InputShape.image(28, 28)).network(NetworkConfig.mlp(8))
                .latentSize(2).seed(3).build());
    }

    @Test
    void aModelFileAndARunDirectoryBothLoadTheModelAndWriteBesideIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.zip");
        tinyModel().save(file);
        VaeCommandTest.Run fromFile = run("sample", "--model", file.toString(), "--count", "4");
        assertEquals(0, fromFile.exitCode(), fromFile.err());
        assertEquals("wrote " + dir.resolve("samples.png") + " (4 samples)", fromFile.out().strip());

        Path runDir = dir.resolve("run");
        Files.createDirectories(runDir);
        tinyModel().save(runDir.resolve("model.zip"));
        VaeCommandTest.Run fromDir = run("sample", "--model", runDir.toString(), "--count", "4");
        assertEquals(0, fromDir.exitCode(), fromDir.err());
        assertEquals("wrote " + runDir.resolve("samples.png") + " (4 samples)", fromDir.out().strip());
        assertTrue(Files.size(runDir.resolve("samples.png")) > 0);
        // The same weights and draw seed, so the same picture as from the file.
        assertEquals(-1, Files.mismatch(dir.resolve("samples.png"), runDir.resolve("samples.png")));
    }

    @Test
    void aDirectoryWithoutModelZipIsAOneLineErrorNamingIt(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("not-a-run");
        Files.createDirectories(empty);
        for (String command : READERS) {
            VaeCommandTest.Run r = run(command, "--embedded", "--model", empty.toString());
            if (command.equals("sample")) {
                r = run(command, "--model", empty.toString());
            }
            assertEquals(1, r.exitCode(), command);
            assertEquals("vae: directory " + empty + " holds no model.zip; expected a model file, a run directory "
                    + "written by vae train, or zoo:NAME\n", r.err(), command);
        }
    }

    @Test
    void unknownZooNamesAndZooModelsWithoutWeightsListTheModelsThatHaveWeights() {
        // The registry's entries with weights, in its order: the list the messages name.
        String shipped = VaeZoo.entries().stream().filter(e -> e.hasPretrainedWeights()).map(e -> "zoo:" + e.name())
                .collect(java.util.stream.Collectors.joining(", "));
        assertTrue(shipped.startsWith("zoo:" + SHIPPED), shipped);
        for (String command : READERS) {
            VaeCommandTest.Run unknown = run(command, "--model", "zoo:vgg16", "--embedded");
            if (command.equals("sample")) {
                unknown = run(command, "--model", "zoo:vgg16");
            }
            assertEquals(1, unknown.exitCode(), command);
            assertEquals("vae: no zoo model 'vgg16'; zoo models with shipped weights: " + shipped
                    + " ('vae zoo' lists every model)\n", unknown.err(), command);
        }
        VaeCommandTest.Run noWeights = run("sample", "--model", "zoo:conv-28x28");
        assertEquals(1, noWeights.exitCode());
        assertEquals("vae: zoo model conv-28x28 ships no weights; zoo models with shipped weights: " + shipped
                + " (or train it: vae train --model conv-28x28)\n", noWeights.err());
        VaeCommandTest.Run noName = run("sample", "--model", "zoo:");
        assertEquals(2, noName.exitCode());
        assertEquals(1, noName.err().lines().count(), noName.err());
        assertTrue(noName.err().contains("'zoo:' names no zoo model; expected zoo:NAME, e.g. zoo:" + SHIPPED),
                noName.err());
    }

    @Test
    void zooNameLoadsTheShippedWeights(@TempDir Path dir) throws Exception {
        VaeModel model = ModelReference.parse("zoo:" + SHIPPED).load();
        assertEquals(VaeZoo.entry(SHIPPED).config(), model.config());
        // The negative ELBO of the 1000 embedded test images that the registry records, recomputed: the same
        // computation on the same weights (relative 1e-6 for the order of float sums).
        var weights = VaeZoo.entry(SHIPPED).pretrained();
        double recomputed = model.evaluate(new ViewIterator(VaeData.load(FashionMnist.embeddedSubset(), Split.TEST,
                Preprocessing.defaults().withBinarization(weights.binarization()), 1), 500)).negativeElbo();
        double recorded = weights.figures().embeddedSubsetNegativeElbo();
        assertEquals(recorded, recomputed, 1e-6 * recorded);

        Path png = dir.resolve("zoo-samples.png");
        VaeCommandTest.Run sample = run("sample", "--model", "zoo:" + SHIPPED, "--count", "4", "--out",
                png.toString());
        assertEquals(0, sample.exitCode(), sample.err());
        assertEquals("wrote " + png + " (4 samples)", sample.out().strip());

        Path json = dir.resolve("evaluation.json");
        VaeCommandTest.Run evaluate = run("evaluate", "--embedded", "--model", "zoo:" + SHIPPED, "--k", "2",
                "--limit", "10", "--out", json.toString());
        assertEquals(0, evaluate.exitCode(), evaluate.err());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals("zoo:" + SHIPPED, report.path("model").asText());
        assertEquals(1000, report.path("testImages").asInt());
        assertEquals(20, report.path("latentSize").asInt());

        VaeCommandTest.Run describe = run("zoo", SHIPPED);
        assertTrue(describe.out().contains("  use them:      --model zoo:" + SHIPPED + " (any subcommand that reads a "
                + "model, e.g. vae sample)\n"), describe.out());
    }

    @Test
    void trainTakesTheZooFormForItsConfiguration() {
        assertEquals(SHIPPED, ModelReference.zooName("zoo:" + SHIPPED));
        assertEquals(SHIPPED, ModelReference.zooName(SHIPPED), "the bare name, as before");
    }
}
