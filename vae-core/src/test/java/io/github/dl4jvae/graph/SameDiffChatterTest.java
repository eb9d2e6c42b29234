package io.github.dl4jvae.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.VaeConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Building a {@link VaeGraph} leaves standard output as it found it: the same {@code System.out} object afterwards,
 * none of SameDiff's "Added differentiated op" lines on it, and other output in the window passed through.
 */
class SameDiffChatterTest {

    @Test
    void theFilterDropsOnlySameDiffsLines() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream target = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        SameDiffChatter.LineFilter filter = new SameDiffChatter.LineFilter(target, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(filter, true, StandardCharsets.UTF_8);
        out.println("Added differentiated op matmul");
        out.println("kept line");
        out.println("Added differentiated op add");
        out.print("partial");
        filter.flushPartialLine();
        assertEquals("kept line" + System.lineSeparator() + "partial", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void buildingAGraphPrintsNothingAndRestoresTheStream() {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        try {
            VaeGraph.build(VaeConfig.builder().inputShape(InputShape.vector(5)).network(NetworkConfig.mlp(4))
                    .latentSize(2).seed(1).build());
            assertSame(capture, System.out, "System.out is the caller's object again");
            assertEquals("", bytes.toString(StandardCharsets.UTF_8), "building printed nothing");
            String result = SameDiffChatter.quietly(() -> {
                System.out.println("mine");
                return "done";
            });
            assertEquals("done", result);
            assertSame(capture, System.out);
        } finally {
            System.setOut(original);
        }
        assertEquals("mine" + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8),
                "only the caller's own line reached standard output");
    }
}
