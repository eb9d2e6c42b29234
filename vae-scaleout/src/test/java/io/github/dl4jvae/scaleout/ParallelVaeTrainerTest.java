package io.github.dl4jvae.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.data.Split;
import io.github.dl4jvae.layers.ReparameterizationVertex;
import io.github.dl4jvae.layers.VaeNetworkBuilder;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/**
 * ParallelWrapper training of the DL4J-layer VAE on the embedded Fashion-MNIST subset keeps the single-worker
 * contract: one worker equals {@code ComputationGraph.fit}; two workers lower the negative ELBO like one worker on
 * the combined minibatch; every worker draws its own noise in lockstep; the model saves and loads.
 */
class ParallelVaeTrainerTest {
    private static DataSet train;
    private static DataSet test;

    @BeforeAll
    static void data() throws Exception {
        train = Fixtures.load(Split.TRAIN);
        test = Fixtures.load(Split.TEST);
    }

    @Test
    void oneWorkerTrainsExactlyAsFit() {
        List<DataSet> batches = Fixtures.vaeBatches(train, 100);
        ComputationGraph reference = VaeNetworkBuilder.of(Fixtures.config()).build();
        ListDataSetIterator<DataSet> data = new ListDataSetIterator<>(batches, 1);
        for (int epoch = 0; epoch < 2; epoch++) {
            data.reset();
            reference.fit(data);
        }

        ComputationGraph parallel = VaeNetworkBuilder.of(Fixtures.config()).build();
        TrainingReport report = new ParallelVaeTrainer(ParallelTraining.of(1)).fit(parallel,
                new ListDataSetIterator<>(batches, 1), 2, test, "embedded");

        // Same minibatches, same noise, one replica, averaging of one copy: the same arithmetic as fit().
        assertEquals(0.0, reference.params().sub(parallel.params()).amaxNumber().doubleValue(), 1e-6,
                "largest parameter difference");
        assertEquals(reference.getConfiguration().getIterationCount(), parallel.getConfiguration().getIterationCount());
        assertEquals(100, parallel.getConfiguration().getIterationCount(), "2 epochs of 50 minibatches");
        assertEquals(2, parallel.getConfiguration().getEpochCount());
        double referenceScore = reference.score(new DataSet(test.getFeatures(), test.getFeatures()));
        assertEquals(referenceScore, report.finalNegativeElbo(), 1e-5 * referenceScore);
        assertEquals(List.of(5000L, 5000L), report.epochs().stream().map(TrainingEpoch::examples).toList());
    }

    @Test
    void twoWorkersLowerTheNegativeElboLikeOneWorkerOnTheCombinedBatch(@TempDir Path dir) throws Exception {
        int epochs = 4;
        // Reference: one worker, minibatches of 100.
        ComputationGraph reference = VaeNetworkBuilder.of(Fixtures.config()).build();
        TrainingReport single = new ParallelVaeTrainer(ParallelTraining.of(1)).fit(reference,
                new ListDataSetIterator<>(Fixtures.vaeBatches(train, 100), 1), epochs, test, "embedded");

        // Two workers of 50 averaged after every step: 100 examples per step, 50 steps per epoch as above.
        ComputationGraph network = VaeNetworkBuilder.of(Fixtures.config()).build();
        StepRecorder recorder = new StepRecorder();
        network.setListeners(recorder);
        TrainingReport report = new ParallelVaeTrainer(ParallelTraining.of(2)).fit(network,
                new ListDataSetIterator<>(Fixtures.vaeBatches(train, 50), 1), epochs, test, "embedded");

        // The negative ELBO of the 1000 test images (z = mean) starts near 784 ln 2 and falls.
        assertEquals(Fixtures.UNTRAINED, report.initialNegativeElbo(), 15.0);
        assertTrue(report.finalNegativeElbo() < report.initialNegativeElbo() - 180,
                "negative ELBO fell by at least 180 nats in " + epochs + " epochs: " + report.toJson());
        for (int i = 1; i < epochs; i++) {
            assertTrue(report.epochs().get(i).negativeElbo() < report.epochs().get(i - 1).negativeElbo(),
                    "falls every epoch: " + report.epochs());
        }
        // Within 3% of one worker on the combined minibatch (measured 264.7 vs 262.6 nats, 0.8%: averaging the
        // parameters after separate Adam steps is not the same arithmetic as one step on the averaged gradient).
        assertEquals(single.finalNegativeElbo(), report.finalNegativeElbo(), 0.03 * single.finalNegativeElbo(),
                "2 workers vs 1 worker: " + report.epochs() + " vs " + single.epochs());
        assertEquals(List.of(5000L, 5000L, 5000L, 5000L),
                report.epochs().stream().map(TrainingEpoch::examples).toList());
        assertEquals(Engine.PARALLEL_WRAPPER, report.engine());
        assertEquals(2, report.workers());
        assertEquals(50, report.batchSizePerWorker());

        // Two replicas with their own noise seeds, in lockstep: each step count seen once per worker.
        Map<Long, Set<Integer>> stepsBySeed = recorder.stepsBySeed();
        assertEquals(Set.of(Fixtures.SEED, WorkerNoise.seedFor(Fixtures.SEED, 1)), stepsBySeed.keySet());
        assertEquals(stepsBySeed.get(Fixtures.SEED), stepsBySeed.get(WorkerNoise.seedFor(Fixtures.SEED, 1)));
        assertEquals(epochs * 50, stepsBySeed.get(Fixtures.SEED).size(), "50 rounds per epoch");
        assertEquals(epochs * 50, network.getConfiguration().getIterationCount());
        assertEquals(List.of(recorder), List.copyOf(network.getListeners()), "the listener is the network's again");
        assertEquals(Fixtures.SEED, ((ReparameterizationVertex) network.getConfiguration().getVertices()
                .get(VaeNetworkBuilder.LATENT)).getSeed(), "the trained network keeps its configured seed");

        // Saved and loaded: equal parameters, equal scores, the report inside.
        File file = dir.resolve("parallel.zip").toFile();
        TrainedModels.save(network, report, file);
        ComputationGraph restored = TrainedModels.load(file);
        assertEquals(network.params(), restored.params());
        assertEquals(network.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
        DataSet target = new DataSet(test.getFeatures(), test.getFeatures());
        assertEquals(report.finalNegativeElbo(), restored.score(target), 1e-6 * report.finalNegativeElbo());
        assertEquals(report, TrainedModels.report(file));
    }

    /** Records, per noise seed, the step counts at which a replica finished a step (thread-safe: replicas share it). */
    private static final class StepRecorder extends BaseTrainingListener {
        private final Map<Long, Set<Integer>> steps = new ConcurrentHashMap<>();

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            ComputationGraph graph = (ComputationGraph) model;
            long seed = ((ReparameterizationVertex) graph.getConfiguration().getVertices()
                    .get(VaeNetworkBuilder.LATENT)).getSeed();
            steps.computeIfAbsent(seed, s -> ConcurrentHashMap.newKeySet()).add(iteration);
        }

        Map<Long, Set<Integer>> stepsBySeed() {
            return steps.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
        }
    }
}
