package io.github.dl4jvae.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PyTorch peer script in its quick mode: where a Python with PyTorch exists it writes a result file of the
 * shared format with every benchmark; where Python exists without PyTorch it skips with a message and status 0.
 */
class PyTorchPeerTest {
    private static final Path SCRIPT = Path.of("peers", "pytorch_vae.py");
    private static final Path IMAGES = Path.of("..", "vae-core", "src", "main", "resources", "io", "github", "dl4jvae",
            "data", "fashion-mnist-subset", "train-images-idx3-ubyte.gz");

    @TempDir
    Path directory;

    @Test
    void quickModeWritesEveryBenchmarkInTheSharedFormat() throws Exception {
        Optional<String> python = python(true);
        assumeTrue(python.isPresent(), "no Python with PyTorch here: the peer is skipped, as documented");
        Path out = directory.resolve("pytorch.json");

        Result run = run(python.get(), "--images", IMAGES.toString(), "--out", out.toString(), "--quick",
                "--batch-sizes", "32", "--latent-sizes", "2", "--threads", "1");

        assertEquals(0, run.status, run.output);
        BenchmarkReport report = BenchmarkReport.read(out);
        assertEquals("PyTorch CPU threads=1", report.backend());
        assertEquals(1, ((Number) report.environment().get("torch.threads")).intValue());
        assertEquals(List.of("trainStep", "encode", "decode", "negativeElbo", "importanceSampledNll"),
                report.results().stream().map(BenchmarkResult::benchmark).toList());
        for (BenchmarkResult result : report.results()) {
            assertEquals("pytorch", result.implementation());
            assertEquals("32", result.param("batchSize"));
            assertEquals("MLP", result.param("model"));
            assertTrue(result.examplesPerSecond() > 0, result::toString);
        }
    }

    @Test
    void memoryModeWritesTheShapeThatBenchMemoryReads() throws Exception {
        Optional<String> python = python(true);
        assumeTrue(python.isPresent(), "no Python with PyTorch here: the peer is skipped, as documented");
        Path out = directory.resolve("pytorch-memory.json");

        Result run = run(python.get(), "--images", IMAGES.toString(), "--out", out.toString(), "--memory",
                "--batch-sizes", "64", "--epochs", "2", "--steps-per-epoch", "3", "--threads", "1");

        assertEquals(0, run.status, run.output);
        TrainingMemory memory = TrainingMemory.read(out);
        assertEquals("pytorch", memory.implementation());
        assertEquals(64, memory.batchSize());
        assertEquals(3, memory.stepsPerEpoch());
        assertEquals(List.of(1, 2), memory.epochs().stream().map(TrainingMemory.Epoch::epoch).toList());
        for (TrainingMemory.Epoch epoch : memory.epochs()) {
            assertTrue(epoch.residentMb() > 10 && epoch.examplesPerSecond() > 0, epoch::toString);
            assertEquals(null, epoch.heapCommittedMb(), "PyTorch has no Java heap");
        }
        assertTrue(memory.peakMb() >= memory.baselineMb(), memory::toString);
    }

    @Test
    void withoutPyTorchTheScriptSkipsWithAMessage() throws Exception {
        Optional<String> python = python(false);
        assumeTrue(python.isPresent(), "every Python here has PyTorch (or there is none)");
        Path out = directory.resolve("none.json");

        Result run = run(python.get(), "--images", IMAGES.toString(), "--out", out.toString(), "--quick");

        assertEquals(0, run.status, run.output);
        assertTrue(run.output.contains("PyTorch is not installed"), run.output);
        assertTrue(Files.notExists(out));
    }

    /** The first of python3 and /usr/bin/python3 that can (or cannot) import torch. */
    private static Optional<String> python(boolean withTorch) throws InterruptedException {
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            try {
                Process process = new ProcessBuilder(candidate, "-c", "import torch").redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                if (process.waitFor(120, TimeUnit.SECONDS) && (process.exitValue() == 0) == withTorch) {
                    return Optional.of(candidate);
                }
            } catch (IOException e) {
                // Not installed: try the next.
            }
        }
        return Optional.empty();
    }

    private record Result(int status, String output) {
    }

    private static Result run(String python, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, SCRIPT.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "the peer did not finish in 300 s");
        return new Result(process.exitValue(), output);
    }
}
