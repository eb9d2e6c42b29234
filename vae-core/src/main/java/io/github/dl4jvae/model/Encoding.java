package io.github.dl4jvae.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The approximate posterior q(z|x) = N(mean, diag(exp(logVariance))) of each example.
 *
 * @param mean        {@code [n, latentSize]}
 * @param logVariance {@code [n, latentSize]}, natural log of the variance
 */
public record Encoding(INDArray mean, INDArray logVariance) {
}
