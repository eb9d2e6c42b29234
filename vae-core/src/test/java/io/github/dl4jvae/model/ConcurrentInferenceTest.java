package io.github.dl4jvae.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.VaeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Inference called from 8 threads at once gives exactly what sequential calls give. */
class ConcurrentInferenceTest {

    @Test
    void eightThreadsGiveTheSequentialResults() throws Exception {
        VaeModel model = VaeModel.create(VaeConfig.builder().inputShape(InputShape.vector(32))
                .network(NetworkConfig.mlp(64)).latentSize(4).seed(8).build());
        List<INDArray> inputs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            inputs.add(SyntheticData.patterns(16 + t, 32, 100 + t));
        }
        List<INDArray[]> expected = new ArrayList<>();
        for (INDArray x : inputs) {
            expected.add(run(model, x));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                List<Future<INDArray[]>> futures = new ArrayList<>();
                for (INDArray x : inputs) {
                    futures.add(pool.submit(() -> run(model, x)));
                }
                for (int t = 0; t < inputs.size(); t++) {
                    INDArray[] actual = futures.get(t).get();
                    for (int k = 0; k < actual.length; k++) {
                        assertEquals(expected.get(t)[k], actual[k], "thread " + t + ", output " + k + ", round " + round);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static INDArray[] run(VaeModel model, INDArray x) {
        Encoding encoding = model.encode(x);
        return new INDArray[] {encoding.mean(), encoding.logVariance(), model.decode(encoding.mean()),
                model.negativeElbo(x).negativeElbo()};
    }
}
