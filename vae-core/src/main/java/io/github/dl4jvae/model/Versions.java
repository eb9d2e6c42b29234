package io.github.dl4jvae.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/** Library, ND4J and backend versions for provenance, read from the build's version.properties. */
final class Versions {
    private static final Properties PROPERTIES = load();

    private Versions() {
    }

    static String library() {
        return PROPERTIES.getProperty("version", "unknown");
    }

    static String nd4j() {
        return PROPERTIES.getProperty("dl4j.version", "unknown");
    }

    static String backend() {
        Object backend = Nd4j.getExecutioner().getEnvironmentInformation().get("backend");
        return backend == null ? Nd4j.getBackend().getClass().getSimpleName() : backend.toString();
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/io/github/dl4jvae/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // Provenance then says "unknown"; nothing else depends on it.
        }
        return properties;
    }
}
