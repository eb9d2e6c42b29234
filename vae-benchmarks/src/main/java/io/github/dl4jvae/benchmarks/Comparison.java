package io.github.dl4jvae.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Result files side by side: one column of examples per second for each implementation in each file (a
 * "series"), one row per benchmark and parameter set, and the speedup of every series over the first.
 * Within a file this project comes first, then DL4J's built-in VAE, then PyTorch, then any other implementation;
 * the first series of the first file is the baseline, so {@code compare cpu.json gpu.json} gives the GPU's
 * speedup over the CPU, and {@code compare project.json pytorch.json} PyTorch's ratio to this project.
 */
public final class Comparison {
    /** Parameters that identify a row, in column order. */
    static final List<String> ROW_PARAMS = List.of("model", "batchSize", "latentSize");
    private static final List<String> IMPLEMENTATION_ORDER = List.of("dl4j-vae", "dl4j-builtin-vae", "pytorch");
    private static final List<String> BENCHMARK_ORDER =
            List.of("trainStep", "encode", "decode", "negativeElbo", "importanceSampledNll");
    private static final List<String> ENVIRONMENT_SUMMARY = List.of("device", "cpu.logicalCores",
            "env.OMP_NUM_THREADS", "env.OPENBLAS_NUM_THREADS", "env.OPENBLAS_CORETYPE", "nd4j.blasThreads",
            "nd4j.backendArtifact", "nd4j.info.blas.vendor", "torch.threads", "torch.blas", "jvm", "python", "version.project",
            "version.dl4j", "version.torch", "jmh.quick", "timestamp");

    /** One column: an implementation's results from one file. */
    public record Series(String label, BenchmarkReport report, String implementation) {
    }

    /** One row: a benchmark with its parameters, and each series' result (null where it has none). */
    public record Row(String benchmark, Map<String, String> params, List<BenchmarkResult> results) {
        /** A short label for charts: {@code trainStep MLP b128 z20}. */
        public String label() {
            return benchmark + " " + params.getOrDefault("model", "") + " b" + params.getOrDefault("batchSize", "?")
                    + " z" + params.getOrDefault("latentSize", "?");
        }
    }

    private final List<Series> series;
    private final List<Row> rows;

    private Comparison(List<Series> series, List<Row> rows) {
        this.series = series;
        this.rows = rows;
    }

    /**
     * Lines up the reports.
     *
     * @throws IllegalArgumentException if no report has a result
     */
    public static Comparison of(List<BenchmarkReport> reports) {
        List<Series> series = new ArrayList<>();
        Set<String> labels = new LinkedHashSet<>();
        for (int file = 0; file < reports.size(); file++) {
            BenchmarkReport report = reports.get(file);
            List<String> implementations = new ArrayList<>(new LinkedHashSet<>(
                    report.results().stream().map(BenchmarkResult::implementation).toList()));
            implementations.sort(Comparator.comparing(Comparison::implementationRank));
            for (String implementation : implementations) {
                String label = implementation + " (" + report.backend() + ")";
                if (!labels.add(label)) {
                    label = label + " #" + (file + 1);
                    labels.add(label);
                }
                series.add(new Series(label, report, implementation));
            }
        }
        if (series.isEmpty()) {
            throw new IllegalArgumentException("the result files hold no results to compare");
        }
        Map<String, Row> byKey = new LinkedHashMap<>();
        for (int column = 0; column < series.size(); column++) {
            Series s = series.get(column);
            for (BenchmarkResult result : s.report().results()) {
                if (!result.implementation().equals(s.implementation())) {
                    continue;
                }
                Map<String, String> params = new LinkedHashMap<>();
                ROW_PARAMS.forEach(key -> params.put(key, result.param(key)));
                String key = result.benchmark() + params;
                Row row = byKey.computeIfAbsent(key, k -> new Row(result.benchmark(), params,
                        new ArrayList<>(Collections.nCopies(series.size(), null))));
                row.results().set(column, result);
            }
        }
        List<Row> ordered = new ArrayList<>(byKey.values());
        ordered.sort(Comparator.comparing((Row row) -> benchmarkRank(row.benchmark()))
                .thenComparing(Row::benchmark)
                .thenComparing(row -> row.params().get("model"))
                .thenComparing(row -> number(row.params().get("batchSize")))
                .thenComparing(row -> number(row.params().get("latentSize"))));
        return new Comparison(List.copyOf(series), List.copyOf(ordered));
    }

    /** The columns, baseline first. */
    public List<Series> series() {
        return series;
    }

    /** The rows in benchmark, model, batch size and latent size order. */
    public List<Row> rows() {
        return rows;
    }

    /** The table as GitHub markdown, followed by one line per series saying what ran. */
    public String markdown() {
        StringBuilder out = new StringBuilder("| benchmark | model | batch | latent |");
        StringBuilder rule = new StringBuilder("|---|---|---:|---:|");
        for (Series s : series) {
            out.append(' ').append(s.label()).append(" examples/s |");
            rule.append("---:|");
        }
        for (int column = 1; column < series.size(); column++) {
            out.append(' ').append(series.get(column).label()).append(" / ").append(series.get(0).label()).append(" |");
            rule.append("---:|");
        }
        out.append('\n').append(rule).append('\n');
        for (Row row : rows) {
            out.append("| ").append(row.benchmark()).append(" | ").append(row.params().get("model")).append(" | ")
                    .append(row.params().get("batchSize")).append(" | ").append(row.params().get("latentSize"))
                    .append(" |");
            for (BenchmarkResult result : row.results()) {
                out.append(' ').append(result == null ? "-" : throughput(result)).append(" |");
            }
            BenchmarkResult baseline = row.results().get(0);
            for (int column = 1; column < series.size(); column++) {
                BenchmarkResult result = row.results().get(column);
                out.append(' ').append(baseline == null || result == null || baseline.examplesPerSecond() == 0
                        ? "-" : String.format(Locale.ROOT, "%.2fx", result.examplesPerSecond()
                        / baseline.examplesPerSecond())).append(" |");
            }
            out.append('\n');
        }
        out.append('\n');
        for (Series s : series) {
            out.append("- ").append(s.label()).append(": ").append(summary(s.report().environment())).append('\n');
        }
        return out.toString();
    }

    private static String throughput(BenchmarkResult result) {
        String mean = String.format(Locale.ROOT, "%,.0f", result.examplesPerSecond());
        return Double.isFinite(result.error())
                ? mean + " ± " + String.format(Locale.ROOT, "%,.0f", result.error()) : mean;
    }

    private static String summary(Map<String, Object> environment) {
        List<String> parts = new ArrayList<>();
        for (String key : ENVIRONMENT_SUMMARY) {
            if (environment.containsKey(key)) {
                parts.add(key + "=" + environment.get(key));
            }
        }
        return String.join(", ", parts);
    }

    private static int implementationRank(String implementation) {
        int rank = IMPLEMENTATION_ORDER.indexOf(implementation);
        return rank < 0 ? IMPLEMENTATION_ORDER.size() : rank;
    }

    private static int benchmarkRank(String benchmark) {
        int rank = BENCHMARK_ORDER.indexOf(benchmark);
        return rank < 0 ? BENCHMARK_ORDER.size() : rank;
    }

    private static double number(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException | NullPointerException e) {
            return Double.MAX_VALUE;
        }
    }
}
