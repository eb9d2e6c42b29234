package io.github.dl4jvae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dl4jvae.model.VaeModel;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every subcommand run as a user would, on the embedded subset with tiny settings. */
class VaeCommandTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine commandLine = VaeCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void previewPrintsClassCountsAndWritesAGrid(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("preview.png");
        Run run = run("preview", "--embedded", "--images", "16", "--out", png.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("data: fashion-mnist-embedded-subset"), run.out());
        // The embedded subset's first 5000 training and 1000 test labels (counted with Python from the IDX files).
        assertTrue(run.out().contains("Ankle boot"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("total\\s+5000\\s+1000")), run.out());
        BufferedImage image = ImageIO.read(png.toFile());
        // 4 x 4 cells of 28 * 3 pixels with 2-pixel gaps.
        assertEquals(4 * (28 * 3 + 2) + 2, image.getWidth());
        assertEquals(4 * (28 * 3 + 2) + 2, image.getHeight());
    }

    @Test
    void trainWritesMetricsAndACheckpointThatEvaluateReads(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        Run train = run("train", "--embedded", "--epochs", "2", "--hidden", "32", "--latent", "2",
                "--batch-size", "250", "--out", out.toString());
        assertEquals(0, train.exitCode(), train.err());
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(TrainCommand.METRICS_HEADER, metrics.get(0));
        assertEquals(3, metrics.size(), "header and one row per epoch: " + metrics);
        String[] lastRow = metrics.get(2).split(",");
        assertEquals("2", lastRow[0]);
        double testNegativeElbo = Double.parseDouble(lastRow[4]);
        // Fashion-MNIST pixels under an untrained Bernoulli decoder cost ~543 nats (784 log 2); two epochs of
        // a small model on 5000 images must be well below that and above the ~230 of a fully trained one.
        assertTrue(testNegativeElbo > 230 && testNegativeElbo < 450, "test negative ELBO " + testNegativeElbo);

        BufferedImage samples = ImageIO.read(out.resolve("samples.png").toFile());
        assertEquals(8 * (28 * 2 + 2) + 2, samples.getWidth(), "8 x 8 grid of samples");
        BufferedImage reconstructions = ImageIO.read(out.resolve("reconstructions.png").toFile());
        assertEquals(8 * (28 * 2 + 2) + 2, reconstructions.getHeight(), "4 rows of originals, 4 of reconstructions");

        VaeModel model = VaeModel.load(out.resolve("model.zip"));
        assertEquals(2, model.epochsTrained());
        assertEquals(2, model.config().latentSize());
        assertEquals("fashion-mnist-embedded-subset/train", model.provenance().dataSet());

        Run evaluate = run("evaluate", "--embedded", "--model", out.resolve("model.zip").toString(), "--k", "5",
                "--limit", "20");
        assertEquals(0, evaluate.exitCode(), evaluate.err());
        JsonNode json = new ObjectMapper().readTree(out.resolve("evaluation.json").toFile());
        assertEquals(1000, json.get("testImages").asInt());
        assertEquals(20, json.get("nllImages").asInt());
        assertEquals(5, json.get("k").asInt());
        // The importance-sampled NLL is at most the negative ELBO, up to sampling noise on 20 images.
        assertTrue(json.get("importanceSampledNll").asDouble() < json.get("testNegativeElbo").asDouble() + 10,
                json.toString());
    }

    @Test
    void badUseIsAOneLineErrorWithANonZeroExitCode(@TempDir Path dir) throws Exception {
        Run unknown = run("train", "--epoch", "3");
        assertEquals(2, unknown.exitCode());
        assertEquals("vae: Unknown options: '--epoch', '3' (see 'vae train --help')", unknown.err().strip());

        Path missing = dir.resolve("nowhere");
        Run noData = run("preview", "--data", missing.toString());
        assertEquals(1, noData.exitCode());
        assertEquals(1, noData.err().lines().count(), noData.err());
        assertTrue(noData.err().startsWith("vae: ") && noData.err().contains(missing.toString()), noData.err());

        Path out = dir.resolve("taken");
        Files.createDirectories(out);
        Files.writeString(out.resolve("metrics.csv"), "epoch\n");
        Run taken = run("train", "--embedded", "--out", out.toString());
        assertEquals(1, taken.exitCode());
        assertEquals("vae: output directory " + out + " already holds a run (model.zip or metrics.csv); choose "
                + "another --out or pass --force to overwrite it", taken.err().strip());
        assertEquals("epoch\n", Files.readString(out.resolve("metrics.csv")), "the earlier run is untouched");

        Path garbage = dir.resolve("garbage.zip");
        Files.writeString(garbage, "not a model");
        Run unreadable = run("evaluate", "--embedded", "--model", garbage.toString());
        assertEquals(1, unreadable.exitCode());
        assertTrue(unreadable.err().strip().endsWith("is not a dl4j-vae model file: it is not a zip archive or it is empty"),
                unreadable.err());
    }
}
