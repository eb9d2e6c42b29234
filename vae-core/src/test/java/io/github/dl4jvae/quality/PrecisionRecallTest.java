package io.github.dl4jvae.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * k-NN precision and recall (Kynkaanniemi et al. 2019) on point sets whose answers are known exactly: a hand-made 2-D
 * set worked out below, a point exactly on a ball's boundary (inside), identical sets (1 and 1), numpy's brute force
 * on 150 and 120 random 4-D points (quality_reference.py), and sets larger than one screening block (256 rows) against
 * a plain O(n^2) computation here; fractions are compared exactly (they are counts over n). Bad k and features are
 * named.
 */
class PrecisionRecallTest {

    @Test
    void aHandMadeSetGivesTheWorkedOutFractions() {
        // Real points on the x axis: 0, 1, 2, 10. With k = 1 their radii are 1, 1, 1 and 8.
        double[][] real = {{0, 0}, {1, 0}, {2, 0}, {10, 0}};
        // Generated: (0.5, 0) lies within 1 of (0, 0): precise. (5, 0) lies 5 <= 8 from (10, 0): precise.
        // (-3, 0) is 3 from (0, 0) (radius 1) and 13 from (10, 0) (radius 8): not. (0, -4) is 4, sqrt(17), sqrt(20)
        // and sqrt(116) = 10.8 from the real points: not. Precision 2/4.
        double[][] generated = {{0.5, 0}, {5, 0}, {-3, 0}, {0, -4}};
        // Generated radii (k = 1): (0.5, 0): 3.5 (to (-3, 0)); (5, 0): 4.5; (-3, 0): 3.5; (0, -4): sqrt(16.25) = 4.03.
        // Real (0, 0), (1, 0), (2, 0) lie within 3.5 of (0.5, 0); (10, 0) is 5 > 4.5 from (5, 0) and farther from the
        // others than their radii: recall 3/4.

        PrecisionRecall result = PrecisionRecall.of(generated, real, 1);

        assertEquals(new PrecisionRecall(0.5, 0.75, 1, 4, 4), result);
    }

    @Test
    void aPointOnABallsBoundaryIsInside() {
        // Real radii with k = 1: (0, 0) -> 3 (to (3, 0)), (3, 0) -> 3, (0, 4) -> 4. (0, -3) is exactly 3 from (0, 0).
        double[][] real = {{0, 0}, {3, 0}, {0, 4}};
        double[][] generated = {{0, -3}, {100, 100}};

        assertEquals(0.5, PrecisionRecall.of(generated, real, 1).precision(), 0.0);
    }

    @Test
    void identicalSetsHavePrecisionAndRecallOne() {
        double[][] points = random(500, 10, 1, 1.0);

        PrecisionRecall result = PrecisionRecall.of(points, points.clone(), PrecisionRecall.DEFAULT_K);

        assertEquals(new PrecisionRecall(1.0, 1.0, 3, 500, 500), result);
    }

    @Test
    void randomSetsMatchNumpysBruteForce() {
        JsonNode reference = QualityReference.get("precisionRecall");

        PrecisionRecall result = PrecisionRecall.of(QualityReference.matrix(reference.get("generated")),
                QualityReference.matrix(reference.get("real")), reference.get("k").asInt());

        assertEquals(reference.get("precision").asDouble(), result.precision(), 0.0);
        assertEquals(reference.get("recall").asDouble(), result.recall(), 0.0);
    }

    @Test
    void setsLargerThanOneBlockMatchAPlainComputation() {
        double[][] generated = random(700, 8, 2, 1.5);
        double[][] real = random(600, 8, 3, 1.0);

        PrecisionRecall result = PrecisionRecall.of(generated, real, 3);

        assertEquals(plainCoverage(generated, real, 3), result.precision(), 0.0);
        assertEquals(plainCoverage(real, generated, 3), result.recall(), 0.0);
        assertEquals(700, result.generated());
        assertEquals(600, result.real());
    }

    @Test
    void badKAndFeaturesAreNamed() {
        double[][] three = random(3, 2, 4, 1);
        double[][] five = random(5, 2, 5, 1);
        assertEquals("k must be in [1, 2] for 3 generated and 5 real features (each needs k other points of its set), "
                + "got 3", assertThrows(IllegalArgumentException.class, () -> PrecisionRecall.of(three, five, 3))
                .getMessage());
        assertEquals("k must be in [1, 2] for 3 generated and 5 real features (each needs k other points of its set), "
                + "got 0", assertThrows(IllegalArgumentException.class, () -> PrecisionRecall.of(three, five, 0))
                .getMessage());
        assertEquals("generated features have 2 dimensions and real ones 3; expected the same",
                assertThrows(IllegalArgumentException.class, () -> PrecisionRecall.of(three, random(5, 3, 6, 1), 1))
                        .getMessage());
        assertEquals("real features row 2 has 1 values; expected 2, as row 0", assertThrows(
                IllegalArgumentException.class, () -> PrecisionRecall.of(three, new double[][] {{1, 2}, {3, 4}, {5}},
                        1)).getMessage());
        assertEquals("generated features have 1 rows; expected at least 2", assertThrows(
                IllegalArgumentException.class, () -> PrecisionRecall.of(new double[][] {{1, 2}}, five, 1))
                .getMessage());
    }

    /** The fraction of queries within the k-th-neighbour ball of some point, by exact distances, O(n^2). */
    private static double plainCoverage(double[][] queries, double[][] points, int k) {
        double[] radii = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            double[] distances = new double[points.length - 1];
            int next = 0;
            for (int j = 0; j < points.length; j++) {
                if (j != i) {
                    distances[next++] = distance(points[i], points[j]);
                }
            }
            Arrays.sort(distances);
            radii[i] = distances[k - 1];
        }
        int inside = 0;
        for (double[] query : queries) {
            for (int j = 0; j < points.length; j++) {
                if (distance(query, points[j]) <= radii[j]) {
                    inside++;
                    break;
                }
            }
        }
        return (double) inside / queries.length;
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }

    private static double[][] random(int n, int d, long seed, double scale) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] points = new double[n][d];
        for (double[] row : points) {
            for (int j = 0; j < d; j++) {
                row[j] = scale * random.nextGaussian();
            }
        }
        return points;
    }
}
