package io.github.dl4jvae.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The VampPrior and gated layers in the configuration: what each refuses (one message each, asserted whole), the JSON
 * round trip, and configurations written before the prior existed reading as the standard prior.
 */
class PriorConfigTest {
    private static VaeConfig.Builder vamp() {
        return VaeConfig.builder().prior(Prior.vamp(50)).klEstimator(KlEstimator.MONTE_CARLO);
    }

    @Test
    void theVampPriorRefusesWhatItCannotDoByName() {
        assertEquals("prior VAMP does not take klEstimator ANALYTIC (its KL has no closed form; expected MONTE_CARLO)",
                assertThrows(IllegalArgumentException.class, () -> vamp().klEstimator(KlEstimator.ANALYTIC).build())
                        .getMessage());
        assertEquals("prior VAMP does not take conditionClasses 10 (its pseudo-inputs carry no label; expected 0)",
                assertThrows(IllegalArgumentException.class, () -> vamp().conditionClasses(10).build()).getMessage());
        assertEquals("prior.components must be in [1, 100000], got 0",
                assertThrows(IllegalArgumentException.class, () -> Prior.vamp(0)).getMessage());
        assertEquals("prior.components must be 0 for the STANDARD prior, got 3",
                assertThrows(IllegalArgumentException.class, () -> new Prior(Prior.Kind.STANDARD, 3)).getMessage());
        assertEquals("objective AE (a deterministic autoencoder) does not take klEstimator MONTE_CARLO (it has no KL "
                + "term; expected ANALYTIC, the default)", assertThrows(IllegalArgumentException.class,
                () -> vamp().objective(Objective.AE).build()).getMessage());
    }

    @Test
    void gatedNetworksNeedHiddenLayersAndNoConvolutions() {
        assertEquals("network.hiddenSizes must name at least one layer for GATED_MLP, got []",
                assertThrows(IllegalArgumentException.class, () -> new NetworkConfig(Architecture.GATED_MLP, List.of(),
                        List.of(), ActivationFunction.IDENTITY)).getMessage());
        assertEquals("network.convChannels must be empty for GATED_MLP, got [8]",
                assertThrows(IllegalArgumentException.class, () -> new NetworkConfig(Architecture.GATED_MLP,
                        List.of(4), List.of(8), ActivationFunction.IDENTITY)).getMessage());
        assertEquals(new NetworkConfig(Architecture.GATED_MLP, List.of(300, 300), List.of(),
                ActivationFunction.IDENTITY), NetworkConfig.gatedMlp(300, 300));
    }

    @Test
    void jsonKeepsThePriorAndOldJsonReadsAsTheStandardPrior() {
        VaeConfig config = vamp().network(NetworkConfig.gatedMlp(30)).build();
        String json = config.toJson();
        assertEquals(config, VaeConfig.fromJson(json));
        String withoutPrior = json.replaceAll(",\\s*\"prior\"\\s*:\\s*\\{[^}]*\\}", "");
        assertEquals(config.toBuilder().prior(Prior.STANDARD).build(), VaeConfig.fromJson(withoutPrior));
    }
}
