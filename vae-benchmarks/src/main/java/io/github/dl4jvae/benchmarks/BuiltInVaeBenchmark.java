package io.github.dl4jvae.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.variational.BernoulliReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The peer inside DL4J: its built-in {@link VariationalAutoencoder} layer with the same MLP (784-400-latent,
 * ReLU, Bernoulli decoder, Adam 1e-3, float), in a {@link MultiLayerNetwork}, on the same batches as
 * {@link ProjectVaeBenchmark}. One operation is one minibatch.
 *
 * <p>It covers the work that layer can do the same way: a training step ({@code pretrainLayer}), encoding
 * (the network's output is the posterior mean) and decoding ({@code generateAtMeanGivenZ}). It has no
 * negative-ELBO or importance-sampled likelihood method (its {@code reconstructionLogProbability} is a
 * Monte-Carlo mean of log p(x|z), another quantity), and it is dense only, so there is no convolutional row.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class BuiltInVaeBenchmark {

    /** Examples per minibatch. */
    @Param({"32", "128", "512", "2048"})
    public int batchSize;

    /** Architecture: the built-in layer is dense only. */
    @Param({"MLP"})
    public BenchmarkModel model;

    /** Latent dimensions. */
    @Param({"2", "20"})
    public int latentSize;

    private MultiLayerNetwork network;
    private org.deeplearning4j.nn.layers.variational.VariationalAutoencoder layer;
    private List<INDArray> images;
    private List<INDArray> codes;
    private BatchCycle cycle;

    /** Checks the backend, builds the network and cuts the data into batches. */
    @Setup(Level.Trial)
    public void setUp() {
        BackendCheck.require();
        if (model != BenchmarkModel.MLP) {
            throw new IllegalArgumentException("DL4J's built-in VariationalAutoencoder is dense only; model "
                    + model + " cannot be benchmarked on it (use MLP)");
        }
        network = new MultiLayerNetwork(configuration(latentSize));
        network.init();
        layer = (org.deeplearning4j.nn.layers.variational.VariationalAutoencoder) network.getLayer(0);
        images = BenchmarkData.batches(batchSize);
        cycle = new BatchCycle(images.size());
        codes = BenchmarkData.latentBatches(batchSize, latentSize);
    }

    /** The built-in VAE with the benchmarked MLP. */
    static MultiLayerConfiguration configuration(int latentSize) {
        int pixels = BenchmarkData.SIDE * BenchmarkData.SIDE;
        return new NeuralNetConfiguration.Builder()
                .seed(1)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new VariationalAutoencoder.Builder()
                        .nIn(pixels).nOut(latentSize)
                        .encoderLayerSizes(400).decoderLayerSizes(400)
                        .activation(Activation.RELU)
                        .pzxActivationFunction(Activation.IDENTITY)
                        .reconstructionDistribution(new BernoulliReconstructionDistribution(Activation.SIGMOID))
                        .build())
                .build();
    }

    /** One training step (forward, backward, Adam update) of the layer on one minibatch; returns its score. */
    @Benchmark
    public double trainStep() {
        network.pretrainLayer(0, images.get(cycle.next()));
        return layer.score();
    }

    /** The posterior mean of one minibatch. */
    @Benchmark
    public INDArray encode() {
        return network.output(images.get(cycle.next()), false);
    }

    /** The decoder's mean for one minibatch of latent codes drawn from the prior. */
    @Benchmark
    public INDArray decode() {
        return layer.generateAtMeanGivenZ(codes.get(cycle.next()));
    }
}
