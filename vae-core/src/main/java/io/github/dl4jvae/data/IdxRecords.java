package io.github.dl4jvae.data;

import java.util.ArrayList;
import java.util.List;
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
