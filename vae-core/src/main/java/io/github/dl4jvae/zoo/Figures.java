package io.github.dl4jvae.zoo;

/**
 * What was measured on a zoo model's shipped weights. Likelihood figures are in nats per example; lower is better.
 *
 * @param testNegativeElbo           mean negative ELBO over the whole test split (one sample of z per example, beta
 *                                   = 1), as {@code bin/vae evaluate} computes it; an autoencoder's reconstruction
 *                                   loss (it has no ELBO)
 * @param importanceSampledNll       -log p(x) estimated by importance sampling (Burda et al. 2015) with
 *                                   {@code importanceSamples} samples, mean over the first {@code importanceExamples}
 *                                   test images; an upper bound that tightens with K. Null for an autoencoder, which
 *                                   defines no p(x) (then K and the image count are 0)
 * @param importanceSamples          K
 * @param importanceExamples         the number of test images of the importance-sampled figure
 * @param activeUnits                latent dimensions whose posterior mean varies over the test images (covariance
 *                                   above 0.01, Burda et al.)
 * @param validationNegativeElbo     the best validation negative ELBO of the training run, the one whose epoch was
 *                                   kept; null for weights trained without a validation split
 * @param embeddedSubsetNegativeElbo the negative ELBO of {@code VaeModel.evaluate} over the 1,000 test images of the
 *                                   embedded Fashion-MNIST subset, binarized as the model was trained, with the
 *                                   model's seeds: a deterministic figure the tests recompute from the shipped file
 * @param evaluationCommand          the command that measured the test figures (from the repository root)
 */
public record Figures(double testNegativeElbo, Double importanceSampledNll, int importanceSamples,
                      int importanceExamples, int activeUnits, Double validationNegativeElbo,
                      double embeddedSubsetNegativeElbo, String evaluationCommand) {
}
