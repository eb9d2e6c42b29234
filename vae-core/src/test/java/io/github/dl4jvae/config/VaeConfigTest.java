package io.github.dl4jvae.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Defaults, validation messages and the JSON round trip of {@link VaeConfig}. */
class VaeConfigTest {

    @Test
    void defaultsAreThe784_400_20BernoulliMlp() {
        VaeConfig config = VaeConfig.builder().build();
        assertEquals(InputShape.image(28, 28), config.inputShape());
        assertEquals(List.of(400), config.network().hiddenSizes());
        assertEquals(20, config.latentSize());
        assertEquals(Likelihood.BERNOULLI, config.likelihood());
        assertEquals(1.0, config.beta());
        assertEquals(1e-3, config.learningRate());
        assertEquals(1, config.samplesPerExample());
        assertEquals(784, config.inputShape().size());
    }

    @Test
    void jsonRoundTripKeepsEveryField() {
        VaeConfig config = VaeConfig.builder().inputShape(new InputShape(3, 17, 9))
                .network(NetworkConfig.conv(List.of(8, 16), List.of(64)).withActivation(ActivationFunction.ELU))
                .latentSize(7).likelihood(Likelihood.GAUSSIAN_FIXED_VARIANCE).fixedVariance(0.25).beta(4)
                .klEstimator(KlEstimator.MONTE_CARLO).samplesPerExample(3).learningRate(5e-4).seed(-3)
                .precision(Precision.DOUBLE).build();
        String json = config.toJson();
        assertEquals(config, VaeConfig.fromJson(json));
        assertTrue(json.contains("\"latentSize\" : 7"), json);
    }

    @Test
    void outOfRangeValuesNameTheFieldAndTheRange() {
        assertEquals("latentSize must be in [1, 4096], got 0",
                assertThrows(IllegalArgumentException.class, () -> VaeConfig.builder().latentSize(0).build()).getMessage());
        assertEquals("beta must be in [0.0, 1000.0], got -1.0",
                assertThrows(IllegalArgumentException.class, () -> VaeConfig.builder().beta(-1).build()).getMessage());
        assertEquals("samplesPerExample must be in [1, 1000], got 0",
                assertThrows(IllegalArgumentException.class, () -> VaeConfig.builder().samplesPerExample(0).build()).getMessage());
        assertEquals("learningRate must be a finite number > 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> VaeConfig.builder().learningRate(Double.NaN).build()).getMessage());
        assertEquals("network.hiddenSizes[1] must be in [1, 65536], got 0",
                assertThrows(IllegalArgumentException.class, () -> NetworkConfig.mlp(10, 0)).getMessage());
        assertEquals("inputShape.height must be in [1, 65536], got 0",
                assertThrows(IllegalArgumentException.class, () -> new InputShape(1, 0, 3)).getMessage());
    }

    @Test
    void jsonWithUnknownMissingOrBadFieldsIsRejectedByName() {
        String json = VaeConfig.builder().build().toJson();
        String unknown = json.replaceFirst("\\{", "{ \"latentSise\" : 3,");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VaeConfig.fromJson(unknown)).getMessage()
                .contains("latentSise"));
        String missing = json.replaceFirst("\"latentSize\" : 20,", "");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VaeConfig.fromJson(missing)).getMessage()
                .contains("latentSize"));
        String zero = json.replace("\"latentSize\" : 20", "\"latentSize\" : 0");
        assertEquals("Invalid VAE configuration JSON: latentSize must be in [1, 4096], got 0",
                assertThrows(IllegalArgumentException.class, () -> VaeConfig.fromJson(zero)).getMessage());
    }
}
