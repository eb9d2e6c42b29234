package io.github.dl4jvae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.model.VaeModel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine;

/**
 * Kill -9 and resume: {@code vae train} runs in a child JVM ({@link TrainingChild}) on the embedded subset (5000
 * training images, 50 steps of 100 per epoch, a 784-32-2 MLP, 3 epochs), is killed with
 * {@link Process#destroyForcibly()} (SIGKILL on Linux) in the middle of epoch 2, after epoch 1's checkpoint, and
 * is resumed in this JVM with {@code vae train --resume}. Its final weights are compared with those of an
 * uninterrupted run with the same options: on the CPU backend with {@code OMP_NUM_THREADS=1} they are bitwise
 * identical (maximum absolute difference 0.0), so the test asserts exact equality of every parameter.
 */
class KillAndResumeTest {
    private static final List<String> OPTIONS = List.of("--embedded", "--epochs", "3", "--hidden", "32", "--latent",
            "2", "--batch-size", "100", "--keep-last", "2");
    /** Halfway through epoch 2's 50 steps. */
    private static final String KILL_AT = "step 2 25";

    private record Run(int exitCode, String out, String err) {
    }

    private static Run vae(List<String> args) {
        CommandLine commandLine = VaeCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args.toArray(new String[0]));
        return new Run(code, out.toString(), err.toString());
    }

    private static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aRunKilledMidEpochResumesToTheWeightsOfAnUninterruptedRun(@TempDir Path dir) throws Exception {
        Path killed = dir.resolve("killed");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g", "-cp", classpath(), TrainingChild.class.getName()));
        command.addAll(OPTIONS);
        command.addAll(List.of("--out", killed.toString()));
        Path childErr = dir.resolve("child-stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(childErr.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process child = builder.start();
        // A watchdog, so that a child that hangs cannot hang the build.
        Thread watchdog = new Thread(() -> {
            try {
                if (!child.waitFor(120, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                child.destroyForcibly();
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();

        List<String> seen = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                seen.add(line);
                if (line.equals(KILL_AT)) {
                    child.destroyForcibly();
                    break;
                }
            }
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child ended");
        String last = seen.isEmpty() ? "(nothing)" : seen.get(seen.size() - 1);
        assertEquals(KILL_AT, last, "killed where planned; child stderr:\n" + Files.readString(childErr));
        assertTrue(seen.contains("epoch 1") && !seen.contains("epoch 2"), "after epoch 1's checkpoint, in epoch 2");
        assertEquals(137, child.exitValue(), "128 + SIGKILL");

        // What the kill left: epoch 1's checkpoints, complete; no temporary file.
        assertEquals(1, VaeModel.load(killed.resolve("model.zip")).epochsTrained());
        assertEquals(List.of("epoch-0001.zip"), names(killed.resolve("checkpoints")));
        assertEquals(2, Files.readAllLines(killed.resolve("metrics.csv")).size(), "header and epoch 1");
        assertFalse(names(killed).stream().anyMatch(name -> name.endsWith(".tmp")), names(killed).toString());

        Run resumed = vae(List.of("train", "--resume", killed.toString(), "--keep-last", "2"));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().startsWith("resuming MLP 784-32-2 relu"), resumed.out());

        Path straight = dir.resolve("straight");
        List<String> uninterrupted = new ArrayList<>(List.of("train"));
        uninterrupted.addAll(OPTIONS);
        uninterrupted.addAll(List.of("--out", straight.toString()));
        Run reference = vae(uninterrupted);
        assertEquals(0, reference.exitCode(), reference.err());

        VaeModel a = VaeModel.load(straight.resolve("model.zip"));
        VaeModel b = VaeModel.load(killed.resolve("model.zip"));
        assertEquals(3, b.epochsTrained());
        assertEquals(a.iterations(), b.iterations());
        double maxDifference = 0;
        for (String name : a.graph().parameterNames()) {
            INDArray x = a.graph().sameDiff().getVariable(name).getArr();
            INDArray y = b.graph().sameDiff().getVariable(name).getArr();
            maxDifference = Math.max(maxDifference, Transforms.abs(x.sub(y)).maxNumber().doubleValue());
        }
        assertEquals(0.0, maxDifference, "max abs difference of the weights");
        for (String name : a.graph().parameterNames()) {
            assertEquals(a.graph().sameDiff().getVariable(name).getArr(), b.graph().sameDiff().getVariable(name).getArr(),
                    name);
        }
        assertEquals(List.of("epoch-0002.zip", "epoch-0003.zip"), names(killed.resolve("checkpoints")));
        List<String> metrics = Files.readAllLines(killed.resolve("metrics.csv"));
        List<String> expected = Files.readAllLines(straight.resolve("metrics.csv"));
        assertEquals(4, metrics.size());
        for (int row = 1; row <= 3; row++) {
            assertEquals(List.of(expected.get(row).split(",")).subList(0, 8), List.of(metrics.get(row).split(","))
                    .subList(0, 8), "epoch " + row + " figures");
        }
    }
}
