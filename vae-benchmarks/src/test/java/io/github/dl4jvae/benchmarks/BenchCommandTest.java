package io.github.dl4jvae.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bin/bench}'s errors ({@link OneLineErrors}): one line on standard error naming what was wrong, exit status
 * 1 for a failure and 2 for bad usage, no stack trace unless {@code --debug} asks for one.
 */
class BenchCommandTest {
    private record Run(int exitCode, String err) {
    }

    private static Run bench(String... args) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = BenchCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Run(code, err.toString());
    }

    @Test
    void aFailureIsOneLineWithoutStackTrace(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.json");
        Run compare = bench("compare", missing.toString());
        assertEquals(1, compare.exitCode());
        assertEquals(1, compare.err().lines().count(), compare.err());
        assertTrue(compare.err().startsWith("bench: " + missing + ": not a readable benchmark result file ("),
                compare.err());
        assertFalse(compare.err().contains("Exception") || compare.err().contains("\tat "), compare.err());

        Path garbage = dir.resolve("garbage.json");
        Files.writeString(garbage, "{\"results\": 3}");
        Run merge = bench("merge", "--out", dir.resolve("all.json").toString(), garbage.toString());
        assertEquals(1, merge.exitCode());
        assertEquals(1, merge.err().lines().count(), merge.err());
        assertTrue(merge.err().startsWith("bench: " + garbage + ": not a readable benchmark result file ("),
                merge.err());
        assertFalse(Files.exists(dir.resolve("all.json")));
    }

    @Test
    void debugPrintsTheStackTrace(@TempDir Path dir) {
        Path missing = dir.resolve("missing.json");
        Run compare = bench("compare", "--debug", missing.toString());
        assertEquals(1, compare.exitCode());
        assertTrue(compare.err().startsWith("picocli.CommandLine$ExecutionException")
                || compare.err().startsWith("java.io.IOException: " + missing), compare.err());
        assertTrue(compare.err().contains("\tat io.github.dl4jvae.benchmarks.BenchmarkReport.read("), compare.err());
    }

    @Test
    void badUsageIsOneLinePointingToTheHelp(@TempDir Path dir) {
        Run chart = bench("compare", "--chart", "chart.jpg", dir.resolve("a.json").toString());
        assertEquals(2, chart.exitCode());
        assertEquals("bench: --chart must name a .png file, got chart.jpg (see 'bench compare --help')\n",
                chart.err());

        Run unknown = bench("compare", "--colour", "red", "a.json");
        assertEquals(2, unknown.exitCode());
        assertEquals("bench: Unknown option: '--colour' (see 'bench compare --help')\n", unknown.err());

        Run noSubcommand = bench("frobnicate");
        assertEquals(2, noSubcommand.exitCode());
        assertEquals(1, noSubcommand.err().lines().count(), noSubcommand.err());
        assertTrue(noSubcommand.err().startsWith("bench: Unmatched argument at index 0: 'frobnicate'"),
                noSubcommand.err());
    }
}
