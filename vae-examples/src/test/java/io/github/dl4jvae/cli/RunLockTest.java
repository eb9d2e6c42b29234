package io.github.dl4jvae.cli;

import static io.github.dl4jvae.cli.VaeCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jvae.model.VaeModel;
import io.github.dl4jvae.runs.RunLock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per run directory ({@link RunLock}), with real processes: a second JVM ({@link RunLockHolder}) holds
 * the lock while {@code vae train} in this JVM is refused with a message naming the directory and that process's
 * id; after the holder is killed with {@link Process#destroyForcibly()} (SIGKILL: the process cannot clean up) the
 * next training runs. Within one JVM a second lock ({@code --resume} while this JVM holds the lock) is refused the
 * same way, and that refusal does not drop the lock for other processes.
 */
class RunLockTest {
    private static final List<String> TINY = List.of("--embedded", "--hidden", "8", "--latent", "2", "--batch-size",
            "500");

    private static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** A {@link RunLockHolder} on {@code dir}, and the first line it printed. */
    private record Holder(Process process, String firstLine) {
    }

    private static Holder hold(Path dir, Path stderr) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", classpath(), RunLockHolder.class.getName(), dir.toString())
                .redirectError(stderr.toFile()).start();
        BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line = in.readLine();
        return new Holder(process, line == null ? "(nothing; stderr: " + Files.readString(stderr) + ")" : line);
    }

    private static String inUse(Path dir, long pid) {
        return "vae: run directory " + dir + " is in use by process " + pid + " (lock file " + dir.resolve("run.lock")
                + "); a run directory has one writer: wait for that process to end or choose another directory\n";
    }

    private static String[] train(String... more) {
        String[] args = new String[1 + TINY.size() + more.length];
        args[0] = "train";
        for (int i = 0; i < TINY.size(); i++) {
            args[1 + i] = TINY.get(i);
        }
        System.arraycopy(more, 0, args, 1 + TINY.size(), more.length);
        return args;
    }

    @Test
    void aRunDirectoryHeldByAnotherProcessIsRefusedUntilThatProcessIsKilled(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("metrics.csv"), "epoch\n");
        Holder holder = hold(dir, tmp.resolve("holder-stderr.txt"));
        try {
            long pid = holder.process().pid();
            assertEquals("locked " + pid, holder.firstLine());

            VaeCommandTest.Run second = run(train("--epochs", "1", "--out", dir.toString(), "--force"));
            assertEquals(1, second.exitCode());
            assertEquals(inUse(dir, pid), second.err());
            assertEquals("", second.out());
            assertEquals("epoch\n", Files.readString(dir.resolve("metrics.csv")), "--force deleted nothing");
            assertEquals(pid + "\n", Files.readString(dir.resolve("run.lock")));
        } finally {
            holder.process().destroyForcibly();
        }
        assertTrue(holder.process().waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, holder.process().exitValue(), "128 + SIGKILL");
        assertEquals(holder.process().pid() + "\n", Files.readString(dir.resolve("run.lock")),
                "the killed holder's file is left, its lock is not");

        VaeCommandTest.Run next = run(train("--epochs", "1", "--out", dir.toString(), "--force"));
        assertEquals(0, next.exitCode(), next.err());
        assertTrue(next.out().startsWith("training MLP 784-8-2 relu"), next.out());
        assertEquals(1, VaeModel.load(dir.resolve("model.zip")).epochsTrained());
        assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(dir.resolve("run.lock")));
    }

    @Test
    void aSecondLockInTheSameJvmIsRefusedAndKeepsTheFirst(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        VaeCommandTest.Run first = run(train("--epochs", "1", "--out", dir.toString()));
        assertEquals(0, first.exitCode(), first.err());
        long self = ProcessHandle.current().pid();
        try (RunLock held = RunLock.acquire(dir)) {
            VaeCommandTest.Run resumed = run("train", "--resume", dir.toString(), "--epochs", "2");
            assertEquals(1, resumed.exitCode());
            assertEquals(inUse(dir, self), resumed.err());
            assertEquals(2, Files.readAllLines(dir.resolve("metrics.csv")).size(), "header and epoch 1, untouched");

            // The refused attempt opened no second channel, whose closing would have dropped this JVM's lock.
            Holder other = hold(dir, tmp.resolve("other-stderr.txt"));
            assertTrue(other.process().waitFor(30, TimeUnit.SECONDS));
            assertEquals(3, other.process().exitValue(), other.firstLine());
            assertEquals("refused " + inUse(dir, self).substring("vae: ".length()).strip(), other.firstLine());
        }
        VaeCommandTest.Run resumed = run("train", "--resume", dir.toString(), "--epochs", "2");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertEquals(2, VaeModel.load(dir.resolve("model.zip")).epochsTrained());
    }
}
