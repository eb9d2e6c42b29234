package io.github.dl4jvae.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks through JMH's {@link Runner} and turns its results into a {@link BenchmarkReport}:
 * operations (minibatches) per second times the batch size give examples per second, and the environment is
 * recorded beside them.
 */
public final class BenchmarkRunner {
    /** The implementation name of each benchmark class. */
    static final Map<String, String> IMPLEMENTATIONS = Map.of(
            ProjectVaeBenchmark.class.getName(), "dl4j-vae",
            BuiltInVaeBenchmark.class.getName(), "dl4j-builtin-vae");

    /** JVM options of the benchmark forks, as on the classes' {@code @Fork}; extra options are appended to these. */
    static final List<String> FORK_JVM_ARGS = List.of("-Xmx6g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");

    /** Parameters of the quick mode, unless the caller gives them. */
    static final Map<String, String> QUICK_PARAMS = Map.of("batchSize", "32", "latentSize", "2");

    private BenchmarkRunner() {
    }

    /**
     * Runs the benchmarks.
     *
     * @param includes regular expressions of benchmarks to run (JMH's {@code include}); empty runs them all
     * @param params   parameter values replacing the classes' {@code @Param} lists, e.g. {@code batchSize -> [128, 512]}
     * @param jvmArgs  extra options for the forked benchmark JVMs (system properties such as JavaCPP's library
     *                 loading switches), recorded in the environment as {@code jmh.jvmArgsAppend}
     * @param quick    one fork, one 0.3 s warm-up and two 0.5 s measurement iterations, batch 32 and latent size 2
     *                 unless {@code params} says otherwise: a check that every benchmark still runs, not a measurement
     * @return the results with the environment
     * @throws RunnerException if JMH fails, e.g. a benchmark's setup throws (the message names it)
     */
    public static BenchmarkReport run(List<String> includes, Map<String, List<String>> params, List<String> jvmArgs,
            boolean quick) throws RunnerException {
        Map<String, Object> environment = BenchmarkEnvironment.collect();
        ChainedOptionsBuilder options = new OptionsBuilder().shouldFailOnError(true);
        if (includes.isEmpty()) {
            IMPLEMENTATIONS.keySet().forEach(name -> options.include(name.replace(".", "\\.") + "\\."));
        } else {
            includes.forEach(options::include);
        }
        Map<String, List<String>> allParams = new LinkedHashMap<>();
        if (quick) {
            QUICK_PARAMS.forEach((key, value) -> allParams.put(key, List.of(value)));
            options.forks(1)
                    .warmupIterations(1).warmupTime(TimeValue.milliseconds(300))
                    .measurementIterations(2).measurementTime(TimeValue.milliseconds(500));
        }
        allParams.putAll(params);
        if (!jvmArgs.isEmpty()) {
            List<String> forkArgs = new ArrayList<>(FORK_JVM_ARGS);
            forkArgs.addAll(jvmArgs);
            // JMH's options replace the annotation's jvmArgsAppend instead of adding to it.
            options.jvmArgsAppend(forkArgs.toArray(String[]::new));
            environment.put("jmh.jvmArgsAppend", String.join(" ", forkArgs));
        }
        allParams.forEach((key, values) -> options.param(key, values.toArray(String[]::new)));
        environment.put("jmh.quick", quick);
        return BenchmarkReport.of(environment, results(new Runner(options.build()).run()));
    }

    /** Examples per second of every JMH result. */
    static List<BenchmarkResult> results(Collection<RunResult> runResults) {
        List<BenchmarkResult> results = new ArrayList<>();
        for (RunResult run : runResults) {
            BenchmarkParams benchmark = run.getParams();
            String name = benchmark.getBenchmark();
            int dot = name.lastIndexOf('.');
            String className = name.substring(0, dot);
            Map<String, String> params = new LinkedHashMap<>();
            for (String key : benchmark.getParamsKeys()) {
                params.put(key, benchmark.getParam(key));
            }
            int batchSize = Integer.parseInt(params.getOrDefault("batchSize", "1"));
            Result<?> primary = run.getPrimaryResult();
            results.add(new BenchmarkResult(IMPLEMENTATIONS.getOrDefault(className, className),
                    name.substring(dot + 1), params, primary.getScore() * batchSize,
                    primary.getScoreError() * batchSize, (int) primary.getSampleCount()));
        }
        return results;
    }
}
