package io.github.dl4jvae.objective;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Bernoulli p(x|z) on logits l: log p = sum(x * l - softplus(l)), for x in [0,1] (binary or grey levels; the binary
 * cross-entropy of PyTorch's VAE example). With softplus(l) = max(l, 0) + log1p(exp(-|l|)), finite for every finite l,
 * max(l, 0) = l * step(l) and log1p(exp(-a)) = log 2 - log1p(tanh(a / 2)), each value is
 * {@code l * (x - step(l)) + log1p(tanh(|l| / 2)) - log 2}: the fewest elementwise passes over the [L, n, d] logits
 * forward and backward (step's gradient is zero), with {@code tanh}, which libnd4j's oneDNN build vectorizes
 * (~0.3 ms for 512 x 784 values on one core), in place of {@code exp} (~1 ms); the absolute error stays below 1e-7
 * per value in float. {@code log 2} is subtracted once per sum, which {@link ValueSums} computes. DL4J M2.1's
 * built-in sigmoid cross-entropy loss is not used because its gradient trains badly (see DL4J-NOTES).
 */
final class BernoulliObservation implements ObservationModel {

    @Override
    public int parametersPerValue() {
        return 1;
    }

    @Override
    public SDVariable logProbability(SameDiff sd, SDVariable x, SDVariable logits, int d) {
        // x * l - softplus(l) = l * (x - step(l)) + log1p(tanh(|l| / 2)) - log 2; step as in Activations.
        SDVariable logOnePlusTanh = sd.math().log1p(sd.math().tanh(sd.math().abs(logits).mul(0.5)));
        SDVariable perValue = logits.mul(x.sub(sd.math().step(logits, 0.0))).add(logOnePlusTanh);
        return ValueSums.overValues(sd, perValue, d).sub(d * Math.log(2));
    }

    @Override
    public SDVariable mean(SameDiff sd, SDVariable logits, int d) {
        return sd.nn().sigmoid(logits);
    }
}
