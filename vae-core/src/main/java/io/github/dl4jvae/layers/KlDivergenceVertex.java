package io.github.dl4jvae.layers;

import io.github.dl4jvae.config.KlEstimator;
import java.util.Map;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The KL term of the VAE objective as a DL4J {@link GraphVertex}: outputs {@code beta * KL(q(z|x) || N(0, I))} per
 * example, in nats, as a column {@code [n, 1]}, for q(z|x) = N(mean, diag(exp(logVariance))). No parameters.
 *
 * <p>It is a loss term, not a feature: merge its output as the last column of the input of an
 * {@link ElboLoss} output layer, which adds it to each example's loss (so the network's score and per-example
 * scores include it) and sends the gradient {@code dLoss/dColumn = 1} back here; this vertex turns it into the
 * gradient of {@code beta * KL} with respect to the mean and log-variance.
 *
 * <p>Estimators ({@link KlEstimator}, Kingma &amp; Welling 2013, eq. 6 and 10):
 * <ul>
 *   <li>{@link KlEstimator#ANALYTIC}: inputs {@code (mean, logVariance)}, each {@code [n, k]};
 *       {@code KL = -1/2 sum_j (1 + logVar_j - mu_j^2 - exp(logVar_j))}.</li>
 *   <li>{@link KlEstimator#MONTE_CARLO}: inputs {@code (mean, logVariance, z)}, {@code z} the sample of a
 *       {@link ReparameterizationVertex}; {@code KL ~ log q(z|x) - log p(z)
 *       = sum_j (-(z_j - mu_j)^2 exp(-logVar_j) / 2 - logVar_j / 2 + z_j^2 / 2)}. Its gradient flows into
 *       {@code z} too. At inference (z = mean) it is evaluated at the mean.</li>
 * </ul>
 *
 * <p>Configuration: a no-argument constructor and bean properties, for DL4J's JSON and {@code ModelSerializer}.
 */
public class KlDivergenceVertex extends ParameterlessVertex {
    private static final long serialVersionUID = 1L;
    /** Largest accepted beta. */
    public static final double MAX_BETA = 1000.0;
    static final String[] ANALYTIC_INPUTS = {"mean", "logVariance"};
    static final String[] MONTE_CARLO_INPUTS = {"mean", "logVariance", "z"};

    private double beta;
    private KlEstimator estimator;

    /** beta = 1, analytic; for JSON. */
    public KlDivergenceVertex() {
        this(1.0, KlEstimator.ANALYTIC);
    }

    /**
     * @param beta      weight of the KL term, in [0, {@value #MAX_BETA}]; 1 gives the ELBO
     * @param estimator analytic (two inputs) or Monte-Carlo (three inputs)
     * @throws IllegalArgumentException on a beta outside the range or a null estimator
     */
    public KlDivergenceVertex(double beta, KlEstimator estimator) {
        this.beta = checkBeta(beta);
        this.estimator = checkEstimator(estimator);
    }

    private static double checkBeta(double beta) {
        if (!(beta >= 0 && beta <= MAX_BETA)) {
            throw new IllegalArgumentException("KlDivergenceVertex: beta must be in [0, " + MAX_BETA + "], got " + beta);
        }
        return beta;
    }

    private static KlEstimator checkEstimator(KlEstimator estimator) {
        if (estimator == null) {
            throw new IllegalArgumentException("KlDivergenceVertex: estimator is null; expected ANALYTIC or MONTE_CARLO");
        }
        return estimator;
    }

    /** Weight of the KL term. */
    public double getBeta() {
        return beta;
    }

    /** @see #getBeta() */
    public void setBeta(double beta) {
        this.beta = checkBeta(beta);
    }

    /** The KL estimator. */
    public KlEstimator getEstimator() {
        return estimator;
    }

    /** @see #getEstimator() */
    public void setEstimator(KlEstimator estimator) {
        this.estimator = checkEstimator(estimator);
    }

    /** The input names this vertex's estimator takes, in order. */
    @Override
    String[] inputNames() {
        return estimator == KlEstimator.MONTE_CARLO ? MONTE_CARLO_INPUTS : ANALYTIC_INPUTS;
    }

    @Override
    Map<String, Object> properties() {
        return orderedProperties("beta", beta, "estimator", estimator);
    }

    @Override
    void validate() {
        checkBeta(beta);
        checkEstimator(estimator);
    }

    @Override
    String typeCheckName() {
        return "KlDivergenceVertex (" + estimator + ")";
    }

    /** 1: one KL value per example. */
    @Override
    long outputSize(long k) {
        return 1;
    }

    @Override
    long[] workingMemoryPerExample(long k) {
        return new long[] {2 * k, 3 * k};
    }

    @Override
    ParameterlessVertexImpl newVertex(ComputationGraph graph, String name, int idx, DataType dataType) {
        return new KlDivergenceVertexImpl(graph, name, idx, this, dataType);
    }

    /** Three with the Monte-Carlo estimator's z. */
    @Override
    public int maxVertexInputs() {
        return 3;
    }
}
