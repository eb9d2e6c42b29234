package io.github.dl4jvae.graph;

import io.github.dl4jvae.config.LogVarianceClamp;
import io.github.dl4jvae.config.Prior;
import io.github.dl4jvae.objective.DiagonalGaussian;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * log p(z) of a VAE's prior ({@link Prior}) in the graph: N(0, I), or the VampPrior (Tomczak and Welling 2018), the
 * mixture {@code 1/K sum_k N(z; m_k, diag(exp(s_k)))} of the encoder's posteriors at K learned pseudo-inputs u_k.
 *
 * <p>The VampPrior's pseudo-inputs are the parameter {@value #PSEUDO_INPUTS} {@code [K, D]}, clipped to [0, 1]
 * before the encoder reads them (the authors' hard-tanh; gradient 0 outside). Their encodings are the outputs
 * {@value VaeGraph#PRIOR_MEAN} and {@value VaeGraph#PRIOR_LOG_VARIANCE} {@code [K, k]}, the log-variance bounded by
 * the config's clamp as for data. The component log-densities of {@code N} codes are computed as matrix products,
 * {@code -1/2 (z^2 w^T - 2 z (m w)^T + c)} with {@code w = exp(-s)} and {@code c_k = sum_j (s_kj + m_kj^2 w_kj) +
 * k log 2 pi}, {@code [N, K]}, never the {@code [N, K, k]} array of differences: importance sampling with thousands
 * of codes per example would need gigabytes for it. The mixture is a log-sum-exp shifted by its maximum.
 */
final class PriorGraph {
    /** The VampPrior's pseudo-inputs {@code [K, D]}, before clipping. */
    static final String PSEUDO_INPUTS = "prior_pseudo_inputs";

    private final SameDiff sd;
    private final SDVariable mean;
    private final SDVariable logVariance;
    private final int components;

    private PriorGraph(SameDiff sd, SDVariable mean, SDVariable logVariance, int components) {
        this.sd = sd;
        this.mean = mean;
        this.logVariance = logVariance;
        this.components = components;
    }

    /** N(0, I). */
    static PriorGraph standard(SameDiff sd) {
        return new PriorGraph(sd, null, null, 0);
    }

    /**
     * The VampPrior of {@code prior.components()} pseudo-inputs of {@code inputSize} values, encoded by
     * {@code encoder}; creates the pseudo-inputs after every other parameter, so a model's other initial values do
     * not depend on its prior.
     */
    static PriorGraph vamp(LayerFactory layers, ParameterFactory parameters, Encoder encoder, Prior prior,
                           int inputSize, LogVarianceClamp clamp) {
        SameDiff sd = layers.sameDiff();
        SDVariable raw = parameters.normal(PSEUDO_INPUTS, Prior.PSEUDO_INPUT_MEAN, Prior.PSEUDO_INPUT_STD,
                prior.components(), inputSize);
        Encoder.Output encoded = encoder.apply(sd.math().clipByValue(raw, 0.0, 1.0), null);
        SDVariable mean = sd.identity(VaeGraph.PRIOR_MEAN, encoded.mean());
        SDVariable logVariance = sd.identity(VaeGraph.PRIOR_LOG_VARIANCE,
                VaeGraph.clamp(sd, encoded.logVariance(), clamp, null));
        return new PriorGraph(sd, mean, logVariance, prior.components());
    }

    /**
     * log p(z) of codes {@code z} {@code [L, n, k]}, summed over k, {@code [L, n]}.
     *
     * @param samplesAndExamples the shape {@code [L, n]} as a variable
     */
    SDVariable logDensity(SDVariable z, SDVariable samplesAndExamples, int latentSize) {
        if (mean == null) {
            return DiagonalGaussian.standardLogDensity(sd, z, 2);
        }
        SDVariable rows = z.reshape(-1, latentSize);                                                   // [N, k]
        SDVariable precision = sd.math().exp(logVariance.neg());                                         // [K, k]
        SDVariable quadratic = sd.mmul(sd.math().square(rows), precision, false, true, false);          // [N, K]
        SDVariable cross = sd.mmul(rows, mean.mul(precision), false, true, false);                      // [N, K]
        // Sums [1, K, k] over k: ND4J M2.1's reduce fails on a [K, k] array's size-1 axis when k = 1 (VaeGraph).
        SDVariable constant = sd.expandDims(logVariance.add(sd.math().square(mean).mul(precision)), 0)
                .sum(2).add(latentSize * DiagonalGaussian.LOG_2PI);                                      // [1, K]
        SDVariable componentLog = quadratic.sub(cross.mul(2.0)).add(constant).mul(-0.5);                // [N, K]
        SDVariable mixture = logSumExpOverComponents(componentLog).sub(Math.log(components));           // [N]
        return sd.reshape(mixture, samplesAndExamples);
    }

    /** log sum_k exp(x_k) over axis 1 of {@code [N, K]}, as {@code [N]}, through rank 3 (see {@link #logDensity}). */
    private SDVariable logSumExpOverComponents(SDVariable perComponent) {
        SDVariable rank3 = sd.expandDims(perComponent, 0);                                              // [1, N, K]
        SDVariable max = rank3.max(true, 2);                                                            // [1, N, 1]
        SDVariable sumExp = sd.math().exp(rank3.sub(max)).sum(2);                                       // [1, N]
        return sd.math().log(sumExp).add(max.reshape(1, -1)).reshape(-1);
    }
}
