package io.github.dl4jvae.layers;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaVertex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The naive reparameterization this project must not ship, kept as a test fixture: a SameDiff vertex computing
 * {@code mu + exp(logVar / 2) * eps} with a random op for {@code eps}. DL4J re-runs a SameDiff vertex's forward
 * pass inside its backward pass, so the random op draws a second, different {@code eps} there: the gradient is that
 * of another sample than the one the forward pass (and the score) used. Static shape {@code [n, k]} because
 * {@code sd.random().normal} needs one (DL4J-NOTES).
 */
class NaiveSameDiffReparameterization extends SameDiffLambdaVertex {
    private long n;
    private long k;

    NaiveSameDiffReparameterization() {
    }

    NaiveSameDiffReparameterization(long n, long k) {
        this.n = n;
        this.k = k;
    }

    @Override
    public SDVariable defineVertex(SameDiff sd, VertexInputs inputs) {
        SDVariable mean = inputs.getInput(0);
        SDVariable logVariance = inputs.getInput(1);
        SDVariable eps = sd.random().normal(0.0, 1.0, DataType.DOUBLE, n, k);
        return mean.add(sd.math().exp(logVariance.mul(0.5)).mul(eps));
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) {
        return vertexInputs[0];
    }

    @Override
    public GraphVertex clone() {
        return new NaiveSameDiffReparameterization(n, k);
    }
}
