package io.github.dl4jvae.scaleout.spark;

import io.github.dl4jvae.scaleout.WorkerNoise;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Runs on a Spark worker before each of its minibatch steps and puts its copy of the network where a single
 * worker's network would be:
 * <ul>
 *   <li><b>Step count.</b> DL4J's parameter-averaging worker builds its copy from
 *       {@code ComputationGraphConfiguration.clone()}, which in DL4J 1.0.0-M2/M2.1 drops the iteration count, so
 *       every round would start at step 0: Adam's bias correction would restart (steps of 0.17 to 0.32 times the
 *       learning rate on averaged, warmed-up moments) and the reparameterization noise, addressed by step, would
 *       repeat every round. The hook sets the copy's count to the driver's count at the start of the round
 *       ({@code iterationBase}) plus the steps taken in it.</li>
 *   <li><b>Noise.</b> The partition index is the worker index of {@link WorkerNoise}: each worker of a round draws
 *       its own noise.</li>
 * </ul>
 * Nothing is done after a step.
 */
final class WorkerStepHook implements TrainingHook {
    private static final long serialVersionUID = 1L;

    private final HashMap<String, Long> baseSeeds;
    private final int iterationBase;

    /**
     * @param baseSeeds     the driver network's reparameterization seeds ({@link WorkerNoise#baseSeeds})
     * @param iterationBase the driver network's iteration count when the round starts
     */
    WorkerStepHook(Map<String, Long> baseSeeds, int iterationBase) {
        this.baseSeeds = new HashMap<>(baseSeeds);
        this.iterationBase = iterationBase;
    }

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
        align(model);
    }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
        align(model);
    }

    /** Nothing to do after a step. */
    @Override
    public void postUpdate(DataSet minibatch, Model model) {
    }

    /** Nothing to do after a step. */
    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {
    }

    private void align(Model model) {
        if (!(model instanceof ComputationGraph graph)) {
            throw new IllegalArgumentException("the Spark VAE trainer trains ComputationGraphs; got "
                    + (model == null ? "null" : model.getClass().getName()));
        }
        ComputationGraphConfiguration conf = graph.getConfiguration();
        // The copy starts at 0 and counts its own steps; the first step of a round lifts it to the driver's count.
        if (conf.getIterationCount() < iterationBase) {
            conf.setIterationCount(iterationBase + conf.getIterationCount());
        }
        TaskContext task = TaskContext.get();
        WorkerNoise.assign(graph, baseSeeds, task == null ? 0 : task.partitionId());
    }
}
