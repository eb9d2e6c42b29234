package io.github.dl4jvae.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every notebook of {@code notebooks/} as {@code bin/notebook} does, with tiny settings
 * ({@code -Dnotebook.tiny=true}: one epoch of small networks on the embedded subset), and checks what it wrote.
 */
@Timeout(180)
class NotebooksTest {
    static final Path NOTEBOOKS = Path.of("notebooks");

    /** The class path bin/notebook uses: this module's classes and its dependencies (written by Maven). */
    static String classPath() throws Exception {
        Path dependencies = Path.of("target", "classpath.txt");
        assertTrue(Files.isRegularFile(dependencies), "Maven writes " + dependencies + " in generate-resources");
        return Path.of("target", "classes").toAbsolutePath() + java.io.File.pathSeparator
                + Files.readString(dependencies).strip();
    }

    record Ran(NotebookRunner.Result result, String output) {
    }

    static Ran run(String name, Path out) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        NotebookRunner.Result result = NotebookRunner.run(NOTEBOOKS.resolve(name + ".jsh"), classPath(),
                List.of("-Xmx2g", "-Djava.awt.headless=true", "-Dnotebook.tiny=true", "-Dnotebook.out=" + out), stream);
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(result.succeeded(), name + ": " + result.failure() + "\n" + output);
        return new Ran(result, output);
    }

    @Test
    void theNotebooksAreTheOnesTheReadmeNames() throws Exception {
        List<String> names = NotebookRunner.names(NOTEBOOKS);
        assertEquals(List.of("anomaly-detection", "dl4j-pipeline", "latent-space", "quickstart"), names,
                "each notebook has a test here");
    }

    @Test
    void quickstartTrainsSamplesAndSaves(@TempDir Path out) throws Exception {
        Ran ran = run("quickstart", out);
        assertTrue(ran.output().contains("data: fashion-mnist-embedded-subset"), ran.output());
        assertTrue(ran.output().lines().anyMatch(l -> l.matches("epoch 1: train loss [0-9.]+, test negative ELBO "
                + "[0-9.]+ nats, [0-9.]+ s")), ran.output());
        assertTrue(ran.output().contains("$1 ==> true"), "the loaded model draws the same samples:\n" + ran.output());
        assertTrue(ran.output().contains("dataSet=fashion-mnist-embedded-subset/train"), ran.output());
        assertEquals(8 * (28 * 2 + 2) + 2, png(out.resolve("samples.png")).getWidth());
        assertTrue(Files.size(out.resolve("model.zip")) > 10_000);
    }

    @Test
    void latentSpaceDrawsTheSpaceAndCountsActiveUnits(@TempDir Path out) throws Exception {
        Ran ran = run("latent-space", out);
        assertTrue(ran.output().contains("1000 test images encoded to means of shape [1000, 2]"), ran.output());
        Matcher active = Pattern.compile("active units: (\\d+) of 20").matcher(ran.output());
        assertTrue(active.find(), ran.output());
        assertEquals(20, ran.output().lines().filter(l -> l.matches("\\s+z\\d+\\s+KL .*(active|inactive)")).count());
        assertEquals(900, png(out.resolve("latent-space.png")).getWidth());
        assertEquals(900, png(out.resolve("latent-space-pca.png")).getWidth());
        assertEquals(20 * 30 + 2, png(out.resolve("manifold.png")).getWidth());
        BufferedImage walks = png(out.resolve("interpolations.png"));
        assertEquals(12 * (28 * 2 + 2) + 2, walks.getWidth(), "image, 10 steps, image");
        assertEquals(6 * (28 * 2 + 2) + 2, walks.getHeight(), "six pairs");
    }

    @Test
    void anomalyDetectionScoresTheHeldOutClass(@TempDir Path out) throws Exception {
        Ran ran = run("anomaly-detection", out);
        assertTrue(ran.output().contains("training on 4510 of 5000 images (all but Bag)"), ran.output());
        Matcher auroc = Pattern.compile("AUROC of the NLL for 'Bag' against the other classes: ([0-9.]+)")
                .matcher(ran.output());
        assertTrue(auroc.find(), ran.output());
        double value = Double.parseDouble(auroc.group(1));
        // One epoch of a small model already ranks bags above most other garments (0.77 when written); 0.6 leaves
        // room for run-to-run differences in float summation order.
        assertTrue(value > 0.6 && value <= 1, "AUROC " + value);
        assertTrue(ran.output().contains("Bag             ") || ran.output().contains("<- never seen"), ran.output());
        assertEquals(8 * (28 * 2 + 2) + 2, png(out.resolve("anomalies.png")).getWidth());
    }

    @Test
    void dl4jPipelineTrainsTheComputationGraphAndReusesItsEncoder(@TempDir Path out) throws Exception {
        Ran ran = run("dl4j-pipeline", out);
        assertTrue(ran.output().contains("[enc_dense0, enc_mean, enc_logvar, z, kl, dec_dense0, dec_out, elbo_input, "
                + "elbo]"), ran.output());
        Matcher score = Pattern.compile("score: ([0-9.]+) after the first step, ([0-9.]+) after the last")
                .matcher(ran.output());
        assertTrue(score.find(), ran.output());
        assertTrue(Double.parseDouble(score.group(2)) < Double.parseDouble(score.group(1)), ran.output());
        assertTrue(ran.output().contains("per-example scores [1000, 1]"), ran.output());
        assertTrue(ran.output().contains("$4 ==> true"), "restored network gives the same output:\n" + ran.output());
        Matcher accuracy = Pattern.compile("latent means: ([0-9.]+) \\(chance 0.1\\)").matcher(ran.output());
        assertTrue(accuracy.find(), ran.output());
        // One epoch of a 32-unit VAE and 20 classifier steps gave 0.30 when written; above chance is what counts.
        assertTrue(Double.parseDouble(accuracy.group(1)) > 0.15, ran.output());
        assertTrue(Files.size(out.resolve("vae-network.zip")) > 10_000);
        assertEquals(8 * (28 * 2 + 2) + 2, png(out.resolve("samples.png")).getWidth());
    }

    @Test
    void aFailingSnippetStopsTheRunAndIsNamed(@TempDir Path dir) throws Exception {
        Path notebook = dir.resolve("broken.jsh");
        Files.writeString(notebook, String.join("\n", "// a notebook that goes wrong",
                "int answer = 6 * 7;", "answer", "String s = null;", "s.length()", "System.out.println(\"never\");",
                "/exit", ""));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        NotebookRunner.Result result = NotebookRunner.run(notebook, classPath(), List.of(),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(result.succeeded());
        assertTrue(result.failure().startsWith("snippet 4 (s.length()) threw java.lang.NullPointerException: "),
                result.failure());
        assertEquals(4, result.snippets());
        assertTrue(output.contains("answer ==> 42"), output);
        assertFalse(output.contains("never"), output);

        Files.writeString(notebook, "int x = \"text\";\n");
        NotebookRunner.Result wrongType = NotebookRunner.run(notebook, classPath(), List.of(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertTrue(wrongType.failure().startsWith("snippet 1 (int x = \"text\";) does not compile: incompatible types"),
                wrongType.failure());

        Files.writeString(notebook, "void f() { undefinedThing(); }\n");
        NotebookRunner.Result unresolved = NotebookRunner.run(notebook, classPath(), List.of(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertTrue(unresolved.failure() != null && unresolved.failure().startsWith("snippet 1"), unresolved.failure());
    }

    private static BufferedImage png(Path file) throws Exception {
        assertTrue(Files.isRegularFile(file), file + " was written");
        return ImageIO.read(file.toFile());
    }
}
