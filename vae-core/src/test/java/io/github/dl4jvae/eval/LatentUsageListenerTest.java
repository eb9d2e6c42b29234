package io.github.dl4jvae.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.model.Encoding;
import io.github.dl4jvae.model.VaeModel;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The per-epoch latent usage and the collapse rule: collapsed when more than half the dimensions are inactive. */
class LatentUsageListenerTest {

    /** Posterior means whose variance over 4 examples is 0 or 1.25 per dimension, as given. */
    private static LatentUsage usage(boolean... active) {
        double[][] mean = new double[4][active.length];
        for (int i = 0; i < 4; i++) {
            for (int u = 0; u < active.length; u++) {
                mean[i][u] = active[u] ? i : 0.5;
            }
        }
        INDArray means = Nd4j.createFromArray(mean).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        return LatentUsage.of(new Encoding(means, Nd4j.zerosLike(means)));
    }

    @Test
    void mostDimensionsInactiveIsACollapse() {
        assertTrue(LatentUsageListener.collapsed(usage(true, false, false)));
        assertTrue(LatentUsageListener.collapsed(usage(false, false, false, false)));
        assertFalse(LatentUsageListener.collapsed(usage(true, true, false)));
        assertFalse(LatentUsageListener.collapsed(usage(true, true, false, false)));
    }

    @Test
    void measuresAfterEveryEpoch() {
        VaeModel model = VaeModel.create(VaeConfig.builder().inputShape(InputShape.vector(8))
                .network(NetworkConfig.mlp(6)).latentSize(3).seed(2).build());
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 20, 8);
        LatentUsageListener listener = new LatentUsageListener(model,
                new ListDataSetIterator<>(List.of(new DataSet(x, x)), 20));
        model.addListener(listener);
        assertNull(listener.last());

        model.fit(new ListDataSetIterator<>(List.of(new DataSet(x, x)), 20), 1);

        assertNotNull(listener.last());
        assertEquals(20, listener.last().examples());
        assertEquals(3, listener.last().latentSize());
        assertEquals("model and data must not be null; expected the trained VaeModel and a held-out DataSetIterator",
                assertThrows(IllegalArgumentException.class, () -> new LatentUsageListener(model, null)).getMessage());
    }
}
