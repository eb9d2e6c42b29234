/**
 * JMH benchmarks of the VAE library and of its peers (DL4J's built-in {@code VariationalAutoencoder} layer, and
 * PyTorch through a script that writes the same result shape), the run and compare tool behind {@code bin/bench},
 * and the environment record every result file carries.
 */
package io.github.dl4jvae.benchmarks;
