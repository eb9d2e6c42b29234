package io.github.dl4jvae.config;

/** Argument checks whose messages name the value, what it was, and the allowed range. */
final class Checks {
    private Checks() {
    }

    static void inRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    static void inRange(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    /** {@code value} in {@code (min, max]}: above {@code min}, at most {@code max}. */
    static void aboveAndAtMost(String name, double value, double min, double max) {
        if (!(value > min && value <= max)) {
            throw new IllegalArgumentException(name + " must be in (" + min + ", " + max + "], got " + value);
        }
    }

    static void positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + value);
        }
    }

    static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required but was null");
        }
        return value;
    }
}
