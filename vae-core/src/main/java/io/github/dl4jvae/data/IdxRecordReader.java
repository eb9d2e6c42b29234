package io.github.dl4jvae.data;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.datavec.api.conf.Configuration;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataIndex;
import org.datavec.api.records.reader.BaseRecordReader;
import org.datavec.api.split.CollectionInputSplit;
import org.datavec.api.split.InputSplit;
import org.datavec.api.split.StreamInputSplit;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.Writable;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DataVec {@link org.datavec.api.records.reader.RecordReader} for IDX files (the MNIST format): one
 * record per image, to be plugged into DL4J's {@code RecordReaderDataSetIterator} as a CSV reader would be.
 *
 * <p><b>Records.</b> Each record holds the image's {@code height * width} pixels, row-major, as
 * {@link IntWritable}s with the raw unsigned-byte values 0..255 (no scaling: attach
 * {@link UnitScaler} or use {@link VaeData}), followed, when a labels file was given, by the class index as
 * an {@link IntWritable}. The label is therefore at column {@link #labelColumn()} = {@code height * width};
 * for Fashion-MNIST: {@code new RecordReaderDataSetIterator(reader, batch, 784, 10)}.
 *
 * <p><b>Input.</b> {@link #initialize(InputSplit)} takes a split whose locations are the images URI and,
 * optionally, the labels URI, in either order (e.g. a {@link CollectionInputSplit}); which file is which is
 * decided by its magic number. Files are read with {@code uri.toURL().openStream()}, so {@code jar:}
 * resource URIs work (a {@link StreamInputSplit}'s own stream function is used when it has one). Both
 * files are read whole into memory and validated ({@link IdxParser}): wrong magic, bad sizes, short or
 * over-long files, corrupt gzip streams, image/label count mismatches and labels beyond the given label
 * names are all {@link IOException}s that name the file.
 *
 * <p><b>Order.</b> Images come in file order, or, for a reader made with {@link #shuffling(List, long)}, in
 * a permutation that is drawn afresh at every {@link #reset()} from the caller's seed and the number of
 * resets so far (reproducible, no global RNG). Record metadata always carries the index in the file.
 *
 * <p>The reader is DataVec plumbing over pieces with one job each: {@link IdxFilePair} reads and pairs the files,
 * {@link IdxLabelNames} names the classes, {@link RecordOrder} keeps the order and position, {@link IdxRecords}
 * builds the records. {@link #record(URI, DataInputStream)}, which DataVec's interface requires, is refused (see
 * there).
 *
 * <p>Not thread-safe, like other DataVec readers.
 */
public class IdxRecordReader extends BaseRecordReader {

    private static final long serialVersionUID = 2L;
    private static final Logger LOG = LoggerFactory.getLogger(IdxRecordReader.class);

    private final IdxLabelNames labelNames;
    private final RecordOrder order;
    private Configuration conf;
    /** The data, null until initialized and after close. */
    private IdxFilePair files;

    /** A reader in file order whose labels are named "0", "1", ... up to the largest label found. */
    public IdxRecordReader() {
        this(IdxLabelNames.numbered(), RecordOrder.inFileOrder(RecordRange.ALL));
    }

    /**
     * A reader in file order with named classes (e.g. {@link FashionMnist#CLASS_NAMES}).
     *
     * @param labelNames name of class {@code i} at index {@code i}, 1 to 256 non-null names; every label in
     *     the labels file must be below {@code labelNames.size()}, else initialization fails
     * @throws IllegalArgumentException if the list is empty, longer than 256 or holds null
     */
    public IdxRecordReader(List<String> labelNames) {
        this(IdxLabelNames.of(labelNames), RecordOrder.inFileOrder(RecordRange.ALL));
    }

    private IdxRecordReader(IdxLabelNames labelNames, RecordOrder order) {
        this.labelNames = labelNames;
        this.order = order;
    }

    /**
     * A reader that visits the images in a seeded random order, a new permutation at each {@link #reset()}.
     *
     * @param labelNames class names as for {@link #IdxRecordReader(List)}, or null for "0", "1", ...
     * @param seed the seed of all permutations
     */
    public static IdxRecordReader shuffling(List<String> labelNames, long seed) {
        return over(RecordRange.ALL, labelNames, true, seed);
    }

    /**
     * A reader that visits only the records of {@code range} (a validation split held out of a file, say), in a new
     * seeded permutation per pass as {@link #shuffling} does when {@code shuffle} is true, else in file order.
     */
    public static IdxRecordReader over(RecordRange range, List<String> labelNames, boolean shuffle, long seed) {
        IdxLabelNames names = labelNames == null ? IdxLabelNames.numbered() : IdxLabelNames.of(labelNames);
        return new IdxRecordReader(names, shuffle ? RecordOrder.shuffled(seed, range) : RecordOrder.inFileOrder(range));
    }

    /**
     * Creates and initializes a reader in file order.
     *
     * @param images the idx3 images file
     * @param labels the idx1 labels file, or null for records of pixels only
     * @throws IOException if a file cannot be read or is invalid (the message names it)
     */
    public static IdxRecordReader of(URI images, URI labels) throws IOException {
        return initialized(new IdxRecordReader(), images, labels);
    }

    /**
     * Creates and initializes a reader in file order with named classes.
     *
     * @see #of(URI, URI)
     * @see #IdxRecordReader(List)
     */
    public static IdxRecordReader of(URI images, URI labels, List<String> labelNames) throws IOException {
        return initialized(new IdxRecordReader(labelNames), images, labels);
    }

    private static IdxRecordReader initialized(IdxRecordReader reader, URI images, URI labels)
            throws IOException {
        Objects.requireNonNull(images, "images");
        reader.initialize(new CollectionInputSplit(labels == null ? List.of(images) : List.of(images, labels)));
        return reader;
    }

    /**
     * Reads and validates the files of {@code split}: one idx3 images URI and at most one idx1 labels URI.
     *
     * @throws IOException if a file cannot be read or is invalid, if the split holds two files of the same
     *     kind or labels only, if the counts differ, or if a label is not below the number of label names
     * @throws IllegalArgumentException if the split holds no URI or more than two
     */
    @Override
    public void initialize(InputSplit split) throws IOException {
        Objects.requireNonNull(split, "split");
        try {
            super.initialize(split);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while initializing " + Arrays.toString(split.locations()), e);
        }
        URI[] locations = split.locations();
        if (locations == null || locations.length == 0 || locations.length > 2) {
            throw new IllegalArgumentException("IdxRecordReader needs an InputSplit with one idx3 images URI and"
                    + " optionally one idx1 labels URI; found " + (locations == null ? 0 : locations.length)
                    + " locations: " + Arrays.toString(locations));
        }
        IdxFilePair read = IdxFilePair.read(locations, opener(split));
        if (read.labels() != null) {
            labelNames.check(read.labels());
        }
        this.files = read;
        // Everything is in memory now; the split is not needed and DataVec's splits are not serializable.
        this.inputSplit = null;
        order.start(read.images().count());
        IdxImages images = read.images();
        LOG.info("IDX data: {} images of {}x{} from {}{}", images.count(), images.height(), images.width(),
                images.source(), read.labels() == null ? " (no labels)" : ", labels 0.." + read.labels().maxLabel()
                        + " from " + read.labels().source());
    }

    /** {@code uri.toURL().openStream()}, or a {@link StreamInputSplit}'s own stream function when it has one. */
    private UriOpener opener(InputSplit split) {
        if (!(split instanceof StreamInputSplit) || streamCreatorFn == null) {
            return UriOpener.URL;
        }
        return uri -> {
            InputStream in = streamCreatorFn.apply(uri);
            if (in == null) {
                throw new IOException("stream function returned no stream");
            }
            return in;
        };
    }

    /** Calls {@link #setConf(Configuration)} then {@link #initialize(InputSplit)}; no key is read from it. */
    @Override
    public void initialize(Configuration conf, InputSplit split) throws IOException {
        setConf(conf);
        initialize(split);
    }

    @Override
    public void setConf(Configuration conf) {
        this.conf = conf;
    }

    @Override
    public Configuration getConf() {
        return conf;
    }

    @Override
    public boolean hasNext() {
        checkInitialized();
        return order.hasNext();
    }

    /**
     * Returns the next record: {@code height * width} pixel {@link IntWritable}s (0..255) and, with labels,
     * the label {@link IntWritable}.
     *
     * @throws NoSuchElementException if all images were read since the last reset
     */
    @Override
    public List<Writable> next() {
        List<Writable> record = IdxRecords.at(files, nextIndex());
        invokeListeners(record);
        return record;
    }

    /**
     * Returns up to {@code num} next records (fewer at the end). {@link #batchesSupported()} stays false so
     * that DL4J's iterators take their per-record path, which handles the label column as with CSV.
     *
     * @throws IllegalArgumentException if {@code num < 1}
     */
    @Override
    public List<List<Writable>> next(int num) {
        if (num < 1) {
            throw new IllegalArgumentException("num " + num + " is invalid; expected >= 1 records");
        }
        checkInitialized();
        List<List<Writable>> out = new ArrayList<>(Math.min(num, files.images().count()));
        while (out.size() < num && hasNext()) {
            out.add(next());
        }
        return out;
    }

    /**
     * The next {@code num} images (fewer at the end) as one {@link DataSet}, in this reader's order: what
     * {@code RecordReaderDataSetIterator} makes of as many {@link #next()} records with the label column
     * {@link #labelColumn()} and {@code classes} classes (pixel values 0..255 in FLOAT, one-hot labels), ~50x faster
     * for lack of a {@link Writable} per pixel. {@link IdxDataSetIterator} iterates with it.
     *
     * @throws IllegalArgumentException if {@code num < 1} or the labels exceed {@code classes}
     * @throws NoSuchElementException if all images were read since the last reset
     */
    public DataSet nextDataSet(int num, int classes) {
        if (num < 1) {
            throw new IllegalArgumentException("num " + num + " is invalid; expected >= 1 records");
        }
        checkInitialized();
        int[] indices = new int[Math.min(num, remaining())];
        if (indices.length == 0) {
            nextIndex();
        }
        for (int i = 0; i < indices.length; i++) {
            indices[i] = nextIndex();
        }
        return IdxRecords.batch(files, indices, classes);
    }

    @Override
    public Record nextRecord() {
        int index = nextIndex();
        List<Writable> record = IdxRecords.at(files, index);
        invokeListeners(record);
        return new org.datavec.api.records.impl.Record(record,
                new RecordMetaDataIndex(index, files.images().source(), IdxRecordReader.class));
    }

    private int remaining() {
        return order.remaining();
    }

    private int nextIndex() {
        if (!hasNext()) {
            throw new NoSuchElementException("all " + files.images().count() + " images of "
                    + files.images().source() + " were read; call reset() to read them again");
        }
        return order.next();
    }

    /**
     * Returns the record that {@code recordMetaData} (from {@link #nextRecord()}) points to.
     *
     * @throws IllegalArgumentException if the metadata is not a {@link RecordMetaDataIndex} of this reader's
     *     images file or its index is out of range
     */
    @Override
    public Record loadFromMetaData(RecordMetaData recordMetaData) throws IOException {
        checkInitialized();
        return new org.datavec.api.records.impl.Record(IdxRecords.at(files, IdxRecords.indexOf(files, recordMetaData)),
                recordMetaData);
    }

    @Override
    public List<Record> loadFromMetaData(List<RecordMetaData> recordMetaDatas) throws IOException {
        List<Record> out = new ArrayList<>(recordMetaDatas.size());
        for (RecordMetaData meta : recordMetaDatas) {
            out.add(loadFromMetaData(meta));
        }
        return out;
    }

    /**
     * Refused, with {@link UnsupportedOperationException}: DataVec's {@code RecordReader} interface requires this
     * method (so it cannot be left out), but it parses one record from a stream on its own, and an IDX file has
     * no such record: a record's size and meaning come from its file's header, and one file holds every record.
     * Initialize the reader with a {@link CollectionInputSplit} of the images and labels URIs instead (on Spark,
     * vae-scaleout's {@code IdxFileRecords} reads whole files that way).
     *
     * @throws UnsupportedOperationException always, naming the alternative
     */
    @Override
    public List<Writable> record(URI uri, DataInputStream dataInputStream) {
        throw new UnsupportedOperationException("IdxRecordReader cannot parse one record from a stream (" + uri
                + "): an IDX record's size comes from its file's header; initialize the reader with a "
                + "CollectionInputSplit of the images and labels URIs instead");
    }

    /**
     * Returns the class names: the names given at construction, else "0", "1", ... up to the largest label
     * in the file; null when no labels file was given (the DataVec convention for "no labels").
     */
    @Override
    public List<String> getLabels() {
        checkInitialized();
        return files.labels() == null ? null : labelNames.namesFor(files.labels());
    }

    /** Restarts at the first record; a shuffling reader draws a new permutation. */
    @Override
    public void reset() {
        checkInitialized();
        order.restart();
    }

    /** Always true: the data is in memory. */
    @Override
    public boolean resetSupported() {
        return true;
    }

    /** Releases the data; {@link #initialize(InputSplit)} may be called again. */
    @Override
    public void close() {
        files = null;
    }

    private void checkInitialized() {
        if (files == null) {
            throw new IllegalStateException(
                    "IdxRecordReader is not initialized (or was closed): call initialize(InputSplit) first");
        }
    }

    /** Rows per image. */
    public int height() {
        return images().height();
    }

    /** Columns per image. */
    public int width() {
        return images().width();
    }

    /** Number of images in the file (a reader over a {@link RecordRange} visits fewer per pass). */
    public int count() {
        return images().count();
    }

    /** Index of the label column in each record, {@code height * width}: the argument DL4J iterators need. */
    public int labelColumn() {
        return images().pixelsPerImage();
    }

    /** Whether a labels file was given, so that records end with a label. */
    public boolean hasLabels() {
        return labels().isPresent();
    }

    /** The largest label in the labels file, or -1 when there is none. */
    public int maxLabel() {
        return labels().map(IdxLabels::maxLabel).orElse(-1);
    }

    /** The images read at initialization. */
    public IdxImages images() {
        checkInitialized();
        return files.images();
    }

    /** The labels read at initialization, if a labels file was given. */
    public Optional<IdxLabels> labels() {
        checkInitialized();
        return Optional.ofNullable(files.labels());
    }
}
