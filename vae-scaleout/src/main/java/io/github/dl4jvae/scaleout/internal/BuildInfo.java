package io.github.dl4jvae.scaleout.internal;

import io.github.dl4jvae.model.Provenance;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Properties;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.factory.Nd4j;

/** Library, DL4J and backend versions for the provenance of scaled-out training, from vae-core's version.properties. */
public final class BuildInfo {
    private static final Properties PROPERTIES = load();

    private BuildInfo() {
    }

    /** This library's version. */
    public static String library() {
        return PROPERTIES.getProperty("version", "unknown");
    }

    /** The DL4J / ND4J version the library was built with. */
    public static String dl4j() {
        return PROPERTIES.getProperty("dl4j.version", "unknown");
    }

    /** The ND4J backend of this JVM, e.g. "CPU". */
    public static String backend() {
        Object backend = Nd4j.getExecutioner().getEnvironmentInformation().get("backend");
        return backend == null ? Nd4j.getBackend().getClass().getSimpleName() : backend.toString();
    }

    /** Provenance of {@code network} after {@code epochs} epochs on the data set {@code dataSet}, dated now. */
    public static Provenance provenance(ComputationGraph network, String dataSet, int epochs) {
        return new Provenance(network.getConfiguration().getDefaultConfiguration().getSeed(),
                dataSet == null || dataSet.isBlank() ? "unspecified" : dataSet, library(), dl4j(), backend(),
                Instant.now().toString(), epochs, network.getConfiguration().getIterationCount());
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/io/github/dl4jvae/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // Provenance then says "unknown"; nothing else depends on it.
        }
        return properties;
    }
}
