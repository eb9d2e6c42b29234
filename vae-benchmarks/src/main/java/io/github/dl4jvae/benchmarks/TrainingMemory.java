package io.github.dl4jvae.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.dl4jvae.model.EpochResult;
import io.github.dl4jvae.model.VaeModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Memory of a training run, epoch by epoch ({@code bin/bench memory}): the process's resident memory (what ND4J
 * counts as physical bytes), the Java heap, and what lies outside the heap, after each epoch of the benchmark MLP on
 * {@link BenchmarkData}'s images; with the resident memory before training and the peak. The PyTorch peer
 * ({@code bin/bench pytorch --memory}) writes the same shape, so one table holds both.
 *
 * @param implementation "project" or "pytorch"
 * @param batchSize      examples per step
 * @param stepsPerEpoch  steps per epoch (the 2048 images cycle)
 * @param baselineMb     resident memory with the model built and the data loaded, before training
 * @param peakMb         peak resident memory of the process (VmHWM)
 * @param epochs         one row per epoch
 * @param environment    threads, heap limit, versions
 */
public record TrainingMemory(String implementation, int batchSize, int stepsPerEpoch, double baselineMb,
        double peakMb, List<Epoch> epochs, Map<String, Object> environment) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final double MB = 1e6;

    /**
     * One epoch's figures; heap figures are absent (NaN in Java, missing in JSON) for PyTorch.
     *
     * @param epoch              1-based
     * @param examplesPerSecond  training throughput of the epoch
     * @param residentMb         resident memory after the epoch
     * @param heapUsedMb         Java heap in use after the epoch
     * @param heapCommittedMb    Java heap reserved from the system after the epoch
     */
    public record Epoch(int epoch, double examplesPerSecond, double residentMb, Double heapUsedMb,
            Double heapCommittedMb) {
    }

    /** Trains the project's MLP ({@link BenchmarkModel#MLP}, 20 latent dimensions) and records its memory. */
    public static TrainingMemory measure(int batchSize, int epochs, int stepsPerEpoch) throws IOException {
        BackendCheck.require();
        VaeModel model = VaeModel.create(BenchmarkModel.MLP.config(20));
        List<INDArray> batches = BenchmarkData.batches(batchSize);
        List<DataSet> epochData = new ArrayList<>();
        for (int step = 0; step < stepsPerEpoch; step++) {
            INDArray x = batches.get(step % batches.size());
            epochData.add(new DataSet(x, x));
        }
        ListDataSetIterator<DataSet> iterator = new ListDataSetIterator<>(epochData, 1);
        System.gc();
        double baseline = Pointer.physicalBytes() / MB;
        Runtime runtime = Runtime.getRuntime();
        List<Epoch> rows = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            iterator.reset();
            EpochResult result = model.fit(iterator, 1).get(0);
            rows.add(new Epoch(epoch, result.examplesPerSecond(), Pointer.physicalBytes() / MB,
                    (runtime.totalMemory() - runtime.freeMemory()) / MB, runtime.totalMemory() / MB));
        }
        Map<String, Object> environment = BenchmarkEnvironment.collect();
        environment.put("jvm.maxHeapMb", runtime.maxMemory() / MB);
        return new TrainingMemory("project", batchSize, stepsPerEpoch, baseline, peakResidentMb(), rows, environment);
    }

    /** Reads a file {@link #write} (or the PyTorch peer) wrote. */
    public static TrainingMemory read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), TrainingMemory.class);
    }

    /** Writes this as JSON. */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), this);
    }

    /** Resident memory after the last epoch minus after the first: the growth a longer run would continue. */
    public double growthMb() {
        return epochs.get(epochs.size() - 1).residentMb() - epochs.get(0).residentMb();
    }

    /** Whether the run has Java heap figures (this project's, not PyTorch's). */
    public boolean hasHeap() {
        return epochs.get(0).heapCommittedMb() != null;
    }

    /** A markdown table, one row per epoch, one column group per run, then baseline, peak and growth. */
    public static String markdown(List<TrainingMemory> runs) {
        StringBuilder table = new StringBuilder("| epoch |");
        StringBuilder rule = new StringBuilder("|---:|");
        for (TrainingMemory run : runs) {
            table.append(' ').append(run.implementation()).append(" examples/s | ").append(run.implementation())
                    .append(" resident MB |");
            rule.append("---:|---:|");
            if (run.hasHeap()) {
                table.append(' ').append(run.implementation()).append(" heap committed MB | ")
                        .append(run.implementation()).append(" outside heap MB |");
                rule.append("---:|---:|");
            }
        }
        table.append('\n').append(rule).append('\n');
        int epochs = runs.stream().mapToInt(run -> run.epochs().size()).max().orElse(0);
        for (int i = 0; i < epochs; i++) {
            table.append("| ").append(i + 1).append(" |");
            for (TrainingMemory run : runs) {
                Epoch row = i < run.epochs().size() ? run.epochs().get(i) : null;
                table.append(cell(row == null ? null : row.examplesPerSecond()))
                        .append(cell(row == null ? null : row.residentMb()));
                if (run.hasHeap()) {
                    table.append(cell(row == null ? null : row.heapCommittedMb()))
                            .append(cell(row == null ? null : row.residentMb() - row.heapCommittedMb()));
                }
            }
            table.append('\n');
        }
        table.append('\n');
        for (TrainingMemory run : runs) {
            table.append(String.format(Locale.ROOT, "- %s: batch %d, %d steps per epoch; resident before training"
                            + " %.0f MB, peak %.0f MB (%.0f MB above the start), growth from epoch 1 to %d: %+.0f MB%n",
                    run.implementation(), run.batchSize(), run.stepsPerEpoch(), run.baselineMb(), run.peakMb(),
                    run.peakMb() - run.baselineMb(), run.epochs().size(), run.growthMb()));
        }
        return table.toString();
    }

    private static String cell(Double value) {
        return value == null ? " - |" : String.format(Locale.ROOT, " %,.0f |", value);
    }

    private static double peakResidentMb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return Double.NaN;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024 / MB;
            }
        }
        return Double.NaN;
    }
}
