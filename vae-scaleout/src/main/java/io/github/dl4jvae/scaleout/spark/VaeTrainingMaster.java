package io.github.dl4jvae.scaleout.spark;

import java.util.Map;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;

/**
 * DL4J's {@link ParameterAveragingTrainingMaster} whose workers of each round carry a {@link WorkerStepHook} made
 * with the driver network's iteration count at the start of that round.
 */
final class VaeTrainingMaster extends ParameterAveragingTrainingMaster {
    private static final long serialVersionUID = 1L;

    private final Map<String, Long> baseSeeds;

    /**
     * @param builder   the parameter-averaging settings; must not carry training hooks of its own (the worker's
     *                  hook list is then its own, and the round's hook is added to it alone)
     * @param baseSeeds the driver network's reparameterization seeds
     */
    VaeTrainingMaster(Builder builder, Map<String, Long> baseSeeds) {
        super(builder);
        if (trainingHookList != null && !trainingHookList.isEmpty()) {
            throw new IllegalArgumentException("the builder carries training hooks; VaeTrainingMaster adds its own");
        }
        this.baseSeeds = Map.copyOf(baseSeeds);
    }

    @Override
    public ParameterAveragingTrainingWorker getWorkerInstance(SparkComputationGraph graph) {
        ParameterAveragingTrainingWorker worker = super.getWorkerInstance(graph);
        worker.addHook(new WorkerStepHook(baseSeeds, graph.getNetwork().getConfiguration().getIterationCount()));
        return worker;
    }
}
