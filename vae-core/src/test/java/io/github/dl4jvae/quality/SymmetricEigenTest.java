package io.github.dl4jvae.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Jacobi eigen-decomposition: a matrix built from known eigenvalues and a rotation gives them back (1e-12, the
 * round-off of a few rotations of O(1) numbers); a random 40 x 40 symmetric matrix is rebuilt from V diag(lambda) V^T
 * with V orthonormal (1e-11) and has LAPACK's eigenvalues (ND4J's {@code Eigen.symmetricGeneralizedEigenvalues},
 * syev, an independent implementation; 1e-10); the square root of a covariance squares back to it; and bad matrices
 * are refused by name.
 */
class SymmetricEigenTest {

    @Test
    void knownEigenvaluesOfARotatedDiagonalMatrixComeBack() {
        double c = Math.cos(0.7);
        double s = Math.sin(0.7);
        double[][] q = {{c, -s, 0}, {s, c, 0}, {0, 0, 1}};
        double[] lambda = {5, 1, 2};
        double[][] a = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    a[i][j] += q[i][k] * lambda[k] * q[j][k];
                }
            }
        }

        SymmetricEigen eigen = SymmetricEigen.of(a);

        assertArrayEquals(new double[] {1, 2, 5}, eigen.values(), 1e-12);
        double[][] v = eigen.vectors();
        // The eigenvector of 2 is e_3 (up to sign); that of 5 is q's first column.
        assertEquals(1.0, Math.abs(v[2][1]), 1e-12);
        assertEquals(1.0, Math.abs(v[0][2] * c + v[1][2] * s), 1e-12);
    }

    @Test
    void aRandomSymmetricMatrixIsRebuiltWithOrthonormalVectorsAndLapacksEigenvalues() {
        int n = 40;
        SplittableRandom random = new SplittableRandom(3);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = random.nextGaussian();
                a[j][i] = a[i][j];
            }
        }

        SymmetricEigen eigen = SymmetricEigen.of(a);
        double[] values = eigen.values();
        double[][] v = eigen.vectors();

        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double rebuilt = 0;
                double gram = 0;
                for (int k = 0; k < n; k++) {
                    rebuilt += v[i][k] * values[k] * v[j][k];
                    gram += v[k][i] * v[k][j];
                }
                assertEquals(a[i][j], rebuilt, 1e-11, "A[" + i + "][" + j + "]");
                assertEquals(i == j ? 1.0 : 0.0, gram, 1e-11, "V^T V [" + i + "][" + j + "]");
            }
        }
        INDArray lapack = Eigen.symmetricGeneralizedEigenvalues(Nd4j.createFromArray(a).castTo(DataType.DOUBLE));
        double[] expected = lapack.toDoubleVector();
        java.util.Arrays.sort(expected);
        assertArrayEquals(expected, values, 1e-10);
    }

    @Test
    void theSquareRootOfACovarianceSquaresBackToIt() {
        double[][] covariance = {{4, 1.2, 0}, {1.2, 2, 0.5}, {0, 0.5, 1}};
        double[][] root = FrechetDistance.squareRoot(covariance, "covariance");
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double square = 0;
                for (int k = 0; k < 3; k++) {
                    square += root[i][k] * root[k][j];
                }
                assertEquals(covariance[i][j], square, 1e-12, "[" + i + "][" + j + "]");
                assertEquals(root[i][j], root[j][i], 0.0, "symmetric");
            }
        }
        assertArrayEquals(new double[] {7}, SymmetricEigen.of(new double[][] {{7}}).values(), 0.0);
    }

    @Test
    void badMatricesAreRefusedByName() {
        assertEquals("matrix is empty; expected a square symmetric matrix [n][n], n >= 1",
                assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[0][])).getMessage());
        assertEquals("matrix row 1 has 1 entries; expected 2 (a square matrix)", assertThrows(
                IllegalArgumentException.class, () -> SymmetricEigen.of(new double[][] {{1, 2}, {3}})).getMessage());
        assertEquals("matrix is not symmetric: [0][1] = 2.0 but [1][0] = 3.0", assertThrows(
                IllegalArgumentException.class, () -> SymmetricEigen.of(new double[][] {{1, 2}, {3, 1}})).getMessage());
        assertEquals("matrix entry [1][1] is NaN; expected finite numbers", assertThrows(IllegalArgumentException.class,
                () -> SymmetricEigen.of(new double[][] {{1, 0}, {0, Double.NaN}})).getMessage());
    }
}
