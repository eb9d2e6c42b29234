package io.github.dl4jvae.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * A model's weights alone, for shipping: the model file of {@link VaeModel#save} less Adam's moments and the
 * SameDiff graph ({@code format.json} says {@code "content": "weights"}), about a third of its size, with the same
 * configuration, provenance and SHA-256 checksums of its entries. A model loaded from it predicts as the saved one
 * did; trained further, it starts Adam afresh. The zoo's pretrained weights are such files.
 */
public final class WeightsFile {
    private WeightsFile() {
    }

    /**
     * Writes {@code model}'s weights to {@code file}, atomically.
     *
     * @throws IOException if the file cannot be written (the previous file, if any, is intact)
     */
    public static void write(VaeModel model, Path file) throws IOException {
        if (model == null || file == null) {
            throw new IllegalArgumentException("model and file are required; got model " + model + ", file " + file);
        }
        ModelArchive.write(model, file, AtomicFile.standard(), false);
    }

    /**
     * Reads a weights file (or a full model file) from {@code in}.
     *
     * @param source names the file in messages, e.g. its classpath resource
     * @throws IOException if it is not a complete, intact model file (the message names {@code source})
     */
    public static VaeModel read(InputStream in, String source) throws IOException {
        if (in == null) {
            throw new IllegalArgumentException("input stream of " + source + " is null");
        }
        return ModelArchive.read(in, Path.of(source));
    }
}
