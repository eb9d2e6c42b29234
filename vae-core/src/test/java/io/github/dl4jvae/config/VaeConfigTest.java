package io.github.dl4jvae.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    void logVarianceClampRoundTripsAndIsOffByDefault() {
        assertEquals(LogVarianceClamp.OFF, VaeConfig.builder().build().logVarianceClamp());
        VaeConfig clamped = VaeConfig.builder().logVarianceClamp(LogVarianceClamp.of(-30, 20)).build();
        assertEquals(clamped, VaeConfig.fromJson(clamped.toJson()));
        VaeConfig off = VaeConfig.builder().build();
        String json = off.toJson();
        assertTrue(json.contains("\"logVarianceClamp\" : {\n    \"min\" : \"-Infinity\",\n    \"max\" : \"Infinity\"\n  }"),
                json);
        assertEquals(off, VaeConfig.fromJson(json));
        // A configuration written before the field existed reads as OFF.
        String old = json.replaceFirst(",\\s*\"logVarianceClamp\" : \\{[^}]*}", "");
        assertFalse(old.contains("logVarianceClamp"), old);
        assertEquals(off, VaeConfig.fromJson(old));
        VaeConfig oneSided = VaeConfig.builder().logVarianceClamp(LogVarianceClamp.of(Double.NEGATIVE_INFINITY, 20))
                .build();
        assertEquals(oneSided, VaeConfig.fromJson(oneSided.toJson()));
        assertTrue(oneSided.logVarianceClamp().enabled());
        assertFalse(LogVarianceClamp.OFF.enabled());
    }

    @Test
    void badClampsAreRejectedWithTheRule() {
        String rule = "logVarianceClamp must have min < max (each finite, or -Infinity for no lower and Infinity for "
                + "no upper bound), got ";
        assertEquals(rule + "[5.0, 1.0]",
                assertThrows(IllegalArgumentException.class, () -> LogVarianceClamp.of(5, 1)).getMessage());
        assertEquals(rule + "[NaN, 1.0]",
                assertThrows(IllegalArgumentException.class, () -> LogVarianceClamp.of(Double.NaN, 1)).getMessage());
        assertEquals(rule + "[Infinity, Infinity]", assertThrows(IllegalArgumentException.class,
                () -> LogVarianceClamp.of(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)).getMessage());
        assertEquals("logVarianceClamp is required but was null", assertThrows(IllegalArgumentException.class,
                () -> VaeConfig.builder().logVarianceClamp(null).build()).getMessage());
        String json = VaeConfig.builder().logVarianceClamp(LogVarianceClamp.of(-3, 2)).build().toJson()
                .replace("\"min\" : -3.0", "\"min\" : 4.0");
        assertEquals("Invalid VAE configuration JSON: " + rule + "[4.0, 2.0]",
                assertThrows(IllegalArgumentException.class, () -> VaeConfig.fromJson(json)).getMessage());
    }

    @Test
    void badJsonOfEveryKindIsNamed() {
        String json = VaeConfig.builder().build().toJson();
        String negativeBeta = json.replace("\"beta\" : 1.0", "\"beta\" : -0.5");
        assertEquals("Invalid VAE configuration JSON: beta must be in [0.0, 1000.0], got -0.5",
                assertThrows(IllegalArgumentException.class, () -> VaeConfig.fromJson(negativeBeta)).getMessage());
        String noSamples = json.replace("\"samplesPerExample\" : 1", "\"samplesPerExample\" : 0");
        assertEquals("Invalid VAE configuration JSON: samplesPerExample must be in [1, 1000], got 0",
                assertThrows(IllegalArgumentException.class, () -> VaeConfig.fromJson(noSamples)).getMessage());
        String hugeRate = json.replace("\"learningRate\" : 0.001", "\"learningRate\" : 10000.0");
        assertEquals("Invalid VAE configuration JSON: learningRate must be in (0.0, 1.0], got 10000.0",
                assertThrows(IllegalArgumentException.class, () -> VaeConfig.fromJson(hugeRate)).getMessage());
        String wrongType = json.replace("\"latentSize\" : 20", "\"latentSize\" : \"twenty\"");
        String typeMessage = assertThrows(IllegalArgumentException.class, () -> VaeConfig.fromJson(wrongType))
                .getMessage();
        assertTrue(typeMessage.startsWith("Invalid VAE configuration JSON: ") && typeMessage.contains("twenty")
                && typeMessage.contains("int"), typeMessage);
        String badEnum = json.replace("\"BERNOULLI\"", "\"POISSON\"");
        String enumMessage = assertThrows(IllegalArgumentException.class, () -> VaeConfig.fromJson(badEnum))
                .getMessage();
        assertTrue(enumMessage.contains("POISSON") && enumMessage.contains("BERNOULLI"), enumMessage);
        String notJson = assertThrows(IllegalArgumentException.class, () -> VaeConfig.fromJson("latentSize = 20"))
                .getMessage();
        assertTrue(notJson.startsWith("Invalid VAE configuration JSON: Unrecognized token 'latentSize'"), notJson);
        assertEquals("Invalid VAE configuration JSON: it is null; expected the text that VaeConfig.toJson() writes",
                assertThrows(IllegalArgumentException.class, () -> VaeConfig.fromJson(null)).getMessage());
        String nullNetwork = json.replaceFirst("\"network\" : \\{[^}]*}", "\"network\" : null");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VaeConfig.fromJson(nullNetwork)).getMessage()
                .contains("network"), nullNetwork);
    }

    @Test
    void conditionClassesRoundTripAreZeroByDefaultAndOldJsonReadsAsUnconditional() {
        VaeConfig plain = VaeConfig.builder().build();
        assertEquals(0, plain.conditionClasses());
        assertFalse(plain.conditional());
        VaeConfig conditional = VaeConfig.builder().conditionClasses(10).build();
        assertTrue(conditional.conditional());
        String json = conditional.toJson();
        assertTrue(json.contains("\"conditionClasses\" : 10"), json);
        assertFalse(json.contains("\"conditional\""), "only the record's fields are written: " + json);
        assertEquals(conditional, VaeConfig.fromJson(json));
        assertEquals(conditional, conditional.toBuilder().build());

        // A configuration written before the field existed reads as unconditional.
        String old = json.replaceFirst(",\\s*\"conditionClasses\" : 10", "");
        assertFalse(old.contains("conditionClasses"), old);
        assertEquals(conditional.toBuilder().conditionClasses(0).build(), VaeConfig.fromJson(old));

        assertEquals("conditionClasses must be in [0, 65536], got -1", assertThrows(IllegalArgumentException.class,
                () -> VaeConfig.builder().conditionClasses(-1).build()).getMessage());
        assertEquals("Invalid VAE configuration JSON: conditionClasses must be in [0, 65536], got -3",
                assertThrows(IllegalArgumentException.class,
                        () -> VaeConfig.fromJson(json.replace("\"conditionClasses\" : 10", "\"conditionClasses\" : -3")))
                        .getMessage());
    }

    @Test
    void rangeMessagesForRatesAndVariances() {
        assertEquals("learningRate must be in (0.0, 1.0], got 1.5",
                assertThrows(IllegalArgumentException.class, () -> VaeConfig.builder().learningRate(1.5).build()).getMessage());
        assertEquals("fixedVariance must be a finite number > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> VaeConfig.builder().fixedVariance(0).build()).getMessage());
        assertEquals("latentSize must be in [1, 4096], got 5000",
                assertThrows(IllegalArgumentException.class, () -> VaeConfig.builder().latentSize(5000).build()).getMessage());
    }
}
