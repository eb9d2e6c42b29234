package io.github.dl4jvae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.model.VaeModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Missing and malformed options, run in-process as a user would: exit code 2 for bad usage (picocli's parse
 * errors), 1 for values the program rejects, and exactly one line on standard error that names the option, the
 * value and what was expected. None of these trains anything.
 */
class BadOptionsTest {

    /** The command run in-process, with standard error stripped of its line end. */
    private static VaeCommandTest.Run vae(String... args) {
        VaeCommandTest.Run run = VaeCommandTest.run(args);
        return new VaeCommandTest.Run(run.exitCode(), run.out(), run.err().strip());
    }

    private static void fails(int exitCode, String err, String... args) {
        VaeCommandTest.Run run = vae(args);
        assertEquals(exitCode, run.exitCode(), String.join(" ", args) + ": " + run.err());
        assertEquals(err, run.err(), String.join(" ", args));
        assertEquals(1, run.err().lines().count(), "one line");
    }

    @Test
    void malformedValuesAreUsageErrors() {
        fails(2, "vae: Invalid value for option '--epochs': 'three' is not an int (see 'vae train --help')",
                "train", "--epochs", "three");
        fails(2, "vae: Invalid value for option '--lr': 'fast' is not a double (see 'vae train --help')",
                "train", "--lr", "fast");
        fails(2, "vae: Invalid value for option '--seed': '4.2' is not a long (see 'vae train --help')",
                "train", "--seed", "4.2");
        fails(2, "vae: Invalid value for option '--hidden' (<hidden>): 'wide' is not an int "
                + "(see 'vae train --help')", "train", "--hidden", "wide");
        fails(2, "vae: Missing required parameter for option '--batch-size' (<batchSize>) (see 'vae train --help')",
                "train", "--batch-size");
        fails(2, "vae: Invalid value for option '--keep-last': 'all' is not an int (see 'vae train --help')",
                "train", "--keep-last", "all");
        VaeCommandTest.Run likelihood = vae("train", "--likelihood", "poisson");
        assertEquals(2, likelihood.exitCode());
        assertTrue(likelihood.err().startsWith("vae: Invalid value for option '--likelihood': expected one of "
                + "[BERNOULLI, GAUSSIAN_FIXED_VARIANCE, GAUSSIAN_LEARNED_VARIANCE] (case-insensitive) but was "
                + "'poisson'"), likelihood.err());
    }

    @Test
    void missingRequiredOptionsAreUsageErrors() {
        for (String command : new String[] {"evaluate", "sample", "reconstruct", "interpolate", "anomaly"}) {
            fails(2, "vae: Missing required option: '--model=FILE|DIR|zoo:NAME' (see 'vae " + command + " --help')", command);
        }
        fails(2, "vae: Missing required options: '--model=FILE|DIR|zoo:NAME', '--out=FILE' (see 'vae export --help')",
                "export");
        fails(2, "vae: Missing subcommand: use one of [preview, train, evaluate, sample, reconstruct, interpolate, "
                + "anomaly, zoo, export, classifier, help] (see 'vae --help')");
    }

    @Test
    void outOfRangeValuesNameTheOptionAndTheRange(@TempDir Path dir) {
        String out = dir.resolve("run").toString();
        fails(1, "vae: --epochs must be >= 1, got 0", "train", "--embedded", "--epochs", "0", "--out", out);
        fails(1, "vae: --batch-size must be >= 1, got 0", "train", "--embedded", "--batch-size", "0", "--out", out);
        fails(1, "vae: --keep-last must be in [0, 10000], got -1", "train", "--embedded", "--keep-last", "-1",
                "--out", out);
        fails(1, "vae: --latent: latentSize must be in [1, 4096], got 0", "train", "--embedded", "--latent", "0",
                "--out", out);
        fails(1, "vae: --lr: learningRate must be in (0.0, 1.0], got 10000.0", "train", "--embedded", "--lr", "1e4",
                "--out", out);
        fails(1, "vae: --beta: beta must be in [0.0, 1000.0], got -1.0", "train", "--embedded", "--beta", "-1",
                "--out", out);
        fails(1, "vae: --samples: samplesPerExample must be in [1, 1000], got 0", "train", "--embedded",
                "--samples", "0", "--out", out);
        fails(1, "vae: --hidden: network.hiddenSizes[1] must be in [1, 65536], got 0", "train", "--embedded",
                "--hidden", "16,0", "--out", out);
        fails(1, "vae: --embedded and --data exclude each other; give one of them", "train", "--embedded", "--data",
                dir.toString(), "--out", out);
        fails(1, "vae: --count must be in [1, 1024], got 0", "sample", "--model", "m.zip", "--count", "0");
        assertTrue(Files.notExists(dir.resolve("run").resolve("model.zip")), "nothing was trained");
    }

    @Test
    void aCorruptCheckpointIsNamedWhenResuming(@TempDir Path dir) throws Exception {
        // A run directory by hand: run.json and metrics.csv as train writes them, and a damaged model.zip.
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        Files.writeString(run.resolve("run.json"), "{\"epochs\" : 2, \"batchSize\" : 100, \"binarization\" : "
                + "\"NONE\", \"dataId\" : \"fashion-mnist-embedded-subset\", \"dataOrigin\" : \"EMBEDDED_SUBSET\", "
                + "\"dataLocation\" : \"classpath\"}");
        Files.writeString(run.resolve("metrics.csv"), io.github.dl4jvae.runs.MetricsFile.HEADER + "\n");
        VaeModel model = VaeModel.create(VaeConfig.builder().inputShape(InputShape.image(28, 28))
                .network(NetworkConfig.mlp(8)).latentSize(2).build());
        Path good = dir.resolve("good.zip");
        model.save(good);
        byte[] bytes = Files.readAllBytes(good);
        // One flipped bit inside the deflated entries: the zip CRC or the SHA-256 checksums catch it.
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(run.resolve("model.zip"), bytes);
        VaeCommandTest.Run resumed = vae("train", "--resume", run.toString());
        assertEquals(1, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().startsWith("vae: " + run.resolve("model.zip")), resumed.err());
        assertEquals(1, resumed.err().lines().count(), resumed.err());
    }
}
