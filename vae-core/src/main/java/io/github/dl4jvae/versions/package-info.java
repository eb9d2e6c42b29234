/**
 * Versions of this library and of the ND4J it runs on, looked up in one place for provenance and for the
 * executor's version guard.
 */
package io.github.dl4jvae.versions;
