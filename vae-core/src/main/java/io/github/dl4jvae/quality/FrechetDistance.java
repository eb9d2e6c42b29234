package io.github.dl4jvae.quality;

/**
 * The Frechet distance between two Gaussians fitted to two sets of features (Dowson and Landau 1982; as the FID of
 * Heusel et al. 2017, "GANs Trained by a Two Time-Scale Update Rule Converge to a Local Nash Equilibrium", on this
 * project's classifier features instead of Inception's):
 * {@code d^2 = |mu_1 - mu_2|^2 + tr(S_1) + tr(S_2) - 2 tr((S_1 S_2)^(1/2))}, in squared feature units, lower is
 * closer, 0 for identical statistics. The trace of the matrix square root comes from two symmetric
 * eigen-decompositions ({@link SymmetricEigen}): {@code tr((S_1 S_2)^(1/2)) = tr((S_1^(1/2) S_2 S_1^(1/2))^(1/2))},
 * the square root of a symmetric positive semi-definite matrix, so no non-symmetric square root (and no complex
 * round-off) is needed. Eigenvalues of a covariance that are negative by round-off (down to
 * {@value #NEGATIVE_TOLERANCE} of the largest) count as 0; the distance is computed in double precision and a
 * result that round-off makes slightly negative (down to {@value #NEGATIVE_TOLERANCE} of the traces) is 0.
 */
public final class FrechetDistance {
    /** Relative size of a negative eigenvalue or distance that is taken as round-off and counted as 0. */
    static final double NEGATIVE_TOLERANCE = 1e-9;

    private FrechetDistance() {
    }

    /**
     * The distance between the Gaussians fitted to two sets of features {@code [n][d]} (n &gt;= 2 each, the same d).
     *
     * @throws IllegalArgumentException on too few, ragged or non-finite features, or different dimensions
     */
    public static double between(double[][] first, double[][] second) {
        return between(FeatureStatistics.of(first), FeatureStatistics.of(second));
    }

    /**
     * The distance between two Gaussians given by their statistics.
     *
     * @throws IllegalArgumentException if the dimensions differ or a covariance is not positive semi-definite
     */
    public static double between(FeatureStatistics first, FeatureStatistics second) {
        if (first.dimension() != second.dimension()) {
            throw new IllegalArgumentException("the two sets of features have " + first.dimension() + " and "
                    + second.dimension() + " dimensions; expected the same");
        }
        int d = first.dimension();
        double[] mu1 = first.mean();
        double[] mu2 = second.mean();
        double[][] s1 = first.covariance();
        double[][] s2 = second.covariance();
        double meanTerm = 0;
        double traces = 0;
        for (int j = 0; j < d; j++) {
            meanTerm += (mu1[j] - mu2[j]) * (mu1[j] - mu2[j]);
            traces += s1[j][j] + s2[j][j];
        }
        double[][] root1 = squareRoot(s1, "the first covariance");
        double[][] product = multiply(multiply(root1, s2), root1);
        double[] values = nonNegative(SymmetricEigen.of(symmetrized(product)).values(),
                "S1^(1/2) S2 S1^(1/2)");
        double traceRoot = 0;
        for (double value : values) {
            traceRoot += Math.sqrt(value);
        }
        double distance = meanTerm + traces - 2 * traceRoot;
        double scale = meanTerm + traces;
        if (distance < 0) {
            if (distance < -NEGATIVE_TOLERANCE * scale) {
                throw new IllegalStateException("the Frechet distance came out " + distance + ", below the round-off "
                        + "bound of " + -NEGATIVE_TOLERANCE * scale + "; expected a value >= 0");
            }
            return 0;
        }
        return distance;
    }

    /** The symmetric positive semi-definite square root V diag(sqrt(lambda)) V^T of a covariance. */
    static double[][] squareRoot(double[][] covariance, String what) {
        SymmetricEigen eigen = SymmetricEigen.of(covariance);
        nonNegative(eigen.values(), what);
        return eigen.apply(value -> Math.sqrt(Math.max(0, value)));
    }

    /**
     * The eigenvalues with round-off negatives set to 0.
     *
     * @throws IllegalArgumentException for an eigenvalue below {@value #NEGATIVE_TOLERANCE} times minus the largest
     */
    private static double[] nonNegative(double[] values, String what) {
        double largest = 0;
        for (double value : values) {
            largest = Math.max(largest, Math.abs(value));
        }
        double[] clipped = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < -NEGATIVE_TOLERANCE * largest) {
                throw new IllegalArgumentException(what + " is not positive semi-definite: it has the eigenvalue "
                        + values[i] + " (largest " + largest + "); expected a covariance matrix");
            }
            clipped[i] = Math.max(0, values[i]);
        }
        return clipped;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int m = b[0].length;
        int inner = b.length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            double[] ci = c[i];
            for (int k = 0; k < inner; k++) {
                double aik = a[i][k];
                double[] bk = b[k];
                for (int j = 0; j < m; j++) {
                    ci[j] += aik * bk[j];
                }
            }
        }
        return c;
    }

    private static double[][] symmetrized(double[][] a) {
        int n = a.length;
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s[i][j] = 0.5 * (a[i][j] + a[j][i]);
            }
        }
        return s;
    }
}
