package io.github.dl4jvae.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-example terms of the negative ELBO, in nats, each {@code [n]}: lower is better. For a deterministic
 * autoencoder ({@code Objective.Kind.AE}), the reconstruction loss -log p(x | z = code), a KL of 0, and a
 * "negative ELBO" equal to the reconstruction, which bounds nothing.
 *
 * @param reconstruction -E_q[log p(x|z)], estimated with the configured number of samples
 * @param kl             KL(q(z|x) || N(0, I)), closed form or Monte Carlo as configured
 * @param negativeElbo   reconstruction + kl (beta = 1 whatever the training beta): an upper bound on -log p(x)
 */
public record ElboTerms(INDArray reconstruction, INDArray kl, INDArray negativeElbo) {
}
