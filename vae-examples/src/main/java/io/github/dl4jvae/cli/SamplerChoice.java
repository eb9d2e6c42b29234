package io.github.dl4jvae.cli;

/**
 * The value of {@code sample --sampler}: {@code prior} (draws from N(0, I), the default) or {@code gmm:K} (draws
 * from a Gaussian mixture of K full-covariance components fitted by EM to the training split's posterior means).
 *
 * @param components K for {@code gmm:K}; 0 for the prior
 */
record SamplerChoice(int components) {
    /** The prior N(0, I). */
    static final SamplerChoice PRIOR = new SamplerChoice(0);
    /** The most mixture components. */
    static final int MAX_COMPONENTS = 10_000;

    /** Whether this is a mixture. */
    boolean mixture() {
        return components > 0;
    }

    /**
     * Parses {@code prior} or {@code gmm:K}.
     *
     * @throws IllegalArgumentException naming the option, the value and what was expected
     */
    static SamplerChoice parse(String text) {
        if ("prior".equals(text)) {
            return PRIOR;
        }
        if (text != null && text.startsWith("gmm:")) {
            String count = text.substring(4);
            int k;
            try {
                k = Integer.parseInt(count);
            } catch (NumberFormatException e) {
                k = -1;
            }
            if (k < 1 || k > MAX_COMPONENTS || !count.matches("[0-9]+")) {
                throw new IllegalArgumentException("--sampler gmm:K needs K, the number of mixture components, in [1, "
                        + MAX_COMPONENTS + "], got '" + text + "'");
            }
            return new SamplerChoice(k);
        }
        throw new IllegalArgumentException("--sampler must be 'prior' or 'gmm:K' (a Gaussian mixture of K components "
                + "fitted to the training split's posterior means), got '" + text + "'");
    }

    @Override
    public String toString() {
        return mixture() ? "gmm:" + components : "prior";
    }
}
