package io.github.dl4jvae.scaleout.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dl4jvae.layers.ReparameterizationVertex;
import io.github.dl4jvae.layers.VaeNetworkBuilder;
import io.github.dl4jvae.scaleout.Fixtures;
import io.github.dl4jvae.scaleout.WorkerNoise;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/** The hook that puts a Spark worker's copy of the network at the driver's step count, outside Spark. */
class WorkerStepHookTest {

    @Test
    void cloneDropsTheStepCountAndTheHookRestoresIt() {
        ComputationGraph driver = VaeNetworkBuilder.of(Fixtures.config()).build();
        driver.getConfiguration().setIterationCount(37);
        // What DL4J's parameter-averaging worker does: a network from the broadcast configuration's clone().
        ComputationGraphConfiguration copy = driver.getConfiguration().clone();
        assertEquals(0, copy.getIterationCount(), "DL4J M2/M2.1: clone() does not copy the step count");
        ComputationGraph worker = new ComputationGraph(copy);
        worker.init(driver.params().dup(), false);

        WorkerStepHook hook = new WorkerStepHook(WorkerNoise.baseSeeds(driver), 37);
        hook.preUpdate((org.nd4j.linalg.dataset.api.MultiDataSet) null, worker);
        assertEquals(37, worker.getConfiguration().getIterationCount(), "the round starts at the driver's count");
        worker.getConfiguration().setIterationCount(38);   // one step taken
        hook.preUpdate((org.nd4j.linalg.dataset.api.DataSet) null, worker);
        assertEquals(38, worker.getConfiguration().getIterationCount(), "later steps keep their own count");
        // Outside a Spark task the worker index is 0: the configured seed.
        assertEquals(Fixtures.SEED, ((ReparameterizationVertex) worker.getConfiguration().getVertices()
                .get(VaeNetworkBuilder.LATENT)).getSeed());
    }

    @Test
    void rejectsOtherModels() {
        WorkerStepHook hook = new WorkerStepHook(Map.of(), 0);
        assertThrows(IllegalArgumentException.class,
                () -> hook.preUpdate((org.nd4j.linalg.dataset.api.DataSet) null, (MultiLayerNetwork) null));
    }
}
