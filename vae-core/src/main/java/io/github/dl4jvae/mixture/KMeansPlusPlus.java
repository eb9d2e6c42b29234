package io.github.dl4jvae.mixture;

import io.github.dl4jvae.random.Seeds;
import io.github.dl4jvae.random.Streams;
import java.util.SplittableRandom;

/**
 * The seeded start of EM: means chosen among the codes by k-means++ seeding (Arthur and Vassilvitskii 2007,
 * "k-means++: The Advantages of Careful Seeding": the first uniformly, each next one with probability proportional
 * to its squared distance D^2 to the nearest mean chosen so far), equal weights 1/K, and every component's
 * covariance the codes' own (population, divided by n; its diagonal only for {@link CovarianceType#DIAGONAL}) plus
 * the variance floor. Draws come from {@code Seeds.generator(seed, Streams.MIXTURE_START)}.
 */
final class KMeansPlusPlus {
    private KMeansPlusPlus() {
    }

    static MixtureStart start(double[][] codes, MixtureConfig config, long seed) {
        int n = codes.length;
        int d = codes[0].length;
        int k = config.components();
        SplittableRandom random = Seeds.generator(seed, Streams.MIXTURE_START);
        double[][] means = new double[k][];
        means[0] = codes[random.nextInt(n)].clone();
        double[] nearest = new double[n];
        java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], squaredDistance(codes[i], means[c - 1]));
                total += nearest[i];
            }
            means[c] = codes[pick(nearest, total, random)].clone();
        }
        double[][] spread = covariance(codes, config.covariance());
        double[] weights = new double[k];
        double[][][] covariances = new double[k][][];
        for (int c = 0; c < k; c++) {
            weights[c] = 1.0 / k;
            covariances[c] = new double[d][];
            for (int j = 0; j < d; j++) {
                covariances[c][j] = spread[j].clone();
                covariances[c][j][j] += config.varianceFloor();
            }
        }
        return new MixtureStart(weights, means, covariances);
    }

    /** Index i with probability weights[i] / total; uniform when every weight is 0 (all codes already chosen). */
    private static int pick(double[] weights, double total, SplittableRandom random) {
        if (!(total > 0)) {
            return random.nextInt(weights.length);
        }
        double u = random.nextDouble() * total;
        double cumulative = 0;
        for (int i = 0; i < weights.length; i++) {
            cumulative += weights[i];
            if (u < cumulative) {
                return i;
            }
        }
        int last = weights.length - 1;
        while (weights[last] == 0) {
            last--;
        }
        return last;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            double diff = a[j] - b[j];
            sum += diff * diff;
        }
        return sum;
    }

    /** The codes' population covariance, off-diagonal zeroed for DIAGONAL. */
    private static double[][] covariance(double[][] codes, CovarianceType type) {
        int n = codes.length;
        int d = codes[0].length;
        double[] mean = new double[d];
        for (double[] code : codes) {
            for (int j = 0; j < d; j++) {
                mean[j] += code[j] / n;
            }
        }
        double[][] s = new double[d][d];
        for (double[] code : codes) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    if (a == b || type == CovarianceType.FULL) {
                        s[a][b] += (code[a] - mean[a]) * (code[b] - mean[b]) / n;
                    }
                }
            }
        }
        return s;
    }
}
