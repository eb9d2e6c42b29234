/**
 * The {@code vae-scaleout} command line ({@link io.github.dl4jvae.scaleout.cli.ScaleOutCommand}): {@code parallel}
 * trains with ParallelWrapper, {@code spark} trains on Spark (the main class for {@code spark-submit}),
 * {@code throughput} prints the examples-per-second rows of 1 and 2 workers on each engine.
 */
package io.github.dl4jvae.scaleout.cli;
