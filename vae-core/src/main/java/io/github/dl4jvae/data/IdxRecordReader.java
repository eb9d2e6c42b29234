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
import io.github.dl4jvae.random.Seeds;
import java.util.SplittableRandom;
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
 * <p>Not thread-safe, like other DataVec readers.
 */
public class IdxRecordReader extends BaseRecordReader {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(IdxRecordReader.class);

    private final List<String> labelNames;
    private final boolean shuffle;
    private final long shuffleSeed;
    private Configuration conf;
    private IdxImages images;
    private IdxLabels labels;
    private int[] order;
    private long epoch;
    private int cursor;

    /** A reader in file order whose labels are named "0", "1", ... up to the largest label found. */
    public IdxRecordReader() {
        this(null, false, 0L);
    }

    /**
     * A reader in file order with named classes (e.g. {@link FashionMnist#CLASS_NAMES}).
     *
     * @param labelNames name of class {@code i} at index {@code i}, 1 to 256 non-null names; every label in
     *     the labels file must be below {@code labelNames.size()}, else initialization fails
     * @throws IllegalArgumentException if the list is empty, longer than 256 or holds null
     */
    public IdxRecordReader(List<String> labelNames) {
        this(checkNames(labelNames), false, 0L);
    }

    private IdxRecordReader(List<String> labelNames, boolean shuffle, long shuffleSeed) {
        this.labelNames = labelNames;
        this.shuffle = shuffle;
        this.shuffleSeed = shuffleSeed;
    }

