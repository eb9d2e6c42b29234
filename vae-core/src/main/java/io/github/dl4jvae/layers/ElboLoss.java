package io.github.dl4jvae.layers;

import io.github.dl4jvae.config.Likelihood;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The VAE's output loss for a DL4J {@code LossLayer}: the per-example negative ELBO (Kingma &amp; Welling 2013,
 * eq. 3), in nats, {@code -log p(x|z) + sum of penalty columns}, where the penalty column is the
 * {@code beta * KL} of a {@link KlDivergenceVertex}.
 *
 * <p>Shapes: labels {@code x} are {@code [n, D]} (the data itself: a VAE reconstructs its input); the layer's
 * input ("pre-output") is {@code [n, D * m + p]}: first the decoder's {@code D * m} parameters of p(x|z)
 * ({@code m = likelihood.parametersPerValue()}: logits for {@link Likelihood#BERNOULLI}, means for
 * {@link Likelihood#GAUSSIAN_FIXED_VARIANCE}, means then log-variances for
 * {@link Likelihood#GAUSSIAN_LEARNED_VARIANCE}), then {@code p = penaltyColumns} columns that are added to the
 * loss as they are (gradient 1). The activation must be the identity.
 *
 * <p>Scores: {@link #computeScoreArray} gives one value per example, {@code [n, 1]}; {@link #computeScore} their
 * sum, or mean with {@code average}. DL4J's {@code LossLayer} divides by the minibatch size, so a network's
 * {@code score()} is the mean per-example {@code -log p(x|z) + beta * KL}: the negative ELBO when beta = 1, at the
 * z its reparameterization vertex produced (a sample in training; the mean at inference unless sampling at
 * inference is on). A per-example mask {@code [n, 1]} (0 or 1) multiplies each example's loss.
 *
 * <p>Configuration: a no-argument constructor and bean properties, for DL4J's JSON and {@code ModelSerializer}.
 */
public class ElboLoss implements ILossFunction {
    private static final long serialVersionUID = 1L;

    private Likelihood likelihood;
    private double fixedVariance;
    private int penaltyColumns;

    /** Bernoulli, variance 1 (unused), one penalty column; for JSON. */
    public ElboLoss() {
        this(Likelihood.BERNOULLI, 1.0, 1);
    }

    /**
     * @param likelihood     the observation model p(x|z)
     * @param fixedVariance  the variance of {@link Likelihood#GAUSSIAN_FIXED_VARIANCE}, in (0, 1e6]; ignored otherwise
     * @param penaltyColumns number of trailing input columns added to the loss (1 for the KL vertex), in [0, 16]
     * @throws IllegalArgumentException naming the bad value
     */
    public ElboLoss(Likelihood likelihood, double fixedVariance, int penaltyColumns) {
        this.likelihood = checkLikelihood(likelihood);
        this.fixedVariance = checkVariance(fixedVariance);
        this.penaltyColumns = checkPenaltyColumns(penaltyColumns);
    }

    private static Likelihood checkLikelihood(Likelihood likelihood) {
        if (likelihood == null) {
            throw new IllegalArgumentException("ElboLoss: likelihood is null; expected one of "
                    + Arrays.toString(Likelihood.values()));
        }
        return likelihood;
    }

    private static double checkVariance(double variance) {
        if (!(variance > 0 && variance <= 1e6)) {
            throw new IllegalArgumentException("ElboLoss: fixedVariance must be in (0, 1e6], got " + variance);
        }
        return variance;
    }

    private static int checkPenaltyColumns(int columns) {
        if (columns < 0 || columns > 16) {
            throw new IllegalArgumentException("ElboLoss: penaltyColumns must be in [0, 16], got " + columns);
        }
        return columns;
    }

    /** The observation model. */
    public Likelihood getLikelihood() {
        return likelihood;
    }

    /** @see #getLikelihood() */
    public void setLikelihood(Likelihood likelihood) {
        this.likelihood = checkLikelihood(likelihood);
    }

    /** The variance of a fixed-variance Gaussian decoder. */
    public double getFixedVariance() {
        return fixedVariance;
    }

    /** @see #getFixedVariance() */
    public void setFixedVariance(double fixedVariance) {
        this.fixedVariance = checkVariance(fixedVariance);
    }

    /** Number of trailing input columns added to the loss as they are. */
    public int getPenaltyColumns() {
        return penaltyColumns;
    }

    /** @see #getPenaltyColumns() */
    public void setPenaltyColumns(int penaltyColumns) {
        this.penaltyColumns = checkPenaltyColumns(penaltyColumns);
    }

    /** Validates the arrays; returns the number of decoder-parameter columns. */
    private long check(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        checkLikelihood(likelihood);
        if (!(activationFn instanceof ActivationIdentity)) {
            throw new IllegalArgumentException("ElboLoss needs the identity activation (its input holds raw decoder "
                    + "parameters), got " + activationFn);
        }
        if (labels == null || labels.rank() != 2) {
            throw new IllegalArgumentException("ElboLoss: labels have shape "
                    + (labels == null ? "null" : Arrays.toString(labels.shape()))
                    + "; expected the data itself, [n, D] (e.g. features as labels)");
        }
        long d = labels.size(1);
        long parameters = d * likelihood.parametersPerValue();
        long expected = parameters + penaltyColumns;
        if (preOutput != null && preOutput.rank() == 2 && preOutput.size(1) != expected) {
            long width = preOutput.size(1) - penaltyColumns;
            int m = likelihood.parametersPerValue();
            if (width > 0 && width % m == 0) {
                throw new IllegalArgumentException("ElboLoss: labels have shape " + Arrays.toString(labels.shape())
                        + " but the decoder produces " + likelihood + " parameters for " + (width / m)
                        + " values per example (input " + Arrays.toString(preOutput.shape()) + " = " + width
                        + " parameters + " + penaltyColumns + " penalty column(s)); the labels of a VAE are its data, "
                        + "[n, " + (width / m) + "], not class labels: wrap the iterator in FeaturesAsLabelsIterator");
            }
        }
        if (preOutput == null || preOutput.rank() != 2 || preOutput.size(1) != expected
                || preOutput.size(0) != labels.size(0)) {
            throw new IllegalArgumentException("ElboLoss: input has shape "
                    + (preOutput == null ? "null" : Arrays.toString(preOutput.shape())) + " for labels of shape "
                    + Arrays.toString(labels.shape()) + "; expected [" + labels.size(0) + ", " + expected + "]: " + d
                    + " values x " + likelihood.parametersPerValue() + " decoder parameter(s) for " + likelihood
                    + ", then " + penaltyColumns + " penalty column(s) (the KL vertex's output)");
        }
        if (mask != null && (mask.length() != labels.size(0))) {
            throw new IllegalArgumentException("ElboLoss: mask has shape " + Arrays.toString(mask.shape())
                    + "; expected one value per example, [" + labels.size(0) + ", 1]");
        }
        return parameters;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        long parameters = check(labels, preOutput, activationFn, mask);
        INDArray x = labels.castTo(preOutput.dataType());
        INDArray decoder = preOutput.get(NDArrayIndex.all(), NDArrayIndex.interval(0, parameters));
        INDArray score = ReconstructionTerms.negativeLogLikelihood(likelihood, fixedVariance, x, decoder);
        if (penaltyColumns > 0) {
            score.addi(preOutput.get(NDArrayIndex.all(), NDArrayIndex.interval(parameters, parameters + penaltyColumns))
                    .sum(true, 1));
        }
        if (mask != null) {
            score.muli(mask.reshape(score.shape()).castTo(score.dataType()));
        }
        return score;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? sum / labels.size(0) : sum;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        long parameters = check(labels, preOutput, activationFn, mask);
        INDArray x = labels.castTo(preOutput.dataType());
        INDArray decoder = preOutput.get(NDArrayIndex.all(), NDArrayIndex.interval(0, parameters));
        INDArray gradient = preOutput.ulike();
        gradient.get(NDArrayIndex.all(), NDArrayIndex.interval(0, parameters))
                .assign(ReconstructionTerms.gradient(likelihood, fixedVariance, x, decoder));
        if (penaltyColumns > 0) {
            gradient.get(NDArrayIndex.all(), NDArrayIndex.interval(parameters, parameters + penaltyColumns)).assign(1.0);
        }
        if (mask != null) {
            gradient.muliColumnVector(mask.reshape(labels.size(0), 1).castTo(gradient.dataType()));
        }
        return gradient;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ElboLoss other && other.likelihood == likelihood
                && Double.compare(other.fixedVariance, fixedVariance) == 0 && other.penaltyColumns == penaltyColumns;
    }

    @Override
    public int hashCode() {
        return Objects.hash(likelihood, fixedVariance, penaltyColumns);
    }

    @Override
    public String toString() {
        return "ElboLoss(likelihood=" + likelihood
                + (likelihood == Likelihood.GAUSSIAN_FIXED_VARIANCE ? ", fixedVariance=" + fixedVariance : "")
                + ", penaltyColumns=" + penaltyColumns + ")";
    }
}
