package io.github.dl4jvae.config;

/**
 * What training minimises.
 * <ul>
 *   <li>{@link Kind#ELBO}: the (beta-weighted, possibly scheduled) negative ELBO with L samples per example
 *       ({@link VaeConfig#samplesPerExample()}), Kingma &amp; Welling 2013;</li>
 *   <li>{@link Kind#IWAE}: the importance-weighted bound of Burda et al. 2015 with K = L samples:
 *       {@code -log (1/K sum_k p(x, z_k) / q(z_k|x))} per example; K = 1 is the ELBO. It has no KL weight, so
 *       it needs beta 1, the constant schedule and no free bits.</li>
 * </ul>
 *
 * @param kind        ELBO or IWAE; not null
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
        IWAE
    }

    /** The plain ELBO: constant KL weight, no free bits. */
    public static final Objective ELBO = new Objective(Kind.ELBO, KlSchedule.CONSTANT, 0.0);

    /** The importance-weighted bound with K = {@link VaeConfig#samplesPerExample()} samples. */
    public static final Objective IWAE = new Objective(Kind.IWAE, KlSchedule.CONSTANT, 0.0);

    /** Validates the values and their combination. */
    public Objective {
        Checks.notNull("objective.kind", kind);
        Checks.notNull("objective.klSchedule", klSchedule);
        Checks.inRange("objective.freeBits", freeBits, 0.0, 100.0);
        if (kind == Kind.IWAE && (klSchedule.shape() != KlSchedule.Shape.CONSTANT || freeBits != 0)) {
            throw new IllegalArgumentException("objective IWAE has no KL term to schedule: it needs klSchedule "
                    + "CONSTANT and freeBits 0, got " + klSchedule.shape() + " and " + freeBits);
        }
    }

    /** The ELBO with the given KL schedule and no free bits. */
    public static Objective elbo(KlSchedule schedule) {
        return new Objective(Kind.ELBO, schedule, 0.0);
    }

    /** The same objective with free bits of {@code nats} per latent dimension. */
    public Objective withFreeBits(double nats) {
        return new Objective(kind, klSchedule, nats);
    }
}
