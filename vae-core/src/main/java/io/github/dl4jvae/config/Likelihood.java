package io.github.dl4jvae.config;

/**
 * The observation model p(x|z) the decoder parameterizes.
 *
 * <ul>
 *   <li>{@link #BERNOULLI}: the decoder outputs one logit per input value; for binary data or data in [0,1]
 *       (Kingma &amp; Welling 2013, appendix C.1). log p(x|z) = sum x*l - softplus(l).</li>
 *   <li>{@link #GAUSSIAN_FIXED_VARIANCE}: the decoder outputs the mean; the variance is a fixed constant
 *       ({@link VaeConfig#fixedVariance()}), so the reconstruction term is least squares plus a constant.</li>
 *   <li>{@link #GAUSSIAN_LEARNED_VARIANCE}: the decoder outputs a mean and a log-variance per input value
 *       (appendix C.2).</li>
 * </ul>
 */
public enum Likelihood {
    BERNOULLI(1),
    GAUSSIAN_FIXED_VARIANCE(1),
    GAUSSIAN_LEARNED_VARIANCE(2);

    private final int parametersPerValue;

    Likelihood(int parametersPerValue) {
        this.parametersPerValue = parametersPerValue;
    }

    /** How many decoder outputs each input value needs (1: mean or logit; 2: mean and log-variance). */
    public int parametersPerValue() {
        return parametersPerValue;
    }
}
