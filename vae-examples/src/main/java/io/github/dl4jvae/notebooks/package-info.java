/**
 * Runs the JShell notebooks of {@code vae-examples/notebooks/} ({@code bin/notebook NAME}): each snippet is
 * evaluated in order by the JDK's JShell engine with this project's class path, and the first snippet that does
 * not compile or throws stops the run with an error naming it, so a broken notebook fails in the test suite.
 */
package io.github.dl4jvae.notebooks;
