package io.github.dl4jvae.zoo;

import io.github.dl4jvae.model.VaeModel;
import io.github.dl4jvae.model.WeightsFile;
import io.github.dl4jvae.versions.Versions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a zoo model's shipped weights from the class path, where the {@value VaeZoo#WEIGHTS_ARTIFACT} artifact puts
 * them, after checking their SHA-256 against the registry.
 */
final class ShippedWeights {
    private ShippedWeights() {
    }

    /**
     * The model of {@code entry} with its shipped weights.
     *
     * @throws UnsupportedOperationException if the entry ships no weights (the message names those that do)
     * @throws IOException if the weights artifact is not on the class path (the message names the dependency to add),
     *     or the file fails its checksum or cannot be read
     */
    static VaeModel load(ZooEntry entry) throws IOException {
        if (!entry.hasPretrainedWeights()) {
            throw new UnsupportedOperationException("zoo model " + entry.name() + " has no pretrained weights; models "
                    + "with weights: " + VaeZoo.entries().stream().filter(ZooEntry::hasPretrainedWeights)
                    .map(ZooEntry::name).toList() + ". Use init() and train it.");
        }
        PretrainedWeights weights = entry.pretrained();
        String path = VaeZoo.WEIGHTS_FOLDER + weights.resource();
        byte[] bytes;
        try (InputStream in = ShippedWeights.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("the weights of zoo model " + entry.name() + " (" + path + ") are not on the "
                        + "class path: they ship in the artifact io.github.dl4jvae:" + VaeZoo.WEIGHTS_ARTIFACT
                        + "; add <dependency><groupId>io.github.dl4jvae</groupId><artifactId>"
                        + VaeZoo.WEIGHTS_ARTIFACT + "</artifactId><version>" + Versions.library()
                        + "</version></dependency> beside vae-core");
            }
            bytes = in.readAllBytes();
        }
        String actual = Sha256.of(bytes);
        if (!actual.equals(weights.sha256())) {
            throw new IOException("weights " + path + " of zoo model " + entry.name() + " fail their checksum: SHA-256 "
                    + actual + ", the registry expects " + weights.sha256() + " (" + bytes.length + " bytes, registry "
                    + "says " + weights.bytes() + "); the artifact is damaged or does not match this vae-core");
        }
        return WeightsFile.read(new ByteArrayInputStream(bytes), path);
    }
}
