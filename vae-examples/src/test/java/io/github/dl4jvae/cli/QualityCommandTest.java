package io.github.dl4jvae.cli;

import static io.github.dl4jvae.cli.VaeCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.model.VaeModel;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vae evaluate --quality} on tiny untrained 28 x 28 models and the embedded subset: the prior and a fitted
 * mixture give the three figures in their ranges, in the table and the JSON, with the counts asked for; a conditional
 * model samples under the test images' classes; the prior draws are those of {@code VaeModel.sample}; and bad sampler
 * names, counts, neighbours, quality options without {@code --quality}, too many components and a mixture for a
 * conditional model are one-line errors naming what was expected.
 */
class QualityCommandTest {
    @TempDir
    static Path shared;
    private static String unconditional;
    private static String conditional;

    @BeforeAll
    static void models() throws Exception {
        unconditional = tinyModel(shared, 0);
        conditional = tinyModel(shared, 10);
    }

    private static String tinyModel(Path dir, int classes) throws Exception {
        Path file = dir.resolve("m" + classes + ".zip");
        VaeModel.create(VaeConfig.builder().inputShape(InputShape.image(28, 28)).network(NetworkConfig.mlp(8))
                .latentSize(2).seed(4).conditionClasses(classes).build()).save(file);
        return file.toString();
    }

    private static JsonNode evaluate(Path dir, String model, String... quality) throws Exception {
        Path json = dir.resolve("e.json");
        String[] args = new String[] {"evaluate", "--model", model, "--embedded", "--k", "2", "--limit", "10",
            "--out", json.toString(), "--quality"};
        String[] all = java.util.Arrays.copyOf(args, args.length + quality.length);
        System.arraycopy(quality, 0, all, args.length, quality.length);
        VaeCommandTest.Run r = run(all);
        assertEquals(0, r.exitCode(), r.err());
        JsonNode report = new ObjectMapper().readTree(json.toFile()).get("quality");
        assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "  Frechet distance       %10.3f (lower is "
                + "better)", report.get("frechetDistance").asDouble())), r.out());
        return report;
    }

    private static void assertFigures(JsonNode quality, int generated, int real) {
        assertEquals(generated, quality.get("generatedImages").asInt());
        assertEquals(real, quality.get("testImages").asInt());
        assertEquals(3, quality.get("neighbours").asInt());
        assertEquals(128, quality.get("featureSize").asInt());
        assertTrue(quality.get("frechetDistance").asDouble() > 0, quality.toString());
        for (String fraction : new String[] {"precision", "recall"}) {
            double value = quality.get(fraction).asDouble();
            assertTrue(value >= 0 && value <= 1, fraction + " " + value);
        }
    }

    @Test
    void thePriorAndAMixtureGiveTheFigures(@TempDir Path dir) throws Exception {
        JsonNode prior = evaluate(dir, unconditional, "--samples", "300", "--seed", "5");
        assertFigures(prior, 300, 300);
        assertEquals("prior", prior.get("sampler").asText());
        assertEquals(5, prior.get("seed").asLong());

        JsonNode mixture = evaluate(dir, unconditional, "--sampler", "gmm:3", "--samples", "1500");
        assertFigures(mixture, 1500, 1000);
        assertEquals("gmm:3", mixture.get("sampler").asText());
        assertTrue(mixture.get("mixtureEmSteps").asInt() >= 1, mixture.toString());

        assertFigures(evaluate(dir, conditional, "--samples", "200"), 200, 200);
    }

    @Test
    void priorDrawsAreThoseOfTheModelsSampleMethod() throws Exception {
        VaeModel model = VaeModel.load(Path.of(unconditional));
        assertEquals(model.sample(7, 11L), Sampling.draw(model, null, 7, 11L, null).images());
    }

    private static void fails(String err, String... args) {
        VaeCommandTest.Run r = run(args);
        assertEquals(1, r.exitCode(), String.join(" ", args) + ": " + r.err());
        assertEquals(err, r.err().strip(), String.join(" ", args));
        assertEquals(1, r.err().strip().lines().count(), "one line");
    }

    @Test
    void badQualityOptionsAreNamed() {
        String[] base = {"evaluate", "--model", unconditional, "--embedded"};
        fails("vae: --sampler belongs to the sample-quality figures: add --quality", with(base, "--sampler", "gmm:2"));
        fails("vae: --samples belongs to the sample-quality figures: add --quality", with(base, "--samples", "50"));
        fails("vae: --sampler must be 'prior' or 'gmm:K' (a Gaussian mixture of K components fitted to the training "
                + "split's posterior means), got 'kde'", with(base, "--quality", "--sampler", "kde"));
        fails("vae: --sampler gmm:K needs K, the number of mixture components, in [1, 10000], got 'gmm:0'",
                with(base, "--quality", "--sampler", "gmm:0"));
        fails("vae: --samples must be in [2, 100000], got 1", with(base, "--quality", "--samples", "1"));
        fails("vae: --neighbours must be in [1, 99] for --samples 100 (each image needs k other images of its set), "
                + "got 0", with(base, "--quality", "--samples", "100", "--neighbours", "0"));
        fails("vae: --neighbours must be below the 1000 test images of fashion-mnist-embedded-subset compared with, "
                + "got 1000", with(base, "--quality", "--samples", "5000", "--neighbours", "1000"));
        fails("vae: --sampler gmm:6000 needs at most as many components as training codes: the training split of "
                + "fashion-mnist-embedded-subset has 5000 images; expected K <= 5000",
                with(base, "--quality", "--sampler", "gmm:6000", "--samples", "100"));
        fails("vae: --sampler gmm:2 needs an unconditional model; " + conditional + " is conditioned on 10 classes: "
                + "use --sampler prior", "evaluate", "--model", conditional, "--embedded", "--quality", "--sampler",
                "gmm:2");
        fails("vae: --sampler gmm:6000 needs at most as many components as training codes: the training split of "
                + "fashion-mnist-embedded-subset has 5000 images; expected K <= 5000", "sample", "--model",
                unconditional, "--embedded", "--sampler", "gmm:6000");
    }

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
