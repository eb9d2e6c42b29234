package io.github.dl4jvae.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.layers.ReparameterizationVertex;
import io.github.dl4jvae.layers.VaeNetworkBuilder;
import io.github.dl4jvae.random.Seeds;
import io.github.dl4jvae.random.Streams;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

class WorkerNoiseTest {

    @Test
    void workerZeroKeepsTheSeedAndOthersGetDistinctOnes() {
        assertEquals(42L, WorkerNoise.seedFor(42L, 0));
        Set<Long> seeds = new HashSet<>();
        for (int w = 0; w < 1000; w++) {
            seeds.add(WorkerNoise.seedFor(42L, w));
        }
        assertEquals(1000, seeds.size(), "1000 workers, 1000 different seeds");
        assertEquals(WorkerNoise.seedFor(7L, 3), WorkerNoise.seedFor(7L, 3), "reproducible");
        assertEquals(Seeds.derive(7L, Streams.WORKER, 3), WorkerNoise.seedFor(7L, 3), "the project's one seed derivation");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkerNoise.seedFor(1, -1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    void assignSetsEveryReparameterizationVertexIdempotently() {
        ComputationGraph network = VaeNetworkBuilder.of(Fixtures.config()).build();
        Map<String, Long> base = WorkerNoise.baseSeeds(network);
        assertEquals(Map.of(VaeNetworkBuilder.LATENT, Fixtures.SEED), base);

        assertEquals(1, WorkerNoise.assign(network, base, 3));
        assertEquals(1, WorkerNoise.assign(network, base, 3));
        ReparameterizationVertex z = (ReparameterizationVertex) network.getConfiguration().getVertices()
                .get(VaeNetworkBuilder.LATENT);
        assertEquals(WorkerNoise.seedFor(Fixtures.SEED, 3), z.getSeed(), "derived from the base, not from itself");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorkerNoise.assign(network, Map.of("other", 1L), 1));
        assertTrue(e.getMessage().contains("'z'"), e.getMessage());
    }
}
