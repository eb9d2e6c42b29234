package io.github.dl4jvae.mixture;

import io.github.dl4jvae.model.VaeModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Samples of a trained VAE drawn from a Gaussian mixture fitted to its posterior means instead of the prior
 * N(0, I): an ex-post density estimate of the aggregate posterior (Ghosh et al. 2020, "From Variational to
 * Deterministic Autoencoders", section 4), which puts draws where the encoder put data and so avoids the "holes"
 * between the prior and q(z). Codes are the means of q(z|x) ({@code VaeModel.encode(x).mean()}, {@code [n, latent]},
 * in double here); samples are {@code VaeModel.decode(z)}, {@code [n, D]}: pixel probabilities or Gaussian means.
 * Unconditional models only.
 */
public final class LatentMixtureSampler {
    private final VaeModel model;
    private final GaussianMixture mixture;

    private LatentMixtureSampler(VaeModel model, GaussianMixture mixture) {
        this.model = model;
        this.mixture = mixture;
    }

    /**
     * Fits a mixture to the posterior means of every example of {@code data} (reset first, read once) by EM with
     * {@code seed} (see {@link GaussianMixture#fit}).
     *
     * @throws IllegalArgumentException for a null argument, a conditional model, data without examples or fewer
     *     examples than components
     */
    public static LatentMixtureSampler fit(VaeModel model, DataSetIterator data, MixtureConfig config, long seed) {
        return new LatentMixtureSampler(model, GaussianMixture.fit(posteriorMeans(model, data), config, seed));
    }

    /**
     * The means of q(z|x) of every example of {@code data} (reset first), {@code [n][latentSize]}.
     *
     * @throws IllegalArgumentException for a null argument, a conditional model or data without examples
     */
    public static double[][] posteriorMeans(VaeModel model, DataSetIterator data) {
        if (model == null || data == null) {
            throw new IllegalArgumentException("model and data are required but one was null");
        }
        if (model.config().conditional()) {
            throw new IllegalArgumentException("a latent mixture needs an unconditional model; this one is "
                    + "conditioned on " + model.config().conditionClasses() + " classes: use the prior sampler");
        }
        if (data.resetSupported()) {
            data.reset();
        }
        java.util.List<double[]> rows = new java.util.ArrayList<>();
        while (data.hasNext()) {
            DataSet batch = data.next();
            INDArray means = model.encode(batch.getFeatures()).mean().castTo(DataType.DOUBLE);
            for (double[] row : means.toDoubleMatrix()) {
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the data held no examples; expected at least one to fit the latent "
                    + "mixture to");
        }
        return rows.toArray(new double[0][]);
    }

    /** The fitted mixture over the latent space. */
    public GaussianMixture mixture() {
        return mixture;
    }

    /**
     * Decodes {@code n} codes drawn from the mixture with {@code seed}, {@code [n, D]}; the same seed gives the same
     * samples.
     */
    public INDArray sample(int n, long seed) {
        return model.decode(Nd4j.createFromArray(mixture.sample(n, seed)));
    }
}
