package io.github.dl4jvae.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dl4jvae.model.Provenance;
import io.github.dl4jvae.scaleout.spark.SparkTraining;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The settings and report records: validation with messages that name the value, JSON round trips. */
class SettingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void parallelTrainingValidatesAndRoundTrips() throws Exception {
        ParallelTraining settings = ParallelTraining.of(2).withAveragingFrequency(3);
        assertEquals(new ParallelTraining(2, 3, ParallelTraining.DEFAULT_PREFETCH_BUFFER), settings);
        assertEquals(settings, JSON.readValue(JSON.writeValueAsString(settings), ParallelTraining.class));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ParallelTraining.of(0)).getMessage()
                .contains("workers 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ParallelTraining(2, 0, 1)).getMessage()
                .contains("averaging frequency 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ParallelTraining(2, 1, -1)).getMessage()
                .contains("prefetch buffer -1"));
    }

    @Test
    void sparkTrainingValidatesAndRoundTrips() throws Exception {
        SparkTraining settings = SparkTraining.of(4, 64).withAveragingFrequency(2);
        assertEquals(new SparkTraining(4, 64, 2, SparkTraining.DEFAULT_PREFETCH_BATCHES), settings);
        assertEquals(settings, JSON.readValue(JSON.writeValueAsString(settings), SparkTraining.class));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SparkTraining.of(0, 64)).getMessage()
                .contains("workers 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SparkTraining.of(2, 0)).getMessage()
                .contains("batch size per worker 0"));
    }

    @Test
    void trainingReportRoundTripsThroughJson() {
        Provenance provenance = new Provenance(42, "fashion-mnist", "0.1.0", "1.0.0-M2.1", "CPU",
                "2026-01-01T00:00:00Z", 2, 100, 1);
        TrainingReport report = new TrainingReport(Engine.SPARK, 2, 5, 50, provenance, 543.0,
                List.of(new TrainingEpoch(1, 5000, 2.5, 300.0), new TrainingEpoch(2, 5000, 2.0, 280.0)));
        assertEquals(report, TrainingReport.fromJson(report.toJson()));
        assertEquals(280.0, report.finalNegativeElbo());
        assertEquals(10_000, report.examples());
        assertEquals(2500.0, report.examplesPerSecond(2), 1e-9, "5000 examples in 2 s from epoch 2 on");
        assertThrows(IllegalArgumentException.class, () -> new TrainingReport(Engine.SPARK, 2, 5, 50, provenance,
                543.0, List.of(new TrainingEpoch(2, 1, 1, 1))), "epochs numbered from 1");
        assertThrows(IllegalArgumentException.class, () -> new TrainingEpoch(1, 1, 1, Double.NaN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingReport.fromJson("{\"engine\":\"SPARK\"}"));
        assertTrue(e.getMessage().startsWith("not a training report"), e.getMessage());
    }
}
