package io.github.dl4jvae.scaleout.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.data.IdxDataSource;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.data.Split;
import io.github.dl4jvae.data.VaeData;
import io.github.dl4jvae.layers.VaeNetworkBuilder;
import io.github.dl4jvae.versions.Versions;
import io.github.dl4jvae.scaleout.Engine;
import io.github.dl4jvae.scaleout.ParallelTraining;
import io.github.dl4jvae.scaleout.ParallelVaeTrainer;
import io.github.dl4jvae.scaleout.TrainingEpoch;
import io.github.dl4jvae.scaleout.TrainingReport;
import io.github.dl4jvae.scaleout.internal.NetworkProvenance;
import io.github.dl4jvae.scaleout.spark.SparkTraining;
import io.github.dl4jvae.scaleout.spark.SparkVaeTrainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code throughput}: training examples per second of the same VAE and data on each engine, with 1 and 2 workers:
 * {@code ComputationGraph.fit} (the single-worker reference), {@code ParallelWrapper}, and Spark in local mode
 * ({@code local[N]}, one partition per worker). The data are the first {@code --examples} training images as
 * in-memory minibatches (no I/O in the timed part); every row trains a fresh network, runs {@code --warmup}
 * untimed epochs, then {@code --epochs} timed ones; the test score after each epoch is not timed.
 */
@Command(name = "throughput", mixinStandardHelpOptions = true,
        description = "Print training examples/s of 1 and 2 workers for ComputationGraph.fit, ParallelWrapper and "
                + "Spark local mode (same VAE, same in-memory Fashion-MNIST minibatches).")
final class ThroughputCommand implements Callable<Integer> {
    @Mixin
    private FashionMnistOptions data;
    @Mixin
    private NetworkOptions network;

    @Option(names = "--examples", defaultValue = "10000",
            description = "Training images used (the first ones). Default: ${DEFAULT-VALUE}.")
    private int examples;

    @Option(names = "--batch-size", defaultValue = "128",
            description = "Examples per minibatch of one worker. Default: ${DEFAULT-VALUE}.")
    private int batchSize;

    @Option(names = "--workers", split = ",", defaultValue = "1,2",
            description = "Worker counts to measure. Default: ${DEFAULT-VALUE}.")
    private List<Integer> workerCounts;

    @Option(names = "--warmup", defaultValue = "1", description = "Untimed epochs per row. Default: ${DEFAULT-VALUE}.")
    private int warmup;

    @Option(names = "--epochs", defaultValue = "2", description = "Timed epochs per row. Default: ${DEFAULT-VALUE}.")
    private int epochs;

    @Option(names = "--pw-averaging-frequency", defaultValue = "1",
            description = "ParallelWrapper rounds between averagings. Default: ${DEFAULT-VALUE}.")
    private int pwAveraging;

    @Option(names = "--spark-averaging-frequency", defaultValue = "5",
            description = "Spark minibatches per worker between averagings. Default: ${DEFAULT-VALUE}.")
    private int sparkAveraging;

    @Option(names = "--engines", split = ",", defaultValue = "FIT,PARALLEL_WRAPPER,SPARK",
            description = "Engines to measure. Default: ${DEFAULT-VALUE}.")
    private List<Engine> engines;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the rows and the environment as JSON.")
    private Path json;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** One measured row. */
    record Row(Engine engine, int workers, int batchSizePerWorker, int averagingFrequency, double examplesPerSecond,
               long timedExamples, double timedSeconds, double finalNegativeElbo) {
    }

