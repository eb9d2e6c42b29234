package io.github.dl4jvae.objective;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Closed forms for diagonal Gaussians N(mu, diag(exp(logVar))), as SameDiff expressions summed over one axis
 * (the latent axis). Every result is in nats, one value per row (or per sample and row).
 *
 * <p>KL to the prior (Kingma &amp; Welling 2013, appendix B):
 * {@code KL(N(mu, sigma^2) || N(0, I)) = -1/2 sum(1 + log sigma^2 - mu^2 - sigma^2)}. Between two diagonal
 * Gaussians: {@code KL(q || p) = 1/2 sum(log sigma_p^2 - log sigma_q^2 + (sigma_q^2 + (mu_q - mu_p)^2) / sigma_p^2 - 1)}.
 */
public final class DiagonalGaussian {
    /** log(2 pi). */
    public static final double LOG_2PI = Math.log(2 * Math.PI);

    private DiagonalGaussian() {
    }

    /** KL(N(mu, exp(logVar)) || N(0, I)), summed over {@code axis}. Shapes of mu and logVar must match. */
    public static SDVariable klToStandardNormal(SameDiff sd, SDVariable mu, SDVariable logVar, int axis) {
        return klToStandardNormalPerValue(sd, mu, logVar).sum(axis);
    }

    /** KL(N(mu, exp(logVar)) || N(0, 1)) of each value (each latent dimension of each example), mu's shape. */
    public static SDVariable klToStandardNormalPerValue(SameDiff sd, SDVariable mu, SDVariable logVar) {
        return logVar.add(1.0).sub(sd.math().square(mu)).sub(sd.math().exp(logVar)).mul(-0.5);
    }

    /** KL(N(muQ, exp(logVarQ)) || N(muP, exp(logVarP))), summed over {@code axis}; shapes must broadcast. */
    public static SDVariable klBetween(SameDiff sd, SDVariable muQ, SDVariable logVarQ, SDVariable muP,
                                       SDVariable logVarP, int axis) {
        SDVariable varRatio = sd.math().exp(logVarQ.sub(logVarP));
        SDVariable meanTerm = sd.math().square(muQ.sub(muP)).mul(sd.math().exp(logVarP.neg()));
        SDVariable perValue = logVarP.sub(logVarQ).add(varRatio).add(meanTerm).sub(1.0);
        return perValue.sum(axis).mul(0.5);
    }

    /** log N(z; mu, exp(logVar)), summed over {@code axis}; shapes must broadcast. */
    public static SDVariable logDensity(SameDiff sd, SDVariable z, SDVariable mu, SDVariable logVar, int axis) {
        SDVariable scaled = sd.math().square(z.sub(mu)).mul(sd.math().exp(logVar.neg()));
        return scaled.add(logVar).add(LOG_2PI).sum(axis).mul(-0.5);
    }

    /** log N(z; 0, I), summed over {@code axis}. */
    public static SDVariable standardLogDensity(SameDiff sd, SDVariable z, int axis) {
        return sd.math().square(z).add(LOG_2PI).sum(axis).mul(-0.5);
    }
}
