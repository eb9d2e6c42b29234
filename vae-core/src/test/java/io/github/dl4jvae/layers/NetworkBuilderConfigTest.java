package io.github.dl4jvae.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dl4jvae.config.KlEstimator;
import io.github.dl4jvae.config.Prior;
import io.github.dl4jvae.config.VaeConfig;
import org.junit.jupiter.api.Test;

/** Configurations the DL4J-layer network cannot honour are refused by name, not silently ignored. */
class NetworkBuilderConfigTest {

    @Test
    void theVampPriorOrSeveralSamplesAreRefused() {
        VaeConfig vamp = VaeConfig.builder().klEstimator(KlEstimator.MONTE_CARLO).prior(Prior.vamp(10)).build();
        assertEquals("prior is Prior[kind=VAMP, components=10]; the DL4J KL layer is against N(0, I), so it must be "
                + "Prior.STANDARD (use io.github.dl4jvae.model.VaeModel for the VampPrior)",
                assertThrows(IllegalArgumentException.class, () -> VaeNetworkBuilder.of(vamp)).getMessage());
        VaeConfig twoSamples = VaeConfig.builder().samplesPerExample(2).build();
        assertEquals("samplesPerExample is 2; the DL4J layers draw one sample of z per example per pass, so it must "
                + "be 1 (use io.github.dl4jvae.model.VaeModel for L > 1)", assertThrows(IllegalArgumentException.class,
                        () -> VaeNetworkBuilder.of(twoSamples)).getMessage());
        assertEquals("config is null; expected a VaeConfig (see VaeConfig.builder())",
                assertThrows(IllegalArgumentException.class, () -> VaeNetworkBuilder.of(null)).getMessage());
    }
}
