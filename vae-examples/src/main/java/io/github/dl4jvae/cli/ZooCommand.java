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
 * size, and its shipped weights' figures (or that it ships none). {@code vae zoo NAME} prints everything the
 * registry says about one model, its row of the 10-epoch family table ({@link FamilyRun}) included.
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

    /** Prints one row per model: its shipped weights' figures, or that it ships none. */
    static void table(List<ZooEntry> entries, PrintWriter w) {
        int nameWidth = Math.max(4, entries.stream().mapToInt(e -> e.name().length()).max().orElse(4));
        int likelihoodWidth = Math.max(10, entries.stream().mapToInt(e -> e.likelihood().name().length()).max()
                .orElse(10));
        String format = "%-" + nameWidth + "s  %-34s %-" + likelihoodWidth + "s %6s %10s %16s %7s %6s  %s%n";
        w.printf(format, "name", "network", "likelihood", "latent", "test -ELBO", "NLL (K, images)", "active",
                "epochs", "weights");
        for (ZooEntry e : entries) {
            PretrainedWeights p = e.pretrained();
            Figures f = p == null ? null : p.figures();
            w.printf(Locale.ROOT, format, e.name(), TrainCommand.network(e.config()), e.likelihood(), e.latentSize(),
                    f == null ? "-" : String.format(Locale.ROOT, "%.2f", f.testNegativeElbo()),
                    f == null ? "-" : f.importanceSampledNll() == null ? "undefined (AE)"
                            : String.format(Locale.ROOT, "%.2f (%d, %d)", f.importanceSampledNll(),
                                    f.importanceSamples(), f.importanceExamples()),
                    f == null ? "-" : f.activeUnits() + "/" + e.latentSize(),
                    p == null ? "-" : p.bestEpoch() + "/" + p.epochs(), p == null ? "none" : "shipped");
        }
        w.println("Figures of the shipped weights (" + VaeZoo.WEIGHTS_ARTIFACT + "), nats per test example of "
                + "Fashion-MNIST, lower is better; epochs: the one kept / those trained. 'vae zoo NAME' for the "
                + "details, how they were trained and the 10-epoch family table's row.");
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
            w.printf("  weights:       none shipped; train it with: bin/vae train --zoo %s%n", e.name());
            return;
        }
        Figures f = p.figures();
        w.printf("  weights:       %s in %s (%d bytes, sha256 %s)%n", p.resource(), VaeZoo.WEIGHTS_ARTIFACT,
                p.bytes(), p.sha256());
        w.printf(Locale.ROOT, "  trained:       %d epochs (epoch %d kept), batch %d, seed %d, %.0f s on %s (%s)%n",
                p.epochs(), p.bestEpoch(), p.batchSize(), p.seed(), p.trainingSeconds(), p.dataSet(),
                p.preprocessing());
        w.printf("  environment:   %s%n", p.environment());
        w.printf("  reproduce:     %s%n", p.trainingCommand());
        w.printf("  use them:      --model zoo:%s (any subcommand that reads a model, e.g. vae sample)%n", e.name());
        w.printf(Locale.ROOT, "  figures:       %s %.3f; %s; %d/%d active units%s%n",
                f.importanceSampledNll() == null ? "test reconstruction loss" : "test negative ELBO",
                f.testNegativeElbo(), f.importanceSampledNll() == null ? "no NLL (an autoencoder defines no p(x))"
                        : String.format(Locale.ROOT, "NLL %.3f (K=%d, first %d test images)", f.importanceSampledNll(),
                                f.importanceSamples(), f.importanceExamples()), f.activeUnits(), e.latentSize(),
                f.validationNegativeElbo() == null ? "" : String.format(Locale.ROOT,
                        "; best validation negative ELBO %.3f", f.validationNegativeElbo()));
        w.printf("  measured by:   %s%n", f.evaluationCommand());
    }
}
