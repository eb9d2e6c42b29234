package io.github.dl4jvae.random;

import java.util.SplittableRandom;

/**
 * The project's one seed derivation: every random stream of every module (training and evaluation noise, prior
 * draws, importance samples, the DL4J vertices' noise, data-parallel workers' noise, shuffling, dynamic
 * binarization) gets its 64-bit seed from {@link #derive(long, long...)} applied to the caller's seed and the
 * stream's address, so that no code draws from a global RNG and neighbouring addresses give unrelated streams.
 * {@link Streams} is the table of the addresses' first components.
 *
 * <p>Why a real mixer is needed: {@link SplittableRandom}{@code (s)} returns {@code mix64(s + k * G)} as its k-th
 * draw, where {@code G = 0x9E3779B97F4A7C15} is its fixed increment. Two generators whose seeds differ by a small
 * multiple of {@code G} therefore return the same numbers shifted by a few draws; a seed built as
 * {@code seed * G + counter} gives seed s + 1 the noise of seed s one draw later. Here every address component is
 * folded in through the SplitMix64 finalizer (a bijection of 64-bit words whose output bits each depend on every
 * input bit), so the seeds of neighbouring addresses are unrelated words and their generators' streams overlap only
 * with probability about (draws per stream) / 2^64. {@code SeedsTest} checks that neighbouring seeds, streams and
 * counters share no draw among their first 100,000 and are uncorrelated.
 */
public final class Seeds {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /**
     * A well-mixed seed for the stream at {@code address} (a path of components such as a stream id and a counter)
     * under {@code seed}: {@code h = mix(seed)}, then {@code h = mix(h + G * (a + 1))} for each component
     * {@code a}.
     */
    public static long derive(long seed, long... address) {
        long h = mix(seed);
        for (long component : address) {
            h = mix(h + GOLDEN_GAMMA * (component + 1));
        }
        return h;
    }

    /** A generator for the stream at {@code address} under {@code seed}: {@code new SplittableRandom(derive(...))}. */
    public static SplittableRandom generator(long seed, long... address) {
        return new SplittableRandom(derive(seed, address));
    }

    /** The SplitMix64 (MurmurHash3 fmix64-style) finalizer. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
