package io.github.dl4jvae.benchmarks;

import io.github.dl4jvae.versions.Versions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What ran, recorded in every result file: the ND4J backend and its environment information, the device, the
 * CPU model, the thread settings (OpenMP, BLAS and ND4J's own), the JVM and the versions. The benchmark JVMs
 * that JMH forks inherit the same environment variables and class path as the JVM that collects this.
 */
public final class BenchmarkEnvironment {
    /** Environment variables that change how the native code threads and which kernels it uses. */
    public static final List<String> THREAD_VARIABLES = List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
            "OPENBLAS_CORETYPE", "MKL_NUM_THREADS", "BACKEND_PRIORITY_CPU", "BACKEND_PRIORITY_GPU");

    private BenchmarkEnvironment() {
    }

    /** Collects the record; loads ND4J. Keys are flat strings such as {@code nd4j.backend} and {@code cpu.model}. */
    public static Map<String, Object> collect() {
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("timestamp", Instant.now().toString());
        String backend = BackendCheck.actualBackend();
        environment.put("backend", backend);
        environment.put("cpu.model", cpuModel());
        environment.put("cpu.logicalCores", Runtime.getRuntime().availableProcessors());
        environment.put("device", backend.equals("CPU") ? cpuModel() : cudaDevices());
        for (String variable : THREAD_VARIABLES) {
            String value = System.getenv(variable);
            environment.put("env." + variable, value == null ? "unset" : value);
        }
        environment.put("nd4j.maxThreads", Nd4j.getEnvironment().maxThreads());
        environment.put("nd4j.maxMasterThreads", Nd4j.getEnvironment().maxMasterThreads());
        environment.put("nd4j.blasThreads", blasThreads());
        environment.put("nd4j.backendArtifact", BuildInfo.get("nd4j.backend.artifact"));
        Properties information = Nd4j.getExecutioner().getEnvironmentInformation();
        Map<String, String> sorted = new TreeMap<>();
        information.forEach((key, value) -> sorted.put("nd4j.info." + key, String.valueOf(value)));
        environment.putAll(sorted);
        environment.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        environment.put("jvm.arguments", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        environment.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        environment.put("version.project", Versions.library());
        environment.put("version.dl4j", Versions.nd4j());
        environment.put("version.jmh", BuildInfo.get("jmh.version"));
        return environment;
    }

    /** The {@code model name} of /proc/cpuinfo, or the architecture where that file does not exist. */
    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or unreadable: fall through.
        }
        return System.getProperty("os.arch");
    }

    private static Object blasThreads() {
        try {
            return Nd4j.factory().blas().getMaxThreads();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return "unknown (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static String cudaDevices() {
        Object devices = Nd4j.getExecutioner().getEnvironmentInformation().get("cuda.devicesInformation");
        return devices == null ? "unknown CUDA device" : devices.toString();
    }
}
