package io.github.dl4jvae.cli;

import io.github.dl4jvae.data.IdxDataSource;
import io.github.dl4jvae.data.IdxRecordReader;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.data.Split;
import io.github.dl4jvae.data.VaeData;
import io.github.dl4jvae.mixture.CovarianceType;
import io.github.dl4jvae.mixture.GaussianMixture;
import io.github.dl4jvae.mixture.LatentMixtureSampler;
import io.github.dl4jvae.mixture.MixtureConfig;
import io.github.dl4jvae.model.OneHot;
import io.github.dl4jvae.model.VaeModel;
import io.github.dl4jvae.random.Seeds;
import io.github.dl4jvae.random.Streams;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Images drawn from a trained model with the sampler that {@code --sampler} names ({@link SamplerChoice}), for
 * {@code vae sample} and {@code vae evaluate --quality}: the prior N(0, I) (for a conditional model under given class
 * labels), or a Gaussian mixture fitted by EM to the codes (posterior means) of the training split. The checks of a
 * sampler against a model live here: a mixture needs an unconditional model and at most as many components as
 * training codes. An autoencoder may use the prior, but its decoder never saw N(0, I) codes: {@link #describe} says so.
 */
final class Sampling {
    /** Codes decoded per call: bounds the decoder's activations of a convolutional model. */
    private static final int CHUNK = 1000;

    private Sampling() {
    }

    /** Drawn images {@code [n, D]} and the mixture they came from (null for the prior). */
    record Draw(INDArray images, GaussianMixture mixture) {
    }

    /**
     * Checks {@code --sampler} against the model: a mixture only for an unconditional model.
     *
     * @param name the model as the user named it, for the message
     * @throws IllegalArgumentException naming the option, the model and what to use instead
     */
    static void check(VaeModel model, SamplerChoice choice, String name) {
        if (choice.mixture() && model.config().conditional()) {
            throw new IllegalArgumentException("--sampler " + choice + " needs an unconditional model; " + name
                    + " is conditioned on " + model.config().conditionClasses() + " classes: use --sampler prior");
        }
    }

    /**
     * What the draws are, for the output: the prior, the prior of an autoencoder (which has none), or the mixture.
     */
    static String describe(VaeModel model, SamplerChoice choice) {
        if (choice.mixture()) {
            return "a " + choice.components() + "-component Gaussian mixture fitted to the training split's "
                    + (model.config().objective().autoencoder() ? "codes" : "posterior means");
        }
        return model.config().objective().autoencoder()
                ? "decoded N(0, I) draws: an autoencoder has no prior, and its decoder never saw these codes"
                : "decoded draws from the prior N(0, I)";
    }

    /**
     * Fits the mixture of {@code choice} by EM (default {@link MixtureConfig} settings, start seeded with
     * {@code seed}) to the codes of the training split of {@code source}.
     *
     * @throws IllegalArgumentException if the training split holds fewer images than components
     */
    static GaussianMixture fit(VaeModel model, SamplerChoice choice, IdxDataSource source,
                               Preprocessing.Binarization binarization, long seed) throws IOException {
        int codes = IdxRecordReader.of(source.images(Split.TRAIN), source.labels(Split.TRAIN)).count();
        if (choice.components() > codes) {
            throw new IllegalArgumentException("--sampler " + choice + " needs at most as many components as training "
                    + "codes: the training split of " + source.id() + " has " + codes + " images; expected K <= "
                    + codes);
        }
        Preprocessing preprocessing = Preprocessing.defaults().withBinarization(binarization).withShuffle(false);
        return LatentMixtureSampler.fit(model, VaeData.iterator(source, Split.TRAIN, 500, preprocessing, seed),
                MixtureConfig.of(choice.components(), CovarianceType.FULL), seed).mixture();
    }

    /**
     * {@code count} images drawn with {@code seed}: decoded draws of {@code mixture} if it is not null, else of the
     * prior; a conditional model decodes prior draw i under class {@code classes[i % classes.length]}.
     *
     * @param classes the class indices to cycle through for a conditional model; ignored for an unconditional one
     */
    static Draw draw(VaeModel model, GaussianMixture mixture, int count, long seed, int[] classes) {
        int latent = model.config().latentSize();
        double[][] codes;
        if (mixture != null) {
            codes = mixture.sample(count, seed);
        } else {
            // The codes of VaeModel.sample(count, seed): address 0 of the prior stream of the seed.
            SplittableRandom random = Seeds.generator(seed, Streams.PRIOR, 0);
            codes = new double[count][latent];
            for (double[] row : codes) {
                for (int j = 0; j < latent; j++) {
                    row[j] = random.nextGaussian();
                }
            }
        }
        int conditionClasses = model.config().conditionClasses();
        List<INDArray> chunks = new ArrayList<>();
        for (int start = 0; start < count; start += CHUNK) {
            int end = Math.min(count, start + CHUNK);
            double[][] part = java.util.Arrays.copyOfRange(codes, start, end);
            INDArray z = Nd4j.createFromArray(part).castTo(DataType.FLOAT);
            INDArray labels = null;
            if (conditionClasses > 0) {
                int[] chunkClasses = new int[end - start];
                for (int i = start; i < end; i++) {
                    chunkClasses[i - start] = classes[i % classes.length];
                }
                labels = OneHot.of(chunkClasses, conditionClasses);
            }
            chunks.add(model.decode(z, labels).castTo(DataType.FLOAT));
        }
        return new Draw(Nd4j.vstack(chunks), mixture);
    }
}
