package io.github.dl4jvae.config;

/**
 * The prior p(z) of a VAE.
 *
 * <ul>
 *   <li>{@link Kind#STANDARD}: N(0, I), the prior of Kingma &amp; Welling 2013 and the default.</li>
 *   <li>{@link Kind#VAMP}: the VampPrior (Tomczak and Welling 2018, "VAE with a VampPrior"), the mixture of the
 *       encoder's posteriors at {@code components} learned pseudo-inputs u_k:
 *       {@code p(z) = 1/K sum_k q(z | u_k)}. The pseudo-inputs are trainable parameters {@code [K, D]}, clipped to
 *       [0, 1] (the range of the project's pixel data) in the graph, and start at
 *       N({@value #PSEUDO_INPUT_MEAN}, {@value #PSEUDO_INPUT_STD}^2) per value, as in the authors' code. Its KL has no
 *       closed form: it needs {@link KlEstimator#MONTE_CARLO} (the SGVB estimator A).</li>
 * </ul>
 *
 * @param kind       the prior; not null
 * @param components K, the number of pseudo-inputs of a VampPrior, in [1, 100000]; 0 for the standard prior
 */
public record Prior(Kind kind, int components) {
    /** Mean of the pseudo-inputs' initial values. */
    public static final double PSEUDO_INPUT_MEAN = 0.05;
    /** Standard deviation of the pseudo-inputs' initial values. */
    public static final double PSEUDO_INPUT_STD = 0.01;
    /** N(0, I): the default. */
    public static final Prior STANDARD = new Prior(Kind.STANDARD, 0);

    /** The kind of prior. */
    public enum Kind {
        /** N(0, I). */
        STANDARD,
        /** The VampPrior, a mixture of the encoder's posteriors at learned pseudo-inputs. */
        VAMP
    }

    /** Validates the component count against the kind. */
    public Prior {
        Checks.notNull("prior.kind", kind);
        if (kind == Kind.STANDARD && components != 0) {
            throw new IllegalArgumentException("prior.components must be 0 for the STANDARD prior, got " + components);
        }
        if (kind == Kind.VAMP) {
            Checks.inRange("prior.components", components, 1, 100_000);
        }
    }

    /** A VampPrior with {@code components} pseudo-inputs. */
    public static Prior vamp(int components) {
        return new Prior(Kind.VAMP, components);
    }

    /** Whether this is the VampPrior. */
    public boolean vamp() {
        return kind == Kind.VAMP;
    }
}
