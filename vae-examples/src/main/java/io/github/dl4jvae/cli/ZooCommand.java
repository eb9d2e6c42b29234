package io.github.dl4jvae.cli;

import io.github.dl4jvae.zoo.FamilyRun;
import io.github.dl4jvae.zoo.Figures;
import io.github.dl4jvae.zoo.PretrainedWeights;
import io.github.dl4jvae.zoo.VaeZoo;
import io.github.dl4jvae.zoo.ZooEntry;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vae zoo}: the model zoo's registry ({@link VaeZoo}) as a table: each model's network, likelihood, latent
 * size and data set, its measured row of the family table ({@link FamilyRun}) and whether weights are embedded.
 * {@code vae zoo NAME} prints everything the registry says about one model.
 */
@Command(name = "zoo", mixinStandardHelpOptions = true,
        description = {"List the model zoo: architecture, likelihood, latent size, data set and measured figures.",
            "With a NAME, everything the registry says about that model. Train one with 'vae train --zoo NAME'; "
                    + "use shipped weights with '--model zoo:NAME'."})
public final class ZooCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "NAME", description = "A model to describe in full.")
    String name;

    @picocli.CommandLine.Mixin
    DebugOption debug = new DebugOption();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        if (name == null) {
            table(VaeZoo.entries(), w);
        } else {
            describe(VaeZoo.entry(name), w);
        }
        w.flush();
        return 0;
    }

    /** Prints one row per model: its figures from the family table, and whether weights are embedded. */
    static void table(List<ZooEntry> entries, PrintWriter w) {
        int nameWidth = Math.max(4, entries.stream().mapToInt(e -> e.name().length()).max().orElse(4));
        int likelihoodWidth = Math.max(10, entries.stream().mapToInt(e -> e.likelihood().name().length()).max()
                .orElse(10));
        String format = "%-" + nameWidth + "s  %-28s %-" + likelihoodWidth + "s %6s  %-13s %10s %14s %7s %8s  %s%n";
        w.printf(format, "name", "network", "likelihood", "latent", "data set", "test -ELBO", "NLL (K)", "active",
                "s/epoch", "weights");
        for (ZooEntry e : entries) {
            FamilyRun run = e.familyRun();
            w.printf(Locale.ROOT, format, e.name(), TrainCommand.network(e.config()), e.likelihood(), e.latentSize(),
                    e.dataSet(), run == null ? "-" : String.format(Locale.ROOT, "%.2f", run.testNegativeElbo()),
                    run == null ? "-" : String.format(Locale.ROOT, "%.2f (%d)", run.importanceSampledNll(),
                            run.importanceSamples()),
                    run == null ? "-" : run.activeUnits() + "/" + e.latentSize(),
                    run == null ? "-" : String.format(Locale.ROOT, "%.1f", run.secondsPerEpoch()),
                    e.hasPretrainedWeights() ? "embedded" : "none");
        }
        w.println("Figures: each model trained from scratch for the family table (10 epochs on Fashion-MNIST, "
                + "binarized for Bernoulli decoders), nats per test example (lower is better); "
                + "'vae zoo NAME' for the details and the embedded weights' own figures.");
    }

    /** Prints everything the registry holds about one model. */
    static void describe(ZooEntry e, PrintWriter w) {
        w.printf("%s: %s%n", e.name(), e.title());
        w.printf("  paper:         %s%n", e.paper());
        w.printf("  architecture:  %s%n", e.architecture());
        w.printf("  likelihood:    %s, latent size %d, input %s, data set %s%n", e.likelihood(), e.latentSize(),
                e.inputShape(), e.dataSet());
        w.printf("  notes:         %s%n", e.notes());
        FamilyRun run = e.familyRun();
        if (run == null) {
            w.printf("  family table:  not measured%n");
        } else {
            w.printf(Locale.ROOT, "  family table:  test negative ELBO %.2f; NLL %.2f (K=%d, first %d test images); "
                            + "%d/%d active units; %.1f s per epoch%n", run.testNegativeElbo(),
                    run.importanceSampledNll(), run.importanceSamples(), run.importanceExamples(), run.activeUnits(),
                    e.latentSize(), run.secondsPerEpoch());
            w.printf("                 %d epochs, batch %d, %s; %s; run files in %s%n", run.epochs(),
                    run.batchSize(), run.preprocessing(), run.environment(), run.files());
            w.printf("                 reproduce: %s%n", run.command());
        }
        PretrainedWeights p = e.pretrained();
        if (p == null) {
            w.printf("  weights:       none embedded; train it with: bin/vae train --zoo %s%n", e.name());
            return;
        }
        Figures f = p.figures();
        w.printf("  weights:       %s (%d bytes, sha256 %s)%n", p.resource(), p.bytes(), p.sha256());
        w.printf("  trained:       %d epochs, batch %d, seed %d on %s (%s)%n", p.epochs(), p.batchSize(), p.seed(),
                p.dataSet(), p.preprocessing());
        w.printf("  environment:   %s%n", p.environment());
        w.printf("  reproduce:     %s%n", p.trainingCommand());
        w.printf("  use them:      --model zoo:%s (any subcommand that reads a model, e.g. vae sample)%n", e.name());
        w.printf(Locale.ROOT, "  figures:       test negative ELBO %.3f; NLL %.3f (K=%d, first %d test images); "
                        + "%.1f s per epoch%n", f.testNegativeElbo(), f.importanceSampledNll(), f.importanceSamples(),
                f.importanceExamples(), f.secondsPerEpoch());
    }
}
