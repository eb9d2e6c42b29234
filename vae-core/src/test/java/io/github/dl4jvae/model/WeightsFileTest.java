package io.github.dl4jvae.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.KlEstimator;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.Prior;
import io.github.dl4jvae.config.VaeConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link WeightsFile}: a trained gated VampPrior model's weights round-trip exactly (every parameter, and so its
 * encodings and samples), the file holds no optimizer state or SameDiff graph and is smaller than the full model
 * file, and a damaged file is an error naming its source.
 */
class WeightsFileTest {

    @Test
    void weightsRoundTripWithoutTheTrainingState(@TempDir Path dir) throws IOException {
        VaeConfig config = VaeConfig.builder().inputShape(InputShape.vector(12)).network(NetworkConfig.gatedMlp(8))
                .latentSize(3).klEstimator(KlEstimator.MONTE_CARLO).prior(Prior.vamp(4)).seed(5).build();
        VaeModel model = VaeModel.create(config);
        INDArray x = SyntheticData.patterns(64, 12, 1);
        model.fit(SyntheticData.iterator(x, 16), 2);
        Path weights = dir.resolve("weights.zip");
        Path full = dir.resolve("model.zip");
        WeightsFile.write(model, weights);
        model.save(full);

        VaeModel loaded;
        try (InputStream in = Files.newInputStream(weights)) {
            loaded = WeightsFile.read(in, "weights.zip");
        }
        assertEquals(config, loaded.config());
        for (String name : model.graph().parameterNames()) {
            assertEquals(model.graph().sameDiff().getArrForVarName(name),
                    loaded.graph().sameDiff().getArrForVarName(name), name);
        }
        assertEquals(model.encode(x).mean(), loaded.encode(x).mean());
        assertEquals(model.sample(5, 9), loaded.sample(5, 9));
        assertEquals(2, loaded.epochsTrained());
        String names = entryNames(Files.readAllBytes(weights));
        assertFalse(names.contains("optimizer/") || names.contains("graph.sdz"), names);
        assertTrue(Files.size(weights) < Files.size(full) / 2, Files.size(weights) + " vs " + Files.size(full));
        assertTrue(VaeModel.load(full).config().prior().vamp());
    }

    @Test
    void aDamagedFileIsAnErrorNamingItsSource() {
        byte[] bytes = {80, 75, 3, 4, 1, 2, 3};
        IOException e = assertThrows(IOException.class,
                () -> WeightsFile.read(new ByteArrayInputStream(bytes), "zoo/weights/broken.zip"));
        assertTrue(e.getMessage().startsWith("zoo/weights/broken.zip is"), e.getMessage());
    }

    private static String entryNames(byte[] zip) throws IOException {
        StringBuilder names = new StringBuilder();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                names.append(entry.getName()).append(' ');
            }
        }
        return names.toString();
    }
}
