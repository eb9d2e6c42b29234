/**
 * A Gaussian mixture fitted by expectation-maximization to latent codes: {@link
 * io.github.dl4jvae.mixture.GaussianMixture} (seeded k-means++ start, EM, log-density, seeded sampling) with its
 * settings in {@link io.github.dl4jvae.mixture.MixtureConfig}, and {@link
 * io.github.dl4jvae.mixture.LatentMixtureSampler}, which fits one to a VAE's posterior means and decodes its draws.
 */
package io.github.dl4jvae.mixture;
