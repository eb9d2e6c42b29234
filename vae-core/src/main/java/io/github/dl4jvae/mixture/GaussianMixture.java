package io.github.dl4jvae.mixture;

import io.github.dl4jvae.random.Seeds;
import io.github.dl4jvae.random.Streams;
import java.util.SplittableRandom;

/**
 * A Gaussian mixture p(z) = sum_k pi_k N(z; mu_k, Sigma_k) over d-dimensional codes, fitted by EM (Dempster,
 * Laird and Rubin 1977; Bishop 2006, "Pattern Recognition and Machine Learning", chapter 9): the model that the
 * lecture notes lead to the ELBO through. Codes are {@code double[n][d]}, one row per code, in double precision
 * (a VAE's posterior means: {@code encode(x).mean().toDoubleMatrix()}).
 *
 * <p>{@link #fit} starts from a seeded k-means++ choice of means and runs EM ({@code ExpectationMaximization});
 * {@link #logLikelihoods()} holds the mean log-likelihood per code after each E-step, in nats; EM never lets it
 * decrease (up to the variance floor's O(floor) shift of each M-step, see {@code ExpectationMaximization}).
 * Log-densities are natural logs of the density, in nats, per code (not summed). Immutable.
 */
public final class GaussianMixture {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final CovarianceType covarianceType;
    private final double[] weights;
    private final double[][] means;
    private final double[][][] covariances;
    private final Cholesky[] factors;
    private final double[] logNormalizers;
    private final double[] logLikelihoods;
    private final boolean converged;

    /** Takes the arrays as they are (callers pass fresh ones); factors every covariance. */
    GaussianMixture(CovarianceType covarianceType, double[] weights, double[][] means, double[][][] covariances,
                    double[] logLikelihoods, boolean converged) {
        this.covarianceType = covarianceType;
        this.weights = weights;
        this.means = means;
        this.covariances = covariances;
        this.logLikelihoods = logLikelihoods;
        this.converged = converged;
        int k = weights.length;
        int d = means[0].length;
        this.factors = new Cholesky[k];
        this.logNormalizers = new double[k];
        for (int c = 0; c < k; c++) {
            factors[c] = Cholesky.of(covariances[c], "the covariance of mixture component " + c);
            logNormalizers[c] = Math.log(weights[c]) - 0.5 * (d * LOG_2PI + factors[c].logDeterminant());
        }
    }

    /**
     * Fits a mixture of {@code config.components()} Gaussians to {@code codes} by EM from a k-means++ start drawn
     * with {@code seed} (stream {@link Streams#MIXTURE_START}); the same codes, settings and seed give the same
     * mixture.
     *
     * @param codes {@code [n][d]}, n >= K, d >= 1, finite
     * @throws IllegalArgumentException on empty, ragged or non-finite codes, or more components than codes
     * @throws IllegalStateException if a component loses every code or a covariance is singular (floor 0)
     */
    public static GaussianMixture fit(double[][] codes, MixtureConfig config, long seed) {
        checkFit(codes, config);
        return ExpectationMaximization.fit(codes, config, KMeansPlusPlus.start(codes, config, seed));
    }

    /** As {@link #fit}, from a given start instead of k-means++ (the reference-fixture test's entry). */
    static GaussianMixture fit(double[][] codes, MixtureConfig config, MixtureStart start) {
        checkFit(codes, config);
        return ExpectationMaximization.fit(codes, config, start);
    }

