package io.github.dl4jvae.pictures;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.data.IdxDataSource;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.data.Split;
import io.github.dl4jvae.data.VaeData;
import io.github.dl4jvae.eval.LatentUsage;
import io.github.dl4jvae.model.VaeModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pictures {@code vae train} leaves in its output directory:
 * <ul>
 *   <li>{@value #SAMPLES}: 64 decoded draws from the prior (seeded with the model's seed); for a conditional model
 *       {@link ClassSamples}: one row of {@value #SAMPLES_PER_CLASS} per class, the same draws in every row;</li>
 *   <li>{@value #RECONSTRUCTIONS}: the first 32 test images, each row of 8 followed by a row of their
 *       reconstructions;</li>
 *   <li>{@value #LATENT_SPACE}: posterior means of up to {@value #SCATTER_POINTS} test images coloured by class
 *       (principal components when the latent space has more than 2 dimensions);</li>
 *   <li>{@value #TRAVERSALS}: the first test image's latent traversals, one row per dimension (up to 10, the
 *       most informative first), each over [-3, 3];</li>
 *   <li>{@value #MANIFOLD}: the decoded latent manifold, only for a 2-D latent space of an unconditional model
 *       (a conditional model's manifold differs from class to class: it is skipped, with a log line);</li>
 *   <li>{@value #LOSS_CURVES}: negative ELBO and KL per epoch, train and test.</li>
 * </ul>
 * A conditional model encodes and reconstructs the test images with their own labels. A deterministic autoencoder
 * ({@code Objective.Kind.AE}) gets the same pictures from its codes: {@value #SAMPLES} decodes N(0, I) draws, which it
 * was never trained on (they show why an autoencoder alone does not generate), {@value #LATENT_SPACE} plots its codes,
 * {@value #TRAVERSALS} orders the dimensions by their variance over the test set, and {@value #LOSS_CURVES} is its
 * reconstruction loss alone.
 */
public final class RunPictures {
    /** File name of the prior samples. */
    public static final String SAMPLES = "samples.png";
    /** File name of the reconstructions. */
    public static final String RECONSTRUCTIONS = "reconstructions.png";
    /** File name of the latent-space scatter plot. */
    public static final String LATENT_SPACE = "latent-space.png";
    /** File name of the decoded 2-D manifold. */
    public static final String MANIFOLD = "manifold.png";
    /** File name of the loss curves. */
    public static final String LOSS_CURVES = "loss-curves.png";
    /** File name of the latent traversals. */
    public static final String TRAVERSALS = "traversals.png";
    /** At most this many test images in the latent-space plot. */
    public static final int SCATTER_POINTS = 5000;
    /** Samples per class (columns) in a conditional model's {@value #SAMPLES}. */
    public static final int SAMPLES_PER_CLASS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(RunPictures.class);

    private RunPictures() {
    }

    /**
     * Writes the pictures of a trained model into {@code directory}.
     *
     * @param preprocessing the pixel preprocessing the model was trained with
     * @param metrics       the run's rows, for the loss curves (none: no loss-curve picture)
     * @return the files written
     */
    public static List<Path> write(VaeModel model, IdxDataSource source, Preprocessing preprocessing,
                                   List<EpochMetrics> metrics, Path directory) throws IOException {
        InputShape shape = model.config().inputShape();
        long seed = model.config().seed();
        List<Path> written = new ArrayList<>();

        Path samples = directory.resolve(SAMPLES);
        if (model.config().conditional()) {
            ClassSamples.write(model, SAMPLES_PER_CLASS, seed, 2, samples);
        } else {
            ImageGrid.write(model.sample(64, seed), shape.height(), shape.width(), 8, 2, samples);
        }
        written.add(samples);

        DataSet test = VaeData.load(source, Split.TEST, preprocessing, seed);
        Path reconstructions = directory.resolve(RECONSTRUCTIONS);
        writeReconstructions(model, test, 32, reconstructions);
        written.add(reconstructions);

        int n = Math.min(SCATTER_POINTS, test.numExamples());
        INDArray features = test.getFeatures().get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
        INDArray oneHot = condition(model, test, n);
        double[][] means = model.encode(features, oneHot).mean()
                .castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
        Path latent = directory.resolve(LATENT_SPACE);
        LatentScatterPlot.write(means, labels(test, n), source.classNames(), (model.config().objective().autoencoder()
                ? "Autoencoder codes of " : "Posterior means of ") + n + " test images (" + source.id() + ")", latent);
        written.add(latent);

        Path traversals = directory.resolve(TRAVERSALS);
        LatentTraversals.write(model, LatentUsage.of(model.encode(features, oneHot)), features.getRow(0, true),
                oneHot == null ? null : oneHot.getRow(0, true), 10, 2, traversals);
        written.add(traversals);

        if (model.config().latentSize() == 2 && model.config().conditional()) {
            LOG.info("{} skipped: a conditional model's 2-D manifold differs from class to class; {} shows each class",
                    MANIFOLD, SAMPLES);
        } else if (model.config().latentSize() == 2) {
            Path manifold = directory.resolve(MANIFOLD);
            ManifoldGrid.write(model, 20, 1, manifold);
            written.add(manifold);
        }
        if (!metrics.isEmpty()) {
            Path curves = directory.resolve(LOSS_CURVES);
            LossCurvePlot.write(metrics, model.config().objective().autoencoder(), curves);
            written.add(curves);
        }
        return written;
    }

    /**
     * Writes up to {@code count} of {@code images} and their reconstructions: each row of 8 inputs is followed by
     * a row of their reconstructions. Unconditional models only; see {@link #writeReconstructions(VaeModel,
     * DataSet, int, Path)}.
     */
    public static void writeReconstructions(VaeModel model, INDArray images, int count, Path file)
            throws IOException {
        writeReconstructions(model, images, null, count, file);
    }

    /**
     * As {@link #writeReconstructions(VaeModel, INDArray, int, Path)} for the features of {@code data}; a conditional
     * model reconstructs each image with its label.
     */
    public static void writeReconstructions(VaeModel model, DataSet data, int count, Path file) throws IOException {
        int n = Math.min(count, data.numExamples());
        writeReconstructions(model, data.getFeatures(), condition(model, data, n), count, file);
    }

    private static void writeReconstructions(VaeModel model, INDArray images, INDArray labels, int count, Path file)
            throws IOException {
        InputShape shape = model.config().inputShape();
        int n = (int) Math.min(count, images.size(0));
        INDArray originals = images.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
        INDArray reconstructed = model.reconstruct(originals, labels).castTo(originals.dataType());
        List<ImageGrid.Panel> panels = new ArrayList<>();
        for (int start = 0; start < n; start += 8) {
            int end = Math.min(n, start + 8);
            panels.add(new ImageGrid.Panel(null, originals.get(NDArrayIndex.interval(start, end), NDArrayIndex.all())));
            panels.add(new ImageGrid.Panel(null,
                    reconstructed.get(NDArrayIndex.interval(start, end), NDArrayIndex.all())));
        }
        ImageGrid.write(panels, shape.height(), shape.width(), Math.min(8, n), 2, file);
    }

    /**
     * The one-hot labels of the first {@code n} examples of {@code data} when the model is conditional (its
     * condition), else null.
     */
    public static INDArray condition(VaeModel model, DataSet data, int n) {
        return model.config().conditional()
                ? data.getLabels().get(NDArrayIndex.interval(0, n), NDArrayIndex.all())
                : null;
    }

    /** The class index of each of the first {@code n} examples (the position of the one in its one-hot label). */
    public static int[] labels(DataSet data, int n) {
        INDArray oneHot = data.getLabels();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = oneHot.getRow(i).argMax().getInt(0);
        }
        return labels;
    }
}
