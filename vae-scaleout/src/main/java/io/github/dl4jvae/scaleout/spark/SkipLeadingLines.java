package io.github.dl4jvae.scaleout.spark;

import java.util.Iterator;
import org.apache.spark.api.java.function.Function2;

/** Drops the first {@code count} lines of partition 0 (a single text file's header) and passes the rest through. */
final class SkipLeadingLines implements Function2<Integer, Iterator<String>, Iterator<String>> {
    private static final long serialVersionUID = 1L;

    private final int count;

    SkipLeadingLines(int count) {
        this.count = count;
    }

    @Override
    public Iterator<String> call(Integer partition, Iterator<String> lines) {
        if (partition == 0) {
            for (int i = 0; i < count && lines.hasNext(); i++) {
                lines.next();
            }
        }
        return lines;
    }
}
