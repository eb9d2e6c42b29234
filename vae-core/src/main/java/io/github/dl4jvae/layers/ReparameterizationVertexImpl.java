package io.github.dl4jvae.layers;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The run-time side of {@link ReparameterizationVertex}: draws the noise in the forward pass, keeps it (outside
 * every workspace) and uses the same noise in the backward pass.
 */
final class ReparameterizationVertexImpl extends ParameterlessVertexImpl {
    private static final long serialVersionUID = 1L;

    private final ReparameterizationVertex conf;
    private long inferenceDraws;
    /** The noise of the last forward pass, {@code [n, k]}, or null when it returned the mean. */
    private INDArray noise;

    ReparameterizationVertexImpl(ComputationGraph graph, String name, int vertexIndex,
                                 ReparameterizationVertex conf, DataType dataType) {
        super(graph, name, vertexIndex, dataType, conf);
        this.conf = conf;
    }

    /** The noise the last forward pass used, {@code [n, k]}, or null if it returned the mean. */
    INDArray lastNoise() {
        return noise;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException(describe() + ": forward pass without inputs");
        }
        long[] shape = InputChecks.sameMatrixShape(describe(), conf.inputNames(), inputs);
        INDArray mean = inputs[0];
        INDArray logVariance = inputs[1];
        if (!training && !conf.isSampleAtInference()) {
            noise = null;
            return workspaceMgr.dup(ArrayType.ACTIVATIONS, mean);
        }
        long address = training
                ? GaussianNoise.address(conf.getSeed(), vertexName, GaussianNoise.TRAINING,
                        graph.getConfiguration().getIterationCount())
                : GaussianNoise.address(conf.getSeed(), vertexName, GaussianNoise.INFERENCE, inferenceDraws++);
        noise = GaussianNoise.draw(address, mean.dataType(), shape[0], shape[1]);
        try (MemoryWorkspace ignored = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATIONS)) {
            return Transforms.exp(logVariance.mul(0.5), false).muli(noise).addi(mean);
        }
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) {
            throw new IllegalStateException(describe() + ": backward pass without inputs or an error signal");
        }
        long[] shape = InputChecks.sameMatrixShape(describe(), conf.inputNames(), inputs);
        if (noise != null && !java.util.Arrays.equals(noise.shape(), shape)) {
            throw new IllegalStateException(describe() + ": backward pass for inputs of shape "
                    + java.util.Arrays.toString(shape) + " after a forward pass with noise of shape "
                    + java.util.Arrays.toString(noise.shape()) + "; run the forward pass on the same inputs first");
        }
        INDArray logVariance = inputs[1];
        try (MemoryWorkspace ignored = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATION_GRAD)) {
            INDArray dMean = epsilon.dup();
            INDArray dLogVariance = noise == null
                    ? epsilon.like()
                    : Transforms.exp(logVariance.mul(0.5), false).muli(noise).muli(epsilon).muli(0.5);
            return new Pair<>(null, new INDArray[] {dMean, dLogVariance});
        }
    }
}
