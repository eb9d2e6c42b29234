package io.github.dl4jvae.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.KlSchedule;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.Objective;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.data.FashionMnist;
import io.github.dl4jvae.data.IdxDataSource;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.model.Checkpoints;
import io.github.dl4jvae.pictures.EpochMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Early stopping on a validation split held out of the training images ({@link EarlyStopping}, {@link TrainingRun}):
 * the rule's arithmetic, and a run on the embedded subset (4,700 of its 5,000 training images held out, so the 300
 * left are overfitted within a few epochs) that ends {@code patience} epochs after its best validation epoch, keeps
 * that epoch in best.json, names its columns {@code validation_*} and refuses to be resumed.
 */
class EarlyStoppingTest {

    @Test
    void theRuleCountsFromTheLaterOfTheBestEpochAndTheWarmUp() {
        EarlyStopping rule = new EarlyStopping(3, 5);
        assertFalse(rule.reached(7, best(2)), "7 - max(2, 5) = 2 < 3");
        assertTrue(rule.reached(8, best(2)));
        assertFalse(rule.reached(8, best(6)));
        assertTrue(rule.reached(9, best(6)));
        assertFalse(rule.reached(9, Optional.empty()), "no best yet");
        assertFalse(new EarlyStopping(0, 0).reached(1000, best(1)), "patience 0: never");
    }

    @Test
    void theWarmUpIsTheLinearScheduleInWholeEpochs() throws Exception {
        RunSettings settings = RunSettings.of(10, 100, Preprocessing.Binarization.NONE, FashionMnist.embeddedSubset())
                .withValidation(10, 50);
        VaeConfig linear = VaeConfig.builder().objective(Objective.elbo(KlSchedule.linear(50_000))).build();
        assertEquals(new EarlyStopping(50, 100), EarlyStopping.of(settings, linear, 500));
        assertEquals(101, EarlyStopping.of(settings, linear, 499).warmupEpochs());
        assertEquals(0, EarlyStopping.of(settings, VaeConfig.builder().build(), 500).warmupEpochs());
    }

    @Test
    void aRunStopsPatienceEpochsAfterItsBestValidationEpoch(@TempDir Path dir) throws Exception {
        IdxDataSource source = FashionMnist.embeddedSubset();
        VaeConfig config = VaeConfig.builder().inputShape(InputShape.image(28, 28)).network(NetworkConfig.mlp(64))
                .latentSize(8).learningRate(1e-2).seed(3).build();
        RunSettings settings = RunSettings.of(60, 50, Preprocessing.Binarization.NONE, source).withValidation(4700, 2);
        RunDirectory directory = RunDirectory.create(dir.resolve("run"), false);
        TrainingRun run = TrainingRun.create(config, settings, source, directory);
        assertEquals(300, run.trainingExamples());
        assertEquals(6, run.stepsPerEpoch());

        TrainingRun.Result result = run.train(List.of());
        List<EpochMetrics> rows = MetricsFile.read(directory.metrics());
        int stopped = rows.size();
        assertTrue(stopped < 60, "stopped early, after " + stopped + " epochs");
        assertEquals(stopped, result.epochs().size());
        EpochMetrics best = rows.stream().min(Comparator.comparingDouble(EpochMetrics::testNegativeElbo)).orElseThrow();
        assertEquals(best.epoch() + 2, stopped, "two epochs without improvement after the best");
        String record = Files.readString(directory.path().resolve(Checkpoints.BEST_RECORD));
        assertTrue(record.contains("\"epoch\" : " + best.epoch()), record);
        assertTrue(Files.readAllLines(directory.metrics()).get(0).startsWith(
                "epoch,train_loss,train_negative_elbo,train_reconstruction,train_kl,validation_negative_elbo"));

        IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
                () -> TrainingRun.resume(directory, 100, null).train(List.of()));
        assertTrue(again.getMessage().contains("stopped early after epoch " + stopped + ": no better validation "
                + "negative ELBO than"), again.getMessage());
    }

    private static Optional<Checkpoints.Best> best(int epoch) {
        return Optional.of(new Checkpoints.Best(epoch, Checkpoints.Best.VALIDATION, 100.0));
    }
}
