/**
 * The VAE as ordinary DL4J configuration objects, for {@code ComputationGraph} users: a
 * {@link io.github.dl4jvae.layers.ReparameterizationVertex} (z = mu + sigma * eps, with the forward pass's noise
 * reused in the backward pass), a {@link io.github.dl4jvae.layers.KlDivergenceVertex} (beta * KL per example) and
 * {@link io.github.dl4jvae.layers.ElboLoss} for a {@code LossLayer} (score = per-example negative ELBO), assembled
 * from a {@link io.github.dl4jvae.config.VaeConfig} by {@link io.github.dl4jvae.layers.VaeNetworkBuilder}; weights
 * move to and from the SameDiff model with {@link io.github.dl4jvae.layers.ParameterTransfer}, and the encoder
 * feeds downstream classifiers through {@link io.github.dl4jvae.layers.VaeEncoders}.
 */
package io.github.dl4jvae.layers;
