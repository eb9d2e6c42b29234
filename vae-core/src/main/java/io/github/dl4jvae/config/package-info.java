/**
 * Immutable, validated configuration of a VAE: input shape, encoder/decoder architecture, latent size,
 * likelihood, objective and optimizer settings. Every record round-trips through JSON ({@link io.github.dl4jvae.config.VaeConfig#toJson()}).
 */
package io.github.dl4jvae.config;
