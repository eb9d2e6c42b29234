package io.github.dl4jvae.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.dl4jvae.config.ActivationFunction;
import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.KlEstimator;
import io.github.dl4jvae.config.KlSchedule;
import io.github.dl4jvae.config.Likelihood;
import io.github.dl4jvae.config.LogVarianceClamp;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.Objective;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.graph.VaeGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The allow-list covers the project's graphs: for every likelihood, activation, KL estimator, objective (ELBO, free
 * bits, capacity and linear KL schedules, IWAE), log-variance clamp, condition and network kind, the forward function
 * (every output {@code VaeModel} asks for) and the gradient function (loss terms and every parameter's gradient) are
 * scheduled, with no refusal.
 */
class TaughtOpsTest {
    private static final List<String> FORWARD = List.of(VaeGraph.MEAN, VaeGraph.LOG_VARIANCE, VaeGraph.Z,
            VaeGraph.DECODED_MEAN, VaeGraph.NEGATIVE_ELBO, VaeGraph.LOG_WEIGHT);

    static List<VaeConfig> configs() {
        List<VaeConfig> configs = new ArrayList<>();
        for (Likelihood likelihood : Likelihood.values()) {
            for (ActivationFunction activation : ActivationFunction.values()) {
                for (boolean conv : new boolean[] {false, true}) {
                    VaeConfig.Builder base = VaeConfig.builder().likelihood(likelihood).latentSize(2).seed(1)
                            .inputShape(conv ? InputShape.image(8, 8) : InputShape.vector(12))
                            .network((conv ? NetworkConfig.conv(List.of(4), List.of(6)) : NetworkConfig.mlp(6))
                                    .withActivation(activation));
                    configs.add(base.build());
                    configs.add(base.conditionClasses(3).klEstimator(KlEstimator.MONTE_CARLO).build());
                    configs.add(base.conditionClasses(0).klEstimator(KlEstimator.ANALYTIC)
                            .objective(Objective.ELBO.withFreeBits(0.5)).build());
                    configs.add(base.objective(Objective.elbo(KlSchedule.capacity(5, 10, 2))).build());
                    configs.add(base.objective(Objective.elbo(KlSchedule.linear(10)))
                            .logVarianceClamp(LogVarianceClamp.of(-5, 5)).build());
                    configs.add(base.objective(Objective.IWAE).logVarianceClamp(LogVarianceClamp.OFF)
                            .samplesPerExample(2).build());
                }
            }
        }
        return configs;
    }

    @Test
    void everyVaeGraphsForwardAndGradientFunctionsAreScheduled() {
        List<VaeConfig> configs = configs();
        assertEquals(Likelihood.values().length * ActivationFunction.values().length * 2 * 6, configs.size());
        for (VaeConfig config : configs) {
            VaeGraph graph = VaeGraph.build(config);
            SameDiff sd = graph.sameDiff();
            List<String> forward = FORWARD.stream().filter(sd::hasVariable).toList();
            assertNull(ScheduleBuilder.build(sd, forward).refusal(), config + ": forward " + forward);
            sd.createGradFunction();
            List<String> gradient = Stream.concat(Stream.of(VaeGraph.LOSS, VaeGraph.RECONSTRUCTION, VaeGraph.KL),
                    graph.parameterNames().stream().map(p -> sd.getVariable(p).getGradient().name())).toList();
            assertNull(ScheduleBuilder.build(sd.getFunction("grad"), gradient).refusal(), config + ": gradient");
        }
    }
}
