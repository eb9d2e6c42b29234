/**
 * Data-parallel training of the DL4J-layer VAE ({@link io.github.dl4jvae.layers.VaeNetworkBuilder}'s
 * {@code ComputationGraph}) on DL4J's own engines: {@link io.github.dl4jvae.scaleout.ParallelVaeTrainer} runs
 * DL4J's {@code ParallelWrapper} (several workers in one JVM, parameters averaged), and
 * {@link io.github.dl4jvae.scaleout.spark} runs {@code SparkComputationGraph} with parameter averaging. Both keep
 * the single-worker contract: the score they report is the VAE's negative ELBO per example in nats, the trained
 * network is an ordinary {@code ComputationGraph} that {@code ModelSerializer} saves and loads
 * ({@link io.github.dl4jvae.scaleout.TrainedModels}), and every worker draws its own reparameterization noise
 * ({@link io.github.dl4jvae.scaleout.WorkerNoise}).
 */
package io.github.dl4jvae.scaleout;
