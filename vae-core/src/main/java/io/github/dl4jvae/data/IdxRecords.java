package io.github.dl4jvae.data;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataIndex;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.Writable;

/**
 * The DataVec records of an {@link IdxFilePair}: image {@code i} as its {@code height * width} raw pixel values
 * 0..255, row-major, then its label when there are labels, all {@link IntWritable}s; and the checks that metadata
 * points at one of them.
 */
final class IdxRecords {
    private IdxRecords() {
    }

    /**
     * Images {@code indices} as one batch: pixel values 0..255 {@code [n, height * width]} in FLOAT and, with labels,
     * one-hot labels {@code [n, classes]} (without labels: the features again, as for a VAE), the arrays
     * {@code RecordReaderDataSetIterator} builds from as many records, without a {@link Writable} per pixel.
     */
    static DataSet batch(IdxFilePair files, int[] indices, int classes) {
        IdxImages images = files.images();
        byte[] pixels = images.pixelsUnsafe();
        int n = images.pixelsPerImage();
        float[] values = new float[indices.length * n];
        for (int r = 0; r < indices.length; r++) {
            int offset = indices[r] * n;
            for (int i = 0; i < n; i++) {
                values[r * n + i] = pixels[offset + i] & 0xFF;
            }
        }
        INDArray features = filled(values, indices.length, n);
        if (files.labels() == null) {
            return new DataSet(features, features);
        }
        float[] oneHot = new float[indices.length * classes];
        for (int r = 0; r < indices.length; r++) {
            oneHot[r * classes + files.labels().label(indices[r])] = 1;
        }
        return new DataSet(features, filled(oneHot, indices.length, classes));
    }

    /** A FLOAT {@code [rows, columns]} array holding {@code values}, copied in bulk (ND4J copies a float[] value by value). */
    private static INDArray filled(float[] values, int rows, int columns) {
        INDArray array = Nd4j.createUninitialized(DataType.FLOAT, rows, columns);
        array.data().asNioFloat().put(values);
        return array;
    }

    /** The record of image {@code index}. */
    static List<Writable> at(IdxFilePair files, int index) {
        IdxImages images = files.images();
        byte[] pixels = images.pixelsUnsafe();
        int n = images.pixelsPerImage();
        int offset = index * n;
        List<Writable> record = new ArrayList<>(n + 1);
        for (int i = 0; i < n; i++) {
            record.add(new IntWritable(pixels[offset + i] & 0xFF));
        }
        if (files.labels() != null) {
            record.add(new IntWritable(files.labels().label(index)));
        }
        return record;
    }

    /**
     * The image index that {@code metadata} points to.
     *
     * @throws IllegalArgumentException if it is not a {@link RecordMetaDataIndex} of these images or its index is
     *     out of range
     */
    static int indexOf(IdxFilePair files, RecordMetaData metadata) {
        IdxImages images = files.images();
        if (!(metadata instanceof RecordMetaDataIndex meta)) {
            throw new IllegalArgumentException("expected RecordMetaDataIndex metadata from an IdxRecordReader, got "
                    + (metadata == null ? "null" : metadata.getClass().getName()));
        }
        if (!images.source().equals(meta.getURI())) {
            throw new IllegalArgumentException("metadata refers to " + meta.getURI() + " but this reader holds "
                    + images.source());
        }
        long index = meta.getIndex();
        if (index < 0 || index >= images.count()) {
            throw new IllegalArgumentException("metadata index " + index + " is outside 0.." + (images.count() - 1)
                    + " for " + images.source());
        }
        return (int) index;
    }
}
