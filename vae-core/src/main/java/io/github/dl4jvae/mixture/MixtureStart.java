package io.github.dl4jvae.mixture;

/**
 * The parameters EM starts from: weights {@code [K]} (positive, summing to 1), means {@code [K][d]} and
 * covariances {@code [K][d][d]} (the floor already added).
 */
record MixtureStart(double[] weights, double[][] means, double[][][] covariances) {
}
