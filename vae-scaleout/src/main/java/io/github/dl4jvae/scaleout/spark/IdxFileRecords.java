package io.github.dl4jvae.scaleout.spark;

import io.github.dl4jvae.data.IdxRecordReader;
import java.io.IOException;
import java.net.URI;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.input.PortableDataStream;
import org.datavec.api.split.StreamInputSplit;
import org.datavec.api.writable.Writable;
import scala.Tuple2;

/**
 * One IDX images file (as {@code binaryFiles} gives it: path and stream) to its DataVec records, read by
 * {@link IdxRecordReader} on the executor: {@code height * width} pixel values 0..255 per image, in file order.
 */
final class IdxFileRecords implements FlatMapFunction<Tuple2<String, PortableDataStream>, List<Writable>> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<List<Writable>> call(Tuple2<String, PortableDataStream> file) throws IOException {
        URI uri;
        try {
            uri = new Path(file._1()).toUri();
        } catch (IllegalArgumentException e) {
            throw new IOException("Spark gave the file name '" + file._1() + "', which is not a Hadoop path", e);
        }
        PortableDataStream stream = file._2();
        IdxRecordReader reader = new IdxRecordReader();
        try {
            reader.initialize(new StreamInputSplit(List.of(uri), u -> stream.open()));
        } catch (IOException e) {
            throw new IOException("reading IDX images on a Spark executor: " + e.getMessage()
                    + " (point the images path at idx3 images files only)", e);
        }
        if (reader.hasLabels()) {
            throw new IOException(uri + ": was read with labels; expected an images file alone");
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return reader.hasNext();
            }

            @Override
            public List<Writable> next() {
                if (!reader.hasNext()) {
                    throw new NoSuchElementException("no more images in " + uri);
                }
                return reader.next();
            }
        };
    }
}
