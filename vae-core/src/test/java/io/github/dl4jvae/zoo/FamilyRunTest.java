package io.github.dl4jvae.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dl4jvae.config.Likelihood;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The registry's family-table rows ({@link FamilyRun}): every entry has one, each agrees with the run files it names
 * (docs/family/NAME: evaluation.json, metrics.csv and run.json written by 'vae train' and 'vae evaluate'), and bad
 * rows are refused with the field that is wrong.
 */
class FamilyRunTest {
    /** The repository root, seen from the module folder Maven runs the tests in. */
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The registry rounds the figures to 4 decimals and seconds per epoch to 3. */
    private static final double FIGURE_TOLERANCE = 5.1e-5;
    private static final double SECONDS_TOLERANCE = 5.1e-4;

    @Test
    void everyZooEntryHasItsMeasuredRowButTheAutoencoderAndTheConvergedReproductions() {
        // ae-mlp400 is measured by the sample-quality comparison (docs/generation.md): an autoencoder defines no -ELBO
        // or NLL. The two reproductions of the Exemplar VAE's table are measured trained to convergence, by their
        // weights' figures, not after the family table's 10 epochs.
        List<String> unmeasured = VaeZoo.entries().stream().filter(e -> e.familyRun() == null).map(ZooEntry::name)
                .toList();
        assertEquals(List.of("ae-mlp400", "gated-vae-mlp300-z40", "vampprior-vae-mlp300-z40"), unmeasured);
    }

    @Test
    void everyRowAgreesWithTheRunFilesItNames() throws IOException {
        for (ZooEntry entry : VaeZoo.entries()) {
            FamilyRun run = entry.familyRun();
            if (run == null) {
                continue;
            }
            String name = entry.name();
            assertEquals("docs/family/" + name, run.files(), name);
            Path folder = REPOSITORY.resolve(run.files());
            JsonNode evaluation = JSON.readTree(folder.resolve("evaluation.json").toFile());
            assertEquals(evaluation.get("testNegativeElbo").asDouble(), run.testNegativeElbo(), FIGURE_TOLERANCE, name);
            assertEquals(evaluation.get("importanceSampledNll").asDouble(), run.importanceSampledNll(),
                    FIGURE_TOLERANCE, name);
            assertEquals(evaluation.get("k").asInt(), run.importanceSamples(), name);
            assertEquals(evaluation.get("nllImages").asInt(), run.importanceExamples(), name);
            assertEquals(evaluation.get("activeUnits").asInt(), run.activeUnits(), name);
            assertEquals(entry.latentSize(), evaluation.get("latentSize").asInt(), name);
            assertEquals(10_000, evaluation.get("testImages").asInt(), name);

            JsonNode runFile = JSON.readTree(folder.resolve("run.json").toFile());
            assertEquals(runFile.get("epochs").asInt(), run.epochs(), name);
            assertEquals(runFile.get("batchSize").asInt(), run.batchSize(), name);
            assertEquals(entry.likelihood() == Likelihood.BERNOULLI ? "DYNAMIC" : "NONE",
                    runFile.get("binarization").asText(), name);

            List<String> rows = Files.readAllLines(folder.resolve("metrics.csv"));
            List<String> header = List.of(rows.get(0).split(","));
            int secondsColumn = header.indexOf("seconds");
            assertEquals(run.epochs(), rows.size() - 1, name + ": one metrics row per epoch");
            double seconds = rows.stream().skip(1).mapToDouble(r -> Double.parseDouble(r.split(",")[secondsColumn]))
                    .average().orElseThrow();
            assertEquals(seconds, run.secondsPerEpoch(), SECONDS_TOLERANCE, name);
        }
    }

    @Test
    void badRowsAreRefusedNamingTheField() {
        assertTrue(refusal(() -> row(0, 128, 1000, 20, 12.0)).contains("epochs, batchSize"));
        assertTrue(refusal(() -> new FamilyRun("cmd", 10, 128, "pre", "env", Double.NaN, 240, 1000, 1000, 20,
                12.0, "docs/family/x")).contains("test figures must be finite"));
        assertTrue(refusal(() -> row(10, 128, 1000, -1, 12.0)).contains("activeUnits must be >= 0, got -1"));
        assertTrue(refusal(() -> row(10, 128, 1000, 20, 0)).contains("secondsPerEpoch must be a positive number"));
        assertTrue(refusal(() -> new FamilyRun(" ", 10, 128, "pre", "env", 240, 238, 1000, 1000, 20, 12.0,
                "docs/family/x")).contains("command is empty"));

        ZooEntry entry = VaeZoo.entry("pytorch-example-mlp400");
        String message = refusal(() -> new ZooEntry(entry.name(), entry.title(), entry.paper(), entry.architecture(),
                entry.likelihood(), entry.inputShape(), entry.latentSize(), entry.dataSet(), entry.notes(),
                entry.config(), entry.pretrained(), row(10, 128, 1000, 21, 12.0)));
        assertTrue(message.contains("21 active units, more than its 20 latent dimensions"), message);
    }

    @Test
    void aRegistryWithoutTheFieldOrWithABadRowIsRejectedWithTheEntry() throws IOException {
        String good = new String(VaeZoo.class.getResourceAsStream(VaeZoo.REGISTRY_RESOURCE).readAllBytes(),
                StandardCharsets.UTF_8);
        String missing = good.replaceFirst(",\\s*\"familyRun\": \\{[^}]*\\}", "");
        String message = assertThrows(IOException.class, () -> parse(missing)).getMessage();
        assertTrue(message.contains("models[0] (kingma-welling-2013-mlp500)") && message.contains("familyRun"),
                message);
        String negative = good.replaceFirst("\"secondsPerEpoch\": [0-9.]+", "\"secondsPerEpoch\": -1");
        message = assertThrows(IOException.class, () -> parse(negative)).getMessage();
        assertTrue(message.contains("models[0] (kingma-welling-2013-mlp500): familyRun: secondsPerEpoch must be"),
                message);
    }

    private static FamilyRun row(int epochs, int batchSize, int samples, int active, double seconds) {
        return new FamilyRun("cmd", epochs, batchSize, "pre", "env", 240, 238, samples, 1000, active, seconds,
                "docs/family/x");
    }

    private static String refusal(Executable executable) {
        return assertThrows(IllegalArgumentException.class, executable).getMessage();
    }

    private static void parse(String json) throws IOException {
        VaeZoo.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }
}
