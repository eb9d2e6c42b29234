package io.github.dl4jvae.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.VaeConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@link VaeModel#sample(int, long)}: reproducible by seed, independent of the model's own sample sequence. */
class SeededSampleTest {

    @Test
    void theSameSeedGivesTheSameSamples() {
        VaeModel model = VaeModel.create(VaeConfig.builder().inputShape(InputShape.vector(10))
                .network(NetworkConfig.mlp(8)).latentSize(2).seed(1).build());
        INDArray first = model.sample(4, 7);
        INDArray own = model.sample(4);
        assertEquals(first, model.sample(4, 7), "same seed, same samples, whatever was drawn in between");
        assertNotEquals(first, model.sample(4, 8));
        assertArrayEquals(new long[] {4, 10}, first.shape());
        VaeModel twin = VaeModel.create(model.config());
        twin.sample(4, 7);
        assertEquals(own, twin.sample(4), "seeded draws leave the model's own sequence alone");
    }
}
