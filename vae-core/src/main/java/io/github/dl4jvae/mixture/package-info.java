/**
 * A Gaussian mixture fitted by expectation-maximization to latent codes: {@link
 * io.github.dl4jvae.mixture.GaussianMixture} (seeded k-means++ start, EM, log-density, seeded sampling) with its
 * settings in {@link io.github.dl4jvae.mixture.MixtureConfig}.
 */
package io.github.dl4jvae.mixture;
