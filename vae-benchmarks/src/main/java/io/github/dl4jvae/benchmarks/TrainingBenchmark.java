package io.github.dl4jvae.benchmarks;

import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.model.EpochResult;
import io.github.dl4jvae.model.VaeModel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Training throughput of the default 784-400-20 MLP VAE (Bernoulli, Adam): one pass over 8,192 examples of
 * random [0,1] pixels per invocation, reported in examples per second ({@code ops/s} with one op per example).
 * Run: {@code java -jar vae-benchmarks/target/benchmarks.jar TrainingBenchmark -rf json}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class TrainingBenchmark {
    private static final int EXAMPLES = 8192;

    @Param({"128", "512"})
    public int batchSize;

    private VaeModel model;
    private ListDataSetIterator<DataSet> data;

    @Setup(Level.Trial)
    public void setUp() {
        model = VaeModel.create(VaeConfig.builder().seed(1).build());
        SplittableRandom random = new SplittableRandom(7);
        List<DataSet> batches = new ArrayList<>();
        for (int start = 0; start < EXAMPLES; start += batchSize) {
            float[] pixels = new float[batchSize * 784];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (float) random.nextDouble();
            }
            INDArray x = Nd4j.create(pixels, new long[] {batchSize, 784}, DataType.FLOAT);
            batches.add(new DataSet(x, x));
        }
        data = new ListDataSetIterator<>(batches, 1);
    }

    /** One epoch of training steps; returns the epoch so JMH cannot drop the work. */
    @Benchmark
    @OperationsPerInvocation(EXAMPLES)
    public EpochResult trainEpoch() {
        return model.fit(data, 1).get(0);
    }
}
