/**
 * Plumbing shared by the trainers of {@code io.github.dl4jvae.scaleout} and its {@code spark} package: argument
 * checks and the provenance of trained networks (versions from vae-core's {@code versions.Versions}). Not part of the API: it may change without notice.
 */
package io.github.dl4jvae.scaleout.internal;
