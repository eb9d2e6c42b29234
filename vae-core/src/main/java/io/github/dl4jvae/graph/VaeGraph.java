package io.github.dl4jvae.graph;

import io.github.dl4jvae.config.KlEstimator;
import io.github.dl4jvae.config.KlSchedule;
import io.github.dl4jvae.config.Objective;
import io.github.dl4jvae.config.LogVarianceClamp;
import io.github.dl4jvae.config.Precision;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.objective.DiagonalGaussian;
import io.github.dl4jvae.objective.ObservationModel;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A VAE as one SameDiff graph (Kingma &amp; Welling 2013). Shapes: {@code n} examples of {@code D} values,
 * {@code L} samples of z per example, latent size {@code k}.
 *
 * <p>Placeholders:
 * <ul>
 *   <li>{@value #X}: data {@code [n, D]}, flattened in (C, H, W) order;</li>
 *   <li>{@value #EPSILON}: standard normal noise {@code [L, n, k]}. The reparameterization
 *       {@code z = mu + exp(logVar / 2) * eps} takes it as input because SameDiff's dynamic-shape random
 *       ops repeat their numbers (DL4J-NOTES); the caller draws it from its own seeded RNG;</li>
 *   <li>{@value #Z}: latent codes {@code [n, k]} for the decoder alone;</li>
 *   <li>{@value #LABEL}: only in a conditional VAE ({@link VaeConfig#conditionClasses()} = C &gt; 0): the one-hot
 *       class labels {@code [n, C]} of the examples (with {@value #X}) or of the codes (with {@value #Z}).</li>
 * </ul>
 * A conditional VAE (Sohn, Lee and Yan 2015) concatenates the label to the encoder's input (for CONV, to the
 * flattened convolution features) and to the decoder's input {@code [z, y]}; each example's label is repeated for
 * its L samples of z. With C = 0 the graph, its parameter names and their shapes are those of the plain VAE.
 * Outputs (per example values are in nats):
 * <ul>
 *   <li>{@value #MEAN}, {@value #LOG_VARIANCE}: q(z|x), {@code [n, k]} (needs {@value #X}); the log-variance is
 *       bounded by the config's {@link LogVarianceClamp} when it has one;</li>
 *   <li>{@value #RECONSTRUCTION}: -1/L sum_l log p(x|z_l), {@code [n]};</li>
 *   <li>{@value #KL}: KL(q(z|x) || p(z)), closed form or Monte-Carlo per the config, {@code [n]}; p(z) is N(0, I) or
 *       the VampPrior ({@link PriorGraph}), whose components are the outputs {@value #PRIOR_MEAN} and
 *       {@value #PRIOR_LOG_VARIANCE} {@code [K, k]} (they need no placeholder);</li>
 *   <li>{@value #NEGATIVE_ELBO}: reconstruction + KL (beta = 1), {@code [n]};</li>
 *   <li>{@value #LOSS}: the training loss ({@link Objective}), scalar: for the ELBO
 *       {@code mean(reconstruction) + w * klTerm}, with {@code klTerm} the mean KL, or
 *       {@code sum_j max(freeBits, mean KL_j)} with free bits, and for a capacity schedule
 *       {@code |klTerm - C|}; for IWAE {@code -mean(log 1/L sum_l exp(logWeight))}. The KL weight {@code w} and the
 *       capacity {@code C} are the constants {@value #KL_WEIGHT} and {@value #CAPACITY}, which
 *       {@link #setKlWeight} changes between steps;</li>
 *   <li>{@value #LOG_WEIGHT}: log p(x|z_l) + log p(z_l) - log q(z_l|x), {@code [L, n]}, for importance
 *       sampling (Burda et al. 2015);</li>
 *   <li>{@value #DECODED_MEAN}: the mean of p(x|z) at {@value #Z}, {@code [n, D]} (needs only {@value #Z}).</li>
 * </ul>
 *
 * <p>The deterministic autoencoder ({@code Objective.Kind.AE}) is the same encoder without its log-variance head and
 * the same decoder, applied to the code {@value #MEAN} itself: no noise (it declares {@value #EPSILON}, which
 * callers may feed, but never reads it), no {@value #LOG_VARIANCE} and no {@value #LOG_WEIGHT}.
 * {@value #RECONSTRUCTION} is {@code -log p(x | z = mean)}, {@value #KL} is zero, {@value #NEGATIVE_ELBO} equals the
 * reconstruction (a loss, not a bound on anything), and {@value #LOSS} is the mean reconstruction.
 */
public final class VaeGraph {
    public static final String X = "x";
    public static final String EPSILON = "eps";
    public static final String Z = "z";
    public static final String LABEL = "label";
    public static final String MEAN = "mean";
    public static final String LOG_VARIANCE = "logVariance";
    public static final String RECONSTRUCTION = "reconstruction";
    public static final String KL = "kl";
    public static final String NEGATIVE_ELBO = "negativeElbo";
    public static final String LOSS = "loss";
    public static final String LOG_WEIGHT = "logWeight";
    public static final String DECODED_MEAN = "decodedMean";
    public static final String KL_WEIGHT = "klWeight";
    public static final String CAPACITY = "capacity";
    /** The VampPrior's component means {@code [K, k]}: its pseudo-inputs' encodings (only in VampPrior graphs). */
    public static final String PRIOR_MEAN = "priorMean";
    /** The VampPrior's component log-variances {@code [K, k]} (only in VampPrior graphs). */
    public static final String PRIOR_LOG_VARIANCE = "priorLogVariance";
    /** The encoder's log-variance before {@link LogVarianceClamp} bounds it; only in graphs with a clamp. */
    static final String UNCLAMPED_LOG_VARIANCE = "logVarianceUnclamped";

    private final SameDiff sameDiff;
    private final List<String> parameterNames;

    private VaeGraph(SameDiff sameDiff) {
        this.sameDiff = sameDiff;
        this.parameterNames = sameDiff.variables().stream()
                .filter(v -> v.getVariableType() == VariableType.VARIABLE)
                .map(SDVariable::name)
                .sorted()
                .toList();
    }

    /** Builds the graph with parameters initialised from {@link VaeConfig#seed()}. */
    public static VaeGraph build(VaeConfig config) {
        SameDiff sd = SameDiff.create();
        DataType dataType = dataType(config.precision());
        int d = config.inputShape().size();
        int k = config.latentSize();
        int classes = config.conditionClasses();
        ParameterFactory parameters = new ParameterFactory(sd, dataType, config.seed());
        LayerFactory layers = new LayerFactory(sd, parameters);
        ObservationModel observation = ObservationModel.of(config);

        SDVariable x = sd.placeHolder(X, dataType, -1, d);
        SDVariable eps = sd.placeHolder(EPSILON, dataType, -1, -1, k);
        SDVariable zIn = sd.placeHolder(Z, dataType, -1, k);
        SDVariable label = config.conditional() ? sd.placeHolder(LABEL, dataType, -1, classes) : null;

        boolean autoencoder = config.objective().autoencoder();
        Encoder encoder = new Encoder(layers, config.inputShape(), config.network(), k, classes, autoencoder);
        Encoder.Output posterior = encoder.apply(x, label);
        SDVariable mu = sd.identity(MEAN, posterior.mean());
        Decoder decoder = new Decoder(layers, config.inputShape(), config.network(), k + classes,
                observation.parametersPerValue());
        if (autoencoder) {
            sd.setLossVariables(autoencoderLoss(sd, observation, decoder, x, mu, d));
        } else {
            PriorGraph prior = config.prior().vamp()
                    ? PriorGraph.vamp(layers, parameters, encoder, config.prior(), d, config.logVarianceClamp())
                    : PriorGraph.standard(sd);
            sd.setLossVariables(variational(sd, config, dataType, observation, decoder, prior, x, eps, label,
                    new SDVariable[] {mu, posterior.logVariance()}));
        }

        sd.identity(DECODED_MEAN, observation.mean(sd,
                decoder.apply(label == null ? zIn : sd.concat(1, zIn, label)), d));
        // Builds the backward graph now, without SameDiff's line per op on standard output (see SameDiffChatter).
        SameDiffChatter.quietly(() -> {
            sd.createGradFunction();
            return null;
        });
        return new VaeGraph(sd);
    }

    /**
     * The autoencoder's terms ({@code Objective.Kind.AE}): the decoder applied to the code {@code mu} itself, no
     * noise; {@value #RECONSTRUCTION} is -log p(x | z = mu) {@code [n]}, {@value #KL} zeros {@code [n]} (there is no
     * KL term), {@value #NEGATIVE_ELBO} equal to the reconstruction (not a bound: an autoencoder has none), and the
     * returned {@value #LOSS} their mean over the batch.
     */
    private static SDVariable autoencoderLoss(SameDiff sd, ObservationModel observation, Decoder decoder,
                                              SDVariable x, SDVariable mu, int d) {
        SDVariable parameters3 = sd.expandDims(decoder.apply(mu), 0);                                // [1, n, D*m]
        SDVariable logPxz = observation.logProbability(sd, sd.expandDims(x, 0), parameters3, d);   // [1, n]
        SDVariable reconstruction = sd.identity(RECONSTRUCTION, meanOverSamples(sd, logPxz).neg());
        sd.identity(KL, sd.zerosLike(reconstruction));
        sd.identity(NEGATIVE_ELBO, reconstruction);
        return sd.identity(LOSS, reconstruction.mean());
    }

    /**
     * The VAE's terms: the reparameterization over L samples, {@value #RECONSTRUCTION}, {@value #KL},
     * {@value #NEGATIVE_ELBO}, {@value #LOG_WEIGHT}, {@value #LOG_VARIANCE}; returns the {@value #LOSS} of the
     * configured objective.
     *
     * @param posterior the encoder's mean (already named {@value #MEAN}) and unclamped log-variance
     */
    private static SDVariable variational(SameDiff sd, VaeConfig config, DataType dataType,
                                          ObservationModel observation, Decoder decoder, PriorGraph prior,
                                          SDVariable x, SDVariable eps,
                                          SDVariable label, SDVariable[] posterior) {
        int d = config.inputShape().size();
        int k = config.latentSize();
        int classes = config.conditionClasses();
        SDVariable mu = posterior[0];
        SDVariable logVar = sd.identity(LOG_VARIANCE, clamp(sd, posterior[1], config.logVarianceClamp(),
                UNCLAMPED_LOG_VARIANCE));

        // Reparameterization over L samples: [1, n, k] + [1, n, k] * [L, n, k].
        SDVariable mu3 = sd.expandDims(mu, 0);
        SDVariable logVar3 = sd.expandDims(logVar, 0);
        SDVariable z = mu3.add(sd.math().exp(logVar3.mul(0.5)).mul(eps));
        SDVariable zRows = z.reshape(-1, k);                                                         // [L * n, k]
        SDVariable samplesAndExamples = sd.stridedSlice(eps.shape(), new long[] {0}, new long[] {2}, new long[] {1});
        SDVariable parameters = decoder.apply(label == null ? zRows
                : sd.concat(1, zRows, repeatOverSamples(sd, label, samplesAndExamples, dataType, classes)));
        SDVariable parameterShape = sd.concat(0, samplesAndExamples,
                sd.constant(Nd4j.createFromArray((long) d * observation.parametersPerValue())));
        SDVariable parameters3 = sd.reshape(parameters, parameterShape);

        SDVariable logPxz = observation.logProbability(sd, sd.expandDims(x, 0), parameters3, d);   // [L, n]
        SDVariable logPz = prior.logDensity(z, samplesAndExamples, k);                              // [L, n]
        SDVariable logQzx = DiagonalGaussian.logDensity(sd, z, mu3, logVar3, 2);                   // [L, n]
        SDVariable logWeight = sd.identity(LOG_WEIGHT, logPxz.add(logPz).sub(logQzx));

        SDVariable reconstruction = sd.identity(RECONSTRUCTION, meanOverSamples(sd, logPxz).neg());
        // The analytic KL sums [1, n, k] over k: summing [n, k] over axis 1 fails for k = 1 in ND4J M2.1 (its
        // reduce takes a "no-op" shortcut for a size-1 axis and finds no input inside SameDiff).
        // (A VampPrior's config has the Monte-Carlo estimator: VaeConfig refuses the analytic one.)
        SDVariable kl = config.klEstimator() == KlEstimator.ANALYTIC
                ? DiagonalGaussian.klToStandardNormal(sd, mu3, logVar3, 2).reshape(-1)
                : meanOverSamples(sd, logQzx.sub(logPz));
        kl = sd.identity(KL, kl);
        sd.identity(NEGATIVE_ELBO, reconstruction.add(kl));
        return sd.identity(LOSS, loss(sd, config, dataType, reconstruction, kl, mu, logVar, logWeight));
    }

    /** The training loss of the configured {@link Objective}; see the class comment. */
    private static SDVariable loss(SameDiff sd, VaeConfig config, DataType dataType, SDVariable reconstruction,
                                   SDVariable kl, SDVariable mu, SDVariable logVar, SDVariable logWeight) {
        Objective objective = config.objective();
        if (objective.kind() == Objective.Kind.IWAE) {
            return logMeanExpOverSamples(sd, logWeight).neg().mean();
        }
        KlSchedule schedule = objective.klSchedule();
        SDVariable weight = sd.constant(KL_WEIGHT, Nd4j.scalar(dataType, schedule.weight(0, config.beta())));
        SDVariable capacity = sd.constant(CAPACITY, Nd4j.scalar(dataType, schedule.capacity(0)));
        SDVariable klTerm = objective.freeBits() > 0
                ? sd.math().max(meanOverSamples(sd, DiagonalGaussian.klToStandardNormalPerValue(sd, mu, logVar)),
                        sd.constant(Nd4j.scalar(dataType, objective.freeBits()))).sum()
                : kl.mean();
        if (schedule.shape() == KlSchedule.Shape.CAPACITY) {
            klTerm = sd.math().abs(klTerm.sub(capacity));
        }
        return reconstruction.mean().add(klTerm.mul(weight));
    }

    /**
     * Each example's label repeated for each of its L samples, {@code [L * n, C]}, row {@code l * n + i} holding
     * example i's label: the row order of {@code z.reshape(-1, k)} for z {@code [L, n, k]}. Broadcasts
     * {@code [1, n, C]} against ones {@code [L, n, 1]} and flattens the first two axes.
     *
     * @param samplesAndExamples {@code [L, n]}: epsilon's first two axes
     */
    private static SDVariable repeatOverSamples(SameDiff sd, SDVariable label, SDVariable samplesAndExamples,
                                                DataType dataType, int classes) {
        SDVariable ones = sd.fill(sd.concat(0, samplesAndExamples, sd.constant(Nd4j.createFromArray(1L))), dataType,
                1.0);
        return ones.mul(sd.expandDims(label, 0)).reshape(-1, classes);
    }

    /**
     * The KL weight and capacity of the loss for the next steps (see {@link KlSchedule}); a no-op for IWAE,
     * which has neither.
     */
    public void setKlWeight(double weight, double capacity) {
        if (sameDiff.hasVariable(KL_WEIGHT)) {
            INDArray weightArray = sameDiff.getArrForVarName(KL_WEIGHT);
            INDArray capacityArray = sameDiff.getArrForVarName(CAPACITY);
            // Unchanged values (every step of a constant schedule) cost no native call.
            if (weightArray.getDouble(0) != (weightArray.dataType() == DataType.FLOAT ? (float) weight : weight)) {
                weightArray.assign(weight);
            }
            if (capacityArray.getDouble(0) != (capacityArray.dataType() == DataType.FLOAT ? (float) capacity
                    : capacity)) {
                capacityArray.assign(capacity);
            }
        }
    }

    /**
     * An encoder's log-variance bounded by {@code clamp} ({@code clipByValue}: gradient 1 inside the bounds, 0
     * outside), or unchanged, with no op added, when the clamp is off. The unclamped values are named
     * {@code unclampedName} when it is not null.
     */
    static SDVariable clamp(SameDiff sd, SDVariable logVariance, LogVarianceClamp clamp, String unclampedName) {
        if (!clamp.enabled()) {
            return logVariance;
        }
        SDVariable raw = unclampedName == null ? logVariance : sd.identity(unclampedName, logVariance);
        double min = Double.isFinite(clamp.min()) ? clamp.min() : -Double.MAX_VALUE;
        double max = Double.isFinite(clamp.max()) ? clamp.max() : Double.MAX_VALUE;
        return sd.math().clipByValue(raw, min, max);
    }

    /**
     * Mean over axis 0 of {@code [L, n]} (or of examples {@code [n, k]}), as {@code [n]} (or {@code [k]}). Goes through rank 3 because ND4J M2.1's reduce of a
     * row vector {@code [1, n]} over its size-1 axis takes a "no-op" shortcut that fails inside SameDiff.
     */
    private static SDVariable meanOverSamples(SameDiff sd, SDVariable perSample) {
        return sd.expandDims(perSample, 2).mean(0).reshape(-1);
    }

    /** log(1/L sum_l exp(w_l)) over axis 0 of {@code [L, n]}, as {@code [n]}, shifted by the maximum for stability. */
    private static SDVariable logMeanExpOverSamples(SameDiff sd, SDVariable perSample) {
        SDVariable rank3 = sd.expandDims(perSample, 2);
        SDVariable max = rank3.max(true, 0);
        SDVariable meanExp = sd.math().exp(rank3.sub(max)).mean(0);
        return sd.math().log(meanExp).add(max.reshape(-1, 1)).reshape(-1);
    }

    /** The ND4J data type of a precision. */
    public static DataType dataType(Precision precision) {
        return precision == Precision.DOUBLE ? DataType.DOUBLE : DataType.FLOAT;
    }

    /** The SameDiff instance: parameters, placeholders and outputs named as documented above. */
    public SameDiff sameDiff() {
        return sameDiff;
    }

    /** Names of the trainable parameters, sorted. */
    public List<String> parameterNames() {
        return parameterNames;
    }

    /**
     * Names of the decoder's parameters, sorted: the only parameters the KL term does not depend on, so a bad
     * gradient there comes from the reconstruction term.
     */
    public List<String> decoderParameterNames() {
        return parameterNames.stream().filter(name -> name.startsWith(Decoder.PREFIX)).toList();
    }
}
