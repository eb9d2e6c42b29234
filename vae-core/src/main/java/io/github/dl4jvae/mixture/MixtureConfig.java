package io.github.dl4jvae.mixture;

/**
 * Settings of a Gaussian mixture's EM fit ({@link GaussianMixture#fit}). EM stops after the first E-step at which
 * the mean log-likelihood per code (nats) improved by at most {@code tolerance} times its previous magnitude, or
 * after {@code maxIterations} M-steps, whichever comes first.
 *
 * @param components    K, the number of components, in [1, 10000]; at most the number of codes fitted
 * @param covariance    the components' covariance form; not null
 * @param maxIterations the most M-steps, in [1, 100000]; default {@value #DEFAULT_MAX_ITERATIONS}
 * @param tolerance     the relative improvement of the mean log-likelihood below which EM stops, in [0, 1); 0
 *                      stops only once it no longer increases; default {@value #DEFAULT_TOLERANCE}
 * @param varianceFloor added to every variance (the covariance's diagonal) after each M-step and at the start, so
 *                      that a component collapsing onto few codes keeps a positive-definite covariance; in
 *                      [0, 1e6]; default {@value #DEFAULT_VARIANCE_FLOOR} (in the codes' squared units)
 */
public record MixtureConfig(int components, CovarianceType covariance, int maxIterations, double tolerance,
                            double varianceFloor) {
    /** Default {@link #maxIterations()}. */
    public static final int DEFAULT_MAX_ITERATIONS = 200;
    /** Default {@link #tolerance()}. */
    public static final double DEFAULT_TOLERANCE = 1e-6;
    /** Default {@link #varianceFloor()}. */
    public static final double DEFAULT_VARIANCE_FLOOR = 1e-6;

    /** Validates the values. */
    public MixtureConfig {
        if (components < 1 || components > 10_000) {
            throw new IllegalArgumentException("components must be in [1, 10000], got " + components);
        }
        if (covariance == null) {
            throw new IllegalArgumentException("covariance is required (DIAGONAL or FULL) but was null");
        }
        if (maxIterations < 1 || maxIterations > 100_000) {
            throw new IllegalArgumentException("maxIterations must be in [1, 100000], got " + maxIterations);
        }
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be in [0, 1), got " + tolerance);
        }
        if (!(varianceFloor >= 0 && varianceFloor <= 1e6)) {
            throw new IllegalArgumentException("varianceFloor must be in [0, 1000000], got " + varianceFloor);
        }
    }

    /** K components of the given covariance form, with the default iterations, tolerance and variance floor. */
    public static MixtureConfig of(int components, CovarianceType covariance) {
        return new MixtureConfig(components, covariance, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE,
                DEFAULT_VARIANCE_FLOOR);
    }
}
