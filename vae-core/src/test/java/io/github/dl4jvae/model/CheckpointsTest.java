package io.github.dl4jvae.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.VaeConfig;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link Checkpoints}: which files are kept, the best by validation, and that a crash or a full disk in the middle
 * of writing a checkpoint leaves the previous one in place and loadable.
 */
class CheckpointsTest {
    private static final int WIDTH = 16;
    private static final INDArray DATA = SyntheticData.patterns(64, WIDTH, 5);
    private final FaultyDisk disk = new FaultyDisk();

    private static VaeModel newModel() {
        return VaeModel.create(VaeConfig.builder().inputShape(InputShape.vector(WIDTH)).network(NetworkConfig.mlp(8))
                .latentSize(2).seed(11).build());
    }

    /** One epoch of training, reported with a chosen validation figure. */
    private static EpochResult epoch(VaeModel model, double validation) {
        EpochResult trained = model.fit(SyntheticData.iterator(DATA, 32), 1).get(0);
        return new EpochResult(trained.epoch(), trained.loss(), trained.reconstruction(), trained.kl(),
                new Evaluation(validation, validation - 1, 1, 64), trained.seconds(), trained.examples());
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void keepsTheLastNEpochsTheLatestAndTheBestByValidation(@TempDir Path dir) throws IOException {
        VaeModel model = newModel();
        Checkpoints checkpoints = Checkpoints.of(model, dir, new CheckpointPolicy(2, true));
        double[] validation = {5.0, 3.0, 4.0, 3.5};
        INDArray atEpoch2 = null;
        for (double v : validation) {
            checkpoints.save(epoch(model, v));
            if (model.epochsTrained() == 2) {
                atEpoch2 = model.encode(DATA).mean();
            }
        }
        assertEquals(List.of("best.json", "best.zip", "checkpoints", "model.zip"), names(dir));
        assertEquals(List.of("epoch-0003.zip", "epoch-0004.zip"), names(dir.resolve("checkpoints")));
        assertEquals(4, VaeModel.load(dir.resolve("model.zip")).epochsTrained());
        assertEquals(3, VaeModel.load(dir.resolve("checkpoints/epoch-0003.zip")).epochsTrained());
        VaeModel best = VaeModel.load(dir.resolve("best.zip"));
        assertEquals(2, best.epochsTrained(), "epoch 2 had the lowest validation figure, 3.0");
        assertEquals(atEpoch2, best.encode(DATA).mean());
        assertEquals(Optional.of(new Checkpoints.Best(2, "validation negative ELBO", 3.0)), checkpoints.best());
        assertEquals("{\n  \"epoch\" : 2,\n  \"criterion\" : \"validation negative ELBO\",\n  \"value\" : 3.0\n}",
                Files.readString(dir.resolve("best.json")));

        // A resumed run picks the best up from best.json, unless it names an epoch after the model's.
        assertEquals(Optional.of(new Checkpoints.Best(2, "validation negative ELBO", 3.0)),
                Checkpoints.of(VaeModel.load(dir.resolve("model.zip")), dir, CheckpointPolicy.defaults()).best());
        assertEquals(Optional.empty(), Checkpoints.of(newModel(), dir, CheckpointPolicy.defaults()).best());
    }

    @Test
    void withoutValidationTheBestIsByTrainingLossAndKeepZeroKeepsOnlyTheLatest(@TempDir Path dir) throws IOException {
        VaeModel model = newModel();
        model.addListener(Checkpoints.of(model, dir, new CheckpointPolicy(0, true)));
        List<EpochResult> epochs = model.fit(SyntheticData.iterator(DATA, 32), 3);
        assertEquals(List.of("best.json", "best.zip", "model.zip"), names(dir));
        int bestEpoch = epochs.stream().min(java.util.Comparator.comparingDouble(EpochResult::loss)).orElseThrow()
                .epoch();
        assertEquals(bestEpoch, VaeModel.load(dir.resolve("best.zip")).epochsTrained());
        assertTrue(Files.readString(dir.resolve("best.json")).contains("\"criterion\" : \"training loss\""));
        assertEquals("keepLast must be in [0, 10000], got -1",
                assertThrows(IllegalArgumentException.class, () -> new CheckpointPolicy(-1, true)).getMessage());
    }

    @Test
    void aCrashWhileWritingACheckpointLeavesThePreviousOneLoadable(@TempDir Path dir) throws IOException {
        VaeModel model = newModel();
        Checkpoints checkpoints = new Checkpoints(model, dir, new CheckpointPolicy(3, true), disk.files());
        checkpoints.save(epoch(model, 4.0));
        byte[] firstCheckpoint = Files.readAllBytes(dir.resolve("model.zip"));
        INDArray atEpoch1 = model.encode(DATA).mean();

        EpochResult second = epoch(model, 3.0);
        disk.failAfter(firstCheckpoint.length / 2, "Input/output error");
        IOException e = assertThrows(IOException.class, () -> checkpoints.save(second));
        Path epochFile = dir.resolve("checkpoints/epoch-0002.zip");
        assertEquals("cannot write " + epochFile.toAbsolutePath() + ": Input/output error; epoch-0002.zip was left as "
                + "it was before this write", e.getMessage());
        assertEquals(List.of("epoch-0001.zip"), names(dir.resolve("checkpoints")), "no partial or temporary file");
        VaeModel previous = Checkpoints.loadNewest(dir);
        assertEquals(1, previous.epochsTrained());
        assertEquals(atEpoch1, previous.encode(DATA).mean());
        assertEquals(4.0, checkpoints.best().orElseThrow().value(), "the best stays the one on disk");

        disk.heal();
        checkpoints.save(second);
        assertEquals(2, Checkpoints.loadNewest(dir).epochsTrained(), "the next write succeeds");
    }

    @Test
    void aFullDiskStopsTrainingWithAClearErrorAndThePreviousCheckpointSurvives(@TempDir Path dir) throws IOException {
        VaeModel model = newModel();
        model.addListener(new Checkpoints(model, dir, new CheckpointPolicy(0, true), disk.files()));
        model.fit(SyntheticData.iterator(DATA, 32), 1);
        byte[] firstCheckpoint = Files.readAllBytes(dir.resolve("model.zip"));

        disk.failAfter(4096, "No space left on device");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> model.fit(SyntheticData.iterator(DATA, 32), 1));
        Path latest = dir.resolve("model.zip").toAbsolutePath();
        assertEquals("cannot write " + latest + ": the disk is full (the device holding " + latest.getParent()
                + " has no space left; 4096 bytes were written before it ran out). model.zip was left as it was "
                + "before this write; free some space and retry", e.getMessage());
        assertTrue(java.util.Arrays.equals(firstCheckpoint, Files.readAllBytes(dir.resolve("model.zip"))),
                "the previous checkpoint is byte for byte what it was");
        assertEquals(1, VaeModel.load(dir.resolve("model.zip")).epochsTrained());
        assertFalse(Files.exists(dir.resolve("model.zip.tmp")));
    }

