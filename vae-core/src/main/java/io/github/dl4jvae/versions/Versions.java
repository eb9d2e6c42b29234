package io.github.dl4jvae.versions;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * This library's version, the ND4J version in use and the backend: the one place every module looks them up (the
 * provenance of the SameDiff model and of the scaled-out trainers, the executor's version guard). The library's
 * version comes from the build's {@code io/github/dl4jvae/version.properties}; ND4J's from the nd4j-api jar on the
 * class path at run time (its Maven descriptor {@code META-INF/maven/org.nd4j/nd4j-api/pom.properties}, which shaded
 * jars keep), so provenance names the ND4J that ran, not the one the library was built with. A missing or
 * unreadable file gives "unknown".
 */
public final class Versions {
    private static final Properties PROPERTIES = load(Versions.class, "/io/github/dl4jvae/version.properties");
    private static final String ND4J = load(Nd4j.class, "/META-INF/maven/org.nd4j/nd4j-api/pom.properties")
            .getProperty("version", "unknown");

    private Versions() {
    }

    /** This library's version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String library() {
        return PROPERTIES.getProperty("version", "unknown");
    }

    /** The version of the ND4J in use (the nd4j-api jar on the class path), e.g. {@code 1.0.0-M2.1}. */
    public static String nd4j() {
        return ND4J;
    }

    /** The ND4J backend of this JVM, e.g. {@code CPU}. */
    public static String backend() {
        Object backend = Nd4j.getExecutioner().getEnvironmentInformation().get("backend");
        return backend == null ? Nd4j.getBackend().getClass().getSimpleName() : backend.toString();
    }

    /** The properties of {@code resource} next to {@code owner}'s class files; empty if absent or unreadable. */
    private static Properties load(Class<?> owner, String resource) {
        Properties properties = new Properties();
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // The versions then say "unknown": provenance records it and the version guard falls back.
        }
        return properties;
    }
}
