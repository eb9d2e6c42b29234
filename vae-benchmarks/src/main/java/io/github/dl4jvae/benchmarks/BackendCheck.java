package io.github.dl4jvae.benchmarks;

import java.util.Locale;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Makes every benchmark run on the ND4J backend it was asked for. With both backends on the class path and no
 * usable GPU, ND4J falls back to the CPU without an error; a CUDA number that is really a CPU number would
 * mislead, so the benchmarks stop instead.
 *
 * <p>The expected backend is the build's ({@link BuildInfo#expectedBackend()}), unless the system property
 * {@value #EXPECTED_PROPERTY} names another ({@code CPU} or {@code CUDA}).
 */
public final class BackendCheck {
    /** System property overriding the expected backend. */
    public static final String EXPECTED_PROPERTY = "vae.bench.expectedBackend";

    private BackendCheck() {
    }

    /** The backend the benchmarks must run on, upper case. */
    public static String expectedBackend() {
        return System.getProperty(EXPECTED_PROPERTY, BuildInfo.expectedBackend()).toUpperCase(Locale.ROOT);
    }

    /** The backend ND4J loaded ({@code CPU} or {@code CUDA}); loads ND4J. */
    public static String actualBackend() {
        Object backend = Nd4j.getExecutioner().getEnvironmentInformation().get("backend");
        return backend == null ? Nd4j.getBackend().getClass().getSimpleName() : backend.toString().toUpperCase(Locale.ROOT);
    }

    /**
     * Checks that ND4J runs on the expected backend; for CUDA, first that the GPUs can run it at all.
     *
     * @return the backend in use
     * @throws IllegalStateException naming the expected and the actual backend, or the unsupported GPU
     */
    public static String require() {
        String expected = expectedBackend();
        if (expected.equals("CUDA")) {
            GpuSupport.problem().ifPresent(problem -> {
                throw new IllegalStateException(problem);
            });
        }
        String actual = actualBackend();
        if (!actual.equals(expected)) {
            throw new IllegalStateException("ND4J runs on the " + actual + " backend, but these benchmarks were asked"
                    + " to measure " + expected + " (" + (System.getProperty(EXPECTED_PROPERTY) == null
                    ? "the backend this jar was built for" : "-D" + EXPECTED_PROPERTY) + "); no result is recorded."
                    + " Check the GPU driver, BACKEND_PRIORITY_CPU/BACKEND_PRIORITY_GPU, or build without -Pcuda.");
        }
        return actual;
    }
}
