package io.github.dl4jvae.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.model.VaeModel;
import io.github.dl4jvae.runs.MetricsFile;
import io.github.dl4jvae.zoo.VaeZoo;
import io.github.dl4jvae.zoo.ZooEntry;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every subcommand run as a user would, on the embedded subset with tiny settings: one small model is trained
 * once for the class and read by the other subcommands.
 */
class VaeCommandTest {
    /** A tiny run: 2 epochs of a 784-32-2 MLP on the 5000 embedded training images. */
    private static final String[] TINY = {"--embedded", "--epochs", "2", "--hidden", "32", "--latent", "2",
        "--batch-size", "250"};
    private static final int CELL = 28 * 2 + 2;

    @TempDir
    static Path shared;
    private static Path run;
    private static Run train;

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine commandLine = VaeCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String[] with(String[] base, String... more) {
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @BeforeAll
    static void trainOnce() {
        run = shared.resolve("run");
        train = run(with(with(new String[] {"train"}, TINY), "--out", run.toString()));
    }

    @Test
    void previewPrintsClassCountsAndWritesAGrid(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("preview.png");
        Run preview = run("preview", "--embedded", "--images", "16", "--out", png.toString());
        assertEquals(0, preview.exitCode(), preview.err());
        assertTrue(preview.out().contains("data: fashion-mnist-embedded-subset"), preview.out());
        // The embedded subset's first 5000 training and 1000 test labels (counted with Python from the IDX files).
        assertTrue(preview.out().contains("Ankle boot"), preview.out());
        assertTrue(preview.out().lines().anyMatch(l -> l.matches("total\\s+5000\\s+1000")), preview.out());
        BufferedImage image = ImageIO.read(png.toFile());
        // 4 x 4 cells of 28 * 3 pixels with 2-pixel gaps.
        assertEquals(4 * (28 * 3 + 2) + 2, image.getWidth());
        assertEquals(4 * (28 * 3 + 2) + 2, image.getHeight());
    }

    @Test
    void trainWritesMetricsCheckpointAndPictures() throws Exception {
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().startsWith("training MLP 784-32-2 relu BERNOULLI on fashion-mnist-embedded-subset"),
                train.out());
        assertTrue(train.out().contains("pictures: samples.png, reconstructions.png, latent-space.png, "
                + "traversals.png, manifold.png, loss-curves.png"), train.out());
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(MetricsFile.HEADER, metrics.get(0));
        assertEquals("epoch,train_loss,train_negative_elbo,train_reconstruction,train_kl,test_negative_elbo,"
                + "test_reconstruction,test_kl,seconds,examples_per_second,active_units,kl_per_dimension",
                metrics.get(0));
        assertEquals(3, metrics.size(), "header and one row per epoch: " + metrics);
        String[] cells = metrics.get(2).split(",");
        double[] last = Arrays.stream(cells, 0, 11).mapToDouble(Double::parseDouble).toArray();
        assertEquals(2, last[0]);
        // Latent usage on the test data: the two dimensions' KL add up to the test KL (4 decimals each).
        double[] klPerDimension = Arrays.stream(cells[11].split(";")).mapToDouble(Double::parseDouble).toArray();
        assertEquals(2, klPerDimension.length);
        assertEquals(last[7], klPerDimension[0] + klPerDimension[1], 2e-3);
        assertTrue(last[10] >= 0 && last[10] <= 2, "active units " + last[10]);
        // Fashion-MNIST pixels under an untrained Bernoulli decoder cost ~543 nats (784 log 2); two epochs of
        // a small model on 5000 images (40 steps) must be well below that and above the ~230 of a fully trained one.
        // Seeds 1, 2, 3, 4 and 42 gave 469.2, 442.9, 449.7, 460.4 and 456.8 nats.
        assertTrue(last[5] > 230 && last[5] < 500, "test negative ELBO " + last[5]);
        // Tolerance 2e-4: the file holds 4 decimals; beta = 1, so the loss is the negative ELBO.
        assertEquals(last[3] + last[4], last[2], 2e-4);
        // The test split's three figures are separate float32 sums over batches of 500 (VaeModel.evaluate sums each
        // term's per-example array with ND4J: batch sums near 2.2e5, where float32 values lie 0.016 apart), so the
        // terms add up to the negative ELBO only to float rounding: 4e-4 apart per example with the seeds of
        // random.Seeds. Tolerance 1e-3 per example (1 nat over the 1000 test images).
        assertEquals(last[6] + last[7], last[5], 1e-3);
        // The loss is the graph's float mean, the negative ELBO the sum of the terms' means taken in double: equal
        // up to float rounding and the file's 4 decimals.
        assertEquals(last[1], last[2], 2e-4);

        assertEquals(8 * CELL + 2, png(run, "samples.png").getWidth(), "8 x 8 grid of samples");
        assertEquals(8 * CELL + 2, png(run, "reconstructions.png").getHeight(),
                "4 rows of originals, each followed by a row of reconstructions");
        assertEquals(20 * (28 + 2) + 2, png(run, "manifold.png").getWidth(), "20 x 20 decoded grid");
        assertEquals(900, png(run, "latent-space.png").getWidth());
        assertEquals(9 * 56 + 10 * 2, png(run, "traversals.png").getWidth(), "9 steps per latent dimension");
        assertEquals(2 * 56 + 3 * 2, png(run, "traversals.png").getHeight(), "one row per latent dimension");
        assertEquals(1120, png(run, "loss-curves.png").getWidth(), "two charts side by side");
        assertTrue(Files.readString(run.resolve("run.json")).contains("\"dataId\" : \"fashion-mnist-embedded-subset\""));
        assertTrue(Files.readString(run.resolve("config.json")).contains("\"latentSize\" : 2"));

        VaeModel model = VaeModel.load(run.resolve("model.zip"));
        assertEquals(2, model.epochsTrained());
        // Checkpoints: the last 3 (default --keep-last) epochs, and the best by test negative ELBO.
        try (var kept = Files.list(run.resolve("checkpoints"))) {
            assertEquals(List.of("epoch-0001.zip", "epoch-0002.zip"),
                    kept.map(p -> p.getFileName().toString()).sorted().toList());
        }
        JsonNode best = new ObjectMapper().readTree(run.resolve("best.json").toFile());
        assertEquals("validation negative ELBO", best.get("criterion").asText());
        int bestEpoch = last[5] < Double.parseDouble(metrics.get(1).split(",")[5]) ? 2 : 1;
        assertEquals(bestEpoch, best.get("epoch").asInt(), "the epoch with the lower test -ELBO in metrics.csv");
        assertEquals(bestEpoch, VaeModel.load(run.resolve("best.zip")).epochsTrained());
        assertTrue(train.out().contains("model.zip, best.zip, checkpoints/"), train.out());
        assertEquals(2, model.config().latentSize());
        assertEquals("fashion-mnist-embedded-subset/train", model.provenance().dataSet());
    }

