package io.github.dl4jvae.cli;

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
 * size and data set, and for models with embedded weights the measured test figures. {@code vae zoo NAME} prints
 * everything the registry says about one model.
 */
@Command(name = "zoo", mixinStandardHelpOptions = true,
        description = {"List the model zoo: architecture, likelihood, latent size, data set and measured figures.",
            "With a NAME, everything the registry says about that model. Train one with 'vae train --zoo NAME'."})
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

    /** Prints one row per model. */
    static void table(List<ZooEntry> entries, PrintWriter w) {
        int nameWidth = Math.max(4, entries.stream().mapToInt(e -> e.name().length()).max().orElse(4));
        String format = "%-" + nameWidth + "s  %-28s %-10s %6s  %-13s %10s %14s  %s%n";
        w.printf(format, "name", "network", "likelihood", "latent", "data set", "test -ELBO", "NLL (K)", "weights");
        for (ZooEntry e : entries) {
            PretrainedWeights weights = e.pretrained();
            Figures f = weights == null ? null : weights.figures();
            w.printf(Locale.ROOT, format, e.name(), TrainCommand.network(e.config()), e.likelihood(), e.latentSize(),
                    e.dataSet(), f == null ? "-" : String.format(Locale.ROOT, "%.2f", f.testNegativeElbo()),
                    f == null ? "-" : String.format(Locale.ROOT, "%.2f (%d)", f.importanceSampledNll(),
                            f.importanceSamples()),
                    weights == null ? "none" : String.format(Locale.ROOT, "%d epochs, %.1f s/epoch", weights.epochs(),
                            f.secondsPerEpoch()));
        }
        w.println("Figures: nats per example on the Fashion-MNIST test split (lower is better); "
                + "'vae zoo NAME' for the details.");
    }

    /** Prints everything the registry holds about one model. */
    static void describe(ZooEntry e, PrintWriter w) {
        w.printf("%s: %s%n", e.name(), e.title());
        w.printf("  paper:         %s%n", e.paper());
        w.printf("  architecture:  %s%n", e.architecture());
        w.printf("  likelihood:    %s, latent size %d, input %s, data set %s%n", e.likelihood(), e.latentSize(),
                e.inputShape(), e.dataSet());
        w.printf("  notes:         %s%n", e.notes());
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
        w.printf(Locale.ROOT, "  figures:       test negative ELBO %.3f; NLL %.3f (K=%d, first %d test images); "
                        + "%.1f s per epoch%n", f.testNegativeElbo(), f.importanceSampledNll(), f.importanceSamples(),
                f.importanceExamples(), f.secondsPerEpoch());
    }
}
