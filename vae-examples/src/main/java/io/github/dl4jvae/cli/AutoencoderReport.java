package io.github.dl4jvae.cli;

import io.github.dl4jvae.eval.LatentUsage;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code vae evaluate} prints and writes for a deterministic autoencoder ({@code Objective.Kind.AE}): its test
 * reconstruction loss, -log p(x | z = code) in nats, the variance of its codes per dimension, and a line saying that
 * the negative ELBO and the NLL are undefined (no prior, no posterior) rather than a number that would look like a
 * bound.
 */
final class AutoencoderReport {
    /** The line that says why the bound and the likelihood are missing. */
    static final String UNDEFINED = "negative ELBO, NLL       undefined: a deterministic autoencoder (objective AE) "
            + "has no prior and no posterior, so no bound and no likelihood";

    private AutoencoderReport() {
    }

    static void print(EvaluateCommand.Result r, PrintWriter w) {
        LatentUsage latent = r.latent();
        w.printf(Locale.ROOT, "test reconstruction    %10.3f nats (%d images): -log p(x | z = code), the autoencoder's "
                + "loss%n", r.test().reconstruction(), r.test().examples());
        w.println(UNDEFINED);
        w.printf(Locale.ROOT, "active units           %6d of %d (Var_x code_u > %s)%n", latent.activeUnits(),
                latent.latentSize(), LatentUsage.ACTIVE_THRESHOLD);
        w.printf("%n%9s %14s %7s%n", "dimension", "Var_x code", "active");
        double[] activity = latent.posteriorMeanVariance();
        for (int u = 0; u < activity.length; u++) {
            w.printf(Locale.ROOT, "%9d %14.4f %7s%n", u + 1, activity[u], latent.isActive(u) ? "yes" : "no");
        }
    }

    static Map<String, Object> json(EvaluateCommand.Result r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("objective", "AE");
        json.put("testReconstruction", r.test().reconstruction());
        json.put("testImages", r.test().examples());
        json.put("negativeElboAndNll", "undefined: a deterministic autoencoder has no prior and no posterior");
        json.put("latentSize", r.latent().latentSize());
        json.put("activeUnits", r.latent().activeUnits());
        json.put("activeUnitThreshold", LatentUsage.ACTIVE_THRESHOLD);
        json.put("codeVariance", r.latent().posteriorMeanVariance());
        json.put("seconds", r.seconds());
        return json;
    }
}
