package io.github.dl4jvae.scaleout;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.deeplearning4j.parallelism.factory.TrainerContext;
import org.deeplearning4j.parallelism.trainer.Trainer;

/**
 * Creates {@code ParallelWrapper}'s worker threads as {@link NoiseStreamTrainer}s: every replica draws its own
 * reparameterization noise ({@link WorkerNoise}), and worker 0 (which trains the original network) waits until
 * the other replicas have been copied from it. Averaging itself stays with {@code ParallelWrapper}, as with DL4J's
 * {@code DefaultTrainerContext}.
 *
 * <p>Install it with {@code wrapper.setTrainerContext(...)} after {@code ParallelWrapper.Builder.build()}: in
 * DL4J 1.0.0-M2.1 {@code build()} replaces a context given to {@code Builder.trainerFactory} by the default one
 * for the AVERAGING training mode. Not thread-safe: {@code ParallelWrapper} creates its workers on one thread, worker
 * 0 first.
 */
final class NoiseStreamTrainerContext implements TrainerContext {
    private final Map<String, Long> baseSeeds;
    /** Counted down by each replica of the workers being created; replaced when worker 0 is created. */
    private CountDownLatch replicasReady = new CountDownLatch(0);

    /** @param baseSeeds the original network's reparameterization seeds, {@link WorkerNoise#baseSeeds} */
    NoiseStreamTrainerContext(Map<String, Long> baseSeeds) {
        this.baseSeeds = Map.copyOf(baseSeeds);
    }

    /** Nothing to prepare: the base seeds were taken when this context was made. */
    @Override
    public void init(Model model, Object... args) {
    }

    @Override
    public Trainer create(String uuid, int threadId, Model model, int rootDevice, boolean useMDS,
                          ParallelWrapper wrapper, WorkspaceMode mode, int averagingFrequency) {
        if (threadId == 0) {
            replicasReady = new CountDownLatch(Math.max(0, wrapper.getWorkers() - 1));
        }
        return new NoiseStreamTrainer(uuid + "_thread_" + threadId, threadId, model, useMDS, wrapper, mode,
                averagingFrequency, baseSeeds, replicasReady);
    }

    /** Nothing to do: {@code ParallelWrapper} averages parameters and updater states itself. */
    @Override
    public void finalizeRound(Model originalModel, Model... models) {
    }

    /** Nothing to do: {@code ParallelWrapper} averages parameters and updater states itself. */
    @Override
    public void finalizeTraining(Model originalModel, Model... models) {
    }
}
