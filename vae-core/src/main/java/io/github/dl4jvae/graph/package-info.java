/**
 * The VAE as one SameDiff computation graph: encoder, reparameterization with a fed epsilon, decoder and
 * objective, with named placeholders and outputs ({@link io.github.dl4jvae.graph.VaeGraph}). Layer plumbing
 * is package-private.
 */
package io.github.dl4jvae.graph;
