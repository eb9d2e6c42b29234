package io.github.dl4jvae.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Forward and backward pass of a SameDiff graph for one batch: what {@link SameDiff#calculateGradientsAndOutputs}
 * gives, with the intermediate arrays reused from one step to the next.
 *
 * <p>{@code calculateGradientsAndOutputs} turns SameDiff's array cache off for the gradient function (ND4J
 * 1.0.0-M2.1), so each step's intermediate arrays (about 300, 18 MB at batch 128 for the 784-400-20 MLP) stayed
 * allocated off-heap until the garbage collector found them; with a large heap the process grew past 3 GB that way.
 * Here the gradient function runs in an {@link ArrayReusingSession}, whose {@link ExecutionArrayPool} takes every
 * array back at the end of the step: only the requested outputs and gradients are new, and the caller closes them.
 */
final class GradientPass {
    /** The name SameDiff gives its gradient function ({@code SameDiff.GRAD_FN_KEY}). */
    private static final String GRADIENT_FUNCTION = "grad";

    private final SameDiff sd;

    GradientPass(SameDiff sd) {
        this.sd = sd;
    }

    /** The {@code outputs} and the gradients of the loss with respect to {@code parameters}, by name. */
    OutAndGrad run(Map<String, INDArray> placeholders, Collection<String> outputs, Collection<String> parameters) {
        if (!sd.hasGradientFunction()) {
            sd.createGradFunction();
        }
        SameDiff gradients = sd.getFunction(GRADIENT_FUNCTION);
        gradients.setEnableCache(true);
        ArrayReusingSession.install(gradients);
        Map<String, String> gradientNames = new HashMap<>();
        for (String parameter : parameters) {
            SDVariable gradient = sd.getVariable(parameter).getGradient();
            if (gradient != null) {
                gradientNames.put(parameter, gradient.name());
            }
        }
        List<String> requested = new ArrayList<>(outputs);
        requested.addAll(gradientNames.values());
        Map<String, INDArray> values = gradients.output(placeholders, requested.toArray(new String[0]));
        Map<String, INDArray> outputValues = new HashMap<>();
        for (String output : outputs) {
            outputValues.put(output, values.get(output));
        }
        Map<String, INDArray> gradientValues = new HashMap<>();
        gradientNames.forEach((parameter, name) -> gradientValues.put(parameter, values.get(name)));
        return new OutAndGrad(outputValues, gradientValues);
    }
}
