package io.github.dl4jvae.scaleout;

import io.github.dl4jvae.layers.ReparameterizationVertex;
import io.github.dl4jvae.random.Seeds;
import io.github.dl4jvae.random.Streams;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Gives every worker of data-parallel training its own stream of reparameterization noise.
 *
 * <p>A {@link ReparameterizationVertex} draws {@code eps ~ N(0, I)} addressed by (its seed, its name, the
 * network's iteration count). The replicas that {@code ParallelWrapper} and Spark's parameter averaging train are
 * copies of one configuration at one iteration count, so without intervention every worker would draw the SAME
 * {@code eps} for row i of its minibatch in the same step: the averaged gradient would still be unbiased, but
 * its noise would not shrink with the number of workers as it does when one worker sees the combined batch.
 * Worker {@code w} therefore uses the seed {@link #seedFor(long, int) seedFor(base, w)}: worker 0 keeps the
 * configured seed (one worker trains exactly as {@code fit} does), the others get well-mixed derived seeds. The
 * streams stay reproducible: the same worker index, seed and step give the same noise.
 */
public final class WorkerNoise {

    private WorkerNoise() {
    }

    /**
     * The noise seed of worker {@code worker}: {@code base} for worker 0, {@link Seeds#derive Seeds.derive(base,
     * Streams.WORKER, worker)} otherwise.
     *
     * @throws IllegalArgumentException if {@code worker < 0}
     */
    public static long seedFor(long base, int worker) {
        if (worker < 0) {
            throw new IllegalArgumentException("worker index " + worker + " is negative; expected 0 or more");
        }
        return worker == 0 ? base : Seeds.derive(base, Streams.WORKER, worker);
    }

    /**
     * The configured seed of every reparameterization vertex of {@code network}, by vertex name (empty for a
     * network without one). Take them from the network before it is copied to the workers.
     */
    public static Map<String, Long> baseSeeds(ComputationGraph network) {
        Map<String, Long> seeds = new LinkedHashMap<>();
        for (Map.Entry<String, GraphVertex> e : network.getConfiguration().getVertices().entrySet()) {
            if (e.getValue() instanceof ReparameterizationVertex r) {
                seeds.put(e.getKey(), r.getSeed());
            }
        }
        return seeds;
    }

    /**
     * Sets the seed of every reparameterization vertex of a worker's replica to
     * {@code seedFor(baseSeeds.get(name), worker)}, in place (idempotent: it depends only on the base seeds).
     *
     * @return the number of vertices set
     * @throws IllegalArgumentException if the replica has a reparameterization vertex that {@code baseSeeds} lacks
     */
    public static int assign(ComputationGraph replica, Map<String, Long> baseSeeds, int worker) {
        int assigned = 0;
        for (Map.Entry<String, GraphVertex> e : replica.getConfiguration().getVertices().entrySet()) {
            if (e.getValue() instanceof ReparameterizationVertex r) {
                Long base = baseSeeds.get(e.getKey());
                if (base == null) {
                    throw new IllegalArgumentException("the replica's reparameterization vertex '" + e.getKey()
                            + "' has no base seed; expected one of " + baseSeeds.keySet()
                            + " (take the base seeds from the network the replica was copied from)");
                }
                r.setSeed(seedFor(base, worker));
                assigned++;
            }
        }
        return assigned;
    }
}
