package io.github.dl4jvae.scaleout.internal;

import io.github.dl4jvae.model.Provenance;
import io.github.dl4jvae.versions.Versions;
import java.time.Instant;
import org.deeplearning4j.nn.graph.ComputationGraph;

/** The provenance of a DL4J network trained by scaled-out training; versions come from vae-core's {@link Versions}. */
public final class NetworkProvenance {
    private NetworkProvenance() {
    }

    /** Provenance of {@code network} after {@code epochs} epochs on the data set {@code dataSet}, dated now. */
    public static Provenance of(ComputationGraph network, String dataSet, int epochs) {
        return new Provenance(network.getConfiguration().getDefaultConfiguration().getSeed(),
                dataSet == null || dataSet.isBlank() ? "unspecified" : dataSet, Versions.library(), Versions.nd4j(),
                Versions.backend(), Instant.now().toString(), epochs,
                network.getConfiguration().getIterationCount(), 0);
    }
}
