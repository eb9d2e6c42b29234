package io.github.dl4jvae.benchmarks;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One measured benchmark: which implementation ran it, with which parameters, and its throughput.
 *
 * @param implementation     {@code dl4j-vae} (this project), {@code dl4j-builtin-vae} or {@code pytorch}
 * @param benchmark          {@code trainStep}, {@code encode}, {@code decode}, {@code negativeElbo} or
 *                           {@code importanceSampledNll}
 * @param params             benchmark parameters ({@code batchSize}, {@code model}, {@code latentSize})
 * @param examplesPerSecond  mean throughput over the measurement iterations
 * @param error              half-width of the 99.9% confidence interval of the mean (JMH's score error), or NaN
 * @param iterations         number of measurement iterations behind the mean
 */
public record BenchmarkResult(String implementation, String benchmark, Map<String, String> params,
                              double examplesPerSecond, double error, int iterations) {

    /** Validates names and copies the parameters into a sorted map. */
    public BenchmarkResult {
        Objects.requireNonNull(implementation, "implementation");
        Objects.requireNonNull(benchmark, "benchmark");
        params = new TreeMap<>(Objects.requireNonNull(params, "params"));
        if (!(examplesPerSecond >= 0)) {
            throw new IllegalArgumentException("examplesPerSecond of " + implementation + " " + benchmark + " "
                    + params + " must be a non-negative number, got " + examplesPerSecond);
        }
    }

    /** The parameter, or {@code "-"} where this result does not have it. */
    public String param(String key) {
        return params.getOrDefault(key, "-");
    }
}
