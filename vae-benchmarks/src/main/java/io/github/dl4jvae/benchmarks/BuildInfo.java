package io.github.dl4jvae.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What this benchmarks build was made for, from its Maven-filtered {@code build.properties}. */
public final class BuildInfo {
    private static final Properties PROPERTIES = load();

    private BuildInfo() {
    }

    /** The ND4J backend the build bundles: {@code CPU} by default, {@code CUDA} when built with {@code -Pcuda}. */
    public static String expectedBackend() {
        return PROPERTIES.getProperty("expected.backend");
    }

    /** A build property ({@code expected.backend}, {@code nd4j.backend.artifact}, {@code jmh.version}). */
    public static String get(String key) {
        return PROPERTIES.getProperty(key, "unknown");
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties is missing from the benchmarks jar; rebuild with Maven");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the benchmarks' build.properties", e);
        }
        return properties;
    }
}
