/**
 * The VAE model zoo in the deeplearning4j-zoo style: a registry ({@link io.github.dl4jvae.zoo.VaeZoo}, data in
 * {@code registry.json}) of models with their paper, architecture, likelihood, input shape, latent size, data set
 * and measured figures, each buildable as a DL4J network ({@link io.github.dl4jvae.zoo.VaeZooModel#init()}) and,
 * where weights are embedded in the jar, loadable trained after a SHA-256 check
 * ({@link io.github.dl4jvae.zoo.VaeZooModel#initPretrained()}).
 */
package io.github.dl4jvae.zoo;
