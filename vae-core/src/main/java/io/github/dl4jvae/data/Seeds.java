package io.github.dl4jvae.data;

/**
 * Derives independent 64-bit seeds from a caller's seed, so that this package never touches a global RNG
 * and its serializable classes can keep a seed and a counter instead of an RNG object.
 */
final class Seeds {

    private Seeds() {
    }

    /**
     * Returns a well-mixed seed for stream {@code index} of {@code seed} (the MurmurHash3/SplitMix64
     * finalizer applied twice). Seeds for neighbouring indices are unrelated, which matters because
     * {@link java.util.SplittableRandom}s built from seeds a golden-gamma apart would share their streams.
     */
    static long derive(long seed, long index) {
        return mix(mix(seed) + 0x9E3779B97F4A7C15L * (index + 1));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
