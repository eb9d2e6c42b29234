package io.github.dl4jvae.layers;

import io.github.dl4jvae.config.KlEstimator;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The run-time side of {@link KlDivergenceVertex}: closed-form forward and backward passes. */
final class KlDivergenceVertexImpl extends ParameterlessVertexImpl {
    private static final long serialVersionUID = 1L;

    private final KlDivergenceVertex conf;

    KlDivergenceVertexImpl(ComputationGraph graph, String name, int vertexIndex, KlDivergenceVertex conf,
                           DataType dataType) {
        super(graph, name, vertexIndex, dataType, conf);
        this.conf = conf;
    }

    private boolean monteCarlo() {
        return conf.getEstimator() == KlEstimator.MONTE_CARLO;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException(describe() + ": forward pass without inputs");
        }
        InputChecks.sameMatrixShape(describe(), conf.inputNames(), inputs);
        INDArray mean = inputs[0];
        INDArray logVariance = inputs[1];
        double beta = conf.getBeta();
        try (MemoryWorkspace ignored = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATIONS)) {
            if (!monteCarlo()) {
                // -1/2 (1 + logVar - mu^2 - exp(logVar)), summed over the latent axis.
                INDArray perValue = Transforms.exp(logVariance, true).addi(mean.mul(mean)).subi(logVariance).subi(1.0);
                return perValue.sum(true, 1).muli(0.5 * beta);
            }
            INDArray z = inputs[2];
            // -(z - mu)^2 exp(-logVar) / 2 - logVar / 2 + z^2 / 2, summed over the latent axis.
            INDArray diff = z.sub(mean);
            INDArray perValue = diff.muli(diff).muli(Transforms.exp(logVariance.neg(), false)).addi(logVariance)
                    .subi(z.mul(z));
            return perValue.sum(true, 1).muli(-0.5 * beta);
        }
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) {
            throw new IllegalStateException(describe() + ": backward pass without inputs or an error signal");
        }
        long[] shape = InputChecks.sameMatrixShape(describe(), conf.inputNames(), inputs);
        if (epsilon.length() != shape[0]) {
            throw new IllegalStateException(describe() + ": error signal has " + epsilon.length()
                    + " values; expected one per example (" + shape[0] + ")");
        }
        INDArray mean = inputs[0];
        INDArray logVariance = inputs[1];
        double beta = conf.getBeta();
        try (MemoryWorkspace ignored = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATION_GRAD)) {
            INDArray g = epsilon.reshape(shape[0], 1).mul(beta);
            if (!monteCarlo()) {
                INDArray dMean = mean.mulColumnVector(g);
                INDArray dLogVariance = Transforms.exp(logVariance, true).subi(1.0).muli(0.5).muliColumnVector(g);
                return new Pair<>(null, new INDArray[] {dMean, dLogVariance});
            }
            INDArray z = inputs[2];
            INDArray diff = z.sub(mean);
            INDArray scaled = Transforms.exp(logVariance.neg(), false).muli(diff);        // (z - mu) exp(-logVar)
            INDArray dZ = z.sub(scaled).muliColumnVector(g);
            INDArray dLogVariance = diff.muli(scaled).subi(1.0).muli(0.5).muliColumnVector(g);
            INDArray dMean = scaled.muliColumnVector(g);
            return new Pair<>(null, new INDArray[] {dMean, dLogVariance, dZ});
        }
    }
}
