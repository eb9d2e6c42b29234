package io.github.dl4jvae.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.Objective;
import io.github.dl4jvae.config.VaeConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Passes over data on several threads (one batch, or one chunk of importance samples, per thread) give exactly what
 * one thread gives: the test negative ELBO, the importance-sampled NLL, and the encodings of a data set.
 */
class ParallelInferenceTest {
    private static final int WIDTH = 12;
    private static final INDArray DATA = SyntheticData.patterns(70, WIDTH, 4);

    private static VaeModel trained(Objective objective) {
        VaeModel model = VaeModel.create(VaeConfig.builder().inputShape(InputShape.vector(WIDTH))
                .network(NetworkConfig.mlp(10)).latentSize(3).objective(objective).seed(8).build());
        model.setThreads(1);
        model.fit(SyntheticData.iterator(DATA, 32), 2);
        return model;
    }

    @Test
    void evaluationAndLikelihoodDoNotDependOnTheThreadCount() {
        VaeModel model = trained(Objective.ELBO);
        Evaluation one = model.evaluate(SyntheticData.iterator(DATA, 8));
        double nllOne = model.logLikelihood(SyntheticData.iterator(DATA, 8), 20);
        // K = 70,000 samples of 12 values: the chunks of at most 2^24 values run 2 or 3 at a time.
        INDArray chunkedOne = model.logLikelihood(DATA.getRows(0, 1), 70_000, 3);
        Encoding codesOne = model.encode(SyntheticData.iterator(DATA, 8));
        for (int threads : new int[] {2, 3}) {
            model.setThreads(threads);
            Evaluation many = model.evaluate(SyntheticData.iterator(DATA, 8));
            assertEquals(one, many, threads + " threads, 9 batches");
            assertEquals(nllOne, model.logLikelihood(SyntheticData.iterator(DATA, 8), 20), 0.0);
            assertEquals(chunkedOne, model.logLikelihood(DATA.getRows(0, 1), 70_000, 3));
            Encoding codes = model.encode(SyntheticData.iterator(DATA, 8));
            assertEquals(codesOne.mean(), codes.mean());
            assertEquals(codesOne.logVariance(), codes.logVariance());
        }
        assertEquals(model.encode(DATA).mean(), codesOne.mean(), "the batches' encodings, stacked in order");
        assertEquals(70, codesOne.mean().rows());
    }

    @Test
    void anAutoencodersCodesOfADataSetAreDeterministic() {
        VaeModel model = trained(Objective.AE);
        model.setThreads(2);
        Encoding codes = model.encode(SyntheticData.iterator(DATA, 8));
        assertTrue(codes.deterministic());
        assertEquals(Nd4j.vstack(model.encode(DATA.getRows(0, 1, 2)).mean(), model.encode(DATA.getRows(3)).mean()),
                codes.mean().getRows(0, 1, 2, 3));
    }
}
