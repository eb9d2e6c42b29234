package io.github.dl4jvae.layers;

import io.github.dl4jvae.config.Likelihood;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * -log p(x | decoder parameters) per value and its gradient, as plain ND4J array maths (no SameDiff), for the
 * three observation models of {@link Likelihood}; {@code x} is {@code [n, d]}, the parameters
 * {@code [n, d * parametersPerValue]}. Same conventions as {@code io.github.dl4jvae.objective}:
 * <ul>
 *   <li>Bernoulli on logits l: {@code softplus(l) - x l}, softplus written {@code max(l, 0) + log1p(exp(-|l|))};
 *       gradient {@code sigmoid(l) - x}.</li>
 *   <li>Gaussian with fixed variance v on means m: {@code ((x - m)^2 / v + log(2 pi v)) / 2}; gradient
 *       {@code (m - x) / v}.</li>
 *   <li>Gaussian with learned variance, means m = columns {@code [0, d)}, log-variances s = {@code [d, 2d)}:
 *       {@code ((x - m)^2 exp(-s) + s + log 2 pi) / 2}; gradients {@code (m - x) exp(-s)} and
 *       {@code (1 - (x - m)^2 exp(-s)) / 2}.</li>
 * </ul>
 */
final class ReconstructionTerms {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private ReconstructionTerms() {
    }

    /** Per-example -log p(x | parameters), summed over the d values: {@code [n, 1]}, nats. */
    static INDArray negativeLogLikelihood(Likelihood likelihood, double fixedVariance, INDArray x, INDArray parameters) {
        long d = x.size(1);
        INDArray perValue = switch (likelihood) {
            case BERNOULLI -> {
                INDArray softplus = Transforms.log1p(Transforms.exp(Transforms.abs(parameters, true).negi(), false),
                        false).addi(Transforms.relu(parameters, true));
                yield softplus.subi(parameters.mul(x));
            }
            case GAUSSIAN_FIXED_VARIANCE -> {
                INDArray diff = parameters.sub(x);
                yield diff.muli(diff).divi(fixedVariance).addi(Math.log(2 * Math.PI * fixedVariance)).muli(0.5);
            }
            case GAUSSIAN_LEARNED_VARIANCE -> {
                INDArray mean = parameters.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d));
                INDArray logVariance = parameters.get(NDArrayIndex.all(), NDArrayIndex.interval(d, 2 * d));
                INDArray diff = mean.sub(x);
                yield diff.muli(diff).muli(Transforms.exp(logVariance.neg(), false)).addi(logVariance).addi(LOG_2PI)
                        .muli(0.5);
            }
        };
        return perValue.sum(true, 1);
    }

    /** d(-log p(x | parameters)) / d parameters, {@code [n, d * parametersPerValue]}. */
    static INDArray gradient(Likelihood likelihood, double fixedVariance, INDArray x, INDArray parameters) {
        long d = x.size(1);
        return switch (likelihood) {
            case BERNOULLI -> Transforms.sigmoid(parameters, true).subi(x);
            case GAUSSIAN_FIXED_VARIANCE -> parameters.sub(x).divi(fixedVariance);
            case GAUSSIAN_LEARNED_VARIANCE -> {
                INDArray mean = parameters.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d));
                INDArray logVariance = parameters.get(NDArrayIndex.all(), NDArrayIndex.interval(d, 2 * d));
                INDArray precision = Transforms.exp(logVariance.neg(), false);
                INDArray diff = mean.sub(x);
                INDArray out = parameters.ulike();
                INDArray dMean = diff.mul(precision);
                out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d)).assign(dMean);
                out.get(NDArrayIndex.all(), NDArrayIndex.interval(d, 2 * d))
                        .assign(dMean.muli(diff).rsubi(1.0).muli(0.5));
                yield out;
            }
        };
    }
}
