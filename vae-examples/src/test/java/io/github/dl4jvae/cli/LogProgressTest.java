package io.github.dl4jvae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plain progress lines, as written when no terminal is attached. */
class LogProgressTest {

    @Test
    void aLinePerIntervalWithTheEpochsRunningMeanLoss() {
        StringWriter text = new StringWriter();
        LogProgress progress = new LogProgress(3, 4, 4, new PrintWriter(text), Duration.ZERO);
        progress.iterationDone(3, 0, 100.0, 10);
        progress.iterationDone(3, 1, 200.0, 30);
        List<String> lines = text.toString().lines().toList();
        assertEquals(2, lines.size(), text.toString());
        assertTrue(lines.get(0).startsWith("progress: epoch 3/4, step 1/4 (25%), loss 100.00, elapsed 0:00, run ETA "),
                lines.get(0));
        // Running mean weighted by batch size: (100 * 10 + 200 * 30) / 40 = 175.
        assertTrue(lines.get(1).startsWith("progress: epoch 3/4, step 2/4 (50%), loss 175.00,"), lines.get(1));

        StringWriter quiet = new StringWriter();
        LogProgress hourly = new LogProgress(1, 1, 4, new PrintWriter(quiet), Duration.ofHours(1));
        hourly.iterationDone(1, 0, 1.0, 1);
        assertEquals("", quiet.toString(), "nothing within the interval");
    }

    @Test
    void clockFormat() {
        assertEquals("1:05", ConsoleProgress.clock(Duration.ofSeconds(65)));
        assertEquals("1:02:03", ConsoleProgress.clock(Duration.ofSeconds(3723)));
        assertEquals("0:00", ConsoleProgress.clock(Duration.ofSeconds(-5)));
    }
}
