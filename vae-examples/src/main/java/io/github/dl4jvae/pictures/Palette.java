package io.github.dl4jvae.pictures;

import java.awt.Color;

/** Colours of the charts: matplotlib's "tab10", which tells ten classes apart, repeated beyond ten. */
final class Palette {
    private static final int[] TAB10 = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2,
        0x7f7f7f, 0xbcbd22, 0x17becf};

    private Palette() {
    }

    /** The colour of series {@code i}. */
    static Color color(int i) {
        return new Color(TAB10[Math.floorMod(i, TAB10.length)]);
    }

    /** The colour of series {@code i} with an alpha value in 0..255. */
    static Color color(int i, int alpha) {
        Color c = color(i);
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }
}
