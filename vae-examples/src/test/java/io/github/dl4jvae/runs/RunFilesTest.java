package io.github.dl4jvae.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.data.DataOrigin;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.pictures.EpochMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metrics.csv, run.json and the run directory's guard. */
class RunFilesTest {

    @Test
    void metricsRoundTripAtFourDecimals(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("metrics.csv");
        MetricsFile.create(file);
        EpochMetrics first = new EpochMetrics(1, 300.123456, 300.1, 290.05, 10.05, 280.5, 270.25, 10.25, 2.5, 2000, 2,
                List.of(7.125, 3.0, 0.00004));
        MetricsFile.append(file, first);
        MetricsFile.append(file, new EpochMetrics(2, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, List.of()));
        assertEquals(List.of(MetricsFile.HEADER, "1,300.1235,300.1000,290.0500,10.0500,280.5000,270.2500,10.2500,2.500,2000.0,2,7.1250;3.0000;0.0000",
                "2,1.0000,2.0000,3.0000,4.0000,5.0000,6.0000,7.0000,8.000,9.0,0,"), Files.readAllLines(file));
        List<EpochMetrics> rows = MetricsFile.read(file);
        assertEquals(2, rows.size());
        assertEquals(300.1235, rows.get(0).trainLoss(), 1e-12);
        assertEquals(10.25, rows.get(0).testKl(), 1e-12);
        assertEquals(2, rows.get(0).activeUnits());
        assertEquals(List.of(7.125, 3.0, 0.0), rows.get(0).klPerDimension());
        assertEquals(List.of(), rows.get(1).klPerDimension());

        Files.writeString(file, "epoch,loss\n1,2\n");
        IOException header = assertThrows(IOException.class, () -> MetricsFile.read(file));
        assertTrue(header.getMessage().startsWith(file + " does not start with the metrics header"), header.getMessage());
        Files.writeString(file, MetricsFile.HEADER + "\n1,2,3\n");
        IOException columns = assertThrows(IOException.class, () -> MetricsFile.read(file));
        assertEquals(file + " line 2 has 3 columns; expected 12", columns.getMessage());
    }

    @Test
    void settingsRoundTripAndValidate(@TempDir Path dir) throws Exception {
        RunSettings settings = new RunSettings(7, 64, Preprocessing.Binarization.DYNAMIC, "fashion-mnist",
                DataOrigin.SYSTEM_DIRECTORY, "/usr/share/datasets/fashion-mnist", 10000, 50);
        Path file = dir.resolve("run.json");
        settings.write(file);
        assertEquals(settings, RunSettings.read(file));
        assertEquals(9, settings.withEpochs(9).epochs());
        assertEquals(50, settings.withEpochs(9).patience());
        assertEquals("--batch-size must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new RunSettings(1, 0, Preprocessing.Binarization.NONE, "x", DataOrigin.FILES, "y", 0, 0))
                .getMessage());
        assertEquals("--early-stopping 5 needs a validation split: pass --validation N to hold out N training images "
                + "(stopping on the test images would tune to them)", assertThrows(IllegalArgumentException.class,
                () -> settings.withValidation(0, 5)).getMessage());
        assertEquals("--validation must be >= 0 images, got -1", assertThrows(IllegalArgumentException.class,
                () -> settings.withValidation(-1, 0)).getMessage());
        // A run.json written before the validation split existed reads as a run without one.
        Files.writeString(file, "{\"epochs\": 3, \"batchSize\": 128, \"binarization\": \"NONE\", \"dataId\": \"x\", "
                + "\"dataOrigin\": \"FILES\", \"dataLocation\": \"y\"}");
        assertEquals(new RunSettings(3, 128, Preprocessing.Binarization.NONE, "x", DataOrigin.FILES, "y", 0, 0),
                RunSettings.read(file));
        Files.writeString(file, "{\"epochs\": 3}");
        IOException invalid = assertThrows(IOException.class, () -> RunSettings.read(file));
        assertTrue(invalid.getMessage().startsWith(file + " is not a valid run.json"), invalid.getMessage());
    }

    @Test
    void aDirectoryHoldingARunIsRefusedUnlessOverwritten(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        RunDirectory created = RunDirectory.create(run, false);
        assertTrue(Files.isDirectory(run));
        assertFalse(RunDirectory.holdsRun(run));
        Files.writeString(created.model(), "x");
        Files.writeString(created.file("manifold.png"), "x");
        Files.writeString(created.file("notes.txt"), "mine");
        IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
                () -> RunDirectory.create(run, false));
        assertTrue(taken.getMessage().contains("already holds a run"), taken.getMessage());
        RunDirectory.create(run, true);
        assertFalse(Files.exists(run.resolve("model.zip")));
        assertFalse(Files.exists(run.resolve("manifold.png")), "a stale picture of the earlier run is gone");
        assertEquals("mine", Files.readString(run.resolve("notes.txt")), "other files are left alone");

        IllegalArgumentException incomplete = assertThrows(IllegalArgumentException.class, () -> RunDirectory.open(run));
        assertEquals("run directory " + run + " holds no model.zip; expected a directory written by vae train",
                incomplete.getMessage());
    }

    @Test
    void overwritingARunRemovesItsCheckpointsAndNothingElse(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        Files.createDirectories(run.resolve("checkpoints"));
        for (String name : List.of("model.zip", "best.zip", "best.json", "checkpoints/epoch-0003.zip",
                "checkpoints/epoch-0004.zip", "checkpoints/epoch-0004.zip.tmp")) {
            Files.writeString(run.resolve(name), "x");
        }
        RunDirectory.create(run, true);
        try (var left = Files.list(run)) {
            assertEquals(List.of(), left.toList());
        }
        Files.createDirectories(run.resolve("checkpoints"));
        Files.writeString(run.resolve("model.zip"), "x");
        Files.writeString(run.resolve("checkpoints/mine.txt"), "keep");
        RunDirectory.create(run, true);
        assertEquals("keep", Files.readString(run.resolve("checkpoints/mine.txt")), "a file of the user's stays");
    }

    @Test
    void metricsAndSettingsAreWrittenAtomically(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("metrics.csv");
        MetricsFile.create(file);
        MetricsFile.append(file, new EpochMetrics(1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, List.of(0.5)));
        assertFalse(Files.exists(dir.resolve("metrics.csv.tmp")));
        assertEquals(2, Files.readAllLines(file).size());
        // A temporary file left by a process killed while writing is replaced, never read.
        Files.writeString(dir.resolve("run.json.tmp"), "{\"epochs\"");
        RunSettings settings = new RunSettings(3, 64, Preprocessing.Binarization.NONE, "x", DataOrigin.FILES, "y", 0,
                0);
        settings.write(dir.resolve("run.json"));
        assertEquals(settings, RunSettings.read(dir.resolve("run.json")));
        assertFalse(Files.exists(dir.resolve("run.json.tmp")));
    }
}
