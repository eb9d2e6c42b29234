package io.github.dl4jvae.scaleout;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.deeplearning4j.parallelism.trainer.DefaultTrainer;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * DL4J's {@link DefaultTrainer} (one worker of {@code ParallelWrapper}: its own replica of the network, fed one
 * minibatch per round) with two changes that keep data-parallel training faithful to single-worker training:
 * <ul>
 *   <li><b>Own noise.</b> Worker 0 trains the original network with its configured seeds; worker {@code w > 0} a
 *       replica whose seeds are {@link WorkerNoise#seedFor(long, int) seedFor(base, w)}, set once the replica
 *       exists and before its first step.</li>
 *   <li><b>Copies before steps.</b> Each worker copies its replica (parameters, Adam state, step count) from the
 *       original network on its own thread when it starts, while worker 0 may already be training that original
 *       network: in DL4J 1.0.0-M2.1 a replica could start one step late (observed in this module's tests) or read
 *       parameters in the middle of an update. Worker 0 here waits, before its first step, until every other
 *       replica has been copied.</li>
 * </ul>
 */
final class NoiseStreamTrainer extends DefaultTrainer {
    /** How long worker 0 waits for the other replicas before it gives up. */
    private static final long REPLICA_TIMEOUT_SECONDS = 120;

    private final Map<String, Long> baseSeeds;
    private final CountDownLatch replicasReady;

    NoiseStreamTrainer(String uuid, int threadId, Model model, boolean useMDS, ParallelWrapper wrapper,
                       WorkspaceMode workspaceMode, int averagingFrequency, Map<String, Long> baseSeeds,
                       CountDownLatch replicasReady) {
        this.uuid = uuid;
        this.threadId = threadId;
        this.originalModel = model;
        this.replicatedModel = model;
        this.useMDS = useMDS;
        this.parallelWrapper = wrapper;
        this.workspaceMode = workspaceMode;
        this.averagingFrequency = averagingFrequency;
        this.baseSeeds = baseSeeds;
        this.replicasReady = replicasReady;
        setName("NoiseStreamTrainer thread " + threadId);
        setDaemon(true);
    }

    /** Listeners as {@link DefaultTrainer} sets them, then the worker's noise seeds; then the replica is ready. */
    @Override
    protected void postInit() {
        try {
            super.postInit();
            if (threadId > 0 && replicatedModel instanceof ComputationGraph replica) {
                WorkerNoise.assign(replica, baseSeeds, threadId);
            }
        } finally {
            if (threadId > 0) {
                replicasReady.countDown();
            }
        }
    }

    @Override
    protected void fit(DataSet dataSet) {
        awaitReplicas();
        super.fit(dataSet);
    }

    @Override
    protected void fit(MultiDataSet dataSet) {
        awaitReplicas();
        super.fit(dataSet);
    }

    private void awaitReplicas() {
        if (threadId != 0 || replicasReady.getCount() == 0) {
            return;
        }
        try {
            if (!replicasReady.await(REPLICA_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException(replicasReady.getCount() + " ParallelWrapper replica(s) were not "
                        + "ready after " + REPLICA_TIMEOUT_SECONDS + " s; see the log of the other worker threads");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the ParallelWrapper replicas", e);
        }
    }
}
