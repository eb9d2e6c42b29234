/**
 * The terms of the VAE objective as SameDiff expressions: closed-form KL divergences and log-densities of
 * diagonal Gaussians, and the decoder's observation models p(x|z). All log-densities are in nats and summed
 * over the value axis; nothing here averages over examples.
 */
package io.github.dl4jvae.objective;
