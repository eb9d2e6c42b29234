package io.github.dl4jvae.objective;

import io.github.dl4jvae.config.Likelihood;
import io.github.dl4jvae.config.VaeConfig;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The decoder's observation model p(x|z): how the decoder's raw outputs ("parameters") score data and what
 * its mean is. Parameters of {@code d} values take {@code d * parametersPerValue()} columns: for the learned-
 * variance Gaussian, the first {@code d} are means and the next {@code d} log-variances.
 */
public interface ObservationModel {

    /** The model a configuration names. */
    static ObservationModel of(VaeConfig config) {
        return of(config.likelihood(), config.fixedVariance());
    }

    /** The model for a likelihood; {@code fixedVariance} is used by the fixed-variance Gaussian only. */
    static ObservationModel of(Likelihood likelihood, double fixedVariance) {
        return switch (likelihood) {
            case BERNOULLI -> new BernoulliObservation();
            case GAUSSIAN_FIXED_VARIANCE -> new FixedVarianceGaussianObservation(fixedVariance);
            case GAUSSIAN_LEARNED_VARIANCE -> new LearnedVarianceGaussianObservation();
        };
    }

    /** Decoder outputs per data value: 1 or 2. */
    int parametersPerValue();

    /**
     * log p(x | parameters) in nats, summed over the last axis of a rank-3 layout.
     *
     * @param x          data, {@code [1, n, d]} (broadcast over samples)
     * @param parameters decoder outputs, {@code [L, n, d * parametersPerValue()]}
     * @param d          number of data values per example
     * @return {@code [L, n]}
     */
    SDVariable logProbability(SameDiff sd, SDVariable x, SDVariable parameters, int d);

    /**
     * The mean of p(x|z): sigmoid of the logits (Bernoulli) or the Gaussian mean.
     *
     * @param parameters decoder outputs, {@code [n, d * parametersPerValue()]}
     * @return {@code [n, d]}
     */
    SDVariable mean(SameDiff sd, SDVariable parameters, int d);
}
