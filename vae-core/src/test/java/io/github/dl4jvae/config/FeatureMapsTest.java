package io.github.dl4jvae.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FeatureMaps}: ceil(size / 2) per stride-2 level, and the decoder's upsampled size, for an odd input. */
class FeatureMapsTest {

    @Test
    void oddSizesRoundUpAndTheDecoderOvershoots() {
        FeatureMaps maps = FeatureMaps.of(new InputShape(2, 5, 7), List.of(3, 4));
        assertEquals(2, maps.levels());
        assertEquals(2 * 5 * 7, maps.size(0));
        assertEquals(3, maps.channels(1));
        assertEquals(3, maps.height(1));
        assertEquals(4, maps.width(1));
        assertEquals(4, maps.channels(2));
        assertEquals(2, maps.height(2));
        assertEquals(2, maps.width(2));
        assertEquals(4 * 2 * 2, maps.size(2));
        assertEquals(8, maps.upsampledHeight());
        assertEquals(8, maps.upsampledWidth());
        assertEquals(14, FeatureMaps.halved(28));
        assertEquals(4, FeatureMaps.halved(7));
    }

    @Test
    void anMlpHasTheInputLevelOnly() {
        FeatureMaps maps = FeatureMaps.of(InputShape.vector(9), List.of());
        assertEquals(0, maps.levels());
        assertEquals(9, maps.size(0));
        assertEquals(9, maps.upsampledWidth());
    }
}
