package io.github.dl4jvae.mixture;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EM for a Gaussian mixture (Dempster, Laird and Rubin 1977; Bishop 2006, "Pattern Recognition and Machine
 * Learning", section 9.2.2), written as the derivation goes. With codes x_i ({@code [n][d]}) and parameters
 * theta = (pi_k, mu_k, Sigma_k):
 * <ul>
 *   <li>E-step: the responsibilities r_ik = pi_k N(x_i; mu_k, Sigma_k) / sum_j pi_j N(x_i; mu_j, Sigma_j), kept
 *       in log space as log r_ik = a_ik - logsumexp_j a_ij with a_ik = log pi_k + log N(x_i; mu_k, Sigma_k); the
 *       log-sum-exps summed are the log-likelihood sum_i log p(x_i | theta), at which the bound
 *       sum_i sum_k r_ik (a_ik - log r_ik) touches it;</li>
 *   <li>M-step: the bound's maximizer N_k = sum_i r_ik, pi_k = N_k / n, mu_k = sum_i r_ik x_i / N_k,
 *       Sigma_k = sum_i r_ik (x_i - mu_k)(x_i - mu_k)^T / N_k (its diagonal only for DIAGONAL), plus the variance
 *       floor on the diagonal.</li>
 * </ul>
 * Each E-step records the mean log-likelihood per code, (1/n) sum_i log p(x_i | theta), in nats. Without a floor
 * it never decreases; the floor moves each M-step off the bound's maximizer by O(floor). Measured on 400 draws of
 * the tests' 2-D mixture (unit-scale variances, K = 2..5, 6 seeds), the largest relative dip per step was 6e-15
 * (rounding) with the default floor 1e-6, 7e-8 with floor 1e-2 and 5e-6 with floor 0.3.
 */
final class ExpectationMaximization {
    private static final Logger LOG = LoggerFactory.getLogger(ExpectationMaximization.class);

    private ExpectationMaximization() {
    }

    /** Runs EM on validated codes from the given start (see {@link MixtureConfig} for the stopping rule). */
    static GaussianMixture fit(double[][] codes, MixtureConfig config, MixtureStart start) {
        int n = codes.length;
        int k = config.components();
        GaussianMixture current = new GaussianMixture(config.covariance(), start.weights(), start.means(),
                start.covariances(), new double[0], false);
        double[][] logResponsibilities = new double[n][k];
        List<Double> history = new ArrayList<>();
        boolean converged = false;
        for (int t = 0; ; t++) {
            double logLikelihood = eStep(current, codes, logResponsibilities);
            history.add(logLikelihood);
            if (t > 0) {
                double previous = history.get(t - 1);
                if (logLikelihood - previous <= config.tolerance() * Math.abs(previous)) {
                    converged = true;
                    break;
                }
            }
            if (t == config.maxIterations()) {
                break;
            }
            current = mStep(codes, logResponsibilities, config, t + 1);
        }
        double[] logLikelihoods = history.stream().mapToDouble(Double::doubleValue).toArray();
        LOG.debug("EM on {} codes, {} {} components: {} steps, mean log-likelihood {} -> {} nats{}", n, k,
                config.covariance(), logLikelihoods.length - 1, logLikelihoods[0],
                logLikelihoods[logLikelihoods.length - 1], converged ? "" : " (iteration limit)");
        return new GaussianMixture(config.covariance(), current.weights(), current.means(), current.covariances(),
                logLikelihoods, converged);
    }

    /** Fills {@code logResponsibilities [n][K]} and returns the mean log-likelihood per code. */
    static double eStep(GaussianMixture mixture, double[][] codes, double[][] logResponsibilities) {
        double sum = 0;
        for (int i = 0; i < codes.length; i++) {
            double[] a = logResponsibilities[i];
            double logEvidence = mixture.logJoint(codes[i], a);
            for (int c = 0; c < a.length; c++) {
                a[c] -= logEvidence;
            }
            sum += logEvidence;
        }
        return sum / codes.length;
    }

    /** The M-step from the responsibilities; {@code iteration} (1-based) only names a collapsed component. */
    static GaussianMixture mStep(double[][] codes, double[][] logResponsibilities, MixtureConfig config,
                                 int iteration) {
        int n = codes.length;
        int d = codes[0].length;
        int k = config.components();
        boolean full = config.covariance() == CovarianceType.FULL;
        double[] weights = new double[k];
        double[][] means = new double[k][d];
        double[][][] covariances = new double[k][d][d];
        double[] r = new double[n];
        for (int c = 0; c < k; c++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                r[i] = Math.exp(logResponsibilities[i][c]);
                total += r[i];
            }
            if (!(total > 0)) {
                throw new IllegalStateException("mixture component " + c + " took no code at M-step " + iteration
                        + "; expected fewer components than " + k + " or another seed");
            }
            weights[c] = total / n;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    means[c][j] += r[i] * codes[i][j];
                }
            }
            for (int j = 0; j < d; j++) {
                means[c][j] /= total;
            }
            double[][] s = covariances[c];
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < d; a++) {
                    double da = codes[i][a] - means[c][a];
                    for (int b = full ? 0 : a; b <= a; b++) {
                        s[a][b] += r[i] * da * (codes[i][b] - means[c][b]);
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                for (int b = full ? 0 : a; b <= a; b++) {
                    s[a][b] /= total;
                    s[b][a] = s[a][b];
                }
                s[a][a] += config.varianceFloor();
            }
        }
        return new GaussianMixture(config.covariance(), weights, means, covariances, new double[0], false);
    }
}
