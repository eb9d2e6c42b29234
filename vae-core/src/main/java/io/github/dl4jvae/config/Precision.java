package io.github.dl4jvae.config;

/** Floating-point type of parameters and activations. FLOAT for training; DOUBLE for gradient checks. */
public enum Precision {
    FLOAT,
    DOUBLE
}