    @Test
    void evaluateWritesTheTableAndJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("evaluation.json");
        Run evaluate = run("evaluate", "--embedded", "--model", run.resolve("model.zip").toString(), "--k", "5",
                "--limit", "20", "--out", json.toString());
        assertEquals(0, evaluate.exitCode(), evaluate.err());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals(1000, report.get("testImages").asInt());
        assertEquals(20, report.get("nllImages").asInt());
        assertEquals(5, report.get("k").asInt());
        // The importance-sampled NLL is at most the negative ELBO, up to sampling noise on 20 images.
        assertTrue(report.get("importanceSampledNll").asDouble() < report.get("testNegativeElbo").asDouble() + 10,
                report.toString());
        assertEquals(2, report.get("latentSize").asInt());
        assertEquals(2, report.get("klPerDimension").size());
        double klSum = report.get("klPerDimension").get(0).asDouble() + report.get("klPerDimension").get(1).asDouble();
        // Tolerance 1e-3: the KL term is summed in float32 by the model, per dimension in double by LatentUsage.
        assertEquals(report.get("testKl").asDouble(), klSum, 1e-3);
        int active = report.get("activeUnits").asInt();
        assertTrue(active >= 1 && active <= 2, report.toString());
        assertTrue(evaluate.out().contains("active units"), evaluate.out());
        assertTrue(evaluate.out().lines().anyMatch(l -> l.matches("\\s+2\\s+[0-9.]+\\s+[0-9.]+\\s+(yes|no)")),
                evaluate.out());
    }

    @Test
    void exportWritesTheWeightsAloneWhichEveryModelOptionReads(@TempDir Path dir) throws Exception {
        Path weights = dir.resolve("weights.zip");
        Run export = run("export", "--model", run.toString(), "--out", weights.toString());
        assertEquals(0, export.exitCode(), export.err());
        byte[] bytes = java.nio.file.Files.readAllBytes(weights);
        assertEquals("wrote " + weights + ": " + bytes.length + " bytes, SHA-256 "
                + io.github.dl4jvae.zoo.Sha256.of(bytes) + ", 2 epochs trained", export.out().strip());
        assertTrue(bytes.length < java.nio.file.Files.size(run.resolve("model.zip")) / 2, bytes.length + " bytes");
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        assertEquals(0, run("evaluate", "--embedded", "--model", weights.toString(), "--k", "2", "--limit", "5",
                "--out", a.toString()).exitCode());
        assertEquals(0, run("evaluate", "--embedded", "--model", run.toString(), "--k", "2", "--limit", "5",
                "--out", b.toString()).exitCode());
        JsonNode fromWeights = new ObjectMapper().readTree(a.toFile());
        JsonNode fromModel = new ObjectMapper().readTree(b.toFile());
        assertEquals(fromModel.get("testNegativeElbo"), fromWeights.get("testNegativeElbo"));
        assertEquals(fromModel.get("importanceSampledNll"), fromWeights.get("importanceSampledNll"));
    }

    @Test
    void sampleReconstructAndInterpolateWritePictures(@TempDir Path dir) throws Exception {
        String model = run.resolve("model.zip").toString();
        Path samples = dir.resolve("s.png");
        Run sample = run("sample", "--model", model, "--count", "12", "--columns", "6", "--seed", "3", "--out",
                samples.toString());
        assertEquals(0, sample.exitCode(), sample.err());
        assertEquals(6 * CELL + 2, png(samples).getWidth());
        assertEquals(2 * CELL + 2, png(samples).getHeight());

        Path reconstructions = dir.resolve("r.png");
        Run reconstruct = run("reconstruct", "--embedded", "--model", model, "--count", "12", "--split", "train",
                "--out", reconstructions.toString());
        assertEquals(0, reconstruct.exitCode(), reconstruct.err());
        assertEquals(4 * CELL + 2, png(reconstructions).getHeight(), "8 + 8 then 4 + 4 images");

        Path walks = dir.resolve("i.png");
        Run interpolate = run("interpolate", "--embedded", "--model", model, "--pairs", "3", "--steps", "5",
                "--out", walks.toString());
        assertEquals(0, interpolate.exitCode(), interpolate.err());
        assertEquals(7 * CELL + 2, png(walks).getWidth(), "first image, 5 steps, second image");
        assertEquals(3 * CELL + 2, png(walks).getHeight(), "a row per pair");
    }

    @Test
    void anomalyWritesScoresAndPicture(@TempDir Path dir) throws Exception {
        Run anomaly = run("anomaly", "--embedded", "--model", run.resolve("model.zip").toString(), "--score", "nll",
                "--k", "3", "--limit", "100", "--show", "8", "--out", dir.toString());
        assertEquals(0, anomaly.exitCode(), anomaly.err());
        List<String> csv = Files.readAllLines(dir.resolve("anomaly-scores.csv"));
        assertEquals(AnomalyCommand.CSV_HEADER, csv.get(0));
        assertEquals(101, csv.size());
        // The first test image of Fashion-MNIST is an ankle boot (class 9).
        assertTrue(csv.get(1).startsWith("0,9,Ankle boot,"), csv.get(1));
        double score = Double.parseDouble(csv.get(1).split(",")[3]);
        assertTrue(score > 0 && score < 800, "NLL of a 28x28 image in nats: " + score);
        BufferedImage picture = png(dir.resolve("anomalies.png"));
        assertEquals(8 * CELL + 2, picture.getWidth());
        assertEquals(2 * (CELL + 18) + 2, picture.getHeight(), "two titled rows of 8");
        assertTrue(anomaly.out().contains("most anomalous:"), anomaly.out());
    }

    @Test
    void resumeContinuesExactlyAsAnUninterruptedRun(@TempDir Path dir) throws Exception {
        // Dynamic binarization: the resumed run must also replay the binarizer's draws, not only the shuffling.
        String[] tiny = with(TINY, "--binarize", "dynamic");
        Path straight = dir.resolve("straight");
        assertEquals(0, run(with(with(new String[] {"train"}, tiny), "--out", straight.toString())).exitCode());
        Path interrupted = dir.resolve("interrupted");
        String[] oneEpoch = with(tiny, "--out", interrupted.toString());
        oneEpoch[2] = "1";
        assertEquals(0, run(with(new String[] {"train"}, oneEpoch)).exitCode());
        assertEquals(2, Files.readAllLines(interrupted.resolve("metrics.csv")).size());
        Run resumed = run("train", "--resume", interrupted.toString(), "--epochs", "2");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().startsWith("resuming MLP 784-32-2 relu"), resumed.out());

        List<String> expected = Files.readAllLines(straight.resolve("metrics.csv"));
        List<String> continued = Files.readAllLines(interrupted.resolve("metrics.csv"));
        assertEquals(3, continued.size(), "the resumed run appended its epoch: " + continued);
        for (int row = 1; row <= 2; row++) {
            // Every figure but the timings: the same steps on the same batches with the same noise.
            assertEquals(figures(expected.get(row)), figures(continued.get(row)), "epoch " + row);
        }
        assertEquals(VaeModel.load(straight.resolve("model.zip")).sample(3, 1),
                VaeModel.load(interrupted.resolve("model.zip")).sample(3, 1), "the same weights");
        assertTrue(Files.readString(interrupted.resolve("run.json")).contains("\"epochs\" : 2"));

        Run done = run("train", "--resume", interrupted.toString());
        assertEquals(1, done.exitCode());
        assertEquals("vae: run " + interrupted + " has already trained 2 epochs (its target is 2); pass --epochs N "
                + "with N > 2 to train further", done.err().strip());
    }

    @Test
    void badUseIsAOneLineErrorWithANonZeroExitCode(@TempDir Path dir) throws Exception {
        Run unknown = run("train", "--epoch", "3");
        assertEquals(2, unknown.exitCode());
        assertEquals("vae: Unknown options: '--epoch', '3' (see 'vae train --help')", unknown.err().strip());

        Path missing = dir.resolve("nowhere");
        Run noData = run("train", "--data", missing.toString(), "--out", dir.resolve("x").toString());
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
        for (String command : List.of("evaluate", "sample", "reconstruct", "interpolate", "anomaly")) {
            Run unreadable = run(command, "--embedded", "--model", garbage.toString());
            if (command.equals("sample")) {
                unreadable = run(command, "--model", garbage.toString());
            }
            assertEquals(1, unreadable.exitCode(), command);
            assertEquals("vae: " + garbage + " is not a dl4j-vae model file: it is not a zip archive or it is empty",
                    unreadable.err().strip(), command);
        }

        Path broken = dir.resolve("broken");
        Files.createDirectories(broken);
        Files.copy(run.resolve("run.json"), broken.resolve("run.json"));
        Files.copy(run.resolve("metrics.csv"), broken.resolve("metrics.csv"));
        Files.writeString(broken.resolve("model.zip"), "");
        Run unreadableCheckpoint = run("train", "--resume", broken.toString());
        assertEquals(1, unreadableCheckpoint.exitCode());
        assertEquals("vae: " + broken.resolve("model.zip") + " is not a dl4j-vae model file: it is not a zip archive "
                + "or it is empty", unreadableCheckpoint.err().strip());

        Run notARun = run("train", "--resume", dir.resolve("nothing").toString());
        assertEquals(1, notARun.exitCode());
        assertEquals("vae: run directory " + dir.resolve("nothing") + " does not exist; expected a directory written "
                + "by vae train", notARun.err().strip());

        Run fixed = run("train", "--resume", run.toString(), "--latent", "5");
        assertEquals(1, fixed.exitCode());
        assertEquals("vae: --latent cannot be given with --resume: the run in " + run + " fixes it (in config.json "
                + "or run.json)", fixed.err().strip());

        Run badEnum = run("anomaly", "--model", "m.zip", "--score", "likelihood");
        assertEquals(2, badEnum.exitCode());
        assertEquals(1, badEnum.err().strip().lines().count(), badEnum.err());
        assertTrue(badEnum.err().contains("NEGATIVE_ELBO, NLL"), badEnum.err());
        assertFalse(badEnum.err().contains("Exception"), badEnum.err());
    }

    @Test
    void everySubcommandHasHelp() {
        for (String command : List.of("preview", "train", "evaluate", "sample", "reconstruct", "interpolate",
                "anomaly", "zoo", "export")) {
            Run help = run(command, "--help");
            assertEquals(0, help.exitCode(), command);
            assertTrue(help.out().startsWith("Usage: vae " + command), help.out());
        }
        Run top = run("--help");
        assertTrue(top.out().contains("anomaly"), top.out());
    }

    @Test
    void zooListsTheRegistryAndTrainStartsFromAnEntry() {
        Run zoo = run("zoo");
        assertEquals(0, zoo.exitCode(), zoo.err());
        List<String> lines = zoo.out().lines().toList();
        assertTrue(lines.get(0).matches("name\\s+network\\s+likelihood\\s+latent\\s+test -ELBO\\s+NLL \\(K, images\\)"
                + "\\s+active\\s+epochs\\s+weights"), lines.get(0));
        var weights = VaeZoo.entry("pytorch-example-mlp400").pretrained();
        var figures = weights.figures();
        String row = lines.stream().filter(l -> l.startsWith("pytorch-example-mlp400 ")).findFirst().orElseThrow();
        assertTrue(row.matches(".*\\s" + String.format(Locale.ROOT, "%.2f", figures.testNegativeElbo())
                + "\\s+" + String.format(Locale.ROOT, "%.2f", figures.importanceSampledNll()) + " \\("
                + figures.importanceSamples() + ", " + figures.importanceExamples() + "\\)\\s+"
                + figures.activeUnits() + "/20\\s+" + weights.bestEpoch() + "/" + weights.epochs()
                + "\\s+shipped"), row);
        String none = lines.stream().filter(l -> l.startsWith("conv-28x28 ")).findFirst().orElseThrow();
        assertTrue(none.matches(".*\\s-\\s+-\\s+-\\s+-\\s+none"), none);
        for (ZooEntry entry : VaeZoo.entries()) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(entry.name() + " ")
                    && l.contains(TrainCommand.network(entry.config()))), entry.name() + " in\n" + zoo.out());
        }
        ZooEntry first = VaeZoo.entries().get(0);
        Run one = run("zoo", first.name());
        assertTrue(one.out().startsWith(first.name() + ": " + first.title()), one.out());
        assertTrue(one.out().contains(String.format(Locale.ROOT, "  family table:  test negative ELBO %.2f; NLL %.2f "
                + "(K=1000, first 1000 test images); %d/%d active units", first.familyRun().testNegativeElbo(),
                first.familyRun().importanceSampledNll(), first.familyRun().activeUnits(), first.latentSize())),
                one.out());
        assertTrue(one.out().contains("run files in docs/family/" + first.name()), one.out());
        Run unknown = run("zoo", "no-such-model");
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().startsWith("vae: no zoo model 'no-such-model'; the zoo has ["), unknown.err());

        // --zoo takes the entry's configuration; options given explicitly change it, the others keep the entry's.
        TrainCommand train = new TrainCommand();
        new CommandLine(train).parseArgs("--zoo", first.name(), "--hidden", "16", "--beta", "2");
        VaeConfig config = train.configuration(first.config().inputShape());
        assertEquals(List.of(16), config.network().hiddenSizes());
        assertEquals(2.0, config.beta());
        assertEquals(first.config().network().activation(), config.network().activation());
        assertEquals(first.config().latentSize(), config.latentSize());
        assertEquals(first.config().toBuilder().network(config.network()).beta(2).build(), config);
        IllegalArgumentException shape = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> train.configuration(io.github.dl4jvae.config.InputShape.image(32, 32)));
        assertTrue(shape.getMessage().endsWith("is made for 28x28 images but the data holds 32x32 images; choose "
                + "another model or data"), shape.getMessage());
    }

    private static List<String> figures(String csvRow) {
        List<String> cells = List.of(csvRow.split(","));
        return cells.subList(0, 8);
    }

    private static BufferedImage png(Path directory, String name) throws Exception {
        return png(directory.resolve(name));
    }

    private static BufferedImage png(Path file) throws Exception {
        assertTrue(Files.isRegularFile(file), file + " exists");
        BufferedImage image = ImageIO.read(file.toFile());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(Files.readAllBytes(file), 4));
        return image;
    }
}
