package io.github.dl4jvae.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Squared Euclidean distances between feature sets, as k-nearest-neighbour precision and recall need them: the
 * squared distance to each point's k-th nearest neighbour in its own set, and whether each query falls inside some
 * point's ball. All pairs are screened in blocks by ND4J matrix products in double precision
 * ({@code |a|^2 + |b|^2 - 2 a.b}); every pair whose screened value lies within {@value #BAND} (relative to
 * {@code |a|^2 + |b|^2}) of a decision (the k-th smallest, a ball's radius) is recomputed exactly as a sum of squared
 * differences, so the answers are those of exact distances: a point on a ball's boundary is inside it, as it is with
 * exact arithmetic. The screen's own round-off is below 1e-13 of {@code |a|^2 + |b|^2} for 128 dimensions.
 */
final class NeighbourDistances {
    /** Relative width of the band of screened values that are recomputed exactly. */
    static final double BAND = 1e-9;
    /** Rows per block of the screening product: a block of 256 x 10,000 doubles is 20 MB. */
    private static final int BLOCK = 256;

    private final double[][] points;
    private final double[] norms;
    private final INDArray matrix;

    NeighbourDistances(double[][] points) {
        this.points = points;
        this.norms = squaredNorms(points);
        this.matrix = Nd4j.createFromArray(points).castTo(DataType.DOUBLE);
    }

    /**
     * For each point, the exact squared distance to its k-th nearest other point of the same set (the point itself
     * excluded; a duplicate of it counts, at distance 0).
     *
     * @throws IllegalArgumentException unless 1 &lt;= k &lt; n
     */
    double[] kthNeighbourSquared(int k) {
        int n = points.length;
        if (k < 1 || k >= n) {
            throw new IllegalArgumentException("k must be in [1, " + (n - 1) + "] for " + n + " points (each needs k "
                    + "other points), got " + k);
        }
        double[] radii = new double[n];
        double[] smallest = new double[k];
        for (int start = 0; start < n; start += BLOCK) {
            int end = Math.min(n, start + BLOCK);
            double[] screened = screen(this, start, end);
            for (int i = start; i < end; i++) {
                int offset = (i - start) * n;
                Arrays.fill(smallest, Double.POSITIVE_INFINITY);
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        insert(smallest, screened[offset + j]);
                    }
                }
                List<Double> exact = new ArrayList<>();
                for (int j = 0; j < n; j++) {
                    if (j != i && screened[offset + j] <= smallest[k - 1] + band(norms[i], norms[j])) {
                        exact.add(exactSquared(points[i], points[j]));
                    }
                }
                exact.sort(null);
                radii[i] = exact.get(k - 1);
            }
        }
        return radii;
    }

    /**
     * For each query, whether it lies within some point's ball: exact squared distance to point j at most
     * {@code squaredRadii[j]}.
     */
    boolean[] covered(NeighbourDistances queries, double[] squaredRadii) {
        int m = queries.points.length;
        int n = points.length;
        boolean[] covered = new boolean[m];
        for (int start = 0; start < m; start += BLOCK) {
            int end = Math.min(m, start + BLOCK);
            double[] screened = screen(queries, start, end, this);
            for (int i = start; i < end; i++) {
                int offset = (i - start) * n;
                for (int j = 0; j < n && !covered[i]; j++) {
                    double value = screened[offset + j];
                    double band = band(queries.norms[i], norms[j]);
                    if (value <= squaredRadii[j] - band) {
                        covered[i] = true;
                    } else if (value <= squaredRadii[j] + band) {
                        covered[i] = exactSquared(queries.points[i], points[j]) <= squaredRadii[j];
                    }
                }
            }
        }
        return covered;
    }

    /** The screened squared distances of rows [start, end) of {@code set} to every point of the same set. */
    private static double[] screen(NeighbourDistances set, int start, int end) {
        return screen(set, start, end, set);
    }

    /** The screened squared distances of rows [start, end) of {@code rows} to every point of {@code columns}. */
    private static double[] screen(NeighbourDistances rows, int start, int end, NeighbourDistances columns) {
        INDArray block = rows.matrix.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
        INDArray dots = block.mmul(columns.matrix.transpose());
        double[] values = dots.dup('c').data().asDouble();
        dots.close();
        int n = columns.points.length;
        for (int i = start; i < end; i++) {
            int offset = (i - start) * n;
            for (int j = 0; j < n; j++) {
                values[offset + j] = Math.max(0, rows.norms[i] + columns.norms[j] - 2 * values[offset + j]);
            }
        }
        return values;
    }

    private static double band(double normA, double normB) {
        return BAND * (normA + normB) + Double.MIN_NORMAL;
    }

    /** Inserts {@code value} into the ascending array {@code smallest} if it is smaller than its last entry. */
    private static void insert(double[] smallest, double value) {
        int last = smallest.length - 1;
        if (value >= smallest[last]) {
            return;
        }
        int i = last;
        while (i > 0 && smallest[i - 1] > value) {
            smallest[i] = smallest[i - 1];
            i--;
        }
        smallest[i] = value;
    }

    static double exactSquared(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            double d = a[j] - b[j];
            sum += d * d;
        }
        return sum;
    }

    private static double[] squaredNorms(double[][] points) {
        double[] norms = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            double sum = 0;
            for (double x : points[i]) {
                sum += x * x;
            }
            norms[i] = sum;
        }
        return norms;
    }
}
