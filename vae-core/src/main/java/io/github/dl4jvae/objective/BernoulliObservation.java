package io.github.dl4jvae.objective;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Bernoulli p(x|z) on logits l: log p = sum(x * l - softplus(l)), for x in [0,1] (binary or grey levels; the binary cross-entropy
 * of PyTorch's VAE example). softplus is written as
 * {@code max(l, 0) + log1p(exp(-|l|))}, finite for every finite l; DL4J M2.1's built-in sigmoid
 * cross-entropy loss is not used because its gradient trains badly (see DL4J-NOTES).
 */
final class BernoulliObservation implements ObservationModel {

    @Override
    public int parametersPerValue() {
        return 1;
    }

    @Override
    public SDVariable logProbability(SameDiff sd, SDVariable x, SDVariable logits, int d) {
        // softplus(l) = max(l, 0) + log1p(exp(-|l|)), stable for any l; max(l, 0) as l * step(l) (see Activations).
        SDVariable softplus = logits.mul(sd.math().step(logits, 0.0))
                .add(sd.math().log1p(sd.math().exp(sd.math().abs(logits).neg())));
        return logits.mul(x).sub(softplus).sum(2);
    }

    @Override
    public SDVariable mean(SameDiff sd, SDVariable logits, int d) {
        return sd.nn().sigmoid(logits);
    }
}
