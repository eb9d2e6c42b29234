package io.github.dl4jvae.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.github.dl4jvae.config.KlEstimator;
import org.junit.jupiter.api.Test;

/** The configuration plumbing both vertices take from {@link ParameterlessVertex}: equals, hashCode, toString, clone. */
class ParameterlessVertexTest {

    @Test
    void propertiesDecideEqualityAndText() {
        KlDivergenceVertex kl = new KlDivergenceVertex(0.5, KlEstimator.MONTE_CARLO);
        assertEquals("KlDivergenceVertex(beta=0.5, estimator=MONTE_CARLO)", kl.toString());
        assertEquals(new KlDivergenceVertex(0.5, KlEstimator.MONTE_CARLO), kl);
        assertEquals(new KlDivergenceVertex(0.5, KlEstimator.MONTE_CARLO).hashCode(), kl.hashCode());
        assertNotEquals(new KlDivergenceVertex(0.5, KlEstimator.ANALYTIC), kl);

        ReparameterizationVertex z = new ReparameterizationVertex(7, true);
        assertEquals("ReparameterizationVertex(seed=7, sampleAtInference=true)", z.toString());
        assertNotEquals(new ReparameterizationVertex(7, false), z);
        assertNotEquals(new KlDivergenceVertex(), new ReparameterizationVertex());
    }

    @Test
    void cloneIsAnEqualNewObject() {
        KlDivergenceVertex kl = new KlDivergenceVertex(2.0, KlEstimator.MONTE_CARLO);
        KlDivergenceVertex copy = (KlDivergenceVertex) kl.clone();
        assertNotSame(kl, copy);
        assertEquals(kl, copy);
        copy.setBeta(3.0);
        assertEquals(2.0, kl.getBeta(), 0.0);
        ReparameterizationVertex z = new ReparameterizationVertex(11, true);
        assertEquals(z, z.clone());
        assertEquals(ReparameterizationVertex.class, z.clone().getClass());
    }
}
