package io.github.dl4jvae.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Library, DL4J/ND4J and backend versions for provenance, read once from the build's
 * {@code io/github/dl4jvae/version.properties}; the one place every module (the SameDiff model here, the
 * scaled-out trainers in vae-scaleout) looks them up. A missing or unreadable file gives "unknown".
 */
public final class Versions {
    private static final Properties PROPERTIES = load();

    private Versions() {
    }

    /** This library's version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String library() {
        return PROPERTIES.getProperty("version", "unknown");
    }

    /** The DL4J / ND4J version the library was built with, e.g. {@code 1.0.0-M2.1}. */
    public static String nd4j() {
        return PROPERTIES.getProperty("dl4j.version", "unknown");
    }

    /** The ND4J backend of this JVM, e.g. {@code CPU}. */
    public static String backend() {
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
