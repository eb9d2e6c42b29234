package io.github.dl4jvae.pictures;

import io.github.dl4jvae.eval.LatentUsage;
import java.util.Arrays;
import java.util.List;

import io.github.dl4jvae.model.EpochResult;
import io.github.dl4jvae.model.Evaluation;

/**
 * One row of a run's {@code metrics.csv} ({@code runs.MetricsFile}), and what {@link LossCurvePlot} draws: what an
 * epoch did, in nats per example. Training figures are running means
 * over the epoch's minibatches; test figures are the end-of-epoch model on the test split, which serves as the
 * held-out set (nothing is selected or stopped on it).
 *
 * @param epoch                 1-based epoch over the run's life (continues after a resume)
 * @param trainLoss             the objective the optimizer saw: reconstruction + beta * KL
 * @param trainNegativeElbo     reconstruction + KL (beta = 1), comparable with the test figure
 * @param trainReconstruction   -E_q[log p(x|z)] in training
 * @param trainKl               KL(q(z|x) || N(0, I)) in training
 * @param testNegativeElbo      test negative ELBO
 * @param testReconstruction    test reconstruction term
 * @param testKl                test KL term
 * @param seconds               wall time of the epoch's training steps (evaluation excluded)
 * @param examplesPerSecond     training throughput
 * @param activeUnits           latent dimensions whose posterior mean varies over the test data by more than
 *                              {@link LatentUsage#ACTIVE_THRESHOLD} (Burda et al. 2015)
 * @param klPerDimension        test mean KL(q(z_u|x) || N(0, 1)) of each latent dimension u, nats
 */
public record EpochMetrics(int epoch, double trainLoss, double trainNegativeElbo, double trainReconstruction,
                           double trainKl, double testNegativeElbo, double testReconstruction, double testKl,
                           double seconds, double examplesPerSecond, int activeUnits, List<Double> klPerDimension) {

    /** Copies the per-dimension list. */
    public EpochMetrics {
        klPerDimension = List.copyOf(klPerDimension);
    }

    /**
     * The row of an epoch that was evaluated on held-out data, with the latent usage measured on the same data.
     *
     * @throws IllegalArgumentException if the epoch had no validation evaluation
     */
    public static EpochMetrics of(EpochResult result, LatentUsage usage) {
        Evaluation test = result.validation();
        if (test == null) {
            throw new IllegalArgumentException("epoch " + result.epoch() + " has no held-out evaluation; expected "
                    + "fit(train, epochs, test) with a test iterator");
        }
        return new EpochMetrics(result.epoch(), result.loss(), result.reconstruction() + result.kl(),
                result.reconstruction(), result.kl(), test.negativeElbo(), test.reconstruction(), test.kl(),
                result.seconds(), result.examplesPerSecond(), usage.activeUnits(),
                Arrays.stream(usage.klPerDimension()).boxed().toList());
    }
}
