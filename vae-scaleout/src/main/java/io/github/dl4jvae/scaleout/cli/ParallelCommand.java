package io.github.dl4jvae.scaleout.cli;

import io.github.dl4jvae.data.IdxDataSource;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.data.Split;
import io.github.dl4jvae.data.VaeData;
import io.github.dl4jvae.layers.VaeNetworkBuilder;
import io.github.dl4jvae.scaleout.ParallelTraining;
import io.github.dl4jvae.scaleout.ParallelVaeTrainer;
import io.github.dl4jvae.scaleout.TrainedModels;
import io.github.dl4jvae.scaleout.TrainingReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parallel}: trains the DL4J-layer VAE on Fashion-MNIST with ParallelWrapper and saves it. */
@Command(name = "parallel", mixinStandardHelpOptions = true,
        description = "Train the VAE with DL4J's ParallelWrapper (worker threads, parameters averaged) on "
                + "Fashion-MNIST; the score after each epoch is the test negative ELBO per image in nats.")
final class ParallelCommand implements Callable<Integer> {
    @Mixin
    private FashionMnistOptions data;
    @Mixin
    private NetworkOptions network;

    @Option(names = "--workers", defaultValue = "2", description = "Worker threads. Default: ${DEFAULT-VALUE}.")
    private int workers;

    @Option(names = "--averaging-frequency", defaultValue = "1",
            description = "Rounds (one minibatch per worker) between averagings. Default: ${DEFAULT-VALUE}.")
    private int averagingFrequency;

    @Option(names = "--batch-size", defaultValue = "128",
            description = "Examples per minibatch of one worker. Default: ${DEFAULT-VALUE}.")
    private int batchSize;

    @Option(names = "--epochs", defaultValue = "10", description = "Epochs. Default: ${DEFAULT-VALUE}.")
    private int epochs;

    @Option(names = "--out", paramLabel = "FILE", description = "Save the model (ModelSerializer zip with the "
            + "training report) here.")
    private Path out;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        IdxDataSource source = data.locate();
        DataSet test = VaeData.load(source, Split.TEST, Preprocessing.defaults(), network.seed);
        ComputationGraph vae = VaeNetworkBuilder.of(network.config((int) test.getFeatures().size(1))).build();
        ParallelTraining settings = new ParallelTraining(workers, averagingFrequency,
                ParallelTraining.DEFAULT_PREFETCH_BUFFER);
        TrainingReport report = new ParallelVaeTrainer(settings).fit(vae,
                VaeData.iterator(source, Split.TRAIN, batchSize, Preprocessing.defaults().withShuffle(true),
                        network.seed), epochs, test, source.id());
        PrintWriter printer = spec.commandLine().getOut();
        EpochLines.print(printer, report);
        if (out != null) {
            TrainedModels.save(vae, report, out.toFile());
            printer.println("saved " + out.toAbsolutePath());
        }
        return 0;
    }
}
