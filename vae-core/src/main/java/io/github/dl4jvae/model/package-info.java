/**
 * The trainable VAE a DL4J user works with ({@link io.github.dl4jvae.model.VaeModel}): fit on a
 * {@code DataSetIterator}, encode, decode, sample, per-example negative ELBO, importance-sampled log-likelihood,
 * save and load with optimizer state and provenance, written atomically with SHA-256 checksums; checkpoints of
 * a training run ({@link io.github.dl4jvae.model.Checkpoints}) and the exception that stops a diverging one.
 */
package io.github.dl4jvae.model;
