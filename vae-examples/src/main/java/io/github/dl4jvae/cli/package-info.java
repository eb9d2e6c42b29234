/**
 * The {@code vae} command-line program ({@code bin/vae}): preview data, train (with
 * progress, metrics, checkpoints and pictures), evaluate, sample, reconstruct, interpolate, anomaly. Each subcommand is a
 * thin picocli shell over a public method that returns its result, so examples and tests call the same code.
 */
package io.github.dl4jvae.cli;