    private static void checkFit(double[][] codes, MixtureConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config is required but was null");
        }
        Codes.check(codes, 0, "codes");
        if (config.components() > codes.length) {
            throw new IllegalArgumentException("components must be at most the number of codes (" + codes.length
                    + "), got " + config.components());
        }
    }

    /** log pi_k + log N(x; mu_k, Sigma_k) into {@code out[k]}; returns log p(x) = logsumexp_k of them. */
    double logJoint(double[] x, double[] out) {
        int d = x.length;
        double[] diff = new double[d];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < weights.length; c++) {
            for (int j = 0; j < d; j++) {
                diff[j] = x[j] - means[c][j];
            }
            out[c] = logNormalizers[c] - 0.5 * factors[c].mahalanobis(diff);
            max = Math.max(max, out[c]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double a : out) {
            sum += Math.exp(a - max);
        }
        return max + Math.log(sum);
    }

    /** log p(x) in nats for one code {@code x [d]}. */
    public double logDensity(double[] x) {
        Codes.check(new double[][] {x}, dimensions(), "points");
        return logJoint(x, new double[weights.length]);
    }

    /**
     * The mean log-density (1/n) sum_i log p(x_i) of {@code points [n][d]}, in nats per point.
     *
     * @throws IllegalArgumentException on empty, ragged or non-finite points, or points of another dimension
     */
    public double meanLogDensity(double[][] points) {
        Codes.check(points, dimensions(), "points");
        double[] scratch = new double[weights.length];
        double sum = 0;
        for (double[] x : points) {
            sum += logJoint(x, scratch);
        }
        return sum / points.length;
    }

    /**
     * {@code n} codes {@code [n][d]} drawn from the mixture with {@code seed} (stream {@link Streams#MIXTURE_SAMPLE}):
     * a component k with probability pi_k, then mu_k + L_k e with e ~ N(0, I) and L_k L_k^T = Sigma_k. The same
     * seed gives the same codes.
     */
    public double[][] sample(int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("number of samples must be >= 1, got " + n);
        }
        SplittableRandom random = Seeds.generator(seed, Streams.MIXTURE_SAMPLE);
        int d = dimensions();
        double[][] draws = new double[n][];
        double[] e = new double[d];
        for (int i = 0; i < n; i++) {
            int c = component(random.nextDouble());
            for (int j = 0; j < d; j++) {
                e[j] = random.nextGaussian();
            }
            double[] z = factors[c].times(e);
            for (int j = 0; j < d; j++) {
                z[j] += means[c][j];
            }
            draws[i] = z;
        }
        return draws;
    }

    private int component(double u) {
        double cumulative = 0;
        for (int c = 0; c < weights.length - 1; c++) {
            cumulative += weights[c];
            if (u < cumulative) {
                return c;
            }
        }
        return weights.length - 1;
    }

    /** K, the number of components. */
    public int components() {
        return weights.length;
    }

    /** d, the codes' dimension. */
    public int dimensions() {
        return means[0].length;
    }

    /** The components' covariance form. */
    public CovarianceType covarianceType() {
        return covarianceType;
    }

    /** The mixing weights pi {@code [K]}, positive, summing to 1. */
    public double[] weights() {
        return weights.clone();
    }

    /** The means mu {@code [K][d]}. */
    public double[][] means() {
        double[][] copy = new double[means.length][];
        for (int c = 0; c < means.length; c++) {
            copy[c] = means[c].clone();
        }
        return copy;
    }

    /** The covariances Sigma {@code [K][d][d]}, floor included; zero off the diagonal for DIAGONAL. */
    public double[][][] covariances() {
        double[][][] copy = new double[covariances.length][][];
        for (int c = 0; c < covariances.length; c++) {
            copy[c] = new double[covariances[c].length][];
            for (int j = 0; j < covariances[c].length; j++) {
                copy[c][j] = covariances[c][j].clone();
            }
        }
        return copy;
    }

    /**
     * The mean log-likelihood per code, in nats, after each E-step: entry 0 at the start, entry t after t M-steps;
     * the returned mixture's parameters are those of the last entry.
     */
    public double[] logLikelihoods() {
        return logLikelihoods.clone();
    }

    /** The number of M-steps run. */
    public int iterations() {
        return Math.max(0, logLikelihoods.length - 1);
    }

    /** Whether EM stopped on the tolerance rather than at the iteration limit. */
    public boolean converged() {
        return converged;
    }
}
