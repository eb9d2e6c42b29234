package io.github.dl4jvae.zoo;

/**
 * A zoo entry's row of the family table: one training run of its config from scratch, measured the same way for
 * every entry (README, "The family, measured side by side"). Unlike {@link PretrainedWeights} it ships no weights;
 * the run's metrics, evaluation and config files are in the repository folder {@link #files()}. Likelihood figures
 * are in nats per test example; lower is better.
 *
 * @param command              the command that trained and evaluated the model (from the repository root)
 * @param epochs               passes over the 60,000 training images
 * @param batchSize            examples per optimizer step
 * @param preprocessing        how the pixels were prepared (dynamic binarization for Bernoulli decoders)
 * @param environment          ND4J backend build, threads and machine of the run
 * @param testNegativeElbo     mean negative ELBO over the 10,000 test images
 * @param importanceSampledNll -log p(x) by importance sampling with {@code importanceSamples} samples, mean over the
 *                             first {@code importanceExamples} test images
 * @param importanceSamples    K
 * @param importanceExamples   test images of the importance-sampled figure
 * @param activeUnits          latent dimensions whose posterior mean varies over the test images by more than 0.01
 * @param secondsPerEpoch      mean wall time of a training epoch's steps (the per-epoch test evaluation excluded)
 * @param files                the repository folder holding the run's {@code metrics.csv} and
 *                             {@code evaluation.json}
 */
public record FamilyRun(String command, int epochs, int batchSize, String preprocessing, String environment,
                        double testNegativeElbo, double importanceSampledNll, int importanceSamples,
                        int importanceExamples, int activeUnits, double secondsPerEpoch, String files) {

    /** Validates counts, figures and texts. */
    public FamilyRun {
        for (String[] field : new String[][] {{"command", command}, {"preprocessing", preprocessing},
                {"environment", environment}, {"files", files}}) {
            if (field[1] == null || field[1].isBlank()) {
                throw new IllegalArgumentException("familyRun: " + field[0] + " is empty");
            }
        }
        if (epochs < 1 || batchSize < 1 || importanceSamples < 1 || importanceExamples < 1) {
            throw new IllegalArgumentException("familyRun: epochs, batchSize, importanceSamples and "
                    + "importanceExamples must be >= 1, got " + epochs + ", " + batchSize + ", " + importanceSamples
                    + " and " + importanceExamples);
        }
        if (!Double.isFinite(testNegativeElbo) || !Double.isFinite(importanceSampledNll)) {
            throw new IllegalArgumentException("familyRun: the test figures must be finite, got " + testNegativeElbo
                    + " and " + importanceSampledNll);
        }
        if (activeUnits < 0) {
            throw new IllegalArgumentException("familyRun: activeUnits must be >= 0, got " + activeUnits);
        }
        if (!(secondsPerEpoch > 0) || !Double.isFinite(secondsPerEpoch)) {
            throw new IllegalArgumentException("familyRun: secondsPerEpoch must be a positive number, got "
                    + secondsPerEpoch);
        }
    }
}
