package io.github.dl4jvae.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.data.FashionMnist;
import io.github.dl4jvae.data.Preprocessing;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run refuses a conditional model conditioned on another class count than its data set's. */
class ConditionalRunTest {

    @Test
    void aRunNeedsAsManyConditionClassesAsTheDataHas(@TempDir Path dir) throws Exception {
        var source = FashionMnist.embeddedSubset();
        VaeConfig config = VaeConfig.builder().inputShape(InputShape.image(28, 28)).network(NetworkConfig.mlp(8))
                .latentSize(2).seed(3).conditionClasses(3).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingRun.create(config,
                RunSettings.of(1, 100, Preprocessing.Binarization.NONE, source), source,
                RunDirectory.create(dir.resolve("run"), false)));
        assertEquals("the model is conditioned on 3 classes but the data set fashion-mnist-embedded-subset has 10; "
                + "expected a model with conditionClasses 10 (or 0 for an unconditional one)", e.getMessage());
    }
}
