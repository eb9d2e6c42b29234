package io.github.dl4jvae.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether the GPUs of this host can run ND4J 1.0.0-M2.1's CUDA backend, asked of {@code nvidia-smi} before ND4J
 * loads: {@code nd4j-cuda-11.6} carries machine code for compute capability 3.7, 5.0 to 8.6 and no PTX, so it
 * runs on capability 3.7 to 8.9 (a binary for 8.6 runs on later 8.x minors) and not on Hopper (9.0) or newer.
 */
public final class GpuSupport {

    private GpuSupport() {
    }

    /**
     * Why the CUDA backend cannot run here, in one line, or empty if every GPU is supported.
     * Asks {@code nvidia-smi --query-gpu=name,compute_cap --format=csv,noheader}.
     */
    public static Optional<String> problem() {
        List<String> lines = new ArrayList<>();
        try {
            Process process = new ProcessBuilder("nvidia-smi", "--query-gpu=name,compute_cap", "--format=csv,noheader")
                    .redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(lines::add);
            }
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Optional.of("nvidia-smi failed (" + String.join(" ", lines)
                        + "); the CUDA benchmarks need an NVIDIA driver and a GPU of compute capability 3.7 to 8.9");
            }
        } catch (IOException e) {
            return Optional.of("no NVIDIA driver found (nvidia-smi cannot be run: " + e.getMessage()
                    + "); the CUDA benchmarks need an NVIDIA GPU of compute capability 3.7 to 8.9");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while asking nvidia-smi for the GPUs");
        }
        return problem(lines);
    }

    /** As {@link #problem()}, for {@code nvidia-smi}'s CSV lines ({@code "NVIDIA H200, 9.0"}). */
    public static Optional<String> problem(List<String> nvidiaSmiLines) {
        if (nvidiaSmiLines.isEmpty()) {
            return Optional.of("nvidia-smi lists no GPU; the CUDA benchmarks need one of compute capability 3.7 to 8.9");
        }
        for (int gpu = 0; gpu < nvidiaSmiLines.size(); gpu++) {
            String line = nvidiaSmiLines.get(gpu);
            int comma = line.lastIndexOf(',');
            String name = comma < 0 ? line.trim() : line.substring(0, comma).trim();
            String capability = comma < 0 ? "" : line.substring(comma + 1).trim();
            if (!supported(capability)) {
                return Optional.of("GPU " + gpu + " (" + name + ") has compute capability "
                        + (capability.isEmpty() ? "unknown" : capability) + ", but DL4J 1.0.0-M2.1's nd4j-cuda-11.6"
                        + " holds machine code for 3.7 to 8.6 only (runs on 3.7-8.9) and no PTX: it cannot run"
                        + " there. Use the CPU build of the benchmarks, or a GPU from K80 to A100/RTX 30xx/40xx.");
            }
        }
        return Optional.empty();
    }

    /** Whether a capability such as {@code "8.6"} can run the bundled CUDA code. */
    static boolean supported(String capability) {
        String[] parts = capability.split("\\.");
        if (parts.length != 2) {
            return false;
        }
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = Integer.parseInt(parts[1]);
            return (major == 3 && minor >= 7) || (major >= 5 && major <= 8);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
