package io.github.dl4jvae.mixture;

import java.util.SplittableRandom;

/**
 * A known 3-component 2-D mixture and draws from it, written for the tests independently of {@link
 * GaussianMixture#sample}: 2 x 2 Cholesky factors in closed form and Box-Muller normals.
 */
final class KnownMixture {
    static final double[] WEIGHTS = {0.5, 0.3, 0.2};
    static final double[][] MEANS = {{0, 0}, {5, 1}, {1, 5}};
    static final double[][][] COVARIANCES = {
        {{1.0, 0.5}, {0.5, 1.0}},
        {{0.5, -0.2}, {-0.2, 0.8}},
        {{1.5, 0.0}, {0.0, 0.3}}};

    private KnownMixture() {
    }

    /** {@code n} draws, component i taking exactly round(n * WEIGHTS[i]) of them, in shuffled order. */
    static double[][] draw(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] out = new double[n][];
        int row = 0;
        for (int k = 0; k < 3; k++) {
            int count = k == 2 ? n - row : (int) Math.round(n * WEIGHTS[k]);
            double[][] s = COVARIANCES[k];
            double l00 = Math.sqrt(s[0][0]);
            double l10 = s[1][0] / l00;
            double l11 = Math.sqrt(s[1][1] - l10 * l10);
            for (int i = 0; i < count; i++) {
                double r = Math.sqrt(-2 * Math.log(1 - random.nextDouble()));
                double angle = 2 * Math.PI * random.nextDouble();
                double e0 = r * Math.cos(angle);
                double e1 = r * Math.sin(angle);
                out[row++] = new double[] {MEANS[k][0] + l00 * e0, MEANS[k][1] + l10 * e0 + l11 * e1};
            }
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double[] t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    /** For each true component, the index of the fitted component with the nearest mean (asserting a bijection). */
    static int[] match(GaussianMixture fitted) {
        double[][] means = fitted.means();
        int[] match = new int[3];
        boolean[] used = new boolean[means.length];
        for (int k = 0; k < 3; k++) {
            double best = Double.POSITIVE_INFINITY;
            for (int c = 0; c < means.length; c++) {
                double d = Math.hypot(means[c][0] - MEANS[k][0], means[c][1] - MEANS[k][1]);
                if (d < best) {
                    best = d;
                    match[k] = c;
                }
            }
            if (used[match[k]]) {
                throw new AssertionError("fitted component " + match[k] + " is nearest to two true ones");
            }
            used[match[k]] = true;
        }
        return match;
    }
}
