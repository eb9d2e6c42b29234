package io.github.dl4jvae.mixture;

/** Checks of codes {@code double[n][d]} at the door, with messages that name the bad value and what was expected. */
final class Codes {
    private Codes() {
    }

    /**
     * Checks that {@code codes} is a non-empty rectangular array of finite numbers with at least one dimension
     * (exactly {@code dimensions} if that is positive), and returns d.
     *
     * @param what "codes" or "points", for the messages
     */
    static int check(double[][] codes, int dimensions, String what) {
        if (codes == null || codes.length == 0) {
            throw new IllegalArgumentException(what + " are empty; expected [n, d] with n >= 1 and d >= 1");
        }
        int d = dimensions > 0 ? dimensions : codes[0] == null ? 0 : codes[0].length;
        if (d == 0) {
            throw new IllegalArgumentException(what + " have 0 dimensions; expected [n, d] with n >= 1 and d >= 1");
        }
        String like = dimensions > 0 ? "the mixture's" : "row 0's";
        for (int i = 0; i < codes.length; i++) {
            double[] row = codes[i];
            if (row == null || row.length != d) {
                throw new IllegalArgumentException(what + " row " + i + " has " + (row == null ? 0 : row.length)
                        + " dimensions; expected " + d + ", " + like);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException(what + " row " + i + " holds " + row[j] + " at dimension "
                            + j + "; expected finite numbers");
                }
            }
        }
        return d;
    }
}
