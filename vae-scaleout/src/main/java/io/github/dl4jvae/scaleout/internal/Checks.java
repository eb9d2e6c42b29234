package io.github.dl4jvae.scaleout.internal;

import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** Argument checks shared by the trainers, with messages that say what was expected. */
public final class Checks {

    private Checks() {
    }

    /**
     * Checks that {@code network} is an initialised single-input network.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static void network(ComputationGraph network) {
        if (network == null) {
            throw new IllegalArgumentException("network is null; expected a VAE from VaeNetworkBuilder.of(config).build()");
        }
        if (network.params() == null) {
            throw new IllegalArgumentException("network is not initialised; call network.init() (VaeNetworkBuilder.build() does)");
        }
        if (network.getNumInputArrays() != 1) {
            throw new IllegalArgumentException("network has " + network.getNumInputArrays()
                    + " inputs; expected the VAE's single data input");
        }
    }

    /**
     * Checks the epoch count.
     *
     * @throws IllegalArgumentException if {@code epochs < 1}, or more than one epoch of data that cannot be reset
     */
    public static void epochs(int epochs, boolean resettable) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs " + epochs + " is invalid; expected at least 1");
        }
        if (epochs > 1 && !resettable) {
            throw new IllegalArgumentException(epochs + " epochs requested over an iterator that cannot be reset;"
                    + " expected 1 epoch or a resettable iterator");
        }
    }

    /**
     * The evaluation data as the VAE scores it: its features as features and labels.
     *
     * @throws IllegalArgumentException if it is missing or empty
     */
    public static DataSet evaluation(ComputationGraph network, DataSet evaluation) {
        if (evaluation == null || evaluation.getFeatures() == null) {
            throw new IllegalArgumentException("evaluation data is missing; expected a DataSet with features [n, D]");
        }
        INDArray x = evaluation.getFeatures();
        if (x.rank() != 2 || x.size(0) == 0) {
            throw new IllegalArgumentException("evaluation features have shape " + Arrays.toString(x.shape())
                    + "; expected [n, D] with n > 0 (flat layout)");
        }
        return new DataSet(x, x);
    }

    /**
     * The network's score of the evaluation data before training: checks at the door that data and network fit.
     *
     * @throws IllegalArgumentException if the network cannot score the data (e.g. a different width)
     * @throws IllegalStateException    if the score is NaN or infinite
     */
    public static double initialScore(ComputationGraph network, DataSet evaluation) {
        double score;
        try {
            score = network.score(evaluation);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the network cannot score evaluation data of shape "
                    + Arrays.toString(evaluation.getFeatures().shape()) + " (" + e.getMessage()
                    + "); expected features [n, D] with the D the network was built for", e);
        }
        return finite(score, 0);
    }

    /**
     * Returns {@code score}, or throws if it is NaN or infinite.
     *
     * @param epoch the epoch just trained, 0 before training
     * @throws IllegalStateException if training diverged
     */
    public static double finite(double score, int epoch) {
        if (!Double.isFinite(score)) {
            throw new IllegalStateException("the negative ELBO is " + score + (epoch == 0 ? " before training"
                    : " after epoch " + epoch) + "; training diverged: lower the learning rate");
        }
        return score;
    }
}
