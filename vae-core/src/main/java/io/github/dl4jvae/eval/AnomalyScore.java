package io.github.dl4jvae.eval;

/**
 * How {@link AnomalyScores} scores an example x; both are in nats, and higher means less probable under the
 * model, so more anomalous.
 */
public enum AnomalyScore {
    /**
     * The negative ELBO, -E_q[log p(x|z)] + KL(q(z|x) || N(0, I)), with the model's configured number of
     * samples: an upper bound on -log p(x), cheap (one pass).
     */
    NEGATIVE_ELBO,
    /**
     * The importance-sampled negative log-likelihood with K samples (Burda et al. 2015): a tighter estimate
     * of -log p(x) that costs K decoder passes per example.
     */
    NLL
}
