package io.github.dl4jvae.objective;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Gaussian p(x|z) = N(mean, diag(exp(logVar))) whose mean and log-variance the decoder outputs per value
 * (Kingma &amp; Welling 2013, appendix C.2): columns {@code [0, d)} are means, {@code [d, 2d)} log-variances.
 */
final class LearnedVarianceGaussianObservation implements ObservationModel {

    @Override
    public int parametersPerValue() {
        return 2;
    }

    @Override
    public SDVariable logProbability(SameDiff sd, SDVariable x, SDVariable parameters, int d) {
        SDVariable mean = parameters.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(0, d));
        SDVariable logVar = parameters.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(d, 2 * d));
        return DiagonalGaussian.logDensity(sd, x, mean, logVar, 2);
    }

    @Override
    public SDVariable mean(SameDiff sd, SDVariable parameters, int d) {
        return parameters.get(SDIndex.all(), SDIndex.interval(0, d));
    }
}
