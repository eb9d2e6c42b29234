package io.github.dl4jvae.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The autoencoder objective ({@link Objective#AE}) in a configuration: it round-trips through JSON, and every setting
 * it would silently ignore (a KL weight, schedule or floor, a KL estimator, several samples, a log-variance clamp, a
 * class condition) is refused with one message naming the setting and what was expected.
 */
class AutoencoderConfigTest {

    private static VaeConfig.Builder autoencoder() {
        return VaeConfig.builder().objective(Objective.AE);
    }

    private static String refusal(VaeConfig.Builder builder) {
        return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    }

    @Test
    void anAutoencoderConfigRoundTripsThroughJson() {
        VaeConfig config = autoencoder().latentSize(8).build();
        String json = config.toJson();

        assertTrue(json.contains("\"kind\" : \"AE\""), json);
        assertEquals(config, VaeConfig.fromJson(json));
        assertTrue(config.objective().autoencoder());
        assertEquals(false, Objective.ELBO.autoencoder());
    }

    @Test
    void settingsAnAutoencoderWouldIgnoreAreRefusedByName() {
        assertEquals("objective AE (a deterministic autoencoder) does not take beta 2.0 (it has no KL term to weigh; "
                + "expected 1)", refusal(autoencoder().beta(2.0)));
        assertEquals("objective AE (a deterministic autoencoder) does not take klEstimator MONTE_CARLO (it has no KL "
                + "term; expected ANALYTIC, the default)", refusal(autoencoder().klEstimator(KlEstimator.MONTE_CARLO)));
        assertEquals("objective AE (a deterministic autoencoder) does not take samplesPerExample 3 (its code is "
                + "deterministic; expected 1)", refusal(autoencoder().samplesPerExample(3)));
        assertEquals("objective AE (a deterministic autoencoder) does not take logVarianceClamp [-6.0, Infinity] (its "
                + "encoder has no log-variance; expected OFF)",
                refusal(autoencoder().logVarianceClamp(LogVarianceClamp.of(-6, Double.POSITIVE_INFINITY))));
        assertEquals("objective AE (a deterministic autoencoder) does not take conditionClasses 10 (the autoencoder "
                + "is unconditional; expected 0)", refusal(autoencoder().conditionClasses(10)));
        assertEquals("objective AE has no KL term to schedule: it needs klSchedule CONSTANT and freeBits 0, got "
                + "LINEAR and 0.0", assertThrows(IllegalArgumentException.class,
                        () -> new Objective(Objective.Kind.AE, KlSchedule.linear(10), 0.0)).getMessage());
        assertEquals("objective AE has no KL term to schedule: it needs klSchedule CONSTANT and freeBits 0, got "
                + "CONSTANT and 0.5", assertThrows(IllegalArgumentException.class,
                        () -> new Objective(Objective.Kind.AE, KlSchedule.CONSTANT, 0.5)).getMessage());
    }
}
