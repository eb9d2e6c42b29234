package io.github.dl4jvae.config;

/**
 * Bounds on the encoder's log-variance log sigma^2 of q(z|x): values outside {@code [min, max]} are clamped to it
 * in the graph (so their gradient is zero). A guard against the overflow that ends a diverging run: in float32,
 * {@code exp(logVar)} (the KL term and z's scale) overflows above 88.7, and {@code exp(-logVar)} (the Monte-Carlo
 * KL) below -88.7. A bound may be infinite, meaning no bound on that side; {@link #OFF}, both infinite, leaves the
 * graph as without a clamp (no clamp op is added). {@code [-30, 20]} (sigma from 3e-7 to 2.2e4) is a range that
 * never binds for a healthy model of data scaled to [0, 1].
 *
 * <p>In JSON an infinite bound is the string {@code "Infinity"} or {@code "-Infinity"}.
 *
 * @param min lower bound, not NaN, below {@code max}; {@code -Infinity} for none
 * @param max upper bound, not NaN, above {@code min}; {@code Infinity} for none
 */
public record LogVarianceClamp(double min, double max) {
    /** No clamp: the default. */
    public static final LogVarianceClamp OFF = new LogVarianceClamp(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    /** Validates the bounds. */
    public LogVarianceClamp {
        if (Double.isNaN(min) || Double.isNaN(max) || !(min < max) || min == Double.POSITIVE_INFINITY
                || max == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("logVarianceClamp must have min < max (each finite, or -Infinity for "
                    + "no lower and Infinity for no upper bound), got [" + min + ", " + max + "]");
        }
    }

    /** A clamp to {@code [min, max]}. */
    public static LogVarianceClamp of(double min, double max) {
        return new LogVarianceClamp(min, max);
    }

    /** Whether it bounds anything: a finite bound on at least one side. */
    public boolean enabled() {
        return Double.isFinite(min) || Double.isFinite(max);
    }
}
