package io.github.dl4jvae.pictures;

import java.util.Arrays;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A view of latent codes {@code [n, k]} in two dimensions for plotting: the codes themselves when k = 2, the
 * first two principal components (PCA: projection on the top two eigenvectors of the codes' covariance, after
 * centring) when k &gt; 2, and for k = 1 the code against zero.
 */
public final class LatentProjection {
    private final double[] centre;
    private final double[][] axes;
    private final double[] explained;
    private final boolean principalComponents;

    private LatentProjection(double[] centre, double[][] axes, double[] explained, boolean principalComponents) {
        this.centre = centre;
        this.axes = axes;
        this.explained = explained;
        this.principalComponents = principalComponents;
    }

    /**
     * Fits the view to {@code points} ({@code n} rows of {@code k} values, n &gt;= 1).
     *
     * @throws IllegalArgumentException if there are no points or the rows differ in length
     */
    public static LatentProjection fit(double[][] points) {
        if (points.length == 0 || points[0].length == 0) {
            throw new IllegalArgumentException("no latent codes to project; expected [n, k] with n, k >= 1");
        }
        int k = points[0].length;
        for (double[] row : points) {
            if (row.length != k) {
                throw new IllegalArgumentException("latent codes have rows of " + k + " and " + row.length
                        + " values; expected one length");
            }
        }
        if (k <= 2) {
            double[][] axes = new double[2][k];
            axes[0][0] = 1;
            if (k == 2) {
                axes[1][1] = 1;
            }
            return new LatentProjection(new double[k], axes, new double[] {Double.NaN, Double.NaN}, false);
        }
        double[] mean = new double[k];
        for (double[] row : points) {
            for (int j = 0; j < k; j++) {
                mean[j] += row[j] / points.length;
            }
        }
        double[][] covariance = new double[k][k];
        for (double[] row : points) {
            for (int a = 0; a < k; a++) {
                for (int b = a; b < k; b++) {
                    covariance[a][b] += (row[a] - mean[a]) * (row[b] - mean[b]) / points.length;
                }
            }
        }
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < a; b++) {
                covariance[a][b] = covariance[b][a];
            }
        }
        RealMatrix matrix = MatrixUtils.createRealMatrix(covariance);
        EigenDecomposition eigen = new EigenDecomposition(matrix);
        double[] values = eigen.getRealEigenvalues();
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Double.compare(values[j], values[i]));
        double total = Arrays.stream(values).map(v -> Math.max(v, 0)).sum();
        double[][] axes = new double[2][];
        double[] explained = new double[2];
        for (int c = 0; c < 2; c++) {
            axes[c] = eigen.getEigenvector(order[c]).toArray();
            explained[c] = total > 0 ? Math.max(values[order[c]], 0) / total : 0;
        }
        return new LatentProjection(mean, axes, explained, true);
    }

    /** The 2-D coordinates of each point: {@code [n][2]}. */
    public double[][] project(double[][] points) {
        double[][] result = new double[points.length][2];
        for (int i = 0; i < points.length; i++) {
            for (int c = 0; c < 2; c++) {
                double sum = 0;
                for (int j = 0; j < centre.length; j++) {
                    sum += (points[i][j] - centre[j]) * axes[c][j];
                }
                result[i][c] = sum;
            }
        }
        return result;
    }

    /** Whether the axes are principal components (k &gt; 2) rather than the codes themselves. */
    public boolean isPrincipalComponents() {
        return principalComponents;
    }

    /** Fraction of the codes' total variance along each of the two axes; NaN when k &lt;= 2. */
    public double[] explainedVariance() {
        return explained.clone();
    }

    /** Axis titles: "z1", "z2", or "PC1 (43% of variance)". */
    public String axisTitle(int axis) {
        if (!principalComponents) {
            return centre.length == 1 && axis == 1 ? "(none: 1 latent dimension)" : "z" + (axis + 1);
        }
        return String.format(java.util.Locale.ROOT, "PC%d (%.0f%% of variance)", axis + 1, 100 * explained[axis]);
    }
}
