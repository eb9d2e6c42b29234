package io.github.dl4jvae.quality;

/**
 * The mean and covariance of a set of feature vectors: what the Frechet distance compares. The covariance is the
 * unbiased sample covariance (divided by n - 1, as numpy's {@code cov} and the reference FID code compute it),
 * accumulated in double precision around the mean.
 *
 * @param mean       {@code [d]}
 * @param covariance {@code [d][d]}, symmetric
 * @param count      number of vectors, n &gt;= 2 (1 for statistics given directly by {@link #of(double[], double[][])})
 */
public record FeatureStatistics(double[] mean, double[][] covariance, long count) {

    /** Checks the shapes and values; takes copies. */
    public FeatureStatistics {
        if (mean == null || mean.length == 0) {
            throw new IllegalArgumentException("mean is empty; expected [d] with d >= 1");
        }
        int d = mean.length;
        if (covariance == null || covariance.length != d) {
            throw new IllegalArgumentException("covariance has " + (covariance == null ? 0 : covariance.length)
                    + " rows; expected " + d + ", the mean's dimension");
        }
        double[][] copy = new double[d][];
        for (int i = 0; i < d; i++) {
            if (covariance[i] == null || covariance[i].length != d) {
                throw new IllegalArgumentException("covariance row " + i + " has " + (covariance[i] == null ? 0
                        : covariance[i].length) + " entries; expected " + d);
            }
            copy[i] = covariance[i].clone();
            for (double value : copy[i]) {
                requireFinite(value, "covariance");
            }
        }
        for (double value : mean) {
            requireFinite(value, "mean");
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        mean = mean.clone();
        covariance = copy;
    }

    /** Statistics given directly (a known Gaussian's mean and covariance), with count 1. */
    public static FeatureStatistics of(double[] mean, double[][] covariance) {
        return new FeatureStatistics(mean, covariance, 1);
    }

    /**
     * The sample mean and covariance of {@code features [n][d]}.
     *
     * @throws IllegalArgumentException for fewer than 2 vectors, ragged rows, or non-finite values
     */
    public static FeatureStatistics of(double[][] features) {
        int d = FeatureChecks.dimension(features, 2, "features");
        int n = features.length;
        double[] mean = new double[d];
        for (double[] row : features) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] covariance = new double[d][d];
        double[] centred = new double[d];
        for (double[] row : features) {
            for (int j = 0; j < d; j++) {
                centred[j] = row[j] - mean[j];
            }
            for (int i = 0; i < d; i++) {
                double ci = centred[i];
                double[] target = covariance[i];
                for (int j = i; j < d; j++) {
                    target[j] += ci * centred[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                covariance[i][j] /= n - 1;
                covariance[j][i] = covariance[i][j];
            }
        }
        return new FeatureStatistics(mean, covariance, n);
    }

    /** d, the features' dimension. */
    public int dimension() {
        return mean.length;
    }

    /** A copy of the mean {@code [d]}. */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** A copy of the covariance {@code [d][d]}. */
    @Override
    public double[][] covariance() {
        double[][] copy = new double[covariance.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = covariance[i].clone();
        }
        return copy;
    }

    private static void requireFinite(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " holds " + value + "; expected finite numbers");
        }
    }
}
