/**
 * Runs SameDiff functions (a VAE graph's forward pass, or its gradient function) for requested outputs: the ops in an
 * order found once, with every array assigned once per set of placeholder shapes, instead of SameDiff's per-op
 * session bookkeeping; where a graph holds an op the executor was not taught, or the ND4J version is not the one it
 * was written against, SameDiff's own session runs the function instead. The rest of the project uses
 * {@link io.github.dl4jvae.execution.FunctionExecutor} and {@link io.github.dl4jvae.execution.GradientPass}; everything
 * else here is package-private and relies on ND4J 1.0.0-M2.1 internals.
 */
package io.github.dl4jvae.execution;
