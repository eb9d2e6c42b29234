package io.github.dl4jvae.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code bin/bench} program: runs the JMH benchmarks into a result file that records the environment, and
 * compares result files (this project, DL4J's built-in VAE, PyTorch; CPU and GPU) as a markdown table and a
 * PNG bar chart.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "VAE benchmarks: run them, compare result files.",
        subcommands = {BenchCommand.Run.class, BenchCommand.Compare.class, BenchCommand.Merge.class,
                BenchCommand.Memory.class, BenchCommand.Environment.class})
public final class BenchCommand {
    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the stack trace of an error (by default one line).")
    boolean debug;

    /** Runs the command line and exits with its status: 0 on success, 1 on a failure, 2 on bad usage. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: one-line errors on stderr ({@link OneLineErrors}), stack traces with --debug. */
    public static CommandLine commandLine() {
        return OneLineErrors.install(new CommandLine(new BenchCommand()), "bench");
    }

    /** {@code bench run}: the JMH benchmarks into a result file. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run the JMH benchmarks and write a result file with the environment.")
    static final class Run implements Callable<Integer> {
        @Option(names = "--out", description = "Result file (default: ${DEFAULT-VALUE}).",
                defaultValue = "bench-results/results.json")
        Path out;

        @Option(names = "--quick", description = "One fork, short iterations, batch 32, latent 2: checks that"
                + " the benchmarks run; the numbers are not measurements.")
        boolean quick;

        @Option(names = "--include", paramLabel = "REGEX",
                description = "Benchmarks to run, as JMH regular expressions (default: all), e.g. 'trainStep|encode'.")
        List<String> includes = new ArrayList<>();

        @Option(names = {"-p", "--param"}, paramLabel = "NAME=V1,V2",
                description = "Parameter values, e.g. -p batchSize=128,512 -p model=MLP -p latentSize=20.")
        Map<String, String> params = new LinkedHashMap<>();

        @Option(names = "--jvm-arg", paramLabel = "OPTION",
                description = "Extra option of the forked benchmark JVMs, e.g. --jvm-arg=-Dorg.bytedeco.openblas.load=openblas.")
        List<String> jvmArgs = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            Map<String, List<String>> values = new LinkedHashMap<>();
            params.forEach((key, list) -> values.put(key, Arrays.asList(list.split(","))));
            String gpuProblem = BackendCheck.expectedBackend().equals("CUDA")
                    ? GpuSupport.problem().orElse(null) : null;
            if (gpuProblem != null) {
                System.err.println("bench: " + gpuProblem);
                return 3;
            }
            BenchmarkReport report = BenchmarkRunner.run(includes, values, jvmArgs, quick);
            report.write(out);
            System.out.println("bench: " + report.results().size() + " results written to " + out);
            return 0;
        }
    }

    /** {@code bench compare}: result files side by side. */
    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = "Compare result files: a markdown table of examples/s and speedups over the first file's"
                    + " first implementation, and a PNG bar chart.")
    static final class Compare implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "RESULTS.json", description = "Result files, baseline first.")
        List<Path> files;

        @Option(names = "--markdown", paramLabel = "FILE.md", description = "Also write the table to this file.")
        Path markdown;

        @Option(names = "--chart", paramLabel = "FILE.png", description = "Write the bar chart to this PNG file.")
        Path chart;

        @Override
        public Integer call() throws IOException {
            if (chart != null && !chart.getFileName().toString().endsWith(".png")) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--chart must name a .png file, got " + chart);
            }
            Comparison comparison = Comparison.of(BenchmarkReport.readAll(files));
            String table = comparison.markdown();
            System.out.print(table);
            if (markdown != null) {
                Files.writeString(markdown, table, StandardCharsets.UTF_8);
            }
            if (chart != null) {
                ComparisonChart.write(comparison, chart);
            }
            return 0;
        }
    }

    /** {@code bench merge}: the results of several files of one run in one file. */
    @Command(name = "merge", mixinStandardHelpOptions = true,
            description = "Merge result files of one run, split into several invocations, into one file (the first"
                    + " file's environment; each configuration at most once).")
    static final class Merge implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "PART.json", description = "Result files, in order.")
        List<Path> files;

        @Option(names = "--out", required = true, paramLabel = "FILE.json", description = "The merged result file.")
        Path out;

        @Override
        public Integer call() throws IOException {
            BenchmarkReport merged = BenchmarkReport.merge(BenchmarkReport.readAll(files));
            merged.write(out);
            System.err.println("bench: " + merged.results().size() + " results of " + files.size()
                    + " files written to " + out);
            return 0;
        }
    }

    /** {@code bench memory}: resident memory and Java heap of a training run, epoch by epoch. */
    @Command(name = "memory", mixinStandardHelpOptions = true,
            description = "Train the benchmark MLP (latent 20) and record resident memory, Java heap and what lies"
                    + " outside it after every epoch, the resident memory before training and the peak.")
    static final class Memory implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--batch-size", defaultValue = "128", description = "Examples per step (default: ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--epochs", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--steps-per-epoch", defaultValue = "200",
                description = "Steps per epoch, cycling through the 2048 images (default: ${DEFAULT-VALUE}).")
        int stepsPerEpoch;

        @Option(names = "--out", defaultValue = "bench-results/memory.json",
                description = "Result file (default: ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--peer", paramLabel = "MEMORY.json",
                description = "Another run's memory file (bin/bench pytorch --memory) to put in the same table.")
        List<Path> peers = new ArrayList<>();

        @Option(names = "--markdown", paramLabel = "FILE.md", description = "Also write the table to this file.")
        Path markdown;

        @Override
        public Integer call() throws IOException {
            if (batchSize < 1 || epochs < 1 || stepsPerEpoch < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--batch-size, --epochs and"
                        + " --steps-per-epoch must be >= 1, got " + batchSize + ", " + epochs + ", " + stepsPerEpoch);
            }
            for (Path peer : peers) {
                if (!Files.isRegularFile(peer)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--peer " + peer
                            + " is not a file; expected a memory file written by bin/bench pytorch --memory");
                }
            }
            List<TrainingMemory> runs = new ArrayList<>();
            runs.add(TrainingMemory.measure(batchSize, epochs, stepsPerEpoch));
            runs.get(0).write(out);
            for (Path peer : peers) {
                runs.add(TrainingMemory.read(peer));
            }
            String table = TrainingMemory.markdown(runs);
            System.out.print(table);
            if (markdown != null) {
                Files.writeString(markdown, table, StandardCharsets.UTF_8);
            }
            System.out.println("bench: memory figures written to " + out);
            return 0;
        }
    }

    /** {@code bench env}: the environment record alone. */
    @Command(name = "env", mixinStandardHelpOptions = true,
            description = "Print the environment a result file would record (backend, device, threads, versions).")
    static final class Environment implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(BenchmarkEnvironment.collect()));
            return 0;
        }
    }
}
