package io.github.dl4jvae.model;

import io.github.dl4jvae.config.KlSchedule;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.graph.VaeGraph;
import io.github.dl4jvae.random.Streams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link VaeModel}: epochs of one Adam step per minibatch on the mean over its n examples of
 * reconstruction + beta * KL (nats), with L = {@link VaeConfig#samplesPerExample()} reparameterization samples per
 * example drawn at the step's address of the training stream, the KL weight of the config's {@link KlSchedule} at
 * that step, a check for a NaN or infinite loss or gradient before the update, and the listeners told of each step
 * and epoch. It keeps the model's step and epoch counters, which a loaded model restores.
 *
 * <p>Threads: a step's minibatch is split into one contiguous shard of rows per thread of the model's
 * {@link Workers} (synchronous data parallelism); each shard's forward and backward pass runs on its own thread with
 * its slice of the step's noise, and the update uses {@code sum_s (n_s / n) * gradient_s}, summed in shard order, so
 * a fixed seed and thread count give the same weights bit for bit. One thread, or one shard, is the plain step.
 */
final class TrainingLoop {
    /** Named after the facade: users configure the progress log under {@code VaeModel}. */
    private static final Logger LOG = LoggerFactory.getLogger(VaeModel.class);
    /** The fewest rows a shard of a step gets: smaller products run too far below the machine's rate. */
    static final int MIN_SHARD_ROWS = 16;
    private static final List<String> OUTPUTS = List.of(VaeGraph.LOSS, VaeGraph.RECONSTRUCTION, VaeGraph.KL);

    private final VaeConfig config;
    private final VaeGraph graph;
    private final GraphRunner runner;
    private final NoiseSource noise;
    private final ElboEvaluator validator;
    private final AdamOptimizer optimizer;
    private final Workers workers;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private long iteration;
    private int epochsTrained;
    private int threadsTrained;

    TrainingLoop(VaeConfig config, VaeGraph graph, GraphRunner runner, NoiseSource noise, ElboEvaluator validator,
                 Workers workers) {
        this.config = config;
        this.workers = workers;
        this.graph = graph;
        this.runner = runner;
        this.noise = noise;
        this.validator = validator;
        this.optimizer = new AdamOptimizer(graph.sameDiff(), graph.parameterNames(), config.learningRate());
    }

    /** Trains for {@code epochs} passes over {@code train}, evaluating {@code validation} (if not null) after each. */
    List<EpochResult> fit(DataSetIterator train, int epochs, DataSetIterator validation) {
        runner.requireOpen();
        GraphRunner.requireIterator(train, "training");
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        List<EpochResult> results = new ArrayList<>();
        try (NativeThreads.Scope scope = workers.nativeScope()) {
            for (int e = 0; e < epochs; e++) {
                results.add(trainEpoch(train, validation));
            }
        }
        return results;
    }

    void addListener(TrainingListener listener) {
        listeners.add(listener);
    }

    /** Epochs trained over the model's life. */
    int epochsTrained() {
        return epochsTrained;
    }

    /** Optimizer steps over the model's life; also the address of the next step's noise. */
    long iterations() {
        return iteration;
    }

    AdamOptimizer optimizer() {
        return optimizer;
    }

    /** The threads of the last epoch trained; 0 before any. */
    int threadsTrained() {
        return threadsTrained;
    }

    /** Sets the counters of a loaded model, so that a resumed run goes on where the saved one stopped. */
    void restoreCounters(long iterations, int epochs, int threads) {
        this.iteration = iterations;
        this.epochsTrained = epochs;
        this.threadsTrained = threads;
    }

    private EpochResult trainEpoch(DataSetIterator train, DataSetIterator validation) {
        int epoch = epochsTrained + 1;
        GraphRunner.rewound(train, "training");
        long start = System.nanoTime();
        double lossSum = 0;
        double reconstructionSum = 0;
        double klSum = 0;
        long examples = 0;
        int batchInEpoch = 0;
        while (train.hasNext()) {
            DataSet batch = train.next();
            batchInEpoch++;
            String what = "training batch " + batchInEpoch + " (epoch " + epoch + ")";
            INDArray x = runner.features(batch.getFeatures(), what);
            int n = (int) x.size(0);
            double[] terms = step(x, runner.conditionOf(batch, n, what), epoch);
            lossSum += terms[0] * n;
            reconstructionSum += terms[1] * n;
            klSum += terms[2] * n;
            examples += n;
            for (TrainingListener listener : listeners) {
                listener.iterationDone(epoch, iteration - 1, terms[0], n);
            }
        }
        if (examples == 0) {
            throw new IllegalArgumentException("training iterator gave no examples in epoch " + epoch
                    + "; expected at least one non-empty batch");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Evaluation validated = validation == null ? null : validator.evaluate(validation);
        epochsTrained = epoch;
        threadsTrained = workers.threads();
        EpochResult result = new EpochResult(epoch, lossSum / examples, reconstructionSum / examples,
                klSum / examples, validated, seconds, examples);
        if (LOG.isInfoEnabled()) {
            LOG.info("epoch {}: loss {} (reconstruction {}, KL {}){} in {} s, {} examples/s", epoch,
                    fmt(result.loss()), fmt(result.reconstruction()), fmt(result.kl()),
                    validated == null ? "" : ", validation negative ELBO " + fmt(validated.negativeElbo()),
                    fmt(seconds), Math.round(result.examplesPerSecond()));
        }
        for (TrainingListener listener : listeners) {
            listener.epochDone(result);
        }
        return result;
    }

    /** One Adam step; returns {loss, mean reconstruction, mean KL} of the batch before the update. */
    private double[] step(INDArray x, INDArray labels, int epoch) {
        int n = (int) x.size(0);
        INDArray eps = NoiseSource.normal(noise.generator(Streams.TRAINING, iteration), runner.dataType(),
                config.samplesPerExample(), n, config.latentSize());
        KlSchedule schedule = config.objective().klSchedule();
        graph.setKlWeight(schedule.weight(iteration, config.beta()), schedule.capacity(iteration));
        int[] sizes = Workers.shardSizes(n, shards(n));
        runner.prepareShards(sizes.length);
        OutAndGrad[] results = new OutAndGrad[sizes.length];
        workers.run(sizes.length, shard -> {
            int from = 0;
            for (int s = 0; s < shard; s++) {
                from += sizes[s];
            }
            results[shard] = runner.gradients(shard, shardInputs(x, labels, eps, from, sizes[shard], sizes.length),
                    OUTPUTS, graph.parameterNames());
        });
        double loss = 0;
        double reconstruction = 0;
        double kl = 0;
        double[] weights = new double[sizes.length];
        List<Map<String, INDArray>> gradients = new ArrayList<>(sizes.length);
        for (int s = 0; s < sizes.length; s++) {
            weights[s] = (double) sizes[s] / n;
            Map<String, INDArray> out = results[s].getOutputs();
            loss += weights[s] * out.get(VaeGraph.LOSS).getDouble(0);
            reconstruction += sum(out.get(VaeGraph.RECONSTRUCTION));
            kl += sum(out.get(VaeGraph.KL));
            gradients.add(results[s].getGradients());
        }
        reconstruction /= n;
        kl /= n;
        NumericalFaults.checkLoss(epoch, iteration, loss, reconstruction, kl);
        if (!optimizer.step(gradients, weights, iteration, workers)) {
            throw NumericalFaults.gradientFault(epoch, iteration, loss, reconstruction, kl, orderedGradients(results),
                    graph.decoderParameterNames());
        }
        // The gradients and outputs are the passes' own arrays, reused next step; the noise is freed now rather than
        // when the garbage collector finds it.
        if (eps.closeable()) {
            eps.close();
        }
        iteration++;
        return new double[] {loss, reconstruction, kl};
    }

    /**
     * The shards a step of {@code n} rows is split into: one per thread, of at least {@value #MIN_SHARD_ROWS} rows;
     * one where the loss couples the batch's examples (free bits and the capacity penalty act on the batch's mean
     * KL, whose gradient is not a weighted sum of shard gradients).
     */
    private int shards(int n) {
        boolean perExample = config.objective().freeBits() == 0
                && config.objective().klSchedule().shape() != KlSchedule.Shape.CAPACITY;
        return perExample ? Math.max(1, Math.min(workers.threads(), n / MIN_SHARD_ROWS)) : 1;
    }

    /** The placeholders of rows {@code [from, from + size)}: the batch's own arrays when there is one shard. */
    private static Map<String, INDArray> shardInputs(INDArray x, INDArray labels, INDArray eps, int from, int size,
                                                     int shards) {
        if (shards == 1) {
            return GraphRunner.inputs(VaeGraph.X, x, labels, eps);
        }
        INDArrayIndex rows = NDArrayIndex.interval(from, from + size);
        return GraphRunner.inputs(VaeGraph.X, x.get(rows, NDArrayIndex.all()).dup('c'),
                labels == null ? null : labels.get(rows, NDArrayIndex.all()).dup('c'),
                eps.get(NDArrayIndex.all(), rows, NDArrayIndex.all()).dup('c'));
    }

    /** The sum of a per-example vector, in Java: a native reduction costs ~30 us per call. */
    private static double sum(INDArray perExample) {
        double sum = 0;
        for (double value : perExample.toDoubleVector()) {
            sum += value;
        }
        return sum;
    }

    /**
     * The gradients of the first shard holding a NaN or an infinity (the first shard if none does), by parameter in
     * the graph's order, for the message of a numerical fault.
     */
    private Map<String, INDArray> orderedGradients(OutAndGrad[] results) {
        OutAndGrad faulty = results[0];
        for (OutAndGrad result : results) {
            if (result.getGradients().values().stream().anyMatch(FeatureChecks::hasNonFinite)) {
                faulty = result;
                break;
            }
        }
        Map<String, INDArray> ordered = new LinkedHashMap<>();
        for (String name : graph.parameterNames()) {
            ordered.put(name, faulty.getGradients().get(name));
        }
        return ordered;
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
