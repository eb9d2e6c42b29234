package io.github.dl4jvae.config;

/**
 * What training minimises.
 * <ul>
 *   <li>{@link Kind#ELBO}: the (beta-weighted, possibly scheduled) negative ELBO with L samples per example
 *       ({@link VaeConfig#samplesPerExample()}), Kingma &amp; Welling 2013;</li>
 *   <li>{@link Kind#IWAE}: the importance-weighted bound of Burda et al. 2015 with K = L samples:
 *       {@code -log (1/K sum_k p(x, z_k) / q(z_k|x))} per example; K = 1 is the ELBO. It has no KL weight, so
 *       it needs beta 1, the constant schedule and no free bits.</li>
 *   <li>{@link Kind#AE}: a deterministic autoencoder, the baseline a VAE is compared with: the same encoder and
 *       decoder, but the code is the encoder's mean (no log-variance head, no noise) and the loss is the
 *       reconstruction term alone, {@code -log p(x | z = mu(x))} per example in nats, averaged over the minibatch
 *       (Bernoulli or Gaussian exactly as for the VAE). It has no KL term and no prior, so no ELBO and no
 *       likelihood: it needs beta 1, the constant schedule, no free bits, one sample per example, the analytic KL
 *       estimator, no log-variance clamp and no class condition ({@link VaeConfig} checks these).</li>
 * </ul>
 *
 * @param kind        ELBO, IWAE or AE; not null
 * @param klSchedule  how the KL weight changes with the step ({@link KlSchedule}); not null
 * @param freeBits    free bits (Kingma et al. 2016), in nats per latent dimension, in [0, 100]: the KL term
 *                    becomes {@code sum_j max(freeBits, mean over the minibatch of KL_j)}, so no dimension is
 *                    pushed below that much information; 0 (default) turns it off. Needs the analytic KL
 */
public record Objective(Kind kind, KlSchedule klSchedule, double freeBits) {

    /** The bound being optimised. */
    public enum Kind {
        /** The evidence lower bound. */
        ELBO,
        /** The importance-weighted bound. */
        IWAE,
        /** A deterministic autoencoder: reconstruction loss only, no KL, no bound. */
        AE
    }

    /** The plain ELBO: constant KL weight, no free bits. */
    public static final Objective ELBO = new Objective(Kind.ELBO, KlSchedule.CONSTANT, 0.0);

    /** The importance-weighted bound with K = {@link VaeConfig#samplesPerExample()} samples. */
    public static final Objective IWAE = new Objective(Kind.IWAE, KlSchedule.CONSTANT, 0.0);

    /** The deterministic autoencoder: reconstruction loss at the encoder's mean, no KL term. */
    public static final Objective AE = new Objective(Kind.AE, KlSchedule.CONSTANT, 0.0);

    /** Validates the values and their combination. */
    public Objective {
        Checks.notNull("objective.kind", kind);
        Checks.notNull("objective.klSchedule", klSchedule);
        Checks.inRange("objective.freeBits", freeBits, 0.0, 100.0);
        if (kind != Kind.ELBO && (klSchedule.shape() != KlSchedule.Shape.CONSTANT || freeBits != 0)) {
            throw new IllegalArgumentException("objective " + kind + " has no KL term to schedule: it needs "
                    + "klSchedule CONSTANT and freeBits 0, got " + klSchedule.shape() + " and " + freeBits);
        }
    }

    /** The ELBO with the given KL schedule and no free bits. */
    public static Objective elbo(KlSchedule schedule) {
        return new Objective(Kind.ELBO, schedule, 0.0);
    }

    /** Whether this is the deterministic autoencoder ({@link Kind#AE}): no noise, no KL, no bound. */
    public boolean autoencoder() {
        return kind == Kind.AE;
    }

    /** The same objective with free bits of {@code nats} per latent dimension. */
    public Objective withFreeBits(double nats) {
        return new Objective(kind, klSchedule, nats);
    }
}
