package io.github.dl4jvae.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.random.Streams;
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
                        () -> new NoiseSource(seed).generator(Streams.TRAINING, step),
                        () -> new NoiseSource(seed + 1).generator(Streams.TRAINING, step));
            }
        }
    }

    @Test
    void neighbouringStepsAndStreamsDrawUnrelatedNoise() {
        NoiseSource noise = new NoiseSource(42);
        check("steps 7 and 8", () -> noise.generator(Streams.TRAINING, 7),
                () -> noise.generator(Streams.TRAINING, 8));
        check("training and evaluation streams", () -> noise.generator(Streams.TRAINING, 3),
                () -> noise.generator(Streams.EVALUATION, 3));
        check("prior and importance streams", () -> noise.generator(Streams.PRIOR, 0),
                () -> noise.generator(Streams.IMPORTANCE, 0));
    }

    @Test
    void anAddressGivesTheSameDrawsEveryTime() {
        assertEquals(new NoiseSource(42).generator(Streams.TRAINING, 9).nextLong(),
                new NoiseSource(42).generator(Streams.TRAINING, 9).nextLong());
    }

    private static void check(String what, Supplier<SplittableRandom> a, Supplier<SplittableRandom> b) {
        assertEquals(0, StreamIndependence.sharedDraws(a.get(), b.get()), what + ": shared draws");
        double r = StreamIndependence.largestCorrelation(a.get(), b.get());
        assertTrue(r < StreamIndependence.CORRELATION_TOLERANCE, what + ": correlation " + r);
    }
}
