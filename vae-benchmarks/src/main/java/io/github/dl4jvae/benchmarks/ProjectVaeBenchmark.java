package io.github.dl4jvae.benchmarks;

import io.github.dl4jvae.model.ElboTerms;
import io.github.dl4jvae.model.Encoding;
import io.github.dl4jvae.model.EpochResult;
import io.github.dl4jvae.model.VaeModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
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
 * This project's SameDiff VAE ({@link VaeModel}): one operation is one minibatch of {@code batchSize} examples,
 * so examples per second are {@code ops/s * batchSize} ({@link BenchmarkRunner} reports them so). The batches
 * cycle through {@link BenchmarkData}'s real images.
 *
 * <p>Run: {@code bin/bench run} (all benchmarks, with the environment recorded) or
 * {@code java -jar vae-benchmarks/target/benchmarks.jar ProjectVaeBenchmark} (plain JMH).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class ProjectVaeBenchmark {
    /** Importance samples per example of {@link #importanceSampledNll()}. */
    public static final int IMPORTANCE_SAMPLES = 64;

    /** Examples per minibatch. */
    @Param({"32", "128", "512", "2048"})
    public int batchSize;

    /** Architecture. */
    @Param({"MLP", "CONV"})
    public BenchmarkModel model;

    /** Latent dimensions. */
    @Param({"2", "20"})
    public int latentSize;

    private VaeModel vae;
    private List<INDArray> images;
    private List<ListDataSetIterator<DataSet>> trainingBatches;
    private List<INDArray> codes;
    private BatchCycle cycle;

    /** Checks the backend, builds the model and cuts the data into batches. */
    @Setup(Level.Trial)
    public void setUp() {
        BackendCheck.require();
        vae = VaeModel.create(model.config(latentSize));
        images = BenchmarkData.batches(batchSize);
        cycle = new BatchCycle(images.size());
        codes = BenchmarkData.latentBatches(batchSize, latentSize);
        trainingBatches = new ArrayList<>();
        for (INDArray x : images) {
            trainingBatches.add(new ListDataSetIterator<>(List.of(new DataSet(x, x)), batchSize));
        }
    }

    /** One training step: forward, backward and Adam update on one minibatch. */
    @Benchmark
    public EpochResult trainStep() {
        return vae.fit(trainingBatches.get(cycle.next()), 1).get(0);
    }

    /** The posterior q(z|x) (mean and log-variance) of one minibatch. */
    @Benchmark
    public Encoding encode() {
        return vae.encode(images.get(cycle.next()));
    }

    /** The decoder's mean for one minibatch of latent codes drawn from the prior. */
    @Benchmark
    public INDArray decode() {
        return vae.decode(codes.get(cycle.next()));
    }

    /** The per-example negative ELBO (one sample) of one minibatch. */
    @Benchmark
    public ElboTerms negativeElbo() {
        return vae.negativeElbo(images.get(cycle.next()));
    }

    /** The importance-sampled log-likelihood with {@value #IMPORTANCE_SAMPLES} samples of one minibatch. */
    @Benchmark
    public INDArray importanceSampledNll() {
        return vae.logLikelihood(images.get(cycle.next()), IMPORTANCE_SAMPLES);
    }
}