    @Override
    public Integer call() throws Exception {
        if (examples < 1 || batchSize < 1 || warmup < 0 || epochs < 1) {
            throw new IllegalArgumentException("--examples, --batch-size and --epochs must be at least 1, --warmup 0 or more");
        }
        IdxDataSource source = data.locate();
        DataSet all = VaeData.load(source, Split.TRAIN, Preprocessing.defaults(), network.seed);
        int n = (int) Math.min(examples, all.numExamples());
        List<DataSet> batches = asVae(((DataSet) all.getRange(0, n)).batchBy(batchSize));
        DataSet test = VaeData.load(source, Split.TEST, Preprocessing.defaults(), network.seed);
        DataSet evaluation = (DataSet) test.getRange(0, (int) Math.min(1000, test.numExamples()));
        VaeConfig config = network.config((int) all.getFeatures().size(1));

        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> environment = environment();
        out.println("environment: " + environment);
        out.printf("data: first %d images of %s, minibatches of %d per worker; %d warm-up + %d timed epoch(s) per row%n",
                n, source.id(), batchSize, warmup, epochs);
        out.printf("%-17s %7s %12s %9s %11s %10s %12s%n", "engine", "workers", "batch/worker", "averaging",
                "examples/s", "seconds", "test -ELBO");
        out.flush();
        List<Row> rows = new ArrayList<>();
        for (Engine engine : engines) {
            for (int workers : engine == Engine.FIT ? List.of(1) : workerCounts) {
                TrainingReport report = switch (engine) {
                    case FIT -> fit(config, batches, evaluation);
                    case PARALLEL_WRAPPER -> new ParallelVaeTrainer(new ParallelTraining(workers, pwAveraging,
                            ParallelTraining.DEFAULT_PREFETCH_BUFFER)).fit(VaeNetworkBuilder.of(config).build(),
                            new ListDataSetIterator<>(batches, 1), warmup + epochs, evaluation, source.id());
                    case SPARK -> spark(config, workers, batches, evaluation, source.id());
                };
                List<TrainingEpoch> timed = report.epochs().subList(warmup, report.epochs().size());
                Row row = new Row(engine, report.workers(), batchSize, report.averagingFrequency(),
                        report.examplesPerSecond(warmup + 1), timed.stream().mapToLong(TrainingEpoch::examples).sum(),
                        timed.stream().mapToDouble(TrainingEpoch::seconds).sum(), report.finalNegativeElbo());
                rows.add(row);
                out.printf("%-17s %7d %12d %9d %11.0f %10.2f %12.3f%n", row.engine(), row.workers(),
                        row.batchSizePerWorker(), row.averagingFrequency(), row.examplesPerSecond(),
                        row.timedSeconds(), row.finalNegativeElbo());
                out.flush();
            }
        }
        if (json != null) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("environment", environment);
            result.put("examples", n);
            result.put("warmupEpochs", warmup);
            result.put("timedEpochs", epochs);
            result.put("config", config);
            result.put("rows", rows);
            Files.writeString(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(result));
            out.println("wrote " + json.toAbsolutePath());
        }
        return 0;
    }

    private TrainingReport fit(VaeConfig config, List<DataSet> batches, DataSet evaluation) {
        ComputationGraph vae = VaeNetworkBuilder.of(config).build();
        DataSet target = new DataSet(evaluation.getFeatures(), evaluation.getFeatures());
        double initial = vae.score(target);
        ListDataSetIterator<DataSet> iterator = new ListDataSetIterator<>(batches, 1);
        long perEpoch = batches.stream().mapToLong(DataSet::numExamples).sum();
        List<TrainingEpoch> done = new ArrayList<>();
        for (int epoch = 1; epoch <= warmup + epochs; epoch++) {
            iterator.reset();
            long start = System.nanoTime();
            vae.fit(iterator);
            double seconds = (System.nanoTime() - start) / 1e9;
            done.add(new TrainingEpoch(epoch, perEpoch, seconds, vae.score(target)));
        }
        return new TrainingReport(Engine.FIT, 1, 1, batches.get(0).numExamples(),
                NetworkProvenance.of(vae, "throughput", done.size()), initial, done);
    }

    private TrainingReport spark(VaeConfig config, int workers, List<DataSet> batches, DataSet evaluation,
                                 String dataSetId) {
        SparkConf conf = new SparkConf().setMaster("local[" + workers + "]").setAppName("vae-scaleout-throughput")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            SparkTraining settings = new SparkTraining(workers, batchSize, sparkAveraging,
                    SparkTraining.DEFAULT_PREFETCH_BATCHES);
            return new SparkVaeTrainer(spark, settings).fit(VaeNetworkBuilder.of(config).build(),
                    spark.parallelize(batches, workers), warmup + epochs,
                    spark.parallelize(evaluation.batchBy(500), workers), dataSetId);
        }
    }

    private static List<DataSet> asVae(List<DataSet> batches) {
        List<DataSet> out = new ArrayList<>(batches.size());
        for (DataSet b : batches) {
            out.add(new DataSet(b.getFeatures(), b.getFeatures()));
        }
        return out;
    }

    private static Map<String, Object> environment() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("OMP_NUM_THREADS", System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset)"));
        env.put("cores", Runtime.getRuntime().availableProcessors());
        env.put("cpu", cpuModel());
        env.put("java", System.getProperty("java.version"));
        env.put("backend", Versions.backend());
        env.put("dl4j", Versions.nd4j());
        env.put("spark", org.apache.spark.package$.MODULE$.SPARK_VERSION());
        return env;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
