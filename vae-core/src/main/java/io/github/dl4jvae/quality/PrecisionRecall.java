package io.github.dl4jvae.quality;

/**
 * Improved precision and recall of generated against real features (Kynkaanniemi, Karras, Laine, Lehtinen and Aila
 * 2019, "Improved Precision and Recall Metric for Assessing Generative Models"). Each real feature gets a ball whose
 * radius is the distance to its k-th nearest other real feature; the union of the balls estimates the real
 * manifold. <b>Precision</b> is the fraction of generated features inside some real ball (samples that look real);
 * <b>recall</b> the fraction of real features inside some generated ball, the generated balls made the same way from
 * the generated set (how much of the real variety the samples cover). Both in [0, 1], higher is better; identical
 * sets score 1 and 1. Distances are Euclidean and exact at the ball boundaries ({@code NeighbourDistances}); a point
 * on a boundary is inside.
 *
 * @param precision fraction of generated features within the k-NN ball of some real feature
 * @param recall    fraction of real features within the k-NN ball of some generated feature
 * @param k         the neighbour that sets the radii
 * @param generated number of generated features
 * @param real      number of real features
 */
public record PrecisionRecall(double precision, double recall, int k, int generated, int real) {
    /** The paper's k. */
    public static final int DEFAULT_K = 3;

    /**
     * Precision and recall of {@code generated [n][d]} against {@code real [m][d]} with k-th-neighbour radii.
     *
     * @throws IllegalArgumentException on ragged or non-finite features, different dimensions, or k outside
     *     [1, min(n, m) - 1]
     */
    public static PrecisionRecall of(double[][] generated, double[][] real, int k) {
        int dGenerated = FeatureChecks.dimension(generated, 2, "generated features");
        int dReal = FeatureChecks.dimension(real, 2, "real features");
        if (dGenerated != dReal) {
            throw new IllegalArgumentException("generated features have " + dGenerated + " dimensions and real ones "
                    + dReal + "; expected the same");
        }
        int limit = Math.min(generated.length, real.length) - 1;
        if (k < 1 || k > limit) {
            throw new IllegalArgumentException("k must be in [1, " + limit + "] for " + generated.length
                    + " generated and " + real.length + " real features (each needs k other points of its set), got "
                    + k);
        }
        NeighbourDistances fake = new NeighbourDistances(generated);
        NeighbourDistances truth = new NeighbourDistances(real);
        double precision = fraction(truth.covered(fake, truth.kthNeighbourSquared(k)));
        double recall = fraction(fake.covered(truth, fake.kthNeighbourSquared(k)));
        return new PrecisionRecall(precision, recall, k, generated.length, real.length);
    }

    private static double fraction(boolean[] inside) {
        int count = 0;
        for (boolean b : inside) {
            if (b) {
                count++;
            }
        }
        return (double) count / inside.length;
    }
}
