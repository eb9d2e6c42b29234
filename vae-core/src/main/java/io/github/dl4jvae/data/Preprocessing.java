package io.github.dl4jvae.data;

import java.util.Objects;

/**
 * How {@link VaeData} turns IDX pixels into VAE inputs. Pixels are always scaled to [0,1] first
 * ({@code x = pixel / 255}, {@link UnitScaler}); then optionally binarized; then laid out flat or
 * channels-first.
 *
 * <p>Binarization, for Bernoulli decoders:
 * <ul>
 *   <li>{@link Binarization#STATIC}: {@code x = 1 if x > threshold else 0}, the same every epoch
 *       ({@link StaticBinarizer});</li>
 *   <li>{@link Binarization#DYNAMIC}: {@code x ~ Bernoulli(x)} drawn afresh each time an example is seen,
 *       from a generator seeded by the caller's seed (Salakhutdinov and Murray 2008; the usual protocol for
 *       likelihood tables), {@link DynamicBinarizer}; {@code threshold} is unused.</li>
 * </ul>
 *
 * <p>Defaults ({@link #defaults()}): no binarization, threshold 0.5, flat layout, no shuffling.
 *
 * @param binarization none, static or dynamic; not null
 * @param threshold static binarization threshold on the [0,1] scale, in [0, 1); default 0.5
 * @param layout {@link Layout#FLAT} features {@code [batch, height*width]} or {@link Layout#CHANNELS_FIRST}
 *     {@code [batch, 1, height, width]}; not null
 * @param shuffle whether iterators visit the examples in a seeded random order, a new one each epoch
 *     (whole-split loads keep file order)
 */
public record Preprocessing(Binarization binarization, double threshold, Layout layout, boolean shuffle) {

    /** The default static binarization threshold. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    /** Whether and how pixels become 0/1. */
    public enum Binarization {
        /** Keep the [0,1] intensities. */
        NONE,
        /** Threshold once: {@code x > threshold}. */
        STATIC,
        /** Sample {@code Bernoulli(x)} each time an example is seen, seeded. */
        DYNAMIC
    }

    /** Shape of the feature array. */
    public enum Layout {
        /** {@code [batch, height*width]}, row-major pixels: for dense (MLP) models. */
        FLAT,
        /** {@code [batch, channels=1, height, width]}: for convolutional models. */
        CHANNELS_FIRST
    }

    /** Validates the components. */
    public Preprocessing {
        Objects.requireNonNull(binarization, "binarization");
        Objects.requireNonNull(layout, "layout");
        if (!(threshold >= 0.0 && threshold < 1.0)) {
            throw new IllegalArgumentException(
                    "binarization threshold " + threshold + " is outside [0, 1); pixels are scaled to [0,1] first");
        }
    }

    /** No binarization, threshold 0.5, flat layout, file order. */
    public static Preprocessing defaults() {
        return new Preprocessing(Binarization.NONE, DEFAULT_THRESHOLD, Layout.FLAT, false);
    }

    /** A copy with {@code binarization} changed. */
    public Preprocessing withBinarization(Binarization newBinarization) {
        return new Preprocessing(newBinarization, threshold, layout, shuffle);
    }

    /** A copy with {@code threshold} changed. */
    public Preprocessing withThreshold(double newThreshold) {
        return new Preprocessing(binarization, newThreshold, layout, shuffle);
    }

    /** A copy with {@code layout} changed. */
    public Preprocessing withLayout(Layout newLayout) {
        return new Preprocessing(binarization, threshold, newLayout, shuffle);
    }

    /** A copy with {@code shuffle} changed. */
    public Preprocessing withShuffle(boolean newShuffle) {
        return new Preprocessing(binarization, threshold, layout, newShuffle);
    }
}
