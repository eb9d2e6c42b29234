package io.github.dl4jvae.scaleout;

import io.github.dl4jvae.data.FeaturesAsLabelsIterator;
import io.github.dl4jvae.scaleout.internal.NetworkProvenance;
import io.github.dl4jvae.scaleout.internal.Checks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the DL4J-layer VAE ({@link io.github.dl4jvae.layers.VaeNetworkBuilder}) with DL4J's
 * {@link ParallelWrapper}: {@link ParallelTraining#workers()} threads, each with a replica of the network, fit
 * consecutive minibatches of one iterator; their parameters and Adam states are averaged every
 * {@link ParallelTraining#averagingFrequency()} rounds. The network passed in is trained in place (it is worker
 * 0's replica) and is an ordinary {@code ComputationGraph} afterwards.
 *
 * <p>The iterator's labels are replaced by its features ({@link FeaturesAsLabelsIterator}): the VAE's target is
 * its input, so {@code VaeData.iterator(...)} (labels = classes) and {@code CsvData.iterator(...)} can be passed
 * as they are. Each replica draws its own reparameterization noise ({@link WorkerNoise}); with one worker the
 * result equals {@code ComputationGraph.fit} on the same iterator. (DL4J's {@code ParallelWrapper.Builder} refuses
 * fewer than 2 workers, "Number of workers can't be lower then 2!"; for one worker the count is set on the built
 * wrapper, which then runs its usual machinery, prefetch thread, one replica, averaging of one copy, and so measures
 * its own overhead against {@code fit}.)
 *
 * <p>Listeners of the network see every worker's steps (DL4J shares them between the replicas, so they must be
 * thread-safe) and are the network's again afterwards.
 *
 * <p>After every epoch the evaluation data is scored ({@code network.score(x, x)}: the mean negative ELBO per
 * example in nats at z = the posterior mean), outside the timed training step.
 */
public final class ParallelVaeTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(ParallelVaeTrainer.class);

    private final ParallelTraining settings;

    /** @param settings workers, averaging frequency and prefetching; not null */
    public ParallelVaeTrainer(ParallelTraining settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The settings. */
    public ParallelTraining settings() {
        return settings;
    }

    /**
     * Trains {@code network} for {@code epochs} passes over {@code train}.
     *
     * @param network    an initialised VAE network, trained in place
     * @param train      minibatches of data {@code [n, D]}; reset between epochs, so it must support reset
     *                   when {@code epochs > 1}
     * @param epochs     passes over the data, at least 1
     * @param evaluation data {@code [m, D]} scored before training and after each epoch (only its features are
     *                   used)
     * @param dataSetId  names the training data in the report's provenance, e.g. "fashion-mnist"
     * @return the report, with the provenance of the trained network
     * @throws IllegalArgumentException if an argument is missing or out of range, or the evaluation features do
     *     not match the network's input width
     * @throws IllegalStateException    if the negative ELBO becomes NaN or infinite (training diverged)
     */
    public TrainingReport fit(ComputationGraph network, DataSetIterator train, int epochs, DataSet evaluation,
                              String dataSetId) {
        Checks.network(network);
        Objects.requireNonNull(train, "train");
        Checks.epochs(epochs, train.resetSupported());
        DataSet target = Checks.evaluation(network, evaluation);

        AtomicLong examples = new AtomicLong();
        AtomicInteger largestBatch = new AtomicInteger(1);
        FeaturesAsLabelsIterator data = new FeaturesAsLabelsIterator(train);
        data.setPreProcessor(minibatch -> {
            examples.addAndGet(minibatch.numExamples());
            largestBatch.accumulateAndGet(minibatch.numExamples(), Math::max);
        });
        Map<String, Long> baseSeeds = WorkerNoise.baseSeeds(network);

        double initial = Checks.initialScore(network, target);
        LOG.info("ParallelWrapper training: {} worker(s), averaging every {} round(s), {} epoch(s); negative ELBO "
                + "before training {}", settings.workers(), settings.averagingFrequency(), epochs, initial);
        List<TrainingEpoch> done = new ArrayList<>(epochs);
        // ParallelWrapper.Builder.build() moves the network's listeners to the workers; they are put back below.
        Collection<TrainingListener> listeners = new ArrayList<>(network.getListeners());
        ParallelWrapper wrapper = new ParallelWrapper.Builder<>(network)
                .workers(Math.max(2, settings.workers()))
                .averagingFrequency(settings.averagingFrequency())
                .prefetchBuffer(settings.prefetchBuffer())
                .averageUpdaters(true)
                .reportScoreAfterAveraging(false)
                .build();
        // The builder refuses fewer than 2 workers; the count is read again when the workers are created in fit().
        wrapper.setWorkers(settings.workers());
        wrapper.setTrainerContext(new NoiseStreamTrainerContext(baseSeeds));
        try {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                examples.set(0);
                if (epoch > 1) {
                    data.reset();
                }
                long start = System.nanoTime();
                wrapper.fit(data);
                double seconds = (System.nanoTime() - start) / 1e9;
                network.incrementEpochCount();
                double score = Checks.finite(network.score(target), epoch);
                TrainingEpoch result = new TrainingEpoch(epoch, examples.get(), seconds, score);
                done.add(result);
                LOG.info("epoch {}: negative ELBO {} nats, {} examples in {} s ({} examples/s)", epoch,
                        String.format("%.3f", score), result.examples(), String.format("%.2f", seconds),
                        String.format("%.0f", result.examplesPerSecond()));
            }
        } finally {
            wrapper.shutdown();
            network.setListeners(listeners);
        }
        return new TrainingReport(Engine.PARALLEL_WRAPPER, settings.workers(), settings.averagingFrequency(),
                largestBatch.get(), NetworkProvenance.of(network, dataSetId, epochs), initial, done);
    }
}
