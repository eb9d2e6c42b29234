package io.github.dl4jvae.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The backend guard: the CPU build runs on the CPU, a CUDA request without a usable GPU stops with one line. */
class BackendCheckTest {

    @AfterEach
    void clearOverride() {
        System.clearProperty(BackendCheck.EXPECTED_PROPERTY);
    }

    @Test
    void theDefaultBuildExpectsAndGetsTheCpuBackend() {
        assertEquals("CPU", BuildInfo.expectedBackend());
        assertEquals("CPU", BackendCheck.require());
    }

    @Test
    void askingForCudaWhereThereIsNoUsableGpuStopsWithTheReason() {
        System.setProperty(BackendCheck.EXPECTED_PROPERTY, "cuda");
        Optional<String> gpu = GpuSupport.problem();
        assertTrue(gpu.isPresent(), "this test expects a machine without a GPU that nd4j-cuda-11.6 supports");

        IllegalStateException error = assertThrows(IllegalStateException.class, BackendCheck::require);

        assertEquals(gpu.get(), error.getMessage());
    }

    @Test
    void computeCapabilitiesOutsideTheBundledCodeAreNamedInOneLine() {
        String hopper = GpuSupport.problem(List.of("NVIDIA H200, 9.0")).orElseThrow();
        assertEquals("GPU 0 (NVIDIA H200) has compute capability 9.0, but DL4J 1.0.0-M2.1's nd4j-cuda-11.6 holds"
                + " machine code for 3.7 to 8.6 only (runs on 3.7-8.9) and no PTX: it cannot run there. Use the CPU"
                + " build of the benchmarks, or a GPU from K80 to A100/RTX 30xx/40xx.", hopper);
        assertTrue(GpuSupport.problem(List.of("Tesla K80, 3.7", "NVIDIA A100-SXM4-80GB, 8.0")).isEmpty());
        assertTrue(GpuSupport.problem(List.of("NVIDIA L4, 8.9")).isEmpty());
        assertTrue(GpuSupport.problem(List.of("NVIDIA A100, 8.0", "Tesla K40m, 3.5")).orElseThrow()
                .startsWith("GPU 1 (Tesla K40m) has compute capability 3.5,"));
        assertTrue(GpuSupport.problem(List.of("garbled")).orElseThrow().contains("compute capability unknown"));
        assertFalse(GpuSupport.supported("10.0"));
        assertEquals("nvidia-smi lists no GPU; the CUDA benchmarks need one of compute capability 3.7 to 8.9",
                GpuSupport.problem(List.of()).orElseThrow());
    }
}
