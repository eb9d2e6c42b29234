package io.github.dl4jvae.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compare tool's table, chart and file handling, on results whose ratios are known. */
class ComparisonTest {

    @TempDir
    Path directory;

    private static BenchmarkResult result(String implementation, String benchmark, String batch, double rate) {
        return new BenchmarkResult(implementation, benchmark,
                Map.of("batchSize", batch, "model", "MLP", "latentSize", "20"), rate, rate / 100, 5);
    }

    private static BenchmarkReport jvm() {
        return BenchmarkReport.of(Map.of("backend", "CPU", "env.OMP_NUM_THREADS", "1"), List.of(
                result("dl4j-vae", "encode", "512", 40000),
                result("dl4j-vae", "trainStep", "512", 8000),
                result("dl4j-vae", "trainStep", "128", 6000),
                result("dl4j-builtin-vae", "trainStep", "128", 3000)));
    }

    private static BenchmarkReport pytorch() {
        return BenchmarkReport.of(Map.of("backend", "PyTorch CPU", "torch.threads", 2), List.of(
                result("pytorch", "trainStep", "128", 36000),
                result("pytorch", "encode", "512", 100000)));
    }

    @Test
    void tableHasOneColumnPerImplementationAndRatiosOverTheFirst() {
        String[] lines = Comparison.of(List.of(jvm(), pytorch())).markdown().split("\n");

        assertEquals("| benchmark | model | batch | latent | dl4j-vae (CPU) examples/s | dl4j-builtin-vae (CPU) examples/s"
                + " | pytorch (PyTorch CPU) examples/s | dl4j-builtin-vae (CPU) / dl4j-vae (CPU)"
                + " | pytorch (PyTorch CPU) / dl4j-vae (CPU) |", lines[0]);
        assertEquals("|---|---|---:|---:|---:|---:|---:|---:|---:|", lines[1]);
        assertEquals("| trainStep | MLP | 128 | 20 | 6,000 ± 60 | 3,000 ± 30 | 36,000 ± 360 | 0.50x | 6.00x |", lines[2]);
        assertEquals("| trainStep | MLP | 512 | 20 | 8,000 ± 80 | - | - | - | - |", lines[3]);
        assertEquals("| encode | MLP | 512 | 20 | 40,000 ± 400 | - | 100,000 ± 1,000 | - | 2.50x |", lines[4]);
        assertEquals("", lines[5]);
        assertEquals("- dl4j-vae (CPU): env.OMP_NUM_THREADS=1", lines[6]);
        assertEquals("- pytorch (PyTorch CPU): torch.threads=2", lines[8]);
    }

    @Test
    void theSameImplementationInTwoFilesGetsNumberedColumns() {
        BenchmarkReport first = BenchmarkReport.of(Map.of("backend", "CPU"),
                List.of(result("dl4j-vae", "decode", "128", 1000)));
        BenchmarkReport second = BenchmarkReport.of(Map.of("backend", "CPU"),
                List.of(result("dl4j-vae", "decode", "128", 1500)));

        Comparison comparison = Comparison.of(List.of(first, second));

        assertEquals(List.of("dl4j-vae (CPU)", "dl4j-vae (CPU) #2"),
                comparison.series().stream().map(Comparison.Series::label).toList());
        assertTrue(comparison.markdown().contains("| 1,000 ± 10 | 1,500 ± 15 | 1.50x |"), comparison.markdown());
    }

    @Test
    void chartIsAPngWithOneBarGroupPerRow() throws IOException {
        Path png = directory.resolve("chart.png");

        ComparisonChart.write(Comparison.of(List.of(jvm(), pytorch())), png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(600, image.getHeight());
        assertEquals(900, image.getWidth());
    }

    @Test
    void resultFilesRoundTripAndBadFilesAreNamed() throws IOException {
        Path file = directory.resolve("results.json");
        jvm().write(file);
        assertEquals(jvm(), BenchmarkReport.read(file));

        Path notJson = directory.resolve("broken.json");
        Files.writeString(notJson, "{\"format\": \"dl4j-vae-benchmarks/1\", \"results\": [");
        IOException broken = assertThrows(IOException.class, () -> BenchmarkReport.read(notJson));
        assertTrue(broken.getMessage().startsWith(notJson + ": not a readable benchmark result file"),
                broken.getMessage());

        Path otherFormat = directory.resolve("jmh.json");
        Files.writeString(otherFormat, "{\"format\": \"jmh\", \"environment\": {}, \"results\": []}");
        IOException wrong = assertThrows(IOException.class, () -> BenchmarkReport.read(otherFormat));
        assertTrue(wrong.getMessage().contains("format is jmh, expected dl4j-vae-benchmarks/1"), wrong.getMessage());
    }

    @Test
    void partsOfOneRunMergeInOrderAndOverlapsOrOtherBackendsAreRefused() throws IOException {
        BenchmarkReport first = BenchmarkReport.of(Map.of("backend", "CPU", "env.OMP_NUM_THREADS", "1"),
                List.of(result("dl4j-vae", "trainStep", "128", 6000), result("dl4j-builtin-vae", "trainStep", "128",
                        3000)));
        BenchmarkReport second = BenchmarkReport.of(Map.of("backend", "CPU", "env.OMP_NUM_THREADS", "1"),
                List.of(result("dl4j-vae", "encode", "512", 40000)));
        Path a = directory.resolve("a.json");
        Path b = directory.resolve("b.json");
        Path out = directory.resolve("merged.json");
        first.write(a);
        second.write(b);
        assertEquals(0, new picocli.CommandLine(new BenchCommand()).execute("merge", "--out", out.toString(),
                a.toString(), b.toString()));
        BenchmarkReport merged = BenchmarkReport.read(out);
        assertEquals(first.environment(), merged.environment());
        assertEquals(List.of(first.results().get(0), first.results().get(1), second.results().get(0)),
                merged.results());

        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkReport.merge(List.of(first, first)));
        assertEquals("two parts measured dl4j-vae trainStep {batchSize=128, latentSize=20, model=MLP}; expected each"
                + " configuration once", twice.getMessage());
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkReport.merge(List.of(first, pytorch())));
        assertEquals("cannot merge results of PyTorch CPU with results of CPU; expected parts of one run on one"
                + " backend", mixed.getMessage());
    }

    @Test
    void nothingToCompareIsAnError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Comparison.of(List.of(BenchmarkReport.of(Map.of(), List.of()))));
        assertEquals("the result files hold no results to compare", error.getMessage());
    }
}
