package io.github.dl4jvae.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Adam (Kingma &amp; Ba 2015; beta1 0.9, beta2 0.999, epsilon 1e-8, PyTorch's defaults) over the graph's
 * parameters, with ND4J's {@link AdamUpdater} per parameter. Its state (first and second moments, one row
 * {@code [1, 2 * size]} per parameter) is what a saved model needs to resume training exactly.
 */
final class AdamOptimizer {
    private final SameDiff sd;
    private final Map<String, AdamUpdater> updaters = new LinkedHashMap<>();
    private final Map<String, INDArray> states = new LinkedHashMap<>();

    AdamOptimizer(SameDiff sd, List<String> parameters, double learningRate) {
        this.sd = sd;
        Adam config = new Adam(learningRate, 0.9, 0.999, 1e-8);
        for (String name : parameters) {
            INDArray parameter = sd.getVariable(name).getArr();
            INDArray state = Nd4j.zeros(parameter.dataType(), 1, config.stateSize(parameter.length()));
            AdamUpdater updater = new AdamUpdater(config);
            updater.setStateViewArray(state, parameter.shape(), parameter.ordering(), true);
            updaters.put(name, updater);
            states.put(name, state);
        }
    }

    /** Applies one step: every gradient is turned into its update in place and subtracted. */
    void step(Map<String, INDArray> gradients, int iteration, int epoch) {
        for (Map.Entry<String, AdamUpdater> entry : updaters.entrySet()) {
            INDArray gradient = gradients.get(entry.getKey());
            entry.getValue().applyUpdater(gradient, iteration, epoch);
            sd.getVariable(entry.getKey()).getArr().subi(gradient);
        }
    }

    /** The state rows by parameter name (live views: copy before keeping). */
    Map<String, INDArray> state() {
        return states;
    }

    /** Restores saved state rows; shapes must match. */
    void restore(Map<String, INDArray> saved) {
        for (Map.Entry<String, INDArray> entry : states.entrySet()) {
            INDArray row = saved.get(entry.getKey());
            if (row == null || !java.util.Arrays.equals(row.shape(), entry.getValue().shape())) {
                throw new IllegalArgumentException("optimizer state for " + entry.getKey() + " has shape "
                        + (row == null ? "(missing)" : java.util.Arrays.toString(row.shape())) + ", expected "
                        + java.util.Arrays.toString(entry.getValue().shape()));
            }
            entry.getValue().assign(row);
        }
    }
}
