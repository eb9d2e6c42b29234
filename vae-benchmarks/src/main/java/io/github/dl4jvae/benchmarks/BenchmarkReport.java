package io.github.dl4jvae.benchmarks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A result file: the environment that ran the benchmarks and their results. The JVM benchmarks
 * ({@code bin/bench run}) and the PyTorch peer ({@code vae-benchmarks/peers/pytorch_vae.py}) write this same shape,
 * so {@link Comparison} can put them side by side.
 *
 * @param format      always {@value #FORMAT}
 * @param environment what ran (see {@link BenchmarkEnvironment}); the key {@code backend} labels the results
 * @param results     the measurements
 */
public record BenchmarkReport(String format, Map<String, Object> environment, List<BenchmarkResult> results) {
    /** The format tag of result files. */
    public static final String FORMAT = "dl4j-vae-benchmarks/1";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Validates the format tag and copies the lists. */
    public BenchmarkReport {
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("not a benchmark result file: format is " + format + ", expected " + FORMAT);
        }
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        results = List.copyOf(Objects.requireNonNull(results, "results"));
    }

    /** A report of the current format. */
    public static BenchmarkReport of(Map<String, Object> environment, List<BenchmarkResult> results) {
        return new BenchmarkReport(FORMAT, environment, results);
    }

    /**
     * Reads result files, in order.
     *
     * @throws IOException naming the first file that cannot be read or is not a result file
     */
    public static List<BenchmarkReport> readAll(List<Path> files) throws IOException {
        List<BenchmarkReport> reports = new ArrayList<>();
        for (Path file : files) {
            reports.add(read(file));
        }
        return reports;
    }

    /**
     * One report of the results of several, in order, with the first one's environment: the parts of a run split
     * into several invocations (as {@code bin/bench side-by-side} alternates this project's and PyTorch's benchmarks
     * configuration by configuration).
     *
     * @throws IllegalArgumentException if there is no report, if two parts measured the same implementation,
     *     benchmark and parameters, or if the parts ran on different backends
     */
    public static BenchmarkReport merge(List<BenchmarkReport> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge; expected at least one result file");
        }
        Map<List<Object>, BenchmarkResult> seen = new java.util.LinkedHashMap<>();
        for (BenchmarkReport part : parts) {
            if (!part.backend().equals(parts.get(0).backend())) {
                throw new IllegalArgumentException("cannot merge results of " + part.backend() + " with results of "
                        + parts.get(0).backend() + "; expected parts of one run on one backend");
            }
            for (BenchmarkResult result : part.results()) {
                List<Object> key = List.of(result.implementation(), result.benchmark(), result.params());
                if (seen.putIfAbsent(key, result) != null) {
                    throw new IllegalArgumentException("two parts measured " + result.implementation() + " "
                            + result.benchmark() + " " + result.params() + "; expected each configuration once");
                }
            }
        }
        return of(parts.get(0).environment(), List.copyOf(seen.values()));
    }

    /** The {@code backend} entry of the environment, or {@code "unknown backend"}. */
    public String backend() {
        return String.valueOf(environment.getOrDefault("backend", "unknown backend"));
    }

    /** Writes the report as JSON, through a temporary file renamed into place. */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), this);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads a result file.
     *
     * @throws IOException naming the file if it cannot be read or is not a result file
     */
    public static BenchmarkReport read(Path file) throws IOException {
        try {
            return JSON.readValue(file.toFile(), BenchmarkReport.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + ": not a readable benchmark result file (" + e.getMessage().lines()
                    .findFirst().orElse("") + ")", e);
        }
    }
}
