package io.github.dl4jvae.layers;

import static io.github.dl4jvae.testing.StreamIndependence.assertIndependent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dl4jvae.random.Seeds;
import io.github.dl4jvae.random.Streams;
import org.junit.jupiter.api.Test;

/** The vertices' noise addresses come from the one seed derivation and keep neighbouring addresses unrelated. */
class GaussianNoiseTest {

    @Test
    void neighbouringSeedsCountersAndStreamsAreUnrelated() {
        long t = GaussianNoise.TRAINING;
        assertIndependent("seeds 42 and 43", GaussianNoise.address(42, "z", t, 5), GaussianNoise.address(43, "z", t, 5));
        assertIndependent("iterations 5 and 6", GaussianNoise.address(42, "z", t, 5),
                GaussianNoise.address(42, "z", t, 6));
        assertIndependent("training and inference", GaussianNoise.address(42, "z", t, 5),
                GaussianNoise.address(42, "z", GaussianNoise.INFERENCE, 5));
        assertIndependent("vertices z and z2", GaussianNoise.address(42, "z", t, 5),
                GaussianNoise.address(42, "z2", t, 5));
    }

    @Test
    void theAddressIsTheProjectsSeedDerivation() {
        assertEquals(Seeds.derive(42, Streams.VERTEX, "z".hashCode(), GaussianNoise.TRAINING, 5),
                GaussianNoise.address(42, "z", GaussianNoise.TRAINING, 5));
    }
}
