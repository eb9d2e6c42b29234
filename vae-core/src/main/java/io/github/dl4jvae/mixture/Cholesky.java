package io.github.dl4jvae.mixture;

/**
 * The lower-triangular Cholesky factor L of a symmetric positive-definite d x d matrix S = L L^T, with what a
 * Gaussian density needs of it: log det S = 2 sum_i log L_ii, the squared Mahalanobis norm |L^-1 v|^2, and L e.
 */
final class Cholesky {
    private final double[][] lower;

    private Cholesky(double[][] lower) {
        this.lower = lower;
    }

    /**
     * Factors {@code s} (only its lower triangle is read).
     *
     * @throws IllegalStateException naming {@code what} if {@code s} is not positive definite
     */
    static Cholesky of(double[][] s, String what) {
        int d = s.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = s[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(sum > 0) || Double.isInfinite(sum)) {
                        throw new IllegalStateException(what + " is not positive definite (pivot " + i + " is "
                                + sum + "); expected a variance floor > 0 or codes that spread in every dimension");
                    }
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        return new Cholesky(l);
    }

    /** log det S. */
    double logDeterminant() {
        double sum = 0;
        for (int i = 0; i < lower.length; i++) {
            sum += Math.log(lower[i][i]);
        }
        return 2 * sum;
    }

    /** |L^-1 v|^2 = v^T S^-1 v, by forward substitution. */
    double mahalanobis(double[] v) {
        int d = lower.length;
        double[] y = new double[d];
        double norm = 0;
        for (int i = 0; i < d; i++) {
            double sum = v[i];
            for (int k = 0; k < i; k++) {
                sum -= lower[i][k] * y[k];
            }
            y[i] = sum / lower[i][i];
            norm += y[i] * y[i];
        }
        return norm;
    }

    /** L e: a draw of N(0, S) from a draw e of N(0, I). */
    double[] times(double[] e) {
        int d = lower.length;
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            double sum = 0;
            for (int k = 0; k <= i; k++) {
                sum += lower[i][k] * e[k];
            }
            out[i] = sum;
        }
        return out;
    }
}
