package io.github.dl4jvae.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Ranking on hand values, agreement with the model's own per-example figures, and a real anomaly. */
class AnomalyScoresTest {
    private static final int WIDTH = 24;

    @Test
    void rankingGoesFromHighestToLowestScore() {
        AnomalyScores scores = AnomalyScores.of(new double[] {3, 1, 2, 3, 0.5}, AnomalyScore.NEGATIVE_ELBO, 0);
        assertArrayEquals(new int[] {0, 3, 2, 1, 4}, scores.ranking(), "ties keep input order");
        assertArrayEquals(new int[] {0, 3}, scores.mostAnomalous(2));
        assertArrayEquals(new int[] {4, 1}, scores.leastAnomalous(2));
        assertArrayEquals(new int[] {0, 3, 2, 1, 4}, scores.mostAnomalous(10), "at most every example");
        assertEquals(1.9, scores.mean(), 1e-12);
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> AnomalyScores.of(new double[] {1, Double.NaN}, AnomalyScore.NLL, 5));
        assertEquals("score 1 is NaN; expected a number of nats", nan.getMessage());
    }

    @Test
    void aurocIsTheMannWhitneyStatistic() {
        // Anomalies score 5 and 3; normals 4, 1, 3. Pairs (anomaly, normal) won: 5 beats all three; 3 beats 1,
        // ties 3 (one half), loses to 4: (3 + 1.5) / 6 = 0.75.
        AnomalyScores scores = AnomalyScores.of(new double[] {5, 4, 3, 1, 3}, AnomalyScore.NLL, 10);
        assertEquals(0.75, scores.auroc(new boolean[] {true, false, true, false, false}), 1e-12);
        assertEquals(1.0, scores.auroc(new boolean[] {true, true, false, false, false}), 1e-12);
        assertEquals(0.0, AnomalyScores.of(new double[] {1, 2}, AnomalyScore.NLL, 1)
                .auroc(new boolean[] {true, false}), 1e-12);
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> scores.auroc(new boolean[5]));
        assertEquals("the AUROC needs anomalies and normal examples; got 0 anomalies and 5 normal examples",
                none.getMessage());
    }

    @Test
    void scoresAreTheModelsPerExampleFigures() {
        VaeModel model = VaeModel.create(config());
        INDArray x = patterns(30, 1);
        AnomalyScores elbo = AnomalyScores.compute(model, x, AnomalyScore.NEGATIVE_ELBO, 0, 64);
        // One batch draws the same evaluation noise as one call of negativeElbo: equal up to float32 casting.
        assertArrayEquals(model.negativeElbo(x).negativeElbo().toDoubleVector(), elbo.scores(), 1e-4);
        AnomalyScores nll = AnomalyScores.compute(model, x, AnomalyScore.NLL, 8, 7);
        // The importance samples are drawn from the model's seed for each call's batch, so the scores in batches
        // of 7 are the model's own estimates for those same batches: equal up to the float32 to double cast.
        assertEquals(30, nll.size());
        assertEquals(8, nll.k());
        for (int start = 0; start < 30; start += 7) {
            int end = Math.min(30, start + 7);
            INDArray rows = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
            double[] expected = model.logLikelihood(rows, 8).neg().toDoubleVector();
            for (int i = start; i < end; i++) {
                assertEquals(expected[i - start], nll.scores()[i], 1e-9, "example " + i);
            }
        }
        // Batches of 7 draw other noise than one call over all 30, so they differ from it only by the Monte-Carlo
        // error of K = 8 samples on an untrained model: a few nats per example at most, under a nat on average.
        double[] whole = model.logLikelihood(x, 8).neg().toDoubleVector();
        double meanDifference = 0;
        for (int i = 0; i < 30; i++) {
            meanDifference += Math.abs(whole[i] - nll.scores()[i]) / 30;
        }
        assertTrue(meanDifference > 0 && meanDifference < 1.0, "mean |difference| " + meanDifference);
    }

    @Test
    void randomNoiseScoresHigherThanTheTrainingPatterns() {
        VaeModel model = VaeModel.create(config());
        INDArray train = patterns(512, 2);
        List<DataSet> batches = new ArrayList<>();
        for (int start = 0; start < 512; start += 64) {
            INDArray rows = train.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, start + 64),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
            batches.add(new DataSet(rows, rows));
        }
        model.fit(new ListDataSetIterator<>(batches, 1), 8);
        INDArray mixed = Nd4j.vstack(patterns(20, 3), noise(5, 4));
        AnomalyScores scores = AnomalyScores.compute(model, mixed, AnomalyScore.NLL, 50, 10);
        // The five noise rows (indices 20..24) must be the five most anomalous: flipping half the bits of a
        // pattern costs ~WIDTH/2 * log(1/0.05) nats more than its 5% noise.
        int[] top = scores.mostAnomalous(5);
        java.util.Arrays.sort(top);
        assertArrayEquals(new int[] {20, 21, 22, 23, 24}, top, java.util.Arrays.toString(scores.scores()));
    }

    @Test
    void badArgumentsAreRejected() {
        VaeModel model = VaeModel.create(config());
        INDArray x = patterns(3, 5);
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
                () -> AnomalyScores.compute(model, x, AnomalyScore.NLL, 0, 10));
        assertEquals("number of importance samples K must be >= 1, got 0", k.getMessage());
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> AnomalyScores.compute(model, x, AnomalyScore.NEGATIVE_ELBO, 0, 0));
        assertEquals("batch size must be >= 1, got 0", batch.getMessage());
        assertTrue(AnomalyScores.compute(model, x, AnomalyScore.NEGATIVE_ELBO, 0, 2).mean() > 0);
    }

    private static VaeConfig config() {
        return VaeConfig.builder().inputShape(InputShape.vector(WIDTH)).network(NetworkConfig.mlp(48))
                .latentSize(3).learningRate(3e-3).seed(11).build();
    }

    /** Four prototype bit patterns with 5% of the bits flipped. */
    private static INDArray patterns(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] rows = new float[n][WIDTH];
        for (int i = 0; i < n; i++) {
            int prototype = random.nextInt(4);
            for (int j = 0; j < WIDTH; j++) {
                boolean on = j * 4 / WIDTH == prototype;
                rows[i][j] = (on ^ random.nextDouble() < 0.05) ? 1 : 0;
            }
        }
        return Nd4j.createFromArray(rows);
    }

    /** Uniformly random bits. */
    private static INDArray noise(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] rows = new float[n][WIDTH];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < WIDTH; j++) {
                rows[i][j] = random.nextBoolean() ? 1 : 0;
            }
        }
        return Nd4j.createFromArray(rows).castTo(DataType.FLOAT);
    }
}
