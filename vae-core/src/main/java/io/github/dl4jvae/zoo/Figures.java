package io.github.dl4jvae.zoo;

/**
 * What was measured on a trained zoo model. Likelihood figures are in nats per example; lower is better.
 *
 * @param testNegativeElbo            mean negative ELBO over the whole test split, one sample of z per example
 *                                    (beta = 1), as {@code VaeModel.evaluate} computes it
 * @param importanceSampledNll        -log p(x) estimated by importance sampling (Burda et al. 2015) with
 *                                    {@code importanceSamples} samples, mean over the first
 *                                    {@code importanceExamples} test images; an upper bound that tightens with K
 * @param importanceSamples           K
 * @param importanceExamples          number of test images for the importance-sampled figure
 * @param embeddedSubsetScoreAtMean   the DL4J network's {@code score()} (z = posterior mean, no sampling) on the
 *                                    1000 test images of the embedded Fashion-MNIST subset: a deterministic figure
 *                                    the tests recompute from the shipped weights
 * @param trainingSeconds             wall time of the training epochs (evaluation excluded)
 * @param secondsPerEpoch             trainingSeconds / epochs
 * @param finalTrainingScore          mean training score (sampled negative ELBO) over the last epoch
 */
public record Figures(double testNegativeElbo, double importanceSampledNll, int importanceSamples,
                      int importanceExamples, double embeddedSubsetScoreAtMean, double trainingSeconds,
                      double secondsPerEpoch, double finalTrainingScore) {
}
