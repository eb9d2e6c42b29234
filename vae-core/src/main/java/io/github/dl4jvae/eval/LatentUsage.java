package io.github.dl4jvae.eval;

import io.github.dl4jvae.model.Encoding;
import io.github.dl4jvae.model.VaeModel;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * How a VAE uses its latent dimensions over a data set, from the posteriors q(z|x) = N(mu(x), diag(sigma^2(x)))
 * of its examples.
 *
 * <ul>
 *   <li><b>Activity</b> of dimension u (Burda, Grosse and Salakhutdinov 2015, "Importance Weighted
 *       Autoencoders", section 5.2): A_u = Var_x(mu_u(x)), the population variance over the examples of the
 *       posterior mean. A dimension is <em>active</em> when A_u exceeds {@value #ACTIVE_THRESHOLD}; an inactive
 *       one has collapsed to the prior and carries no information about x.</li>
 *   <li><b>KL per dimension</b>: the mean over the examples of the closed form
 *       KL(q(z_u|x) || N(0, 1)) = -1/2 (1 + log sigma_u^2 - mu_u^2 - sigma_u^2), in nats per example. The sum
 *       over dimensions is the mean analytic KL term of the negative ELBO.</li>
 * </ul>
 * Sums are accumulated in double precision, batch by batch (Chan et al.'s parallel variance update), so the
 * figures do not depend on how the data is split into batches beyond rounding. A deterministic autoencoder's codes
 * ({@link Encoding#deterministic()}) have an activity but no KL: {@link #hasKl()} is false and every KL figure 0.
 */
public final class LatentUsage {
    /** Burda et al.'s activity threshold on Var_x(mu_u(x)). */
    public static final double ACTIVE_THRESHOLD = 0.01;

    private final double[] posteriorMeanVariance;
    private final double[] klPerDimension;
    private final long examples;
    private final boolean hasKl;

    private LatentUsage(double[] posteriorMeanVariance, double[] klPerDimension, long examples, boolean hasKl) {
        this.posteriorMeanVariance = posteriorMeanVariance;
        this.klPerDimension = klPerDimension;
        this.examples = examples;
        this.hasKl = hasKl;
    }

    /**
     * Encodes every example of {@code data} (reset first; {@link VaeModel#encode(DataSetIterator)}) and measures the usage of each latent dimension; a
     * conditional model encodes each batch with its labels.
     *
     * @throws IllegalArgumentException if {@code data} is null or gives no examples
     */
    public static LatentUsage measure(VaeModel model, DataSetIterator data) {
        if (model == null || data == null) {
            throw new IllegalArgumentException("model and data must not be null; expected a VaeModel and a "
                    + "DataSetIterator");
        }
        Accumulator accumulator = new Accumulator(model.config().latentSize());
        accumulator.add(model.encode(data));
        return accumulator.result();
    }

    /** The usage measured on one batch of posteriors. */
    public static LatentUsage of(Encoding encoding) {
        if (encoding == null) {
            throw new IllegalArgumentException("encoding is null; expected the result of VaeModel.encode");
        }
        Accumulator accumulator = new Accumulator((int) encoding.mean().size(1));
        accumulator.add(encoding);
        return accumulator.result();
    }

    /** Number of latent dimensions. */
    public int latentSize() {
        return klPerDimension.length;
    }

    /** Number of examples measured. */
    public long examples() {
        return examples;
    }

    /** A_u = Var_x(mu_u(x)) for each dimension u (population variance, divided by the number of examples). */
    public double[] posteriorMeanVariance() {
        return posteriorMeanVariance.clone();
    }

    /**
     * Whether the codes were Gaussian posteriors with a KL to the prior; false for a deterministic autoencoder's
     * codes, whose {@link #klPerDimension()} is all 0.
     */
    public boolean hasKl() {
        return hasKl;
    }

    /** Mean over examples of KL(q(z_u|x) || N(0, 1)) for each dimension u, nats; 0 where {@link #hasKl()} is false. */
    public double[] klPerDimension() {
        return klPerDimension.clone();
    }

    /** Sum of {@link #klPerDimension()}: the mean analytic KL term, nats per example. */
    public double totalKl() {
        return Arrays.stream(klPerDimension).sum();
    }

    /** Whether dimension {@code u} is active: A_u &gt; {@value #ACTIVE_THRESHOLD}. */
    public boolean isActive(int u) {
        return posteriorMeanVariance[u] > ACTIVE_THRESHOLD;
    }

    /** Number of active dimensions (A_u &gt; {@value #ACTIVE_THRESHOLD}). */
    public int activeUnits() {
        return activeUnits(ACTIVE_THRESHOLD);
    }

    /** Number of dimensions with A_u &gt; {@code threshold}. */
    public int activeUnits(double threshold) {
        int active = 0;
        for (double variance : posteriorMeanVariance) {
            if (variance > threshold) {
                active++;
            }
        }
        return active;
    }

    @Override
    public String toString() {
        return "LatentUsage[" + activeUnits() + " of " + latentSize() + " active, KL " + totalKl() + " nats, "
                + examples + " examples]";
    }

    /** Adds posteriors batch by batch; {@link #result()} gives the usage so far. */
    public static final class Accumulator {
        private final int latentSize;
        private final double[] mean;
        private final double[] squaredDeviations;
        private final double[] klSum;
        private long count;
        /** Whether the batches added were Gaussian posteriors (TRUE) or deterministic codes (FALSE); null before. */
        private Boolean gaussian;

        /** An empty accumulator for {@code latentSize} dimensions. */
        public Accumulator(int latentSize) {
            if (latentSize < 1) {
                throw new IllegalArgumentException("latent size must be >= 1, got " + latentSize);
            }
            this.latentSize = latentSize;
            this.mean = new double[latentSize];
            this.squaredDeviations = new double[latentSize];
            this.klSum = new double[latentSize];
        }

        /**
         * Adds the posteriors of a batch.
         *
         * @throws IllegalArgumentException if the mean and log-variance are not both {@code [n, latentSize]}, or if
         *     deterministic codes and Gaussian posteriors are mixed
         */
        public void add(Encoding encoding) {
            if (encoding == null) {
                throw new IllegalArgumentException("encoding is null; expected the result of VaeModel.encode");
            }
            boolean isGaussian = !encoding.deterministic();
            if (gaussian != null && gaussian != isGaussian) {
                throw new IllegalArgumentException("this batch holds " + (isGaussian ? "Gaussian posteriors" :
                        "deterministic codes") + " but the earlier ones held " + (isGaussian ? "deterministic codes"
                        : "Gaussian posteriors") + "; expected the encodings of one model");
            }
            gaussian = isGaussian;
            double[][] mu = matrix(encoding.mean(), "mean");
            double[][] logVariance = isGaussian ? matrix(encoding.logVariance(), "log-variance") : null;
            if (logVariance == null) {
                logVariance = new double[mu.length][];
            }
            if (mu.length != logVariance.length) {
                throw new IllegalArgumentException("the encoding's mean has " + mu.length + " rows but its "
                        + "log-variance " + logVariance.length + "; expected the same number of examples");
            }
            int n = mu.length;
            if (n == 0) {
                return;
            }
            for (int u = 0; u < latentSize; u++) {
                double batchMean = 0;
                for (double[] row : mu) {
                    batchMean += row[u];
                }
                batchMean /= n;
                double batchSquares = 0;
                for (int i = 0; i < n; i++) {
                    double d = mu[i][u] - batchMean;
                    batchSquares += d * d;
                    if (isGaussian) {
                        double lv = logVariance[i][u];
                        klSum[u] += -0.5 * (1 + lv - mu[i][u] * mu[i][u] - Math.exp(lv));
                    }
                }
                double delta = batchMean - mean[u];
                long total = count + n;
                squaredDeviations[u] += batchSquares + delta * delta * count * n / total;
                mean[u] += delta * n / total;
            }
            count += n;
        }

        /**
         * The usage of the examples added so far.
         *
         * @throws IllegalStateException if no example was added
         */
        public LatentUsage result() {
            if (count == 0) {
                throw new IllegalStateException("no examples were added; expected at least one encoded example");
            }
            double[] variance = new double[latentSize];
            double[] kl = new double[latentSize];
            for (int u = 0; u < latentSize; u++) {
                variance[u] = squaredDeviations[u] / count;
                kl[u] = klSum[u] / count;
            }
            return new LatentUsage(variance, kl, count, gaussian);
        }

        private double[][] matrix(INDArray array, String name) {
            if (array == null || array.rank() != 2 || array.size(1) != latentSize) {
                throw new IllegalArgumentException("the encoding's " + name + " has shape "
                        + (array == null ? "null" : Arrays.toString(array.shape())) + "; expected [n, " + latentSize + "]");
            }
            // One bulk copy: ND4J's toDoubleMatrix reads row by row through views, ~0.1 ms per row.
            double[] values = array.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            double[][] rows = new double[(int) array.size(0)][latentSize];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(values, i * latentSize, rows[i], 0, latentSize);
            }
            return rows;
        }
    }
}
