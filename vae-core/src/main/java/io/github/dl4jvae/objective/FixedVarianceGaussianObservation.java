package io.github.dl4jvae.objective;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Gaussian p(x|z) = N(mean, variance * I) with a fixed variance: log p = -1/2 sum((x - mean)^2 / variance
 * + log(2 pi variance)). Maximizing it is least squares, as MLE of linear regression is mean squared error.
 */
final class FixedVarianceGaussianObservation implements ObservationModel {
    private final double variance;

    FixedVarianceGaussianObservation(double variance) {
        this.variance = variance;
    }

    @Override
    public int parametersPerValue() {
        return 1;
    }

    @Override
    public SDVariable logProbability(SameDiff sd, SDVariable x, SDVariable mean, int d) {
        // The constant and the scale applied once to the [L, n] sums, not to every value.
        double constant = d * Math.log(2 * Math.PI * variance);
        return ValueSums.overValues(sd, sd.math().square(mean.sub(x)), d).mul(-0.5 / variance).sub(0.5 * constant);
    }

    @Override
    public SDVariable mean(SameDiff sd, SDVariable parameters, int d) {
        return sd.identity(parameters);
    }
}
