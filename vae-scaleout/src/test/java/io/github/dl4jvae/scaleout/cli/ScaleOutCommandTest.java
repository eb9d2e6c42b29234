package io.github.dl4jvae.scaleout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dl4jvae.data.Split;
import io.github.dl4jvae.scaleout.Engine;
import io.github.dl4jvae.scaleout.Fixtures;
import io.github.dl4jvae.scaleout.TrainedModels;
import io.github.dl4jvae.scaleout.TrainingReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Smoke tests of the vae-scaleout program with tiny settings: exit codes, output, saved models. */
class ScaleOutCommandTest {
    private static final String[] TINY = {"--hidden", "32", "--latent", "4", "--epochs", "1", "--batch-size", "100"};

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = ScaleOutCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** The subcommand, its arguments, then the tiny network and training settings. */
    private static String[] tiny(String... subcommandAndArgs) {
        List<String> all = new ArrayList<>(List.of(subcommandAndArgs));
        all.addAll(List.of(TINY));
        return all.toArray(new String[0]);
    }

    @Test
    void parallelTrainsAndSaves(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("parallel.zip");
        Run run = run(tiny("parallel", "--embedded", "--workers", "2", "--out", model.toString()));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("PARALLEL_WRAPPER") && run.out().contains("saved"), run.out());
        TrainingReport report = TrainedModels.report(model.toFile());
        assertEquals(Engine.PARALLEL_WRAPPER, report.engine());
        assertEquals(5000, report.epochs().get(0).examples());
        assertEquals("fashion-mnist-embedded-subset", report.provenance().dataSet());
    }

    @Test
    void sparkTrainsFromIdxInLocalModeAndSaves(@TempDir Path dir) throws Exception {
        Path images = Fixtures.copyImages(Split.TEST, dir);
        Path model = dir.resolve("spark.zip");
        Run run = run(tiny("spark", "--master", "local[2]", "--images", images.toString(),
                "--out", model.toString()));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("master local[2]"), run.out());
        TrainingReport report = TrainedModels.report(model.toFile());
        assertEquals(Engine.SPARK, report.engine());
        assertEquals(2, report.workers(), "Spark's default parallelism in local[2]");
        assertEquals(1000, report.epochs().get(0).examples());
        assertTrue(report.finalNegativeElbo() < report.initialNegativeElbo(), report.toJson());
    }

    @Test
    void sparkWithoutAMasterSaysHowToGiveOne() {
        Run run = run("spark", "--images", "/nowhere/x.gz", "--out", "/nowhere/m.zip");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("no Spark master") && run.err().contains("spark-submit"), run.err());
        Run both = run("spark", "--images", "a", "--csv", "b", "--out", "m.zip");
        assertEquals(2, both.exitCode(), "--images and --csv exclude each other");
    }

    @Test
    void throughputPrintsARowPerEngineAndWorkerCount(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("rows.json");
        Run run = run(tiny("throughput", "--embedded", "--examples", "400", "--warmup", "0", "--workers", "2",
                "--json", json.toString()));
        assertEquals(0, run.exitCode(), run.err());
        JsonNode rows = new ObjectMapper().readTree(json.toFile()).get("rows");
        assertEquals(3, rows.size(), run.out());
        assertEquals(List.of("FIT", "PARALLEL_WRAPPER", "SPARK"),
                List.of(rows.get(0).get("engine").asText(), rows.get(1).get("engine").asText(),
                        rows.get(2).get("engine").asText()));
        for (JsonNode row : rows) {
            assertEquals(400, row.get("timedExamples").asLong(), row.toString());
            assertTrue(row.get("examplesPerSecond").asDouble() > 0, row.toString());
        }
        assertTrue(Files.readString(json).contains("OMP_NUM_THREADS"));
    }
}
