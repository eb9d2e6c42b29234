package io.github.dl4jvae.config;

/** Activation applied after every hidden layer of the encoder and decoder (not to their outputs). */
public enum ActivationFunction {
    RELU,
    LEAKY_RELU,
    TANH,
    ELU,
    SOFTPLUS,
    SIGMOID,
    /** No nonlinearity: the gated layers of {@link Architecture#GATED_MLP} use it, their gate being the nonlinearity. */
    IDENTITY
}
