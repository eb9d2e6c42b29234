package io.github.dl4jvae.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.model.VaeModel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** {@link LatentMixtureSampler} on a tiny untrained model (10 inputs, latent size 2): plumbing, not quality. */
class GaussianMixtureSamplerTest {
    private static VaeModel tiny(int classes) {
        return VaeModel.create(VaeConfig.builder().inputShape(InputShape.vector(10)).network(NetworkConfig.mlp(8))
                .latentSize(2).seed(3).conditionClasses(classes).build());
    }

    /** 30 random binary rows in 3 batches of 10. */
    private static ListDataSetIterator<DataSet> data() {
        SplittableRandom random = new SplittableRandom(1);
        List<DataSet> batches = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            double[][] rows = new double[10][10];
            for (double[] row : rows) {
                for (int j = 0; j < 10; j++) {
                    row[j] = random.nextInt(2);
                }
            }
            INDArray x = Nd4j.createFromArray(rows).castTo(DataType.FLOAT);
            batches.add(new DataSet(x, x));
        }
        return new ListDataSetIterator<>(batches, 1);
    }

    @Test
    void itFitsThePosteriorMeansAndDecodesItsDraws() {
        VaeModel model = tiny(0);
        ListDataSetIterator<DataSet> data = data();
        double[][] means = LatentMixtureSampler.posteriorMeans(model, data);
        assertEquals(30, means.length, "one code per example of all batches");
        data.reset();
        double[][] direct = model.encode(data.next().getFeatures()).mean().castTo(DataType.DOUBLE).toDoubleMatrix();
        assertArrayEquals(direct[4], means[4], 0.0, "the codes are encode(x).mean() of the examples, in order");

        MixtureConfig config = MixtureConfig.of(2, CovarianceType.DIAGONAL);
        LatentMixtureSampler sampler = LatentMixtureSampler.fit(model, data, config, 5);
        GaussianMixture expected = GaussianMixture.fit(means, config, 5);
        assertArrayEquals(expected.logLikelihoods(), sampler.mixture().logLikelihoods(), 0.0,
                "the same EM run as on the codes themselves");

        INDArray samples = sampler.sample(6, 9);
        assertArrayEquals(new long[] {6, 10}, samples.shape());
        INDArray decoded = model.decode(Nd4j.createFromArray(sampler.mixture().sample(6, 9)));
        assertEquals(decoded, samples, "samples are the decoded mixture draws of the same seed");
        assertEquals(samples, sampler.sample(6, 9), "the same seed gives the same samples");
    }

    @Test
    void conditionalModelsAndEmptyDataAreRefused() {
        IllegalArgumentException conditional = assertThrows(IllegalArgumentException.class,
                () -> LatentMixtureSampler.fit(tiny(4), data(), MixtureConfig.of(2, CovarianceType.FULL), 1));
        assertEquals("a latent mixture needs an unconditional model; this one is conditioned on 4 classes: use "
                + "the prior sampler", conditional.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> LatentMixtureSampler.fit(tiny(0), new ListDataSetIterator<>(List.<DataSet>of(), 1),
                        MixtureConfig.of(2, CovarianceType.FULL), 1));
        assertEquals("the data held no examples; expected at least one to fit the latent mixture to",
                empty.getMessage());
    }
}
