package io.github.dl4jvae.scaleout.spark;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.datavec.api.writable.Writable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A partition's DataVec records to minibatch {@link DataSet}s: float features {@code [n, D]} = values / divisor,
 * labels = a copy of the features. Lazy: one minibatch of records is held at a time.
 */
final class RecordMinibatches implements FlatMapFunction<Iterator<List<Writable>>, DataSet> {
    private static final long serialVersionUID = 1L;

    private final int batchSize;
    private final double divisor;

    /**
     * @throws IllegalArgumentException if {@code batchSize < 1} or {@code divisor} is not a positive finite number
     */
    RecordMinibatches(int batchSize, double divisor) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size " + batchSize + " is invalid; expected at least 1");
        }
        if (!(divisor > 0) || Double.isInfinite(divisor)) {
            throw new IllegalArgumentException("divisor " + divisor + " is invalid; expected a positive number"
                    + " (255 for IDX pixels, 1 for scaled CSV data)");
        }
        this.batchSize = batchSize;
        this.divisor = divisor;
    }

    @Override
    public Iterator<DataSet> call(Iterator<List<Writable>> records) {
        return new Iterator<>() {
            private int width = -1;
            private long recordIndex;

            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public DataSet next() {
                if (!records.hasNext()) {
                    throw new NoSuchElementException("no more records in this partition");
                }
                float[] values = null;
                int rows = 0;
                while (rows < batchSize && records.hasNext()) {
                    List<Writable> record = records.next();
                    if (width < 0) {
                        if (record.isEmpty()) {
                            throw new IllegalArgumentException("record " + recordIndex + " of the partition is empty;"
                                    + " expected numeric columns");
                        }
                        width = record.size();
                    }
                    if (record.size() != width) {
                        throw new IllegalArgumentException("record " + recordIndex + " of the partition has "
                                + record.size() + " columns; expected " + width + " like the partition's first record");
                    }
                    if (values == null) {
                        values = new float[batchSize * width];
                    }
                    for (int j = 0; j < width; j++) {
                        values[rows * width + j] = (float) (value(record.get(j), j) / divisor);
                    }
                    rows++;
                    recordIndex++;
                }
                float[] exact = rows == batchSize ? values : java.util.Arrays.copyOf(values, rows * width);
                INDArray features = Nd4j.create(exact, new long[] {rows, width}, DataType.FLOAT);
                return new DataSet(features, features.dup());
            }

            private double value(Writable w, int column) {
                try {
                    return w.toDouble();
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("record " + recordIndex + " of the partition, column " + column
                            + ": '" + w + "' is not a number; expected numeric columns only (drop header lines with"
                            + " skipLines)", e);
                }
            }
        };
    }
}
