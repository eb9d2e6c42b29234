package io.github.dl4jvae.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The committed reference values of {@code quality_reference.py} (numpy and scipy), read from the test resources. */
final class QualityReference {
    private static final JsonNode ROOT = read();

    private QualityReference() {
    }

    static JsonNode get(String section) {
        return ROOT.get(section);
    }

    static double[] vector(JsonNode node) {
        double[] values = new double[node.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = node.get(i).asDouble();
        }
        return values;
    }

    static double[][] matrix(JsonNode node) {
        double[][] rows = new double[node.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = vector(node.get(i));
        }
        return rows;
    }

    private static JsonNode read() {
        try (InputStream in = QualityReference.class.getResourceAsStream("quality_reference.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
