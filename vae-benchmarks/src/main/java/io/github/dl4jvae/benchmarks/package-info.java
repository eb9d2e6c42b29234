/** JMH benchmarks of the VAE library: examples per second of training and evaluation. */
package io.github.dl4jvae.benchmarks;
