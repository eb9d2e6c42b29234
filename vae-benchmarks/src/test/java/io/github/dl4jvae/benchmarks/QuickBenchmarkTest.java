package io.github.dl4jvae.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The quick mode of every JMH benchmark (one fork, short iterations, batch 32, latent size 2), so that the
 * benchmarks cannot rot: each one runs in a forked JVM on the CPU backend and yields a positive throughput, and
 * the result file round-trips with its environment. The numbers are not measurements.
 */
class QuickBenchmarkTest {

    @Test
    void everyBenchmarkRunsAndTheResultFileRecordsTheEnvironment() throws Exception {
        BenchmarkReport report = BenchmarkRunner.run(List.of(), Map.of(), List.of(), true);

        Set<String> ran = new TreeSet<>();
        for (BenchmarkResult result : report.results()) {
            ran.add(result.implementation() + " " + result.benchmark() + " " + result.param("model"));
            assertTrue(result.examplesPerSecond() > 0, () -> "no throughput: " + result);
            assertEquals("32", result.param("batchSize"), () -> "quick batch size: " + result);
            assertEquals("2", result.param("latentSize"), () -> "quick latent size: " + result);
            assertEquals(2, result.iterations(), () -> "quick measurement iterations: " + result);
        }
        Set<String> expected = new TreeSet<>();
        for (String model : List.of("MLP", "CONV")) {
            for (String benchmark : List.of("trainStep", "encode", "decode", "negativeElbo", "importanceSampledNll")) {
                expected.add("dl4j-vae " + benchmark + " " + model);
            }
        }
        for (String benchmark : List.of("trainStep", "encode", "decode")) {
            expected.add("dl4j-builtin-vae " + benchmark + " MLP");
        }
        assertEquals(expected, ran);

        Map<String, Object> environment = report.environment();
        assertEquals("CPU", environment.get("backend"));
        assertEquals(true, environment.get("jmh.quick"));
        for (String key : List.of("cpu.model", "cpu.logicalCores", "device", "env.OMP_NUM_THREADS",
                "env.OPENBLAS_CORETYPE", "nd4j.blasThreads", "nd4j.info.blas.vendor", "jvm", "version.dl4j")) {
            assertTrue(environment.containsKey(key), () -> "environment lacks " + key + ": " + environment.keySet());
        }
        assertEquals("1.0.0-M2.1", environment.get("version.dl4j"));
        String artifact = String.valueOf(environment.get("nd4j.backendArtifact"));
        assertTrue(artifact.matches("nd4j-native:linux-x86_64(-onednn)?(-avx2|-avx512)?"),
                "the backend artifact and its classifier (default nd4j-native:linux-x86_64-onednn): " + artifact);

        Path file = Path.of("target", "quick-benchmarks.json");
        report.write(file);
        BenchmarkReport read = BenchmarkReport.read(file);
        assertEquals(report.results(), read.results());
        assertEquals("CPU", read.backend());
    }
}
