package io.github.dl4jvae.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dl4jvae.config.LogVarianceClamp;
import io.github.dl4jvae.config.VaeConfig;
import org.junit.jupiter.api.Test;

/** Configurations the DL4J-layer network cannot honour are refused by name, not silently ignored. */
class NetworkBuilderConfigTest {

    @Test
    void aLogVarianceClampOrSeveralSamplesAreRefused() {
        VaeConfig clamped = VaeConfig.builder().logVarianceClamp(LogVarianceClamp.of(-30, 20)).build();
        assertEquals("logVarianceClamp is LogVarianceClamp[min=-30.0, max=20.0]; the DL4J layers do not clamp the "
                + "log-variance, so it must be LogVarianceClamp.OFF (use io.github.dl4jvae.model.VaeModel for a "
                + "clamped model)", assertThrows(IllegalArgumentException.class,
                        () -> VaeNetworkBuilder.of(clamped)).getMessage());
        VaeConfig twoSamples = VaeConfig.builder().samplesPerExample(2).build();
        assertEquals("samplesPerExample is 2; the DL4J layers draw one sample of z per example per pass, so it must "
                + "be 1 (use io.github.dl4jvae.model.VaeModel for L > 1)", assertThrows(IllegalArgumentException.class,
                        () -> VaeNetworkBuilder.of(twoSamples)).getMessage());
        assertEquals("config is null; expected a VaeConfig (see VaeConfig.builder())",
                assertThrows(IllegalArgumentException.class, () -> VaeNetworkBuilder.of(null)).getMessage());
    }
}
