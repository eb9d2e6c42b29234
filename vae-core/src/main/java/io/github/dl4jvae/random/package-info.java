/**
 * Seeds for the project's random streams: {@link io.github.dl4jvae.random.Seeds}, the one derivation of a stream's
 * seed from the caller's seed and the stream's address, used by every module.
 */
package io.github.dl4jvae.random;
