package io.github.dl4jvae.layers;

import io.github.dl4jvae.config.LogVarianceClamp;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.clip.ClipByValue;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A DL4J activation that clamps to {@code [min, max]}: the {@link LogVarianceClamp} of the encoder's log-variance
 * layer in the DL4J network, as {@code VaeGraph} applies it with {@code clipByValue} (the hard tanh of the VampPrior
 * and Exemplar VAE papers for [-6, 2]). Gradient 1 inside the bounds, 0 outside. An infinite bound is no bound.
 */
public final class ClampActivation extends BaseActivationFunction {
    private static final long serialVersionUID = 1L;

    private final double min;
    private final double max;

    /** Clamps to {@code [min, max]}; see {@link LogVarianceClamp} for the rules on the bounds. */
    @JsonCreator
    public ClampActivation(@JsonProperty("min") double min, @JsonProperty("max") double max) {
        LogVarianceClamp checked = LogVarianceClamp.of(min, max);
        this.min = checked.min();
        this.max = checked.max();
    }

    /** The lower bound. */
    @JsonProperty("min")
    public double min() {
        return min;
    }

    /** The upper bound. */
    @JsonProperty("max")
    public double max() {
        return max;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        double lower = Double.isFinite(min) ? min : -Double.MAX_VALUE;
        double upper = Double.isFinite(max) ? max : Double.MAX_VALUE;
        INDArray clamped = Nd4j.exec(new ClipByValue(in, lower, upper))[0];
        in.assign(clamped);
        return in;
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray inside = in.gte(min).castTo(in.dataType()).muli(in.lte(max).castTo(in.dataType()));
        return new Pair<>(epsilon.mul(inside), null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClampActivation c && Double.compare(c.min, min) == 0 && Double.compare(c.max, max) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(min) * 31 + Double.hashCode(max);
    }

    @Override
    public String toString() {
        return "clamp(" + min + ", " + max + ")";
    }
}
