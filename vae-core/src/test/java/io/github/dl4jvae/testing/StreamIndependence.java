package io.github.dl4jvae.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Checks that two random streams are unrelated: they share no 64-bit draw among their first {@link #DRAWS}, and the
 * correlation of their Gaussian draws, at lags -2 to 2, is within {@link #CORRELATION_TOLERANCE}.
 *
 * <p>The tolerance: for independent streams the sample correlation of n pairs is approximately N(0, 1/n), so with
 * n = 100,000 its standard deviation is 0.00316; five of them, 0.0158, fails an independent pair about once in
 * 1.7 million checks. Generators of seeds a golden gamma apart (the bug this guards against) share all but one draw
 * and correlate 1.0 at lag 1.
 */
public final class StreamIndependence {
    /** Draws compared per stream. */
    public static final int DRAWS = 100_000;
    /** Five standard deviations of the sample correlation of {@link #DRAWS} independent pairs. */
    public static final double CORRELATION_TOLERANCE = 5 / Math.sqrt(DRAWS);

    private StreamIndependence() {
    }

    /** How many of b's first {@link #DRAWS} 64-bit draws are among a's first {@link #DRAWS}. */
    public static int sharedDraws(SplittableRandom a, SplittableRandom b) {
        Set<Long> drawsOfA = new HashSet<>(2 * DRAWS);
        for (int i = 0; i < DRAWS; i++) {
            drawsOfA.add(a.nextLong());
        }
        int shared = 0;
        for (int i = 0; i < DRAWS; i++) {
            if (drawsOfA.contains(b.nextLong())) {
                shared++;
            }
        }
        return shared;
    }

    /** The largest absolute sample correlation of a's and b's Gaussian draws, b shifted by -2 to 2 draws. */
    public static double largestCorrelation(SplittableRandom a, SplittableRandom b) {
        int lags = 2;
        double[] x = new double[DRAWS + 2 * lags];
        double[] y = new double[DRAWS + 2 * lags];
        for (int i = 0; i < x.length; i++) {
            x[i] = a.nextGaussian();
            y[i] = b.nextGaussian();
        }
        double largest = 0;
        for (int lag = -lags; lag <= lags; lag++) {
            largest = Math.max(largest, Math.abs(correlation(x, y, lags, lag)));
        }
        return largest;
    }

    /**
     * Asserts both properties for generators made twice from the same seeds (each check consumes its generators).
     *
     * @param what names the pair in the failure message
     */
    public static void assertIndependent(String what, long seedOfA, long seedOfB) {
        assertEquals(0, sharedDraws(new SplittableRandom(seedOfA), new SplittableRandom(seedOfB)),
                what + ": draws shared among the first " + DRAWS);
        double r = largestCorrelation(new SplittableRandom(seedOfA), new SplittableRandom(seedOfB));
        assertTrue(r < CORRELATION_TOLERANCE, what + ": correlation " + r + " above " + CORRELATION_TOLERANCE);
    }

    private static double correlation(double[] x, double[] y, int start, int lag) {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (int i = start; i < start + DRAWS; i++) {
            double u = x[i];
            double v = y[i + lag];
            sx += u;
            sy += v;
            sxx += u * u;
            syy += v * v;
            sxy += u * v;
        }
        double n = DRAWS;
        double cov = sxy / n - (sx / n) * (sy / n);
        return cov / Math.sqrt((sxx / n - (sx / n) * (sx / n)) * (syy / n - (sy / n) * (sy / n)));
    }
}
