package io.github.dl4jvae.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.testing.StreamIndependence;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The model's noise streams: neighbouring seeds, streams and training steps draw unrelated numbers. */
class NoiseSourceTest {

    @Test
    void neighbouringSeedsDrawUnrelatedTrainingNoise() {
        for (long seed : new long[] {0, 42, -1}) {
            for (long step : new long[] {0, 1, 500}) {
                check("seeds " + seed + " and " + (seed + 1) + " at step " + step,
                        () -> new NoiseSource(seed).generator(NoiseSource.TRAINING, step),
                        () -> new NoiseSource(seed + 1).generator(NoiseSource.TRAINING, step));
            }
        }
    }

    @Test
    void neighbouringStepsAndStreamsDrawUnrelatedNoise() {
        NoiseSource noise = new NoiseSource(42);
        check("steps 7 and 8", () -> noise.generator(NoiseSource.TRAINING, 7),
                () -> noise.generator(NoiseSource.TRAINING, 8));
        check("training and evaluation streams", () -> noise.generator(NoiseSource.TRAINING, 3),
                () -> noise.generator(NoiseSource.EVALUATION, 3));
        check("prior and importance streams", () -> noise.generator(NoiseSource.PRIOR, 0),
                () -> noise.generator(NoiseSource.IMPORTANCE, 0));
    }

    @Test
    void anAddressGivesTheSameDrawsEveryTime() {
        assertEquals(new NoiseSource(42).generator(NoiseSource.TRAINING, 9).nextLong(),
                new NoiseSource(42).generator(NoiseSource.TRAINING, 9).nextLong());
    }

    private static void check(String what, Supplier<SplittableRandom> a, Supplier<SplittableRandom> b) {
        assertEquals(0, StreamIndependence.sharedDraws(a.get(), b.get()), what + ": shared draws");
        double r = StreamIndependence.largestCorrelation(a.get(), b.get());
        assertTrue(r < StreamIndependence.CORRELATION_TOLERANCE, what + ": correlation " + r);
    }
}
