package io.github.dl4jvae.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bin/bench memory}'s record: a short real training run fills every epoch's figures, the file round-trips,
 * and the table puts a PyTorch run (no heap columns) beside it with the growth and peak computed from the rows.
 */
class TrainingMemoryTest {
    @TempDir
    Path directory;

    @Test
    void aShortRunRecordsEveryEpochAndRoundTrips() throws Exception {
        TrainingMemory run = TrainingMemory.measure(64, 2, 3);
        assertEquals("project", run.implementation());
        assertEquals(List.of(1, 2), run.epochs().stream().map(TrainingMemory.Epoch::epoch).toList());
        for (TrainingMemory.Epoch epoch : run.epochs()) {
            assertTrue(epoch.examplesPerSecond() > 0, epoch::toString);
            assertTrue(epoch.heapUsedMb() > 0 && epoch.heapCommittedMb() >= epoch.heapUsedMb(), epoch::toString);
            assertTrue(epoch.residentMb() > epoch.heapUsedMb(), epoch::toString);
        }
        assertTrue(run.peakMb() >= run.epochs().get(1).residentMb(), run::toString);
        Path file = directory.resolve("memory.json");
        run.write(file);
        assertEquals(run, TrainingMemory.read(file));
    }

    @Test
    void aMissingPeerFileIsRefusedBeforeTraining() {
        Path peer = directory.resolve("none.json");
        Path out = directory.resolve("memory.json");
        StringWriter err = new StringWriter();
        CommandLine command = BenchCommand.commandLine().setErr(new PrintWriter(err));

        int status = command.execute("memory", "--peer", peer.toString(), "--out", out.toString());

        assertEquals(2, status);
        assertEquals("bench: --peer " + peer + " is not a file; expected a memory file written by bin/bench pytorch"
                + " --memory (see 'bench memory --help')\n", err.toString());
        assertFalse(Files.exists(out), "nothing trained, nothing written");
    }

    @Test
    void theTableShowsBothRunsAndTheirGrowth() {
        TrainingMemory project = new TrainingMemory("project", 128, 200, 250, 400,
                List.of(new TrainingMemory.Epoch(1, 9000, 300, 100.0, 140.0),
                        new TrainingMemory.Epoch(2, 9500, 310, 90.0, 140.0)), Map.of());
        TrainingMemory pytorch = new TrainingMemory("pytorch", 128, 200, 254, 283,
                List.of(new TrainingMemory.Epoch(1, 16500, 281, null, null),
                        new TrainingMemory.Epoch(2, 16600, 282, null, null)), Map.of());

        String table = TrainingMemory.markdown(List.of(project, pytorch));

        assertEquals(10.0, project.growthMb(), 0.0);
        assertTrue(table.startsWith("| epoch | project examples/s | project resident MB | project heap committed MB |"
                + " project outside heap MB | pytorch examples/s | pytorch resident MB |\n"), table);
        assertTrue(table.contains("| 2 | 9,500 | 310 | 140 | 170 | 16,600 | 282 |"), table);
        assertTrue(table.contains("- project: batch 128, 200 steps per epoch; resident before training 250 MB, peak"
                + " 400 MB (150 MB above the start), growth from epoch 1 to 2: +10 MB"), table);
        assertTrue(table.contains("growth from epoch 1 to 2: +1 MB"), table);
    }
}
