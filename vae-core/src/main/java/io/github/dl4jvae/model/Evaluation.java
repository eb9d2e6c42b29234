package io.github.dl4jvae.model;

/**
 * Means over a data set of the per-example negative-ELBO terms ({@link ElboTerms}), in nats per example.
 *
 * @param negativeElbo   mean of reconstruction + KL
 * @param reconstruction mean of -E_q[log p(x|z)]
 * @param kl             mean of KL(q(z|x) || N(0, I))
 * @param examples       number of examples averaged
 */
public record Evaluation(double negativeElbo, double reconstruction, double kl, long examples) {
}
