package io.github.dl4jvae.scaleout.cli;

import io.github.dl4jvae.layers.VaeNetworkBuilder;
import io.github.dl4jvae.scaleout.TrainedModels;
import io.github.dl4jvae.scaleout.TrainingReport;
import io.github.dl4jvae.scaleout.spark.SparkTraining;
import io.github.dl4jvae.scaleout.spark.SparkVaeData;
import io.github.dl4jvae.scaleout.spark.SparkVaeTrainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.datavec.api.writable.Writable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spark}: trains the DL4J-layer VAE on Spark with parameter averaging, from IDX or CSV files read through
 * DataVec on the executors, and saves it on the driver. The main class for {@code spark-submit}.
 */
@Command(name = "spark", mixinStandardHelpOptions = true,
        description = "Train the VAE on Spark (SparkComputationGraph, parameter averaging). Run it through "
                + "spark-submit, or give --master local[N] for a local run; the score after each epoch is the "
                + "training data's negative ELBO per example in nats (z = posterior mean).")
final class SparkCommand implements Callable<Integer> {

    /** Exactly one input. */
    static final class Input {
        @Option(names = "--images", paramLabel = "PATH", required = true,
                description = "IDX images file(s): a file, directory or glob on any Hadoop file system "
                        + "(e.g. hdfs:///data/train-images-idx3-ubyte.gz). Pixels are divided by 255.")
        String images;

        @Option(names = "--csv", paramLabel = "PATH", required = true,
                description = "Numeric CSV file(s), one example per line, all columns used.")
        String csv;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Input input;

    @Mixin
    private NetworkOptions network;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. local[2], for runs outside spark-submit (spark-submit sets it).")
    private String master;

    @Option(names = "--csv-skip-lines", defaultValue = "0", description = "Header lines of the CSV file to drop. "
            + "Default: ${DEFAULT-VALUE}.")
    private int skipLines;

    @Option(names = "--csv-delimiter", defaultValue = ",", description = "CSV column separator. Default: '${DEFAULT-VALUE}'.")
    private char delimiter;

    @Option(names = "--divisor", paramLabel = "X",
            description = "Divide every value by X. Default: 255 for --images, 1 for --csv.")
    private Double divisor;

    @Option(names = "--workers", paramLabel = "N",
            description = "Partitions trained in parallel per round. Default: Spark's default parallelism.")
    private Integer workers;

    @Option(names = "--batch-size", defaultValue = "128",
            description = "Examples per minibatch of one worker. Default: ${DEFAULT-VALUE}.")
    private int batchSize;

    @Option(names = "--averaging-frequency", defaultValue = "5",
            description = "Minibatches per worker between averagings. Default: ${DEFAULT-VALUE}.")
    private int averagingFrequency;

    @Option(names = "--epochs", defaultValue = "10", description = "Epochs. Default: ${DEFAULT-VALUE}.")
    private int epochs;

    @Option(names = "--out", paramLabel = "FILE", required = true,
            description = "Where the driver saves the model (ModelSerializer zip with the training report).")
    private Path out;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SparkConf conf = new SparkConf().setAppName("dl4j-vae");
        if (master != null) {
            conf.setMaster(master);
        }
        if (!conf.contains("spark.master")) {
            throw new IllegalArgumentException("no Spark master: run this through spark-submit (--master there), "
                    + "or give --master local[2] for a local run");
        }
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            boolean idx = input.images != null;
            JavaRDD<List<Writable>> records = idx ? SparkVaeData.idxImages(spark, input.images)
                    : SparkVaeData.csvRecords(spark, input.csv, skipLines, delimiter);
            double scale = divisor != null ? divisor : idx ? SparkVaeData.PIXEL_DIVISOR : 1.0;
            JavaRDD<DataSet> batches = SparkVaeData.minibatches(records, batchSize, scale)
                    .persist(StorageLevel.MEMORY_ONLY_SER());
            if (batches.isEmpty()) {
                throw new IllegalArgumentException((idx ? input.images : input.csv) + ": holds no examples");
            }
            int width = (int) batches.first().getFeatures().size(1);
            ComputationGraph vae = VaeNetworkBuilder.of(network.config(width)).build();
            SparkTraining settings = new SparkTraining(workers != null ? workers : spark.defaultParallelism(),
                    batchSize, averagingFrequency, SparkTraining.DEFAULT_PREFETCH_BATCHES);
            TrainingReport report = new SparkVaeTrainer(spark, settings).fit(vae, batches, epochs, batches,
                    idx ? input.images : input.csv);
            PrintWriter printer = spec.commandLine().getOut();
            printer.println("Spark " + spark.version() + ", master " + spark.master());
            EpochLines.print(printer, report);
            TrainedModels.save(vae, report, out.toFile());
            printer.println("saved " + out.toAbsolutePath());
        }
        return 0;
    }
}
