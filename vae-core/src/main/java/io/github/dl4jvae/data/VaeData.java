package io.github.dl4jvae.data;

import io.github.dl4jvae.random.Seeds;
import io.github.dl4jvae.random.Streams;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.datavec.api.split.CollectionInputSplit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.CompositeDataSetPreProcessor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The entry point from an {@link IdxDataSource} (e.g. {@link FashionMnist#locate}) to DL4J data: minibatch
 * iterators for training, whole splits for evaluation, and class counts.
 *
 * <p>Every {@link DataSet} it produces has
 * <ul>
 *   <li>features: float32 pixels scaled to [0,1], binarized as configured, shaped
 *       {@code [batch, height*width]} ({@link Preprocessing.Layout#FLAT}) or {@code [batch, 1, height, width]}
 *       ({@link Preprocessing.Layout#CHANNELS_FIRST});</li>
 *   <li>labels: one-hot float32 {@code [batch, numClasses]} (the data source's class count, 10 for
 *       Fashion-MNIST).</li>
 * </ul>
 * A VAE trained by reconstruction uses the features as its target; the labels are there for evaluation
 * and for class-conditional models.
 *
 * <p>Randomness comes only from the caller's {@code seed}: it seeds the dynamic-binarization draws and the
 * shuffling permutations, as separate derived streams.
 */
public final class VaeData {

    private VaeData() {
    }

    /**
     * A minibatch iterator over one split: an {@link IdxDataSetIterator} over an {@link IdxRecordReader} (the batches
     * DL4J's {@code RecordReaderDataSetIterator} gives over the reader, built without a Writable per pixel), with the
     * preprocessing attached as its pre-processor. The last batch of an
     * epoch may be smaller. {@code reset()} starts a new epoch (new shuffling permutation and new dynamic
     * binarization draws); a fresh iterator with the same seed repeats the same sequence.
     *
     * @param source the data set
     * @param split train or test
     * @param batchSize examples per batch, at least 1
     * @param preprocessing pixel preprocessing and order
     * @param seed seed of all randomness
     * @throws IOException if a file cannot be read or is invalid (the message names it)
     * @throws IllegalArgumentException if {@code batchSize < 1}
     */
    public static DataSetIterator iterator(IdxDataSource source, Split split, int batchSize,
            Preprocessing preprocessing, long seed) throws IOException {
        return iterator(source, split, RecordRange.ALL, batchSize, preprocessing, seed);
    }

    /**
     * As {@link #iterator(IdxDataSource, Split, int, Preprocessing, long)}, over the records of {@code range} of the
     * split only (e.g. the training images less a validation split held out at their end).
     *
     * @throws IllegalArgumentException if the range does not fit the split, or {@code batchSize < 1}
     */
    public static DataSetIterator iterator(IdxDataSource source, Split split, RecordRange range, int batchSize,
            Preprocessing preprocessing, long seed) throws IOException {
        return iteratorAfter(0, source, split, range, batchSize, preprocessing, seed);
    }

    /**
     * The iterator of {@link #iterator(IdxDataSource, Split, RecordRange, int, Preprocessing, long)} as it stands after
     * {@code epochs} full passes, each begun with {@code reset()} as {@code fit} begins an epoch: its next reset draws
     * the next pass's permutation and its dynamic binarization goes on at the batch where that pass begins. A
     * resumed run continues with it without reading the passes before.
     *
     * @throws IllegalArgumentException if {@code epochs < 0}, the range does not fit the split, or
     *     {@code batchSize < 1}
     */
    public static DataSetIterator iteratorAfter(int epochs, IdxDataSource source, Split split, RecordRange range,
            int batchSize, Preprocessing preprocessing, long seed) throws IOException {
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs " + epochs + " is invalid; expected >= 0 passes");
        }
        checkBatchSize(batchSize);
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(range, "range");
        Seeded seeds = Seeded.of(seed);
        IdxRecordReader reader = IdxRecordReader.over(range, source.classNames(), preprocessing.shuffle(),
                seeds.shuffle);
        reader.initialize(new CollectionInputSplit(List.of(source.images(split), source.labels(split))));
        IdxDataSetIterator iterator = new IdxDataSetIterator(reader, batchSize, source.numClasses());
        long batchesPerPass = (range.size(reader.count()) + batchSize - 1) / batchSize;
        iterator.setPreProcessor(preProcessor(preprocessing, reader.height(), reader.width(), seeds.binarize,
                epochs * batchesPerPass));
        for (int e = 0; e < epochs; e++) {
            iterator.reset();
        }
        return iterator;
    }

    /**
     * Loads a whole split into one {@link DataSet}, in file order (the {@code shuffle} option is ignored),
     * with the same preprocessing as {@link #iterator}; dynamic binarization draws one sample per image.
     *
     * @throws IOException if a file cannot be read or is invalid (the message names it)
     */
    public static DataSet load(IdxDataSource source, Split split, Preprocessing preprocessing, long seed)
            throws IOException {
        return load(source, split, RecordRange.ALL, preprocessing, seed);
    }

    /**
     * As {@link #load(IdxDataSource, Split, Preprocessing, long)}, the records of {@code range} of the split only.
     *
     * @throws IllegalArgumentException if the range does not fit the split
     */
    public static DataSet load(IdxDataSource source, Split split, RecordRange range, Preprocessing preprocessing,
            long seed) throws IOException {
        Objects.requireNonNull(preprocessing, "preprocessing");
        IdxRecordReader reader = IdxRecordReader.of(source.images(split), source.labels(split), source.classNames());
        IdxImages images = reader.images();
        IdxLabels labels = reader.labels().orElseThrow();
        int n = range.size(images.count());
        int perImage = images.pixelsPerImage();
        byte[] pixels = images.pixelsUnsafe();
        float[] raw = new float[n * perImage];
        int offset = range.from() * perImage;
        for (int i = 0; i < raw.length; i++) {
            raw[i] = pixels[offset + i] & 0xFF;
        }
        INDArray features = Nd4j.create(raw, new long[] {n, perImage}, 'c');
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, n, source.numClasses());
        for (int i = 0; i < n; i++) {
            oneHot.putScalar(i, labels.label(range.from() + i), 1.0);
        }
        DataSet dataSet = new DataSet(features, oneHot);
        preProcessor(preprocessing, images.height(), images.width(), Seeded.of(seed).binarize).preProcess(dataSet);
        return dataSet;
    }

    /**
     * Counts the examples of each class in a split.
     *
     * @return {@code counts[c]} for {@code c} in {@code 0..numClasses-1}
     * @throws IOException if the labels file cannot be read, is invalid, or holds a label {@code >= numClasses}
     */
    public static long[] classCounts(IdxDataSource source, Split split) throws IOException {
        IdxLabels labels = IdxParser.readLabels(source.labels(split));
        if (labels.maxLabel() >= source.numClasses()) {
            throw new IOException(labels.source() + ": holds label " + labels.maxLabel() + "; expected labels 0.."
                    + (source.numClasses() - 1) + " for the " + source.numClasses() + " classes of " + source.id());
        }
        return labels.classCounts(source.numClasses());
    }

    /**
     * The pre-processor chain {@link #iterator} attaches: {@link UnitScaler}, then {@link StaticBinarizer} or
     * {@link DynamicBinarizer} (seeded with {@code binarizationSeed} as given), then
     * {@link ChannelsFirstShaper} for the channels-first layout.
     */
    public static DataSetPreProcessor preProcessor(Preprocessing preprocessing, int height, int width,
            long binarizationSeed) {
        return preProcessor(preprocessing, height, width, binarizationSeed, 0);
    }

    private static DataSetPreProcessor preProcessor(Preprocessing preprocessing, int height, int width,
            long binarizationSeed, long firstBatch) {
        List<DataSetPreProcessor> steps = new ArrayList<>(3);
        steps.add(new UnitScaler());
        switch (preprocessing.binarization()) {
            case STATIC -> steps.add(new StaticBinarizer(preprocessing.threshold()));
            case DYNAMIC -> steps.add(new DynamicBinarizer(binarizationSeed, firstBatch));
            case NONE -> {
            }
        }
        if (preprocessing.layout() == Preprocessing.Layout.CHANNELS_FIRST) {
            steps.add(new ChannelsFirstShaper(1, height, width));
        }
        return new CompositeDataSetPreProcessor(steps.toArray(new DataSetPreProcessor[0]));
    }

    static void checkBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size " + batchSize + " is invalid; expected 1.." + Integer.MAX_VALUE);
        }
    }

    /** The two independent streams derived from the caller's seed. */
    private record Seeded(long shuffle, long binarize) {
        static Seeded of(long seed) {
            return new Seeded(Seeds.derive(seed, Streams.SHUFFLE), Seeds.derive(seed, Streams.BINARIZATION));
        }
    }
}
