package io.github.dl4jvae.quality;

/** Checks of feature sets {@code double[n][d]} at the door, with messages that name what was wrong and expected. */
final class FeatureChecks {
    private FeatureChecks() {
    }

    /**
     * Checks that {@code features} has at least {@code minimum} rows of one length d &gt;= 1, all finite, and returns
     * d.
     *
     * @param what "generated features", "real features", ..., for the messages
     */
    static int dimension(double[][] features, int minimum, String what) {
        if (features == null || features.length < minimum) {
            throw new IllegalArgumentException(what + " have " + (features == null ? 0 : features.length) + " rows; "
                    + "expected at least " + minimum);
        }
        int d = features[0] == null ? 0 : features[0].length;
        if (d == 0) {
            throw new IllegalArgumentException(what + " have 0 dimensions; expected [n, d] with d >= 1");
        }
        for (int i = 0; i < features.length; i++) {
            double[] row = features[i];
            if (row == null || row.length != d) {
                throw new IllegalArgumentException(what + " row " + i + " has " + (row == null ? 0 : row.length)
                        + " values; expected " + d + ", as row 0");
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException(what + " row " + i + " holds " + row[j] + " at dimension " + j
                            + "; expected finite numbers");
                }
            }
        }
        return d;
    }
}
