package io.github.dl4jvae.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** KL weight schedules against values worked out by hand from their definitions (exact in double, tolerance 1e-12). */
class KlScheduleTest {
    private static final double TOLERANCE = 1e-12;

    @Test
    void constantIsBetaAtEveryStep() {
        assertEquals(4.0, KlSchedule.CONSTANT.weight(0, 4.0), TOLERANCE);
        assertEquals(4.0, KlSchedule.CONSTANT.weight(1_000_000, 4.0), TOLERANCE);
        assertEquals(0.0, KlSchedule.CONSTANT.capacity(10), TOLERANCE);
    }

    @Test
    void linearWarmUpRampsFromZeroToBetaThenStays() {
        KlSchedule warmUp = KlSchedule.linear(100);
        assertEquals(0.0, warmUp.weight(0, 2.0), TOLERANCE);
        assertEquals(0.5, warmUp.weight(25, 2.0), TOLERANCE);
        assertEquals(2.0, warmUp.weight(100, 2.0), TOLERANCE);
        assertEquals(2.0, warmUp.weight(5000, 2.0), TOLERANCE);
    }

    @Test
    void cyclicalRampsOverTheFirstPartOfEveryCycle() {
        KlSchedule cycles = KlSchedule.cyclical(100, 0.5);
        assertEquals(0.0, cycles.weight(0, 1.0), TOLERANCE);
        assertEquals(0.5, cycles.weight(25, 1.0), TOLERANCE);
        assertEquals(1.0, cycles.weight(50, 1.0), TOLERANCE);
        assertEquals(1.0, cycles.weight(99, 1.0), TOLERANCE);
        assertEquals(0.0, cycles.weight(100, 1.0), TOLERANCE);
        assertEquals(0.2, cycles.weight(210, 1.0), TOLERANCE);
    }

    @Test
    void capacityGrowsLinearlyAndWeighsWithGamma() {
        KlSchedule capacity = KlSchedule.capacity(25.0, 1000, 100.0);
        assertEquals(100.0, capacity.weight(7, 1.0), TOLERANCE);
        assertEquals(0.0, capacity.capacity(0), TOLERANCE);
        assertEquals(10.0, capacity.capacity(400), TOLERANCE);
        assertEquals(25.0, capacity.capacity(2000), TOLERANCE);
    }

    @Test
    void badValuesAreNamed() {
        assertEquals("klSchedule.steps must be in [1, 1000000000], got 0",
                assertThrows(IllegalArgumentException.class, () -> KlSchedule.linear(0)).getMessage());
        assertEquals("klSchedule.rampFraction must be in (0, 1], got 0.0",
                assertThrows(IllegalArgumentException.class, () -> KlSchedule.cyclical(10, 0)).getMessage());
        assertEquals("klSchedule.gamma must be in (0, 1e6], got -1.0",
                assertThrows(IllegalArgumentException.class, () -> KlSchedule.capacity(5, 10, -1)).getMessage());
        assertEquals("klSchedule.maxCapacity must be in [0.0, 10000.0], got NaN",
                assertThrows(IllegalArgumentException.class, () -> KlSchedule.capacity(Double.NaN, 10, 1)).getMessage());
        assertEquals("objective IWAE has no KL term to schedule: it needs klSchedule CONSTANT and freeBits 0, got"
                + " LINEAR and 0.0", assertThrows(IllegalArgumentException.class,
                () -> new Objective(Objective.Kind.IWAE, KlSchedule.linear(5), 0)).getMessage());
        assertEquals("objective.freeBits must be in [0.0, 100.0], got -0.5",
                assertThrows(IllegalArgumentException.class, () -> Objective.ELBO.withFreeBits(-0.5)).getMessage());
    }
}
