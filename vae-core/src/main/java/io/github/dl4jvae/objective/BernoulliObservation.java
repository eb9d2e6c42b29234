package io.github.dl4jvae.objective;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Bernoulli p(x|z) on logits l: log p = sum(x * l - softplus(l)), for x in [0,1] (binary or grey levels; the binary
 * cross-entropy of PyTorch's VAE example). With softplus(l) = max(l, 0) + log1p(exp(-|l|)), finite for every finite l,
 * and max(l, 0) = l * step(l), each value is {@code l * (x - step(l)) - log1p(exp(-|l|))}: the fewest elementwise
 * passes over the [L, n, d] logits forward and backward (step's gradient is zero), summed by {@link ValueSums}.
 * DL4J M2.1's built-in sigmoid cross-entropy loss is not used because its gradient trains badly (see DL4J-NOTES).
 */
final class BernoulliObservation implements ObservationModel {

    @Override
    public int parametersPerValue() {
        return 1;
    }

    @Override
    public SDVariable logProbability(SameDiff sd, SDVariable x, SDVariable logits, int d) {
        // x * l - softplus(l) = l * (x - step(l)) - log1p(exp(-|l|)); step as in Activations.
        SDVariable logOnePlusExp = sd.math().log1p(sd.math().exp(sd.math().abs(logits).neg()));
        return ValueSums.overValues(sd, logits.mul(x.sub(sd.math().step(logits, 0.0))).sub(logOnePlusExp), d);
    }

    @Override
    public SDVariable mean(SameDiff sd, SDVariable logits, int d) {
        return sd.nn().sigmoid(logits);
    }
}
