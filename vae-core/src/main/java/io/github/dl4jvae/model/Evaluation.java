package io.github.dl4jvae.model;

/**
 * Means over a data set of the per-example negative-ELBO terms ({@link ElboTerms}), in nats per example. For a
 * deterministic autoencoder ({@code Objective.Kind.AE}) {@code kl} is 0 and {@code negativeElbo} equals
 * {@code reconstruction}, its loss: not a bound on -log p(x), which an autoencoder does not define.
 *
 * @param negativeElbo   mean of reconstruction + KL
 * @param reconstruction mean of -E_q[log p(x|z)]
 * @param kl             mean of KL(q(z|x) || N(0, I))
 * @param examples       number of examples averaged
 */
public record Evaluation(double negativeElbo, double reconstruction, double kl, long examples) {
}
