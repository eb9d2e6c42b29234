package io.github.dl4jvae.layers;

import java.util.Map;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The reparameterization trick of Kingma &amp; Welling 2013 (section 2.4) as a DL4J {@link GraphVertex}: takes the
 * encoder's mean {@code mu} and log-variance {@code logVar} (natural log of sigma^2), two inputs of shape
 * {@code [n, k]}, and outputs one latent sample per example, {@code z = mu + exp(logVar / 2) * eps}, {@code [n, k]},
 * with {@code eps ~ N(0, I)}. No parameters.
 *
 * <p><b>Training and inference.</b> In a training forward pass ({@code fit}, {@code computeGradientAndScore},
 * {@code score(data, true)}) it samples. At inference ({@code output}, {@code score(data)},
 * {@code scoreExamples}) it returns the mean, {@code z = mu}, unless {@link #isSampleAtInference()} is set, in which
 * case every inference pass draws fresh noise.
 *
 * <p><b>Noise and the gradient.</b> The noise is drawn in Java from the configured {@link #getSeed() seed} (never
 * ND4J's global RNG), kept from the forward pass, and reused by the backward pass, so the gradient is that of the
 * sample the forward pass produced: {@code dL/dmu = dL/dz}, {@code dL/dlogVar = dL/dz * eps * exp(logVar / 2) / 2}.
 * In training, the noise is addressed by (seed, vertex name, the network's iteration count): every forward pass of
 * one iteration sees the same {@code eps}, the next iteration new ones, and a network restored by
 * {@code ModelSerializer} continues the sequence where it stopped. That is also what makes DL4J's gradient
 * checks meaningful here: they re-evaluate the training score many times and need the same noise each time.
 * (A SameDiff layer with a random op would draw a different {@code eps} in its backward pass than in its
 * forward pass; see the tests.) Inference sampling is addressed by a counter per vertex instance.
 *
 * <p><b>Why not feed {@code eps} as a second network input?</b> That also gives correct gradients, but every
 * iterator, {@code output()} call, early-stopping score calculator and per-example score would need a second,
 * noise-drawing input. Drawing inside the vertex keeps the VAE a one-input network that takes plain
 * {@code DataSetIterator}s like any other DL4J model. The price: the kept noise is state of the vertex instance,
 * so one network must not run forward passes from several threads at once (as for any DL4J network).
 * The noise array lives outside DL4J's workspaces, so it is valid in the backward pass with workspaces ENABLED.
 *
 * <p>Configuration: a no-argument constructor and bean properties, for DL4J's JSON and {@code ModelSerializer}.
 */
public class ReparameterizationVertex extends ParameterlessVertex {
    private static final long serialVersionUID = 1L;
    static final String[] INPUT_NAMES = {"mean", "logVariance"};

    private long seed;
    private boolean sampleAtInference;

    /** Seed 0, mean at inference; for JSON. */
    public ReparameterizationVertex() {
        this(0L, false);
    }

    /**
     * @param seed              seed of the noise
     * @param sampleAtInference whether inference passes sample too (default false: they return the mean)
     */
    public ReparameterizationVertex(long seed, boolean sampleAtInference) {
        this.seed = seed;
        this.sampleAtInference = sampleAtInference;
    }

    /**
     * Switches sampling at inference on or off for every reparameterization vertex of a network, in place (the
     * configuration is changed, so it is saved with the network).
     *
     * @return the number of vertices changed
     */
    public static int setSampleAtInference(ComputationGraph network, boolean sample) {
        int changed = 0;
        for (GraphVertex vertex : network.getConfiguration().getVertices().values()) {
            if (vertex instanceof ReparameterizationVertex r) {
                r.setSampleAtInference(sample);
                changed++;
            }
        }
        return changed;
    }

    /** Seed of the noise. */
    public long getSeed() {
        return seed;
    }

    /** @see #getSeed() */
    public void setSeed(long seed) {
        this.seed = seed;
    }

    /** Whether inference passes sample ({@code true}) or return the mean ({@code false}, the default). */
    public boolean isSampleAtInference() {
        return sampleAtInference;
    }

    /** @see #isSampleAtInference() */
    public void setSampleAtInference(boolean sampleAtInference) {
        this.sampleAtInference = sampleAtInference;
    }

    @Override
    Map<String, Object> properties() {
        return orderedProperties("seed", seed, "sampleAtInference", sampleAtInference);
    }

    /** Every seed and both modes are valid. */
    @Override
    void validate() {
    }

    @Override
    String[] inputNames() {
        return INPUT_NAMES;
    }

    /** k: one latent sample per example. */
    @Override
    long outputSize(long k) {
        return k;
    }

    /** Sigma and the kept noise. */
    @Override
    long[] workingMemoryPerExample(long k) {
        return new long[] {2 * k, 2 * k};
    }

    @Override
    ParameterlessVertexImpl newVertex(ComputationGraph graph, String name, int idx, DataType dataType) {
        return new ReparameterizationVertexImpl(graph, name, idx, this, dataType);
    }

    @Override
    public int maxVertexInputs() {
        return 2;
    }
}
