package io.github.dl4jvae.scaleout.spark;

import io.github.dl4jvae.data.IdxRecordReader;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.writable.Writable;
import org.datavec.spark.transform.misc.StringToWritablesFunction;
import org.nd4j.linalg.dataset.DataSet;

/**
 * VAE training data on Spark, read through DataVec on the executors.
 *
 * <ul>
 *   <li>{@link #idxImages}: IDX image files (the MNIST format, gzip or raw; local, HDFS or any Hadoop file system)
 *       through this library's DataVec {@link IdxRecordReader}, one record of {@code height * width} pixel values
 *       0..255 per image. A file is read whole by one task, so a data set of one file becomes one partition
 *       (the trainer repartitions it once).</li>
 *   <li>{@link #csvRecords}: numeric CSV lines through DataVec's {@link CSVRecordReader}
 *       ({@code StringToWritablesFunction}), split like any Spark text file.</li>
 *   <li>{@link #minibatches}: records to minibatch {@link DataSet}s {@code [n, D]} of floats, divided by a
 *       constant (255 takes IDX pixels to [0,1], as {@code VaeData} does), whose labels are their features: the
 *       VAE's reconstruction target.</li>
 * </ul>
 * The conversion is lazy and pipelined: records exist only while a partition is being cut into minibatches.
 */
public final class SparkVaeData {

    /** The divisor that takes IDX pixel values 0..255 to [0,1]. */
    public static final double PIXEL_DIVISOR = 255.0;

    private SparkVaeData() {
    }

    /**
     * The images of the IDX file(s) at {@code path} (a file, a directory of images files or a glob; labels files
     * must not match: the VAE needs no labels) as DataVec records, in file order.
     *
     * @param path a Hadoop path or URI, e.g. {@code /data/train-images-idx3-ubyte.gz} or {@code hdfs:///data/*-images-*}
     */
    public static JavaRDD<List<Writable>> idxImages(JavaSparkContext spark, String path) {
        Objects.requireNonNull(spark, "spark");
        requirePath(path);
        return spark.binaryFiles(path).flatMap(new IdxFileRecords());
    }

    /**
     * The numeric CSV lines at {@code path} as DataVec records.
     *
     * @param skipLines header lines to drop at the start of the data (of its first partition: give a single
     *                  file, or files without headers)
     * @param delimiter the column separator, e.g. {@code ','}
     */
    public static JavaRDD<List<Writable>> csvRecords(JavaSparkContext spark, String path, int skipLines, char delimiter) {
        Objects.requireNonNull(spark, "spark");
        requirePath(path);
        if (skipLines < 0) {
            throw new IllegalArgumentException("skipLines " + skipLines + " is negative; expected 0 or more");
        }
        JavaRDD<String> lines = spark.textFile(path);
        if (skipLines > 0) {
            lines = lines.mapPartitionsWithIndex(new SkipLeadingLines(skipLines), true);
        }
        return lines.map(new StringToWritablesFunction(new CSVRecordReader(0, delimiter)));
    }

    /**
     * Cuts each partition's records into minibatches of {@code batchSize} examples (the last of a partition may
     * be smaller): float features {@code [n, D]} = record values / {@code divisor}, labels = a copy of the
     * features.
     *
     * @param divisor {@link #PIXEL_DIVISOR} for IDX pixels, 1 for CSV data that is already scaled
     * @throws IllegalArgumentException if {@code batchSize < 1} or {@code divisor} is not a positive number;
     *     on the executors, if a record is not numeric or its width differs from its partition's first record
     */
    public static JavaRDD<DataSet> minibatches(JavaRDD<List<Writable>> records, int batchSize, double divisor) {
        Objects.requireNonNull(records, "records");
        return records.mapPartitions(new RecordMinibatches(batchSize, divisor), true);
    }

    private static void requirePath(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("data path is empty; expected a file, directory or glob");
        }
    }
}
