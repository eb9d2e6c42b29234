package io.github.dl4jvae.data;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The class names of an {@link IdxRecordReader}: the names given by the caller (1 to 256, since IDX labels are
 * unsigned bytes), which every label must index, or, when none were given, "0", "1", ... up to the largest label.
 */
final class IdxLabelNames implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The caller's names, or null for "0", "1", .... */
    private final List<String> given;

    private IdxLabelNames(List<String> given) {
        this.given = given;
    }

    /** Numbered names: "0", "1", ... up to the largest label found. */
    static IdxLabelNames numbered() {
        return new IdxLabelNames(null);
    }

    /**
     * The caller's names.
     *
     * @throws IllegalArgumentException if the list is empty, longer than 256 or holds null
     */
    static IdxLabelNames of(List<String> names) {
        Objects.requireNonNull(names, "labelNames");
        if (names.isEmpty() || names.size() > 256) {
            throw new IllegalArgumentException(
                    names.size() + " label names given; expected 1..256 (IDX labels are unsigned bytes)");
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i) == null) {
                throw new IllegalArgumentException("label name " + i + " is null; expected a name for every class");
            }
        }
        return new IdxLabelNames(List.copyOf(names));
    }

    /** @throws IOException if a label is not below the number of given names (the message names the first) */
    void check(IdxLabels labels) throws IOException {
        if (given != null && labels.maxLabel() >= given.size()) {
            int[] all = labels.toIntArray();
            int at = 0;
            while (all[at] != labels.maxLabel()) {
                at++;
            }
            throw new IOException(labels.source() + ": label " + labels.maxLabel() + " at index " + at
                    + " is outside 0.." + (given.size() - 1) + "; expected one of the " + given.size() + " classes "
                    + given);
        }
    }

    /** The names for {@code labels}: the given ones, else "0" to the largest label. */
    List<String> namesFor(IdxLabels labels) {
        if (given != null) {
            return given;
        }
        List<String> names = new ArrayList<>(labels.maxLabel() + 1);
        for (int i = 0; i <= labels.maxLabel(); i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }
}
