package io.github.dl4jvae.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.VaeConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The importance-sampled log p(x) (Burda et al. 2015) on a trained model: finite, non-decreasing in K on
 * average, above the ELBO, and stable across sampling seeds.
 */
class ImportanceSamplingTest {
    private static final int WIDTH = 32;
    private static VaeModel model;
    private static INDArray data;

    @BeforeAll
    static void train() {
        data = SyntheticData.patterns(512, WIDTH, 11);
        model = VaeModel.create(VaeConfig.builder().inputShape(InputShape.vector(WIDTH))
                .network(NetworkConfig.mlp(64)).latentSize(4).learningRate(3e-3).seed(3).build());
        model.fit(SyntheticData.iterator(data, 64), 6);
    }

    private static double mean(INDArray values) {
        return values.meanNumber().doubleValue();
    }

    @Test
    void boundTightensWithKAndLiesAboveTheElbo() {
        INDArray x = data.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 256),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        double k1 = mean(model.logLikelihood(x, 1));
        double k10 = mean(model.logLikelihood(x, 10));
        double k100 = mean(model.logLikelihood(x, 100));
        double elbo = -mean(model.negativeElbo(x).negativeElbo());
        assertTrue(Double.isFinite(k100));
        // E[log p_K] is non-decreasing in K (Burda et al., theorem 1); with 256 examples the Monte-Carlo
        // noise of the means is far below the gaps seen (> 0.1 nat).
        assertTrue(k1 <= k10 && k10 <= k100, "K=1: " + k1 + ", K=10: " + k10 + ", K=100: " + k100);
        assertTrue(k100 > elbo, "log p_100 " + k100 + " above the ELBO " + elbo);
        // At K = 1 the estimate is a one-sample ELBO: its mean agrees with the ELBO to Monte-Carlo noise.
        assertEquals(elbo, k1, 0.5);
    }

    @Test
    void estimateIsStableAcrossSeedsAndChunking() {
        INDArray x = data.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 64),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        double a = mean(model.logLikelihood(x, 500, 1));
        double b = mean(model.logLikelihood(x, 500, 2));
        assertEquals(a, b, 0.05, "two sampling seeds at K=500 agree within 0.05 nat");
        assertEquals(model.logLikelihood(x, 500, 1), model.logLikelihood(x, 500, 1), "same seed, same estimate");
    }
}
