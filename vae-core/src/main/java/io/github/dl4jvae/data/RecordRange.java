package io.github.dl4jvae.data;

import java.io.Serializable;

/**
 * Records {@code [from, to)} of an IDX file, by their index in the file: a part of a split, such as the validation
 * images held out at the end of the training file. {@link #ALL} is the whole file.
 *
 * @param from the first record, at least 0
 * @param to   one past the last record, above {@code from}; {@link Integer#MAX_VALUE} for "to the end of the file"
 */
public record RecordRange(int from, int to) implements Serializable {
    /** Every record of the file. */
    public static final RecordRange ALL = new RecordRange(0, Integer.MAX_VALUE);

    /** Validates the bounds. */
    public RecordRange {
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("record range [" + from + ", " + to + ") is invalid; expected "
                    + "0 <= from < to");
        }
    }

    /**
     * The number of records of this range in a file of {@code count} records.
     *
     * @throws IllegalArgumentException if the range ends beyond the file (other than {@link #ALL})
     */
    public int size(int count) {
        if (to != Integer.MAX_VALUE && to > count || from >= count) {
            throw new IllegalArgumentException("record range [" + from + ", " + to + ") does not fit a file of "
                    + count + " records; expected a range within [0, " + count + ")");
        }
        return Math.min(to, count) - from;
    }
}