    /**
     * A reader that visits the images in a seeded random order, a new permutation at each {@link #reset()}.
     *
     * @param labelNames class names as for {@link #IdxRecordReader(List)}, or null for "0", "1", ...
     * @param seed the seed of all permutations
     */
    public static IdxRecordReader shuffling(List<String> labelNames, long seed) {
        return new IdxRecordReader(labelNames == null ? null : checkNames(labelNames), true, seed);
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

    private static List<String> checkNames(List<String> names) {
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
        return List.copyOf(names);
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
        UriOpener opener = UriOpener.URL;
        if (split instanceof StreamInputSplit && streamCreatorFn != null) {
            opener = uri -> {
                InputStream in = streamCreatorFn.apply(uri);
                if (in == null) {
                    throw new IOException("stream function returned no stream");
                }
                return in;
            };
        }
        IdxImages newImages = null;
        IdxLabels newLabels = null;
        for (URI uri : locations) {
            IdxContent content = IdxParser.read(uri, opener);
            if (content instanceof IdxImages im) {
                if (newImages != null) {
                    throw new IOException(twoOfAKind(newImages.source(), uri, "idx3 images"));
                }
                newImages = im;
            } else {
                IdxLabels lb = (IdxLabels) content;
                if (newLabels != null) {
                    throw new IOException(twoOfAKind(newLabels.source(), uri, "idx1 labels"));
                }
                newLabels = lb;
            }
        }
        if (newImages == null) {
            throw new IOException(newLabels.source() + ": is an idx1 labels file (magic "
                    + IdxFormat.hex(IdxFormat.LABELS_MAGIC) + ") and no idx3 images file (magic "
                    + IdxFormat.hex(IdxFormat.IMAGES_MAGIC) + ") was given; expected an images file");
        }
        if (newLabels != null) {
            checkLabels(newImages, newLabels);
        }
        this.images = newImages;
        this.labels = newLabels;
        // Everything is in memory now; the split is not needed and DataVec's splits are not serializable.
        this.inputSplit = null;
        this.epoch = 0;
        this.cursor = 0;
        this.order = shuffle ? permutation(0) : null;
        LOG.info("IDX data: {} images of {}x{} from {}{}", images.count(), images.height(), images.width(),
                images.source(), labels == null ? " (no labels)" : ", labels 0.." + labels.maxLabel() + " from "
                        + labels.source());
    }

    private void checkLabels(IdxImages im, IdxLabels lb) throws IOException {
        if (lb.count() != im.count()) {
            throw new IOException(lb.source() + ": holds " + lb.count() + " labels but " + im.source() + " holds "
                    + im.count() + " images; expected one label per image");
        }
        if (labelNames != null && lb.maxLabel() >= labelNames.size()) {
            int[] all = lb.toIntArray();
            int at = 0;
            while (all[at] != lb.maxLabel()) {
                at++;
            }
            throw new IOException(lb.source() + ": label " + lb.maxLabel() + " at index " + at + " is outside 0.."
                    + (labelNames.size() - 1) + "; expected one of the " + labelNames.size() + " classes "
                    + labelNames);
        }
    }

    private static String twoOfAKind(URI first, URI second, String kind) {
        return second + ": is an " + kind + " file like " + first + "; expected one idx3 images file (magic "
                + IdxFormat.hex(IdxFormat.IMAGES_MAGIC) + ") and at most one idx1 labels file (magic "
                + IdxFormat.hex(IdxFormat.LABELS_MAGIC) + ")";
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
        return cursor < images.count();
    }

    /**
     * Returns the next record: {@code height * width} pixel {@link IntWritable}s (0..255) and, with labels,
     * the label {@link IntWritable}.
     *
     * @throws NoSuchElementException if all images were read since the last reset
     */
    @Override
    public List<Writable> next() {
        List<Writable> record = recordAt(nextIndex());
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
        List<List<Writable>> out = new ArrayList<>(Math.min(num, images.count()));
        while (out.size() < num && hasNext()) {
            out.add(next());
        }
        return out;
    }

    @Override
    public Record nextRecord() {
        int index = nextIndex();
        List<Writable> record = recordAt(index);
        invokeListeners(record);
        return new org.datavec.api.records.impl.Record(record,
                new RecordMetaDataIndex(index, images.source(), IdxRecordReader.class));
    }

    private int nextIndex() {
        if (!hasNext()) {
            throw new NoSuchElementException("all " + images.count() + " images of " + images.source()
                    + " were read; call reset() to read them again");
        }
        int index = order == null ? cursor : order[cursor];
        cursor++;
        return index;
    }

    private List<Writable> recordAt(int index) {
        byte[] pixels = images.pixelsUnsafe();
        int n = images.pixelsPerImage();
        int offset = index * n;
        List<Writable> record = new ArrayList<>(n + 1);
        for (int i = 0; i < n; i++) {
            record.add(new IntWritable(pixels[offset + i] & 0xFF));
        }
        if (labels != null) {
            record.add(new IntWritable(labels.label(index)));
        }
        return record;
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
        if (!(recordMetaData instanceof RecordMetaDataIndex meta)) {
            throw new IllegalArgumentException("expected RecordMetaDataIndex metadata from an IdxRecordReader, got "
                    + (recordMetaData == null ? "null" : recordMetaData.getClass().getName()));
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
        return new org.datavec.api.records.impl.Record(recordAt((int) index), meta);
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
     * Not supported: an IDX record is defined by its file's header, not by a stream on its own. Initialize
     * the reader with the file URIs instead.
     *
     * @throws UnsupportedOperationException always
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
        if (labels == null) {
            return null;
        }
        if (labelNames != null) {
            return labelNames;
        }
        List<String> names = new ArrayList<>(labels.maxLabel() + 1);
        for (int i = 0; i <= labels.maxLabel(); i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    /** Restarts at the first record; a shuffling reader draws a new permutation. */
    @Override
    public void reset() {
        checkInitialized();
        cursor = 0;
        epoch++;
        if (shuffle) {
            order = permutation(epoch);
        }
    }

    /** Always true: the data is in memory. */
    @Override
    public boolean resetSupported() {
        return true;
    }

    /** Releases the data; {@link #initialize(InputSplit)} may be called again. */
    @Override
    public void close() {
        images = null;
        labels = null;
        order = null;
    }

    private int[] permutation(long epochIndex) {
        int n = images.count();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(Seeds.derive(shuffleSeed, epochIndex));
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }

    private void checkInitialized() {
        if (images == null) {
            throw new IllegalStateException(
                    "IdxRecordReader is not initialized (or was closed): call initialize(InputSplit) first");
        }
    }

    /** Rows per image. */
    public int height() {
        checkInitialized();
        return images.height();
    }

    /** Columns per image. */
    public int width() {
        checkInitialized();
        return images.width();
    }

    /** Number of images (records per pass). */
    public int count() {
        checkInitialized();
        return images.count();
    }

    /** Index of the label column in each record, {@code height * width}: the argument DL4J iterators need. */
    public int labelColumn() {
        checkInitialized();
        return images.pixelsPerImage();
    }

    /** Whether a labels file was given, so that records end with a label. */
    public boolean hasLabels() {
        checkInitialized();
        return labels != null;
    }

    /** The largest label in the labels file, or -1 when there is none. */
    public int maxLabel() {
        checkInitialized();
        return labels == null ? -1 : labels.maxLabel();
    }

    /** The images read at initialization. */
    public IdxImages images() {
        checkInitialized();
        return images;
    }

    /** The labels read at initialization, if a labels file was given. */
    public Optional<IdxLabels> labels() {
        checkInitialized();
        return Optional.ofNullable(labels);
    }
}
