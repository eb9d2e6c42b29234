package io.github.dl4jvae.config;

/**
 * How the KL(q(z|x) || p(z)) part of the negative ELBO is estimated.
 *
 * <ul>
 *   <li>{@link #ANALYTIC}: the closed form for diagonal Gaussians against N(0, I) (Kingma &amp; Welling 2013,
 *       SGVB estimator B, eq. 10): -1/2 sum(1 + log sigma^2 - mu^2 - sigma^2). Lower variance; the default.</li>
 *   <li>{@link #MONTE_CARLO}: the sampled estimate log q(z|x) - log p(z) at the same z used for the
 *       reconstruction term (SGVB estimator A, eq. 6), averaged over the L samples.</li>
 * </ul>
 */
public enum KlEstimator {
    ANALYTIC,
    MONTE_CARLO
}
