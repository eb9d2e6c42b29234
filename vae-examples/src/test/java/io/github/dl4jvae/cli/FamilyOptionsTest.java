package io.github.dl4jvae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.KlSchedule;
import io.github.dl4jvae.config.Objective;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.runs.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vae train}'s objective options: IWAE, KL schedules and free bits reach the saved configuration and
 * train (one short epoch on 1,000 embedded images each); malformed schedules are one-line usage errors.
 */
class FamilyOptionsTest {
    private static final String[] TINY = {"train", "--embedded", "--epochs", "1", "--hidden", "32", "--latent", "4",
        "--batch-size", "250"};

    private static VaeConfig train(Path out, String... options) throws Exception {
        String[] args = java.util.Arrays.copyOf(TINY, TINY.length + options.length + 2);
        System.arraycopy(options, 0, args, TINY.length, options.length);
        args[args.length - 2] = "--out";
        args[args.length - 1] = out.toString();
        VaeCommandTest.Run run = VaeCommandTest.run(args);
        assertEquals(0, run.exitCode(), run.err());
        return VaeConfig.fromJson(Files.readString(out.resolve(RunDirectory.CONFIG)));
    }

    @Test
    void iwaeAndScheduledRunsKeepTheirObjective(@TempDir Path dir) throws Exception {
        VaeConfig iwae = train(dir.resolve("iwae"), "--objective", "iwae", "--samples", "3");
        assertEquals(Objective.IWAE, iwae.objective());
        assertEquals(3, iwae.samplesPerExample());

        VaeConfig cyclical = train(dir.resolve("cyclical"), "--kl-schedule", "cyclical:8:0.25", "--free-bits", "0.1");
        assertEquals(new Objective(Objective.Kind.ELBO, KlSchedule.cyclical(8, 0.25), 0.1), cyclical.objective());

        VaeConfig capacity = train(dir.resolve("capacity"), "--kl-schedule", "capacity:25:100:30");
        assertEquals(KlSchedule.capacity(25, 100, 30), capacity.objective().klSchedule());
    }

    @Test
    void malformedSchedulesAreNamed(@TempDir Path dir) {
        String out = dir.resolve("run").toString();
        String forms = "expected constant, linear:STEPS, cyclical:STEPS[:RAMP] or capacity:NATS:STEPS:GAMMA";
        assertEquals("vae: Invalid value for option '--kl-schedule': 'sigmoid' is not a KL schedule; " + forms
                + " (see 'vae train --help')", error("--kl-schedule", "sigmoid", "--out", out));
        assertEquals("vae: Invalid value for option '--kl-schedule': 'linear:soon' is not a KL schedule: a number is"
                + " missing or malformed; " + forms + " (see 'vae train --help')",
                error("--kl-schedule", "linear:soon", "--out", out));
        assertEquals("vae: Invalid value for option '--kl-schedule': 'linear:10:2' has 2 numbers; " + forms
                + " (see 'vae train --help')", error("--kl-schedule", "linear:10:2", "--out", out));
        assertEquals("vae: Invalid value for option '--kl-schedule': 'cyclical:10:0': klSchedule.rampFraction must be"
                + " in (0, 1], got 0.0 (see 'vae train --help')", error("--kl-schedule", "cyclical:10:0", "--out", out));
        assertEquals("vae: --free-bits: objective.freeBits must be in [0.0, 100.0], got -1.0",
                error("--free-bits", "-1", "--out", out));
        assertEquals("vae: --beta: beta must be 1 with objective IWAE and klSchedule CONSTANT (IWAE has no KL weight;"
                + " CAPACITY weighs with gamma), got 2.0", error("--objective", "IWAE", "--beta", "2", "--out", out));
        assertTrue(Files.notExists(dir.resolve("run").resolve("model.zip")));
    }

    private static String error(String... options) {
        String[] args = java.util.Arrays.copyOf(TINY, TINY.length + options.length);
        System.arraycopy(options, 0, args, TINY.length, options.length);
        VaeCommandTest.Run run = VaeCommandTest.run(args);
        assertTrue(run.exitCode() != 0, "expected a failure: " + run.out());
        return run.err().strip();
    }
}
