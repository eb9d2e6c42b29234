package io.github.dl4jvae.random;

import static io.github.dl4jvae.testing.StreamIndependence.assertIndependent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.testing.StreamIndependence;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeedsTest {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final long[] SEEDS = {0, 1, 42, -1, Long.MAX_VALUE, Long.MIN_VALUE};

    @Test
    void neighbouringSeedsShareNoDrawAndAreUncorrelated() {
        for (long seed : SEEDS) {
            assertIndependent("seeds " + seed + " and " + (seed + 1) + ", address (1, 0)",
                    Seeds.derive(seed, 1, 0), Seeds.derive(seed + 1, 1, 0));
            assertIndependent("seeds " + seed + " and " + (seed + 1) + ", no address",
                    Seeds.derive(seed), Seeds.derive(seed + 1));
        }
    }

    @Test
    void neighbouringStreamsAndCountersShareNoDrawAndAreUncorrelated() {
        for (long seed : new long[] {0, 42}) {
            for (long counter : new long[] {0, 1, 1000}) {
                assertIndependent("seed " + seed + ", streams 1 and 2 at counter " + counter,
                        Seeds.derive(seed, 1, counter), Seeds.derive(seed, 2, counter));
                assertIndependent("seed " + seed + ", stream 1, counters " + counter + " and " + (counter + 1),
                        Seeds.derive(seed, 1, counter), Seeds.derive(seed, 1, counter + 1));
            }
            assertIndependent("seed " + seed + ", counter -1 and 0", Seeds.derive(seed, 1, -1),
                    Seeds.derive(seed, 1, 0));
        }
    }

    @Test
    void swappedAndExtendedAddressesDiffer() {
        assertIndependent("(1, 2) and (2, 1)", Seeds.derive(42, 1, 2), Seeds.derive(42, 2, 1));
        assertIndependent("(1) and (1, 0)", Seeds.derive(42, 1), Seeds.derive(42, 1, 0));
    }

    @Test
    void theCheckCatchesSeedsAGoldenGammaApart() {
        // The derivation this class replaced: seed * G + stream * C + counter, so seeds s and s + 1 differ by G.
        long c = 0xC2B2AE3D27D4EB4FL;
        long seed42 = 42 * GOLDEN_GAMMA + c + 5;
        long seed43 = 43 * GOLDEN_GAMMA + c + 5;
        assertEquals(StreamIndependence.DRAWS - 1, StreamIndependence.sharedDraws(new SplittableRandom(seed42),
                new SplittableRandom(seed43)), "seed 43's draws are seed 42's shifted by one");
        assertTrue(StreamIndependence.largestCorrelation(new SplittableRandom(seed42), new SplittableRandom(seed43))
                > 0.99, "correlation 1 at lag 1");
    }

    @Test
    void everyStreamOfTheTableHasItsOwnAddressAndItsOwnDraws() throws IllegalAccessException {
        java.util.Map<Long, String> seen = new java.util.TreeMap<>();
        for (java.lang.reflect.Field field : Streams.class.getFields()) {
            String clash = seen.put(field.getLong(null), field.getName());
            assertEquals(null, clash, field.getName() + " shares its address with " + clash);
        }
        assertEquals(11, seen.size(), "streams " + seen);
        // The table is 0..10; neighbours in it (initial weights and the first training step's noise, shuffling and
        // binarization, ...) draw unrelated numbers under one seed.
        for (long stream = 0; stream < 10; stream++) {
            assertIndependent("streams " + stream + " and " + (stream + 1) + " under seed 42",
                    Seeds.derive(42, stream), Seeds.derive(42, stream + 1));
        }
    }

    @Test
    void oneComponentIsTheFinalizerOfTheFinalizedSeed() {
        // mix(mix(seed) + G * (index + 1)), written out here independently.
        long seed = 12345;
        long index = 7;
        assertEquals(mix(mix(seed) + GOLDEN_GAMMA * (index + 1)), Seeds.derive(seed, index));
        assertEquals(new SplittableRandom(Seeds.derive(3, 4, 5)).nextLong(), Seeds.generator(3, 4, 5).nextLong());
        assertNotEquals(Seeds.derive(seed, index), Seeds.derive(seed, index, 0));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
