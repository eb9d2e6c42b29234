package io.github.dl4jvae.cli;

import static io.github.dl4jvae.cli.VaeCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dl4jvae.config.Objective;
import io.github.dl4jvae.model.VaeModel;
import io.github.dl4jvae.runs.MetricsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vae train --objective AE} and the subcommands on the autoencoder it writes, run in-process on the embedded
 * subset with a tiny 784-32-2 network for one epoch: the table's test column is the reconstruction with KL 0, the
 * run has the usual pictures and says what its samples are, {@code evaluate} reports the reconstruction loss and says
 * the bound and the likelihood are undefined (no such figures in its JSON), {@code sample} labels prior draws, and the
 * options an autoencoder would ignore are one-line errors.
 */
class AutoencoderCommandTest {
    @TempDir
    static Path shared;
    private static Path run;
    private static VaeCommandTest.Run train;

    @BeforeAll
    static void trainOnce() {
        run = shared.resolve("ae");
        train = run("train", "--objective", "AE", "--embedded", "--epochs", "1", "--hidden", "32", "--latent", "2",
                "--batch-size", "250", "--out", run.toString());
    }

    @Test
    void trainingWritesTheRunWithReconstructionColumnsAndLabelledSamples() throws Exception {
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().startsWith("training MLP 784-32-2 relu BERNOULLI autoencoder (AE: no noise, no KL) on "
                + "fashion-mnist-embedded-subset"), train.out());
        assertTrue(train.out().contains(" test recon. "), train.out());
        assertTrue(train.out().contains("(samples.png: decoded N(0, I) draws: an autoencoder has no prior, and its "
                + "decoder never saw these codes; 'vae sample --sampler gmm:K' draws from a mixture fitted to its "
                + "codes)"), train.out());
        for (String picture : List.of("samples.png", "reconstructions.png", "latent-space.png", "traversals.png",
                "loss-curves.png", "manifold.png")) {
            assertTrue(Files.size(run.resolve(picture)) > 1000, picture);
        }
        var row = MetricsFile.read(run.resolve("metrics.csv")).get(0);
        assertEquals(0.0, row.trainKl(), 0.0);
        assertEquals(0.0, row.testKl(), 0.0);
        assertEquals(row.testReconstruction(), row.testNegativeElbo(), 0.0);
        assertEquals(Objective.AE, VaeModel.load(run.resolve("model.zip")).config().objective());
    }

    @Test
    void evaluateReportsTheReconstructionLossAndNoBound(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("evaluation.json");
        VaeCommandTest.Run evaluate = run("evaluate", "--embedded", "--model", run.toString(), "--out",
                json.toString());

        assertEquals(0, evaluate.exitCode(), evaluate.err());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        double reconstruction = report.get("testReconstruction").asDouble();
        assertEquals(String.format(java.util.Locale.ROOT, "test reconstruction    %10.3f nats (1000 images): -log "
                + "p(x | z = code), the autoencoder's loss", reconstruction), evaluate.out().lines().findFirst()
                .orElseThrow());
        assertTrue(evaluate.out().lines().anyMatch(AutoencoderReport.UNDEFINED::equals), evaluate.out());
        assertEquals("AE", report.get("objective").asText());
        assertEquals(2, report.get("codeVariance").size());
        assertFalse(report.has("testNegativeElbo") || report.has("importanceSampledNll") || report.has("testKl"),
                report.toString());
        var metrics = MetricsFile.read(run.resolve("metrics.csv"));
        // The same test images, the same float sums over batches of 500: the same figure as training's last row.
        assertEquals(metrics.get(metrics.size() - 1).testReconstruction(), reconstruction, 1e-3);
    }

    @Test
    void priorSamplesAreLabelledAndIgnoredSettingsAreRefused(@TempDir Path dir) {
        Path png = dir.resolve("prior.png");
        VaeCommandTest.Run sample = run("sample", "--model", run.toString(), "--count", "4", "--out", png.toString());
        assertEquals(0, sample.exitCode(), sample.err());
        assertEquals("wrote " + png + " (4 samples: decoded N(0, I) draws: an autoencoder has no prior, and its "
                + "decoder never saw these codes)", sample.out().strip());

        VaeCommandTest.Run beta = run("train", "--objective", "AE", "--embedded", "--beta", "2", "--out",
                dir.resolve("b").toString());
        assertEquals(1, beta.exitCode());
        assertEquals("vae: objective AE (a deterministic autoencoder) does not take beta 2.0 (it has no KL term to "
                + "weigh; expected 1)", beta.err().strip());
        VaeCommandTest.Run samples = run("train", "--objective", "AE", "--embedded", "--samples", "3", "--out",
                dir.resolve("s").toString());
        assertEquals("vae: objective AE (a deterministic autoencoder) does not take samplesPerExample 3 (its code is "
                + "deterministic; expected 1)", samples.err().strip());
        VaeCommandTest.Run schedule = run("train", "--objective", "AE", "--embedded", "--kl-schedule", "linear:100",
                "--out", dir.resolve("k").toString());
        assertEquals("vae: objective AE has no KL term to schedule: it needs klSchedule CONSTANT and "
                + "freeBits 0, got LINEAR and 0.0", schedule.err().strip());
    }
}
