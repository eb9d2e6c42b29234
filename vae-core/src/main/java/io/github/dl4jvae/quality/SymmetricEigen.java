package io.github.dl4jvae.quality;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The eigen-decomposition A = V diag(lambda) V^T of a real symmetric matrix by the cyclic Jacobi method (Golub and
 * Van Loan, "Matrix Computations", 4th ed., section 8.5): sweeps of plane rotations, each zeroing one off-diagonal
 * entry, until the off-diagonal part is below 1e-15 of the matrix's Frobenius norm (or zero). In double precision;
 * eigenvalues ascending, eigenvectors the matching columns of V, orthonormal. O(n^3) per sweep and usually under 10
 * sweeps: a 128 x 128 covariance takes milliseconds. Immutable.
 */
public final class SymmetricEigen {
    /** Relative size of the off-diagonal part at which the iteration stops. */
    static final double TOLERANCE = 1e-15;
    /** Relative asymmetry |A_ij - A_ji| / max|A| above which a matrix is refused as not symmetric. */
    static final double SYMMETRY_TOLERANCE = 1e-10;
    private static final int MAX_SWEEPS = 100;

    private final double[] values;
    private final double[][] vectors;

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /**
     * Decomposes {@code matrix} (not changed); its upper and lower triangles are averaged first.
     *
     * @throws IllegalArgumentException for an empty, non-square, non-finite or asymmetric matrix (beyond
     *     {@value #SYMMETRY_TOLERANCE} of its largest entry)
     * @throws IllegalStateException if the rotations do not converge in 100 sweeps (not seen for finite matrices)
     */
    public static SymmetricEigen of(double[][] matrix) {
        double[][] a = checkedCopy(matrix);
        int n = a.length;
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        double norm = frobenius(a);
        int sweep = 0;
        while (offDiagonal(a) > TOLERANCE * norm) {
            if (++sweep > MAX_SWEEPS) {
                throw new IllegalStateException("the Jacobi eigenvalue iteration did not converge in " + MAX_SWEEPS
                        + " sweeps for a " + n + " x " + n + " matrix");
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] != 0) {
                        rotate(a, v, p, q);
                    }
                }
            }
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> a[i][i]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int j = 0; j < n; j++) {
            values[j] = a[order[j]][order[j]];
            for (int i = 0; i < n; i++) {
                vectors[i][j] = v[i][order[j]];
            }
        }
        return new SymmetricEigen(values, vectors);
    }

    /**
     * One Jacobi rotation J(p, q, theta) with A := J^T A J zeroing A[p][q], and V := V J (Golub and Van Loan,
     * algorithm 8.5.1): tau = (A_qq - A_pp) / (2 A_pq), t = sign(tau) / (|tau| + sqrt(1 + tau^2)), c = 1 / sqrt(1 +
     * t^2), s = t c.
     */
    private static void rotate(double[][] a, double[][] v, int p, int q) {
        int n = a.length;
        double tau = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        double t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        double c = 1 / Math.sqrt(1 + t * t);
        double s = t * c;
        for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
        a[p][q] = 0;
        a[q][p] = 0;
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }

    private static double[][] checkedCopy(double[][] matrix) {
        if (matrix == null || matrix.length == 0) {
            throw new IllegalArgumentException("matrix is empty; expected a square symmetric matrix [n][n], n >= 1");
        }
        int n = matrix.length;
        double largest = 0;
        for (int i = 0; i < n; i++) {
            if (matrix[i] == null || matrix[i].length != n) {
                throw new IllegalArgumentException("matrix row " + i + " has " + (matrix[i] == null ? 0
                        : matrix[i].length) + " entries; expected " + n + " (a square matrix)");
            }
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(matrix[i][j])) {
                    throw new IllegalArgumentException("matrix entry [" + i + "][" + j + "] is " + matrix[i][j]
                            + "; expected finite numbers");
                }
                largest = Math.max(largest, Math.abs(matrix[i][j]));
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (Math.abs(matrix[i][j] - matrix[j][i]) > SYMMETRY_TOLERANCE * largest) {
                    throw new IllegalArgumentException("matrix is not symmetric: [" + i + "][" + j + "] = "
                            + matrix[i][j] + " but [" + j + "][" + i + "] = " + matrix[j][i]);
                }
                a[i][j] = 0.5 * (matrix[i][j] + matrix[j][i]);
            }
        }
        return a;
    }

    private static double frobenius(double[][] a) {
        double sum = 0;
        for (double[] row : a) {
            for (double x : row) {
                sum += x * x;
            }
        }
        return Math.sqrt(sum);
    }

    private static double offDiagonal(double[][] a) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                if (i != j) {
                    sum += a[i][j] * a[i][j];
                }
            }
        }
        return Math.sqrt(sum);
    }

    /** The eigenvalues, ascending. */
    public double[] values() {
        return values.clone();
    }

    /** The eigenvectors as the columns of an orthonormal matrix {@code [n][n]}, column j for {@code values()[j]}. */
    public double[][] vectors() {
        double[][] copy = new double[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            copy[i] = vectors[i].clone();
        }
        return copy;
    }

    /**
     * V diag(f(lambda)) V^T for a function of the eigenvalues: {@code sqrt} gives the square root of a positive
     * semi-definite matrix.
     */
    public double[][] apply(java.util.function.DoubleUnaryOperator f) {
        int n = values.length;
        double[] mapped = new double[n];
        for (int j = 0; j < n; j++) {
            mapped[j] = f.applyAsDouble(values[j]);
        }
        double[][] result = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = i; k < n; k++) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += vectors[i][j] * mapped[j] * vectors[k][j];
                }
                result[i][k] = sum;
                result[k][i] = sum;
            }
        }
        return result;
    }
}
