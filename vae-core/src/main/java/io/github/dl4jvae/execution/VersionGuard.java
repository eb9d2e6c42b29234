package io.github.dl4jvae.execution;

import io.github.dl4jvae.versions.Versions;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the executor may schedule at all: it relies on ND4J internals (protected session members, op names, the
 * argument layouts of {@code *_bp} ops) as they are in the version it was written against,
 * {@value #WRITTEN_AGAINST}. With any other ND4J version found at run time, one WARN line names both versions and
 * every function runs on SameDiff's own session.
 *
 * <p>The version is {@link Versions#nd4j()}, read at run time from the nd4j-api jar; "unknown" when absent (a
 * repackaged jar), which counts as another version. ND4J's own {@code VersionCheck} finds the same version in the
 * jar's {@code git.properties}, but by scanning the class path. The source is a constructor argument, so a test can
 * fake a version; {@link #process()} is the guard the public constructors use.
 */
final class VersionGuard {
    /** The ND4J version the executor was written against. */
    static final String WRITTEN_AGAINST = "1.0.0-M2.1";

    private static final Logger LOG = LoggerFactory.getLogger(VersionGuard.class);
    private static final String DESCRIPTOR = "/META-INF/maven/org.nd4j/nd4j-api/pom.properties";
    private static volatile VersionGuard process = new VersionGuard(Versions::nd4j);

    private final Supplier<String> runtimeVersion;
    private volatile Boolean allows;

    /** A guard that asks {@code runtimeVersion} for the ND4J version in use, once, when first asked. */
    VersionGuard(Supplier<String> runtimeVersion) {
        this.runtimeVersion = runtimeVersion;
    }

    /** The guard of this process: the version of the nd4j-api jar on the class path. */
    static VersionGuard process() {
        return process;
    }

    /**
     * Replaces the process guard, for tests that run whole models on SameDiff's session; returns the one replaced,
     * to be put back.
     */
    static VersionGuard replaceProcessGuard(VersionGuard guard) {
        VersionGuard previous = process;
        process = guard;
        return previous;
    }

    /** Whether the ND4J version in use is {@value #WRITTEN_AGAINST}; the first call that finds it is not logs so. */
    boolean allowsSchedules() {
        Boolean known = allows;
        if (known == null) {
            synchronized (this) {
                if (allows == null) {
                    String version = runtimeVersion.get();
                    allows = WRITTEN_AGAINST.equals(version);
                    if (!allows) {
                        LOG.warn("ND4J {} is in use, but the executor was written against ND4J {}: SameDiff's own "
                                + "session runs every function", version, WRITTEN_AGAINST);
                    }
                }
                known = allows;
            }
        }
        return known;
    }
}
