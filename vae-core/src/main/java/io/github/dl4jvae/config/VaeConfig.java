package io.github.dl4jvae.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The whole configuration of a VAE (Kingma &amp; Welling 2013, "Auto-Encoding Variational Bayes"):
 * model, objective and optimizer. Immutable and validated; every bad value is rejected here with a message
 * naming it and its allowed range. Defaults ({@link #builder()}) are the 784-400-20 MLP with a Bernoulli
 * decoder, beta 1, analytic KL, one sample per example, Adam with learning rate 1e-3, seed 42, no log-variance
 * clamp, unconditional, prior N(0, I).
 *
 * <p>The training objective per example is the negative ELBO with a KL weight:
 * {@code -E_q[log p(x|z)] + beta * KL(q(z|x) || N(0, I))}, in nats, averaged over the minibatch; for a conditional
 * VAE ({@code conditionClasses > 0}) the same with q(z|x, y) and p(x|z, y), a bound on log p(x|y).
 *
 * @param inputShape        shape of one example
 * @param network           encoder architecture (the decoder mirrors it)
 * @param latentSize        dimension of z, in [1, 4096]; default 20
 * @param likelihood        the decoder's observation model; default {@link Likelihood#BERNOULLI}
 * @param fixedVariance     the variance of a {@link Likelihood#GAUSSIAN_FIXED_VARIANCE} decoder, in (0, 1e6];
 *                          ignored otherwise; default 1.0
 * @param beta              weight of the KL term, in [0, 1000]; 1 is the ELBO; default 1.0
 * @param klEstimator       analytic or Monte-Carlo KL; default {@link KlEstimator#ANALYTIC}
 * @param samplesPerExample L, the number of z samples per example in each training step, in [1, 1000]; default 1
 * @param learningRate      Adam's learning rate, in (0, 1]; default 1e-3
 * @param seed              seed of every random draw the model makes (weights, epsilon, samples)
 * @param precision         FLOAT (default) or DOUBLE
 * @param logVarianceClamp  bounds on the encoder's log-variance ({@link LogVarianceClamp}); default
 *                          {@link LogVarianceClamp#OFF}. JSON written before this field existed lacks it and reads
 *                          as OFF
 * @param objective         the training objective ({@link Objective}): ELBO, IWAE or AE (a deterministic
 *                          autoencoder), KL schedule, free bits; default {@link Objective#ELBO}. JSON written
 *                          before this field existed lacks it and reads as ELBO
 * @param conditionClasses  C, the number of classes of a conditional VAE (Sohn, Lee and Yan 2015, "Learning
 *                          Structured Output Representation using Deep Conditional Generative Models"): with C &gt; 0
 *                          the encoder models q(z|x, y) and the decoder p(x|z, y) for a one-hot class label y of
 *                          width C, concatenated to their inputs; the prior stays N(0, I). In [0, 65536]; 0 (the
 *                          default) is the unconditional VAE. JSON written before this field existed lacks it and
 *                          reads as 0
 * @param prior             p(z) ({@link Prior}): N(0, I) (the default) or the VampPrior, which needs the Monte-Carlo
 *                          KL and an unconditional VAE. JSON written before this field existed lacks it and reads as
 *                          the standard prior
 */
public record VaeConfig(InputShape inputShape, NetworkConfig network, int latentSize, Likelihood likelihood,
                        double fixedVariance, double beta, KlEstimator klEstimator, int samplesPerExample,
                        double learningRate, long seed, Precision precision, LogVarianceClamp logVarianceClamp,
                        Objective objective, int conditionClasses, Prior prior) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    /** Fields that configurations written before they existed lack, with the value such files meant. */
    private static final java.util.Map<String, Object> ADDED_FIELDS = java.util.Map.of(
            "logVarianceClamp", LogVarianceClamp.OFF, "objective", Objective.ELBO, "conditionClasses", 0, "prior",
            Prior.STANDARD);

    /** Validates every component. */
    public VaeConfig {
        Checks.notNull("inputShape", inputShape);
        Checks.notNull("network", network);
        Checks.notNull("likelihood", likelihood);
        Checks.notNull("klEstimator", klEstimator);
        Checks.notNull("precision", precision);
        Checks.notNull("logVarianceClamp", logVarianceClamp);
        Checks.notNull("objective", objective);
        Checks.notNull("prior", prior);
        Checks.inRange("latentSize", latentSize, 1, 4096);
        Checks.positive("fixedVariance", fixedVariance);
        Checks.aboveAndAtMost("fixedVariance", fixedVariance, 0, 1e6);
        Checks.inRange("beta", beta, 0.0, 1000.0);
        Checks.inRange("samplesPerExample", samplesPerExample, 1, 1000);
        Checks.inRange("conditionClasses", conditionClasses, 0, 65536);
        Checks.positive("learningRate", learningRate);
        Checks.aboveAndAtMost("learningRate", learningRate, 0, 1.0);
        if (objective.freeBits() > 0 && klEstimator != KlEstimator.ANALYTIC) {
            throw new IllegalArgumentException("objective.freeBits " + objective.freeBits() + " needs the per-dimension"
                    + " KL of klEstimator ANALYTIC, got " + klEstimator);
        }
        boolean noBeta = objective.kind() == Objective.Kind.IWAE
                || objective.klSchedule().shape() == KlSchedule.Shape.CAPACITY;
        if (noBeta && beta != 1.0) {
            throw new IllegalArgumentException("beta must be 1 with objective " + objective.kind() + " and klSchedule "
                    + objective.klSchedule().shape() + " (IWAE has no KL weight; CAPACITY weighs with gamma), got " + beta);
        }
        if (objective.autoencoder()) {
            checkAutoencoder(beta, klEstimator, samplesPerExample, logVarianceClamp, conditionClasses);
        }
        if (prior.vamp()) {
            checkVampPrior(klEstimator, objective, conditionClasses);
        }
    }

    /** Refuses what the VampPrior cannot do: a closed-form KL, an autoencoder, a class condition. */
    private static void checkVampPrior(KlEstimator klEstimator, Objective objective, int conditionClasses) {
        String problem = objective.autoencoder() ? "objective AE (an autoencoder has no prior)"
                : klEstimator != KlEstimator.MONTE_CARLO ? "klEstimator " + klEstimator + " (its KL has no closed form; "
                        + "expected MONTE_CARLO)"
                : conditionClasses != 0 ? "conditionClasses " + conditionClasses + " (its pseudo-inputs carry no "
                        + "label; expected 0)"
                : null;
        if (problem != null) {
            throw new IllegalArgumentException("prior VAMP does not take " + problem);
        }
    }

    /**
     * Refuses the settings that a deterministic autoencoder ({@link Objective.Kind#AE}) would silently ignore: it has
     * no KL term, no noise, no log-variance and no class condition.
     */
    private static void checkAutoencoder(double beta, KlEstimator klEstimator, int samplesPerExample,
                                         LogVarianceClamp logVarianceClamp, int conditionClasses) {
        String problem = beta != 1.0 ? "beta " + beta + " (it has no KL term to weigh; expected 1)"
                : klEstimator != KlEstimator.ANALYTIC ? "klEstimator " + klEstimator + " (it has no KL term; expected "
                        + "ANALYTIC, the default)"
                : samplesPerExample != 1 ? "samplesPerExample " + samplesPerExample + " (its code is deterministic; "
                        + "expected 1)"
                : logVarianceClamp.enabled() ? "logVarianceClamp [" + logVarianceClamp.min() + ", "
                        + logVarianceClamp.max() + "] (its encoder has no log-variance; expected OFF)"
                : conditionClasses != 0 ? "conditionClasses " + conditionClasses + " (the autoencoder is "
                        + "unconditional; expected 0)"
                : null;
        if (problem != null) {
            throw new IllegalArgumentException("objective AE (a deterministic autoencoder) does not take " + problem);
        }
    }

    /** Whether this is a conditional VAE: {@link #conditionClasses()} &gt; 0. */
    public boolean conditional() {
        return conditionClasses > 0;
    }

    /** A builder holding the documented defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder initialised with this configuration's values. */
    public Builder toBuilder() {
        return new Builder().inputShape(inputShape).network(network).latentSize(latentSize)
                .likelihood(likelihood).fixedVariance(fixedVariance).beta(beta).klEstimator(klEstimator)
                .samplesPerExample(samplesPerExample).learningRate(learningRate).seed(seed).precision(precision)
                .logVarianceClamp(logVarianceClamp).objective(objective).conditionClasses(conditionClasses)
                .prior(prior);
    }

    /** This configuration as indented JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("VaeConfig could not be written as JSON", e);
        }
    }

    /**
     * Parses a configuration written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException naming the unknown, missing or out-of-range field
     */
    public static VaeConfig fromJson(String json) {
        if (json == null) {
            throw new IllegalArgumentException("Invalid VAE configuration JSON: it is null; expected the text that "
                    + "VaeConfig.toJson() writes");
        }
        try {
            JsonNode tree = JSON.readTree(json);
            if (tree instanceof ObjectNode object) {
                ADDED_FIELDS.forEach((field, value) -> {
                    if (!object.has(field)) {
                        object.set(field, JSON.valueToTree(value));
                    }
                });
            }
            return JSON.treeToValue(tree, VaeConfig.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            throw new IllegalArgumentException("Invalid VAE configuration JSON: " + firstLine(cause.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no detail)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Mutable builder for {@link VaeConfig}; {@link #build()} validates. */
    public static final class Builder {
        private InputShape inputShape = InputShape.image(28, 28);
        private NetworkConfig network = NetworkConfig.mlp(400);
        private int latentSize = 20;
        private Likelihood likelihood = Likelihood.BERNOULLI;
        private double fixedVariance = 1.0;
        private double beta = 1.0;
        private KlEstimator klEstimator = KlEstimator.ANALYTIC;
        private int samplesPerExample = 1;
        private double learningRate = 1e-3;
        private long seed = 42;
        private Precision precision = Precision.FLOAT;
        private LogVarianceClamp logVarianceClamp = LogVarianceClamp.OFF;
        private Objective objective = Objective.ELBO;
        private int conditionClasses;
        private Prior prior = Prior.STANDARD;

        private Builder() {
        }

        /** @see VaeConfig#inputShape() */
        public Builder inputShape(InputShape value) { this.inputShape = value; return this; }
        /** @see VaeConfig#network() */
        public Builder network(NetworkConfig value) { this.network = value; return this; }
        /** @see VaeConfig#latentSize() */
        public Builder latentSize(int value) { this.latentSize = value; return this; }
        /** @see VaeConfig#likelihood() */
        public Builder likelihood(Likelihood value) { this.likelihood = value; return this; }
        /** @see VaeConfig#fixedVariance() */
        public Builder fixedVariance(double value) { this.fixedVariance = value; return this; }
        /** @see VaeConfig#beta() */
        public Builder beta(double value) { this.beta = value; return this; }
        /** @see VaeConfig#klEstimator() */
        public Builder klEstimator(KlEstimator value) { this.klEstimator = value; return this; }
        /** @see VaeConfig#samplesPerExample() */
        public Builder samplesPerExample(int value) { this.samplesPerExample = value; return this; }
        /** @see VaeConfig#learningRate() */
        public Builder learningRate(double value) { this.learningRate = value; return this; }
        /** @see VaeConfig#seed() */
        public Builder seed(long value) { this.seed = value; return this; }
        /** @see VaeConfig#precision() */
        public Builder precision(Precision value) { this.precision = value; return this; }
        /** @see VaeConfig#logVarianceClamp() */
        public Builder logVarianceClamp(LogVarianceClamp value) { this.logVarianceClamp = value; return this; }
        /** @see VaeConfig#objective() */
        public Builder objective(Objective value) { this.objective = value; return this; }
        /** @see VaeConfig#conditionClasses() */
        public Builder conditionClasses(int value) { this.conditionClasses = value; return this; }
        /** @see VaeConfig#prior() */
        public Builder prior(Prior value) { this.prior = value; return this; }

        /** Builds and validates the configuration. */
        public VaeConfig build() {
            return new VaeConfig(inputShape, network, latentSize, likelihood, fixedVariance, beta, klEstimator,
                    samplesPerExample, learningRate, seed, precision, logVarianceClamp, objective, conditionClasses,
                    prior);
        }
    }
}
