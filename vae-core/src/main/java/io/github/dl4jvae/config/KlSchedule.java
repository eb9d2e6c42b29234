package io.github.dl4jvae.config;

/**
 * How the weight of the KL term changes over training steps (one step = one minibatch update), for beta-VAEs
 * and against posterior collapse. The loss of a minibatch is {@code mean(reconstruction) + w(t) * klTerm}, where
 * {@code klTerm} is the mean KL (or its free-bits form, {@link Objective#freeBits()}) and {@code beta} is
 * {@link VaeConfig#beta()}:
 * <ul>
 *   <li>{@link Shape#CONSTANT}: {@code w(t) = beta}, the plain (beta-)VAE of Higgins et al. 2017;</li>
 *   <li>{@link Shape#LINEAR}: linear warm-up (Bowman et al. 2016, Sønderby et al. 2016):
 *       {@code w(t) = beta * min(1, t / steps)};</li>
 *   <li>{@link Shape#CYCLICAL}: cyclical annealing (Fu et al. 2019): cycles of {@code steps} steps, in each a
 *       linear ramp from 0 to beta over the first {@code rampFraction} of the cycle, then beta:
 *       {@code w(t) = beta * min(1, ((t mod steps) / steps) / rampFraction)};</li>
 *   <li>{@link Shape#CAPACITY}: controlled capacity (Burgess et al. 2018): the KL term becomes
 *       {@code gamma * |mean KL - C(t)|} with {@code C(t) = maxCapacity * min(1, t / steps)} nats, and beta is
 *       not used (it must be 1).</li>
 * </ul>
 *
 * @param shape         the schedule; not null
 * @param steps         warm-up length, cycle length or capacity ramp length in steps, in [1, 1e9]; ignored by
 *                      CONSTANT (use 1)
 * @param rampFraction  CYCLICAL: the part of each cycle spent ramping up, in (0, 1]; Fu et al. use 0.5;
 *                      ignored otherwise (use 1)
 * @param maxCapacity   CAPACITY: the final target KL in nats, in [0, 1e4]; ignored otherwise (use 0)
 * @param gamma         CAPACITY: the weight of the capacity penalty, in (0, 1e6]; Burgess et al. use 1000 on
 *                      dSprites; ignored otherwise (use 1)
 */
public record KlSchedule(Shape shape, long steps, double rampFraction, double maxCapacity, double gamma) {

    /** The kind of schedule. */
    public enum Shape {
        /** A constant weight beta. */
        CONSTANT,
        /** A linear ramp from 0 to beta, then beta. */
        LINEAR,
        /** Repeated ramps from 0 to beta. */
        CYCLICAL,
        /** A penalty on the distance of the KL from a growing capacity C. */
        CAPACITY
    }

    /** The constant schedule. */
    public static final KlSchedule CONSTANT = new KlSchedule(Shape.CONSTANT, 1, 1.0, 0.0, 1.0);

    /** Validates the values. */
    public KlSchedule {
        Checks.notNull("klSchedule.shape", shape);
        Checks.inRange("klSchedule.steps", steps, 1, 1_000_000_000L);
        if (!(rampFraction > 0 && rampFraction <= 1)) {
            throw new IllegalArgumentException("klSchedule.rampFraction must be in (0, 1], got " + rampFraction);
        }
        Checks.inRange("klSchedule.maxCapacity", maxCapacity, 0.0, 1e4);
        if (!(gamma > 0 && gamma <= 1e6)) {
            throw new IllegalArgumentException("klSchedule.gamma must be in (0, 1e6], got " + gamma);
        }
    }

    /** A linear warm-up from 0 to beta over {@code steps} steps. */
    public static KlSchedule linear(long steps) {
        return new KlSchedule(Shape.LINEAR, steps, 1.0, 0.0, 1.0);
    }

    /** Cyclical annealing: cycles of {@code steps} steps, ramping over the first {@code rampFraction} of each. */
    public static KlSchedule cyclical(long steps, double rampFraction) {
        return new KlSchedule(Shape.CYCLICAL, steps, rampFraction, 0.0, 1.0);
    }

    /** Controlled capacity: {@code gamma * |KL - C(t)|}, C growing linearly to {@code maxCapacity} nats over {@code steps}. */
    public static KlSchedule capacity(double maxCapacity, long steps, double gamma) {
        return new KlSchedule(Shape.CAPACITY, steps, 1.0, maxCapacity, gamma);
    }

    /** The weight of the KL term at step {@code t} (0-based), for KL weight {@code beta}. */
    public double weight(long t, double beta) {
        return switch (shape) {
            case CONSTANT -> beta;
            case LINEAR -> beta * Math.min(1.0, (double) t / steps);
            case CYCLICAL -> beta * Math.min(1.0, (double) (t % steps) / steps / rampFraction);
            case CAPACITY -> gamma;
        };
    }

    /** The capacity C(t) in nats at step {@code t}: 0 except for {@link Shape#CAPACITY}. */
    public double capacity(long t) {
        return shape == Shape.CAPACITY ? maxCapacity * Math.min(1.0, (double) t / steps) : 0.0;
    }
}
