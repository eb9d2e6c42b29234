package io.github.dl4jvae.model;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Checks one training step's loss and gradients for NaN and infinity before the update is applied, and names
 * the culprit: the loss term that is not finite, or for a gradient the term that reaches the parameter (decoder
 * parameters reach only the reconstruction term; encoder parameters reach both, so those are named as
 * "gradient of NAME").
 */
final class NumericalFaults {
    private static final String ADVICE = "; parameters were not updated. Lower the learning rate, set "
            + "VaeConfig.logVarianceClamp, or check the data scaling.";

    private NumericalFaults() {
    }

    /**
     * @param iteration      0-based step over the model's life
     * @param loss           the step's loss, reconstruction + beta * KL averaged over the batch
     * @param reconstruction the batch mean reconstruction term
     * @param kl             the batch mean KL term
     * @throws TrainingDivergedException if the loss is not finite
     */
    static void checkLoss(int epoch, long iteration, double loss, double reconstruction, double kl) {
        if (Double.isFinite(loss)) {
            return;
        }
        String term = !Double.isFinite(reconstruction) ? "reconstruction" : "KL";
        throw new TrainingDivergedException("loss became " + loss + " at epoch " + epoch + ", iteration " + iteration
                + " (the " + term + " term is " + (term.equals("KL") ? kl : reconstruction) + ")" + ADVICE,
                epoch, iteration, term);
    }

    /**
     * The fault of a step whose gradients are not all finite (found by {@link AdamOptimizer#step}).
     *
     * @param gradients          gradient of the loss by parameter name, in the graph's order
     * @param decoderParameters  the parameters that only the reconstruction term depends on
     * @return an exception naming the first parameter (in iteration order) whose gradient holds a NaN or an infinity
     */
    static TrainingDivergedException gradientFault(int epoch, long iteration, double loss, double reconstruction,
                                                   double kl, Map<String, INDArray> gradients,
                                                   Collection<String> decoderParameters) {
        String values = String.format(Locale.ROOT, "the loss was finite: %.6g, reconstruction %.6g, KL %.6g",
                loss, reconstruction, kl);
        for (Map.Entry<String, INDArray> entry : gradients.entrySet()) {
            INDArray gradient = entry.getValue();
            if (!BooleanIndexing.or(gradient, Conditions.notFinite())) {
                continue;
            }
            String name = entry.getKey();
            String what = BooleanIndexing.or(gradient, Conditions.isNan()) ? "NaN" : "infinite";
            if (decoderParameters.contains(name)) {
                return new TrainingDivergedException("the gradient of the reconstruction term became " + what
                        + " at epoch " + epoch + ", iteration " + iteration + " (first in decoder parameter " + name
                        + "; " + values + ")" + ADVICE, epoch, iteration, "reconstruction");
            }
            return new TrainingDivergedException("the gradient of " + name + " became " + what + " at epoch " + epoch
                    + ", iteration " + iteration + " (an encoder parameter, reached by both the reconstruction and "
                    + "the KL term; " + values + ")" + ADVICE, epoch, iteration, "gradient of " + name);
        }
        return new TrainingDivergedException("a gradient became NaN or infinite at epoch " + epoch + ", iteration "
                + iteration + " (" + values + ")" + ADVICE, epoch, iteration, "gradient");
    }
}
