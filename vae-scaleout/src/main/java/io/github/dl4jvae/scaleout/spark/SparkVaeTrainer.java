package io.github.dl4jvae.scaleout.spark;

import io.github.dl4jvae.scaleout.Engine;
import io.github.dl4jvae.scaleout.TrainingEpoch;
import io.github.dl4jvae.scaleout.TrainingReport;
import io.github.dl4jvae.scaleout.WorkerNoise;
import io.github.dl4jvae.scaleout.internal.NetworkProvenance;
import io.github.dl4jvae.scaleout.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the DL4J-layer VAE ({@link io.github.dl4jvae.layers.VaeNetworkBuilder}) on Spark with DL4J's
 * {@link SparkComputationGraph} and parameter averaging (see {@link SparkTraining} for the rounds). The network
 * passed in lives on the driver and is updated in place after every round; afterwards it is an ordinary
 * {@code ComputationGraph}.
 *
 * <p>The training data is an RDD of minibatches (e.g. {@link SparkVaeData#minibatches}); their labels are replaced
 * by their features, the VAE's target. It is repartitioned once to {@link SparkTraining#workers()} partitions and kept in memory (serialized) across
 * epochs, so the rounds need no further shuffles. Each worker's copy continues the driver's step count and draws its
 * own reparameterization noise ({@link WorkerStepHook}).
 *
 * <p>Scores: {@link #negativeElbo} runs DL4J's distributed {@code calculateScore} at inference, so it is the mean
 * negative ELBO per example in nats at z = the posterior mean, the figure {@code network.score(x, x)} gives on one
 * machine. After every epoch the evaluation RDD is scored that way, outside the timed training step.
 */
public final class SparkVaeTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(SparkVaeTrainer.class);
    /** Examples per minibatch when scoring on the executors. */
    private static final int SCORE_BATCH = 500;

    private final JavaSparkContext spark;
    private final SparkTraining settings;

    /**
     * @param spark    the Spark context (local mode or a cluster); not null
     * @param settings workers, minibatch size, averaging frequency, prefetching; not null
     */
    public SparkVaeTrainer(JavaSparkContext spark, SparkTraining settings) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The settings. */
    public SparkTraining settings() {
        return settings;
    }

    /**
     * Trains {@code network} for {@code epochs} passes over {@code train}.
     *
     * @param network    an initialised VAE network on the driver, trained in place
     * @param train      minibatches of {@link SparkTraining#batchSizePerWorker()} examples
     *                   ({@link SparkVaeData#minibatches}); only their features are used
     * @param epochs     passes over the data, at least 1
     * @param evaluation minibatches scored before training and after each epoch (may be {@code train}); only their
     *                   features are used
     * @param dataSetId  names the training data in the report's provenance
     * @return the report, with the provenance of the trained network
     * @throws IllegalArgumentException if an argument is missing or out of range
     * @throws IllegalStateException    if the negative ELBO becomes NaN or infinite (training diverged)
     */
    public TrainingReport fit(ComputationGraph network, JavaRDD<DataSet> train, int epochs,
                              JavaRDD<DataSet> evaluation, String dataSetId) {
        Checks.network(network);
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(evaluation, "evaluation");
        Checks.epochs(epochs, true);

        JavaRDD<DataSet> targets = train.map(new FeaturesAsLabels());
        JavaRDD<DataSet> data = targets.getNumPartitions() == settings.workers() ? targets
                : targets.repartition(settings.workers());
        JavaRDD<DataSet> scored = evaluation.map(new FeaturesAsLabels());
        data.persist(StorageLevel.MEMORY_ONLY_SER());
        long examples = data.map(DataSet::numExamples).reduce(Integer::sum);
        if (examples == 0) {
            throw new IllegalArgumentException("the training RDD holds no examples");
        }
        SparkComputationGraph sparkNetwork = new SparkComputationGraph(spark, network, trainingMaster(network));
        double initial = Checks.finite(sparkNetwork.calculateScore(scored, true, SCORE_BATCH), 0);
        LOG.info("Spark training: {} worker(s) of {}-example minibatches, averaging every {}, {} examples, {} epoch(s);"
                        + " negative ELBO before training {}", settings.workers(), settings.batchSizePerWorker(),
                settings.averagingFrequency(), examples, epochs, initial);
        List<TrainingEpoch> done = new ArrayList<>(epochs);
        try {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long start = System.nanoTime();
                sparkNetwork.fit(data);
                double seconds = (System.nanoTime() - start) / 1e9;
                double score = Checks.finite(sparkNetwork.calculateScore(scored, true, SCORE_BATCH), epoch);
                TrainingEpoch result = new TrainingEpoch(epoch, examples, seconds, score);
                done.add(result);
                LOG.info("epoch {}: negative ELBO {} nats, {} examples in {} s ({} examples/s)", epoch,
                        String.format("%.3f", score), examples, String.format("%.2f", seconds),
                        String.format("%.0f", result.examplesPerSecond()));
            }
        } finally {
            data.unpersist(false);
        }
        return new TrainingReport(Engine.SPARK, settings.workers(), settings.averagingFrequency(),
                settings.batchSizePerWorker(), NetworkProvenance.of(network, dataSetId, epochs), initial, done);
    }

    /**
     * The mean negative ELBO per example, in nats, of {@code data} under {@code network}, computed on the
     * executors at z = the posterior mean (DL4J's {@code calculateScore}, averaged over examples).
     *
     * @param data minibatches; only their features are used
     */
    public double negativeElbo(ComputationGraph network, JavaRDD<DataSet> data) {
        Checks.network(network);
        Objects.requireNonNull(data, "data");
        return new SparkComputationGraph(spark, network, trainingMaster(network))
                .calculateScore(data.map(new FeaturesAsLabels()), true, SCORE_BATCH);
    }

    private ParameterAveragingTrainingMaster trainingMaster(ComputationGraph network) {
        ParameterAveragingTrainingMaster.Builder builder =
                new ParameterAveragingTrainingMaster.Builder(settings.workers(), settings.batchSizePerWorker())
                        .batchSizePerWorker(settings.batchSizePerWorker())
                        .averagingFrequency(settings.averagingFrequency())
                        .workerPrefetchNumBatches(settings.prefetchBatches())
                        .saveUpdater(true)
                        .rddTrainingApproach(RDDTrainingApproach.Direct)
                        .repartionData(Repartition.NumPartitionsWorkersDiffers)
                        // The training RDD is persisted by fit(); the master's own persist of its per-epoch
                        // DataSet-to-MultiDataSet view would only add one cached copy per epoch.
                        .storageLevel(null)
                        .rngSeed(network.getConfiguration().getDefaultConfiguration().getSeed());
        return new VaeTrainingMaster(builder, WorkerNoise.baseSeeds(network));
    }
}