    @Test
    void loadNewestFallsBackToAnOlderCheckpointWhenTheLatestIsDamaged(@TempDir Path dir) throws IOException {
        VaeModel model = newModel();
        model.addListener(Checkpoints.of(model, dir, new CheckpointPolicy(3, false)));
        model.fit(SyntheticData.iterator(DATA, 32), 2);
        // Damage in place: model.zip and checkpoints/epoch-0002.zip are one file (hard links), so both are hit. The
        // byte flipped lies inside an entry's compressed data (the first parameter array), not in a zip header field
        // such as a modification time, which no reader checks.
        long offset = dataOffset(Files.readAllBytes(dir.resolve("model.zip")), "parameters/") + 10;
        try (RandomAccessFile file = new RandomAccessFile(dir.resolve("model.zip").toFile(), "rw")) {
            file.seek(offset);
            int b = file.read();
            file.seek(offset);
            file.write(b ^ 0x5A);
        }
        assertThrows(IOException.class, () -> VaeModel.load(dir.resolve("model.zip")));
        assertEquals(1, Checkpoints.loadNewest(dir).epochsTrained());

        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        assertEquals("no checkpoint in " + empty + "; expected model.zip or checkpoints/epoch-NNNN.zip written by "
                + "Checkpoints (vae train)", assertThrows(IOException.class, () -> Checkpoints.loadNewest(empty))
                .getMessage());
    }

    /**
     * Where the data of the first zip entry whose name starts with {@code prefix} begins: after its local header (30
     * bytes, then the name and the extra field, whose length is the little-endian short at header offset 28).
     */
    private static int dataOffset(byte[] zip, String prefix) {
        byte[] name = prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 30; i + name.length <= zip.length; i++) {
            if (java.util.Arrays.equals(zip, i, i + name.length, name, 0, name.length)) {
                int header = i - 30;
                int nameLength = (zip[header + 26] & 0xFF) | (zip[header + 27] & 0xFF) << 8;
                int extraLength = (zip[header + 28] & 0xFF) | (zip[header + 29] & 0xFF) << 8;
                return header + 30 + nameLength + extraLength;
            }
        }
        throw new AssertionError("no entry " + prefix + "* in the checkpoint");
    }
}
