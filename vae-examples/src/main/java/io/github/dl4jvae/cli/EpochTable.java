package io.github.dl4jvae.cli;

import io.github.dl4jvae.model.EpochResult;
import io.github.dl4jvae.model.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints a table row per epoch: training objective and terms, the negative ELBO of the split evaluated after each
 * epoch (the validation split when the run holds one out, else the test split; for an autoencoder, which has no ELBO,
 * its reconstruction loss), time and throughput.
 */
final class EpochTable implements TrainingListener {
    private final PrintWriter out;
    private final boolean autoencoder;
    private final boolean validation;

    /**
     * @param autoencoder whether the model is a deterministic autoencoder: its evaluated column is the reconstruction
     * @param validation  whether the evaluated split is a validation split (else the test split)
     */
    EpochTable(PrintWriter out, boolean autoencoder, boolean validation) {
        this.out = out;
        this.autoencoder = autoencoder;
        this.validation = validation;
    }

    /** Prints the column titles. */
    void header() {
        out.printf("%5s %12s %14s %8s %12s %8s %10s%n", "epoch", "train loss", "reconstruction", "KL",
                (validation ? "val. " : "test ") + (autoencoder ? "recon." : "-ELBO"), "seconds", "examples/s");
        out.flush();
    }

    @Override
    public void epochDone(EpochResult r) {
        out.printf(Locale.ROOT, "%5d %12.3f %14.3f %8.3f %12.3f %8.1f %10.0f%n", r.epoch(), r.loss(),
                r.reconstruction(), r.kl(), r.validation().negativeElbo(), r.seconds(), r.examplesPerSecond());
        out.flush();
    }
}
