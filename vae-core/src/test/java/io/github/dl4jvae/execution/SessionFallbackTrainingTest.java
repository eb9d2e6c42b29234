package io.github.dl4jvae.execution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.Likelihood;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.Precision;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.model.TrainingListener;
import io.github.dl4jvae.model.VaeModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The session fallback end to end, the path no VAE graph takes while the executor schedules them all: a
 * {@link VaeModel} trained with every function forced onto SameDiff's session (the version guard fed another ND4J
 * version) gives the scheduled model's losses, parameters and encodings.
 */
class SessionFallbackTrainingTest {
    private static final int ROWS = 40;
    private static final int BATCH = 10;

    @Test
    void aModelTrainedOnSameDiffsSessionMatchesTheScheduledOne() {
        VaeConfig config = VaeConfig.builder().inputShape(InputShape.vector(12)).network(NetworkConfig.mlp(10, 8))
                .latentSize(3).likelihood(Likelihood.GAUSSIAN_LEARNED_VARIANCE).samplesPerExample(2)
                .precision(Precision.DOUBLE).learningRate(0.01).seed(11).build();
        Nd4j.getRandom().setSeed(21);
        INDArray x = Nd4j.rand(DataType.DOUBLE, ROWS, 12);

        List<Double> scheduledLosses = new ArrayList<>();
        VaeModel scheduled = trained(config, x, scheduledLosses);

        AtomicInteger asked = new AtomicInteger();
        VersionGuard previous = VersionGuard.replaceProcessGuard(new VersionGuard(() -> {
            asked.incrementAndGet();
            return "0.0.0-forced-by-test";
        }));
        List<Double> sessionLosses = new ArrayList<>();
        VaeModel session;
        INDArray sessionMean;
        try {
            session = trained(config, x, sessionLosses);
            sessionMean = session.encode(x).mean();
        } finally {
            VersionGuard.replaceProcessGuard(previous);
        }
        assertEquals(1, asked.get(), "the session model's executors consulted the forced guard (once: it remembers)");

        // Two epochs of 4 steps. The schedule sums bias gradients in another order (GradientPassTest: within 1e-14 of
        // their largest value in double), and Adam carries such differences into the parameters: after 8 steps the
        // largest seen was 2e-16 of a parameter's largest value (about one unit in the last place). Tolerance 1e-14
        // relative, GradientPassTest's bound for one gradient; an op run wrongly on either path is off by far more.
        assertEquals(2 * ROWS / BATCH, scheduledLosses.size());
        assertEquals(scheduledLosses.size(), sessionLosses.size());
        for (int i = 0; i < scheduledLosses.size(); i++) {
            double want = scheduledLosses.get(i);
            assertEquals(want, sessionLosses.get(i), 1e-14 * Math.abs(want), "loss of step " + i);
        }
        assertTrue(scheduledLosses.get(scheduledLosses.size() - 1) < scheduledLosses.get(0), "the model learned");
        for (String parameter : scheduled.graph().parameterNames()) {
            double[] want = flat(scheduled.graph().sameDiff().getVariable(parameter).getArr());
            double[] got = flat(session.graph().sameDiff().getVariable(parameter).getArr());
            assertArrayEquals(want, got, 1e-14 * largest(want), parameter + " after training");
        }
        double[] wantMean = flat(scheduled.encode(x).mean());
        assertArrayEquals(wantMean, flat(sessionMean), 1e-14 * largest(wantMean), "encoder means");
        scheduled.close();
        session.close();
    }

    private static VaeModel trained(VaeConfig config, INDArray x, List<Double> losses) {
        VaeModel model = VaeModel.create(config);
        model.addListener(new TrainingListener() {
            @Override
            public void iterationDone(int epoch, long iteration, double loss, int examples) {
                losses.add(loss);
            }
        });
        List<DataSet> batches = new ArrayList<>();
        for (int start = 0; start < ROWS; start += BATCH) {
            INDArray rows = x.get(NDArrayIndex.interval(start, start + BATCH), NDArrayIndex.all()).dup();
            batches.add(new DataSet(rows, rows));
        }
        model.fit(new ListDataSetIterator<>(batches, 1), 2);
        return model;
    }

    private static double[] flat(INDArray array) {
        return array.reshape(-1).toDoubleVector();
    }

    private static double largest(double[] values) {
        return java.util.Arrays.stream(values).map(Math::abs).max().orElse(0);
    }
}
