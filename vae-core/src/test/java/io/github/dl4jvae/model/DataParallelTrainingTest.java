package io.github.dl4jvae.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.KlSchedule;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.Objective;
import io.github.dl4jvae.config.Precision;
import io.github.dl4jvae.config.VaeConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training on several threads ({@link TrainingLoop}'s shards, {@link AdamOptimizer}'s chunks): the same steps as on
 * one thread up to rounding, the same weights bit for bit for the same thread count, and a run resumed on the saved
 * thread count equal to the uninterrupted one.
 */
class DataParallelTrainingTest {
    private static final int WIDTH = 12;
    private static final INDArray DATA = SyntheticData.patterns(96, WIDTH, 3);

    private static VaeModel model(Precision precision, Objective objective, int threads) {
        VaeModel model = VaeModel.create(VaeConfig.builder().inputShape(InputShape.vector(WIDTH))
                .network(NetworkConfig.mlp(10)).latentSize(3).samplesPerExample(2).precision(precision)
                .objective(objective).seed(5).build());
        model.setThreads(threads);
        return model;
    }

    /** Every parameter's values, in the graph's order, as doubles. */
    private static double[] weights(VaeModel model) {
        return model.graph().parameterNames().stream()
                .flatMapToDouble(name -> java.util.Arrays.stream(model.graph().sameDiff().getVariable(name).getArr()
                        .castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).reshape(-1).toDoubleVector()))
                .toArray();
    }

    private static List<EpochResult> train(VaeModel model, int epochs) {
        return model.fit(SyntheticData.iterator(DATA, 48), epochs);
    }

    @Test
    void shardedStepsEqualOneThreadsInDoublePrecision() {
        VaeModel one = model(Precision.DOUBLE, Objective.ELBO, 1);
        VaeModel three = model(Precision.DOUBLE, Objective.ELBO, 3);
        List<EpochResult> a = train(one, 3);
        List<EpochResult> b = train(three, 3);
        for (int e = 0; e < 3; e++) {
            // Shards of 16 rows; their gradients summed with weights 1/3 differ from one pass in the last bits only.
            assertEquals(a.get(e).loss(), b.get(e).loss(), 1e-9 * Math.abs(a.get(e).loss()), "epoch " + (e + 1));
            assertEquals(a.get(e).kl(), b.get(e).kl(), 1e-9 * Math.abs(a.get(e).kl()) + 1e-12);
        }
        assertArrayEquals(weights(one), weights(three), 1e-9);
        assertEquals(3, three.provenance().threads());
    }

    @Test
    void sameThreadCountGivesTheSameWeightsBitForBit() {
        VaeModel first = model(Precision.FLOAT, Objective.ELBO, 2);
        VaeModel second = model(Precision.FLOAT, Objective.ELBO, 2);
        train(first, 2);
        train(second, 2);
        assertArrayEquals(weights(first), weights(second), 0.0);
        // Float rounding of another grouping: not bit for bit, but within float precision of the weights' scale.
        VaeModel single = model(Precision.FLOAT, Objective.ELBO, 1);
        train(single, 2);
        assertArrayEquals(weights(single), weights(first), 1e-4);
    }

    @Test
    void objectivesCouplingTheBatchTrainOnOneShard() {
        Objective freeBits = Objective.ELBO.withFreeBits(0.5);
        Objective capacity = Objective.elbo(KlSchedule.capacity(5, 100, 10));
        for (Objective objective : List.of(freeBits, capacity)) {
            VaeModel one = model(Precision.DOUBLE, objective, 1);
            VaeModel two = model(Precision.DOUBLE, objective, 2);
            train(one, 2);
            train(two, 2);
            assertArrayEquals(weights(one), weights(two), 0.0, objective + ": the batch's mean KL is one term");
        }
    }

    @Test
    void resumeOnTheSavedThreadCountEqualsTheUninterruptedRun(@TempDir Path dir) throws IOException {
        VaeModel uninterrupted = model(Precision.FLOAT, Objective.ELBO, 2);
        train(uninterrupted, 3);
        VaeModel interrupted = model(Precision.FLOAT, Objective.ELBO, 2);
        train(interrupted, 1);
        interrupted.save(dir.resolve("model.zip"));
        VaeModel resumed = VaeModel.load(dir.resolve("model.zip"));
        assertEquals(2, resumed.provenance().threads(), "the thread count it was trained with");
        resumed.setThreads(resumed.provenance().threads());
        train(resumed, 2);
        assertArrayEquals(weights(uninterrupted), weights(resumed), 0.0);
    }

    @Test
    void shardSizesAreContiguousAndAsEqualAsPossible() {
        assertArrayEquals(new int[] {43, 43, 42}, Workers.shardSizes(128, 3));
        assertArrayEquals(new int[] {64, 64}, Workers.shardSizes(128, 2));
        assertArrayEquals(new int[] {7}, Workers.shardSizes(7, 1));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> model(Precision.FLOAT, Objective.ELBO, 0));
        assertTrue(e.getMessage().contains("threads must be >= 1, got 0"), e.getMessage());
    }
}
