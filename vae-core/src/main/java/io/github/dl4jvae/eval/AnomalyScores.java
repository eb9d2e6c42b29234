package io.github.dl4jvae.eval;

import io.github.dl4jvae.model.VaeModel;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Per-example anomaly scores of a trained VAE (An and Cho 2015, "Variational Autoencoder based Anomaly
 * Detection using Reconstruction Probability", with the ELBO or the likelihood in place of their
 * reconstruction probability): examples the model finds improbable score high. Scores are in nats per
 * example, see {@link AnomalyScore}; they are comparable between examples of one data set and one model.
 */
public final class AnomalyScores {
    private final double[] scores;
    private final AnomalyScore method;
    private final int k;
    private final int[] ranking;

    private AnomalyScores(double[] scores, AnomalyScore method, int k) {
        this.scores = scores;
        this.method = method;
        this.k = k;
        this.ranking = IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> scores[i]).reversed().thenComparing(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    /**
     * Scores every row of {@code features} ({@code [n, D]} or {@code [n, C, H, W]}), {@code batchSize} examples
     * at a time.
     *
     * @param k importance samples per example for {@link AnomalyScore#NLL}; ignored for the negative ELBO
     * @throws IllegalArgumentException on a null argument, no examples, {@code batchSize < 1} or, for the NLL,
     *     {@code k < 1}
     */
    public static AnomalyScores compute(VaeModel model, INDArray features, AnomalyScore method, int k,
                                        int batchSize) {
        return compute(model, features, null, method, k, batchSize);
    }

    /**
     * As {@link #compute(VaeModel, INDArray, AnomalyScore, int, int)}, with the examples' one-hot labels
     * {@code [n, C]} for a conditional model (scores of x given its class: -ELBO or -log p(x|y)), or null for an
     * unconditional one.
     */
    public static AnomalyScores compute(VaeModel model, INDArray features, INDArray labels, AnomalyScore method,
                                        int k, int batchSize) {
        if (model == null || features == null || method == null) {
            throw new IllegalArgumentException("model, features and method must not be null");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (method == AnomalyScore.NLL && k < 1) {
            throw new IllegalArgumentException("number of importance samples K must be >= 1, got " + k);
        }
        long n = features.rank() == 0 ? 0 : features.size(0);
        if (n == 0) {
            throw new IllegalArgumentException("features hold no examples; expected [n, ...] with n >= 1");
        }
        if (labels != null && (labels.rank() != 2 || labels.size(0) != n)) {
            throw new IllegalArgumentException("labels have shape " + Arrays.toString(labels.shape()) + "; expected "
                    + "one-hot [" + n + ", classes], one row per example of the features");
        }
        double[] scores = new double[Math.toIntExact(n)];
        for (long start = 0; start < n; start += batchSize) {
            long end = Math.min(n, start + batchSize);
            INDArray rows = features.get(rowsOf(features, start, end));
            INDArray batchLabels = labels == null ? null : labels.get(rowsOf(labels, start, end));
            INDArray batchScores = method == AnomalyScore.NLL
                    ? model.logLikelihood(rows, batchLabels, k).neg()
                    : model.negativeElbo(rows, batchLabels).negativeElbo();
            double[] values = batchScores.castTo(DataType.DOUBLE).toDoubleVector();
            System.arraycopy(values, 0, scores, (int) start, values.length);
        }
        return new AnomalyScores(scores, method, method == AnomalyScore.NLL ? k : 0);
    }

    /**
     * Wraps scores computed elsewhere (higher = more anomalous).
     *
     * @throws IllegalArgumentException if {@code scores} is empty or holds NaN
     */
    public static AnomalyScores of(double[] scores, AnomalyScore method, int k) {
        if (scores == null || scores.length == 0) {
            throw new IllegalArgumentException("scores are empty; expected one score per example");
        }
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN; expected a number of nats");
            }
        }
        return new AnomalyScores(scores.clone(), method, k);
    }

    private static INDArrayIndex[] rowsOf(INDArray features, long start, long end) {
        INDArrayIndex[] index = new INDArrayIndex[features.rank()];
        Arrays.fill(index, NDArrayIndex.all());
        index[0] = NDArrayIndex.interval(start, end);
        return index;
    }

    /** The score of each example, in input order, nats. */
    public double[] scores() {
        return scores.clone();
    }

    /** Number of examples scored. */
    public int size() {
        return scores.length;
    }

    /** How the examples were scored. */
    public AnomalyScore method() {
        return method;
    }

    /** Importance samples per example for {@link AnomalyScore#NLL}, 0 for the negative ELBO. */
    public int k() {
        return k;
    }

    /** Example indices from the most anomalous (highest score) to the least; ties in input order. */
    public int[] ranking() {
        return ranking.clone();
    }

    /** The indices of the {@code count} highest scores, highest first (fewer if there are fewer examples). */
    public int[] mostAnomalous(int count) {
        return Arrays.copyOf(ranking, Math.min(checkCount(count), ranking.length));
    }

    /** The indices of the {@code count} lowest scores, lowest first (fewer if there are fewer examples). */
    public int[] leastAnomalous(int count) {
        int m = Math.min(checkCount(count), ranking.length);
        int[] least = new int[m];
        for (int i = 0; i < m; i++) {
            least[i] = ranking[ranking.length - 1 - i];
        }
        return least;
    }

    /**
     * How well the scores separate known anomalies from the rest: the area under the ROC curve, the probability
     * that a randomly chosen anomaly scores higher than a randomly chosen normal example, ties counting one half
     * (the Mann-Whitney statistic). 1 is perfect, 0.5 is chance.
     *
     * @param anomalous whether each example is an anomaly, in input order
     * @throws IllegalArgumentException if the length differs from {@link #size()} or either group is empty
     */
    public double auroc(boolean[] anomalous) {
        if (anomalous == null || anomalous.length != scores.length) {
            throw new IllegalArgumentException("expected one anomaly flag per example (" + scores.length + "), got "
                    + (anomalous == null ? "null" : String.valueOf(anomalous.length)));
        }
        int[] ascending = IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.comparingDouble(i -> scores[i])).mapToInt(Integer::intValue).toArray();
        double rankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < ascending.length) {
            int j = i;
            while (j + 1 < ascending.length && scores[ascending[j + 1]] == scores[ascending[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                if (anomalous[ascending[t]]) {
                    rankSum += midRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("the AUROC needs anomalies and normal examples; got " + positives
                    + " anomalies and " + negatives + " normal examples");
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** The mean score, nats. */
    public double mean() {
        return Arrays.stream(scores).average().orElse(Double.NaN);
    }

    private static int checkCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        return count;
    }
}
