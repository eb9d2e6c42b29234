package io.github.dl4jvae.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.KlEstimator;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.Precision;
import io.github.dl4jvae.config.Prior;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.graph.VaeGraph;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Draws from the VampPrior ({@link PriorSampler}): with three well separated components of variance 0.01, every code
 * lies within 0.5 of a component mean (5 standard deviations in each of 2 dimensions) and each component gets a third
 * of 30,000 codes within 4 binomial standard deviations (~0.011); the same seed gives the same codes.
 */
class VampPriorSamplingTest {
    private static final int COMPONENTS = 3;
    private static final int DRAWS = 30_000;

    @Test
    void codesComeFromTheMixtureOfTheComponentsInEqualShares() {
        VaeConfig config = VaeConfig.builder().inputShape(InputShape.vector(6)).network(NetworkConfig.mlp(5))
                .latentSize(2).klEstimator(KlEstimator.MONTE_CARLO).prior(Prior.vamp(COMPONENTS))
                .precision(Precision.DOUBLE).seed(3).build();
        VaeGraph graph = VaeGraph.build(config);
        SameDiff sd = graph.sameDiff();
        // Pseudo-inputs far apart, a steep mean head and a log-variance head fixed at log 0.01.
        sd.getArrForVarName("prior_pseudo_inputs").assign(Nd4j.createFromArray(new double[][] {
                {0, 0, 0, 0, 0, 0}, {1, 1, 1, 0, 0, 0}, {0, 0, 0, 1, 1, 1}}));
        sd.getArrForVarName("enc_mean_W").muli(40);
        sd.getArrForVarName("enc_logvar_W").assign(0);
        sd.getArrForVarName("enc_logvar_b").assign(Math.log(0.01));
        GraphRunner runner = new GraphRunner(config, sd);
        double[][] means = runner.output(Map.of(), VaeGraph.PRIOR_MEAN).get(VaeGraph.PRIOR_MEAN).toDoubleMatrix();
        assertTrue(distance(means[0], means[1]) > 3 && distance(means[0], means[2]) > 3
                && distance(means[1], means[2]) > 3, "components apart: " + java.util.Arrays.deepToString(means));

        PriorSampler sampler = new PriorSampler(config, new NoiseSource(config.seed()), runner);
        INDArray codes = sampler.seeded(DRAWS, 11);
        assertArrayEquals(new long[] {DRAWS, 2}, codes.shape());
        assertEquals(DataType.DOUBLE, codes.dataType());
        int[] counts = new int[COMPONENTS];
        double[][] z = codes.toDoubleMatrix();
        for (double[] code : z) {
            int nearest = 0;
            for (int c = 1; c < COMPONENTS; c++) {
                if (distance(code, means[c]) < distance(code, means[nearest])) {
                    nearest = c;
                }
            }
            assertTrue(distance(code, means[nearest]) < 0.5, "code " + java.util.Arrays.toString(code));
            counts[nearest]++;
        }
        double tolerance = 4 * Math.sqrt(DRAWS * (1.0 / 3) * (2.0 / 3));
        for (int c = 0; c < COMPONENTS; c++) {
            assertEquals(DRAWS / 3.0, counts[c], tolerance, "codes of component " + c);
        }
        assertEquals(codes, sampler.seeded(DRAWS, 11));
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return Math.sqrt(sum);
    }
}
