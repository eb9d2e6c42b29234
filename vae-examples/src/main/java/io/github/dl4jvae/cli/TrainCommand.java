package io.github.dl4jvae.cli;

import io.github.dl4jvae.config.ActivationFunction;
import io.github.dl4jvae.config.Architecture;
import io.github.dl4jvae.config.InputShape;
import io.github.dl4jvae.config.KlSchedule;
import io.github.dl4jvae.config.Likelihood;
import io.github.dl4jvae.config.NetworkConfig;
import io.github.dl4jvae.config.Objective;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.data.IdxDataSource;
import io.github.dl4jvae.data.IdxRecordReader;
import io.github.dl4jvae.data.Preprocessing;
import io.github.dl4jvae.data.Split;
import io.github.dl4jvae.model.CheckpointPolicy;
import io.github.dl4jvae.model.Checkpoints;
import io.github.dl4jvae.runs.RunDirectory;
import io.github.dl4jvae.runs.RunLock;
import io.github.dl4jvae.runs.RunSettings;
import io.github.dl4jvae.runs.TrainingRun;
import io.github.dl4jvae.zoo.VaeZoo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code vae train}: trains a VAE on an IDX data set (default Fashion-MNIST as located by the data layer),
 * evaluating the test split after each epoch, with a progress bar on a terminal and plain progress lines
 * otherwise. The output directory receives what {@link TrainingRun} writes: {@code config.json},
 * {@code run.json}, and after every epoch a {@code metrics.csv} row and the checkpoints ({@code model.zip}, the
 * latest; {@code best.zip}, the lowest test negative ELBO; {@code checkpoints/epoch-NNNN.zip}, the last
 * {@code --keep-last} epochs), each written atomically; at the end the pictures of
 * {@link io.github.dl4jvae.pictures.RunPictures}. {@code --resume DIR} continues a run from its newest loadable
 * checkpoint, also after a crash or a kill, exactly as the uninterrupted run would have gone on.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a VAE (default: the 784-400-20 MLP with a Bernoulli decoder on Fashion-MNIST).",
            "Writes config.json, run.json, and after every epoch a metrics.csv row and the checkpoints model.zip "
                    + "(latest), best.zip (lowest test -ELBO) and checkpoints/epoch-NNNN.zip (last --keep-last), "
                    + "atomically; then samples.png, reconstructions.png, latent-space.png, traversals.png, "
                    + "loss-curves.png (and manifold.png for --latent 2).",
            "A conditional model (--model cvae-mlp400) trains on the class labels; its samples.png has one row per "
                    + "class."})
public final class TrainCommand implements Callable<Integer> {
    /** Default epoch count of a new run. */
    static final int DEFAULT_EPOCHS = 10;
    /** Options that a resumed run takes from its files and so must not be given with --resume. */
    private static final List<String> FIXED_BY_RUN = List.of("--out", "--force", "--zoo", "--batch-size", "--latent",
            "--hidden", "--conv", "--activation", "--likelihood", "--beta", "--samples", "--lr", "--seed",
            "--binarize", "--objective", "--kl-schedule", "--free-bits", "--validation", "--early-stopping");

    /** The option that sets each VaeConfig field, to name it in a validation message. */
    private static final java.util.Map<String, String> CONFIG_OPTIONS = java.util.Map.of("latentSize", "--latent",
            "network.hiddenSizes", "--hidden", "network.convChannels", "--conv", "beta", "--beta",
            "samplesPerExample", "--samples", "learningRate", "--lr", "objective.freeBits", "--free-bits",
            "klSchedule", "--kl-schedule");

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("runs", "train");

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run in DIR from its model.zip, "
            + "appending to its metrics.csv, up to its epoch target or a new --epochs.")
    Path resume;

    @Option(names = "--epochs", description = "Epochs to train to (default: " + DEFAULT_EPOCHS
            + "; with --resume, the run's own target).")
    Integer epochs;

    @Option(names = {"--zoo", "--model"}, paramLabel = "[zoo:]NAME", description = "Start from a zoo model's configuration "
            + "(see 'vae zoo'); options given explicitly change it. Default: the 784-400-20 ReLU MLP with a Bernoulli "
            + "decoder.")
    String zoo;

    @Option(names = "--batch-size", description = "Examples per step (default: ${DEFAULT-VALUE}).")
    int batchSize = 128;

    @Option(names = "--latent", description = "Latent dimensions (default: ${DEFAULT-VALUE}).")
    int latent = 20;

    @Option(names = "--hidden", split = ",", description = "Hidden layer sizes, comma-separated (default: 400).")
    List<Integer> hidden = List.of(400);

    @Option(names = "--conv", split = ",", description = "Convolution channels for a convolutional VAE, e.g. 32,64 "
            + "(default: none, an MLP).")
    List<Integer> conv = List.of();

    @Option(names = "--activation", description = "Hidden activation: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ActivationFunction activation = ActivationFunction.RELU;

    @Option(names = "--likelihood", description = "p(x|z): ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Likelihood likelihood = Likelihood.BERNOULLI;

    @Option(names = "--beta", description = "KL weight (default: ${DEFAULT-VALUE}).")
    double beta = 1.0;

    @Option(names = "--samples", description = "Samples of z per example, L (default: ${DEFAULT-VALUE}).")
    int samples = 1;

    @Option(names = "--objective", description = "Training objective: ${COMPLETION-CANDIDATES} (default: "
            + "${DEFAULT-VALUE}); IWAE uses --samples as K; AE is the deterministic autoencoder (reconstruction loss "
            + "at the encoder's mean, no noise, no KL).")
    Objective.Kind objective = Objective.Kind.ELBO;

    @Option(names = "--kl-schedule", paramLabel = "SPEC", converter = KlScheduleConverter.class,
            description = "KL weight over steps: " + KlScheduleConverter.FORMS + " (default: constant).")
    KlSchedule klSchedule = KlSchedule.CONSTANT;

    @Option(names = "--free-bits", paramLabel = "NATS", description = "Free bits per latent dimension (default: 0, off).")
    double freeBits;

    @Option(names = "--lr", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate = 1e-3;

    @Option(names = "--seed", description = "Seed of weights, noise and shuffling (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--binarize", description = "Pixel binarization: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Preprocessing.Binarization binarization = Preprocessing.Binarization.NONE;

    @Option(names = "--threads", paramLabel = "N", description = "Threads to train on: each step's minibatch is split "
            + "into one shard per thread (default: every core the JVM sees; with --resume, the run's own count, so "
            + "that it continues bit for bit).")
    Integer threads;

    @Option(names = "--validation", paramLabel = "N", description = "Hold out the last N training images as a "
            + "validation split, evaluated after every epoch for best.zip and early stopping (default: 0, none: the "
            + "test images are evaluated after every epoch).")
    int validation;

    @Option(names = "--early-stopping", paramLabel = "EPOCHS", description = "Stop once the validation negative ELBO "
            + "has not improved for EPOCHS epochs after the KL warm-up; needs --validation (default: 0, off).")
    int patience;

    @Option(names = "--force", description = "Overwrite a previous run in the output directory.")
    boolean force;

    @Option(names = "--keep-last", paramLabel = "N", description = "Per-epoch checkpoints to keep in checkpoints/, the "
            + "newest (default: ${DEFAULT-VALUE}; 0 keeps only model.zip and best.zip). Also with --resume.")
    int keepLast = CheckpointPolicy.DEFAULT_KEEP_LAST;

    @Mixin
    DebugOption debug = new DebugOption();

    @Spec
    CommandSpec spec;

    /** The run directory's lock, taken by {@link #prepare()}. */
    private RunLock lock;

    @Override
    public Integer call() throws Exception {
        TrainingRun run = prepare();
        try (RunLock held = lock) {
            return train(run);
        }
    }

    private int train(TrainingRun run) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.printf("%s %s on %s (%s): epochs %d to %d, batch %d, %d threads, %s%n",
                run.firstEpoch() == 1 ? "training" : "resuming", describe(run.model().config()), run.source().id(),
                run.source().location(), run.firstEpoch(), run.settings().epochs(), run.settings().batchSize(),
                run.model().threads(), run.directory());
        EpochTable table = new EpochTable(out, run.model().config().objective().autoencoder(),
                run.settings().validationExamples() > 0);
        table.header();
        TrainingRun.Result result = run.train(List.of(
                ConsoleProgress.forConsole(run.firstEpoch(), run.settings().epochs(), run.stepsPerEpoch(), err),
                table), checkpointPolicy());
        out.printf("wrote %s: %s, %s, %s, %s, %s, %s/%n", run.directory(), RunDirectory.CONFIG, RunDirectory.SETTINGS,
                RunDirectory.METRICS, RunDirectory.MODEL, RunDirectory.BEST, Checkpoints.FOLDER);
        out.printf("pictures: %s%n", result.pictures().stream().map(p -> p.getFileName().toString())
                .collect(Collectors.joining(", ")));
        if (run.model().config().objective().autoencoder()) {
            out.printf("(%s: %s; 'vae sample --sampler gmm:K' draws from a mixture fitted to its codes)%n",
                    io.github.dl4jvae.pictures.RunPictures.SAMPLES,
                    Sampling.describe(run.model(), SamplerChoice.PRIOR));
        }
        out.flush();
        return 0;
    }

    /**
     * The checkpoints to keep, from {@code --keep-last}.
     *
     * @throws IllegalArgumentException if {@code --keep-last} is out of range
     */
    CheckpointPolicy checkpointPolicy() {
        if (keepLast < 0 || keepLast > 10_000) {
            throw new IllegalArgumentException("--keep-last must be in [0, 10000], got " + keepLast);
        }
        return CheckpointPolicy.defaults().withKeepLast(keepLast);
    }

    /**
     * The run the options describe: a new one in {@code --out}, or the one in {@code --resume}, with the run
     * directory's {@link RunLock} taken for this process (released when {@link #call()} ends, or with the JVM).
     *
     * @throws IllegalArgumentException on options that contradict each other or the run being resumed
     * @throws IllegalStateException if another training (in any process) holds the run directory
     */
    public TrainingRun prepare() throws IOException {
        if (epochs != null && epochs < 1) {
            throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
        }
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads
                    + "; expected the number of threads to train on");
        }
        TrainingRun run = prepareRun();
        int recorded = run.model().provenance().threads();
        if (threads != null) {
            run.model().setThreads(threads);
        } else if (resume != null && recorded > 0) {
            run.model().setThreads(recorded);
        }
        return run;
    }

    private TrainingRun prepareRun() throws IOException {
        checkpointPolicy();
        if (resume != null) {
            ParseResult parsed = spec.commandLine().getParseResult();
            for (String option : FIXED_BY_RUN) {
                if (parsed.hasMatchedOption(option)) {
                    throw new IllegalArgumentException(option + " cannot be given with --resume: the run in "
                            + resume + " fixes it (in config.json or run.json)");
                }
            }
            RunDirectory directory = RunDirectory.open(resume);
            return locked(resume, () -> TrainingRun.resume(directory, epochs, data.given() ? data.locate() : null));
        }
        IdxDataSource source = data.locate();
        IdxRecordReader shape = IdxRecordReader.of(source.images(Split.TRAIN), source.labels(Split.TRAIN));
        VaeConfig config = configuration(InputShape.image(shape.height(), shape.width()));
        RunSettings settings = RunSettings.of(epochs == null ? DEFAULT_EPOCHS : epochs, batchSize, binarization,
                source).withValidation(validation, patience);
        return locked(out, () -> TrainingRun.create(config, settings, source, RunDirectory.create(out, force)));
    }

    /** What prepares a run once its directory is locked. */
    private interface Preparation {
        TrainingRun prepare() throws IOException;
    }

    /** Takes {@code directory}'s lock, then prepares the run there; releases the lock if that fails. */
    private TrainingRun locked(Path directory, Preparation preparation) throws IOException {
        RunLock taken = RunLock.acquire(directory);
        try {
            TrainingRun run = preparation.prepare();
            lock = taken;
            return run;
        } catch (IOException | RuntimeException e) {
            taken.close();
            throw e;
        }
    }

    /**
     * The model's configuration: the zoo model's with the options given on the command line changed, or, without
     * {@code --zoo}, the options' values.
     *
     * @throws IllegalArgumentException if the zoo has no such model or it is made for other input shapes
     */
    VaeConfig configuration(InputShape dataShape) {
        try {
            return configurationUnchecked(dataShape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(optionFor(e.getMessage()) + e.getMessage(), e);
        }
    }

    /** "--lr: " for a message about learningRate, and so on; "" for a message about no option of this command. */
    private static String optionFor(String message) {
        for (var entry : CONFIG_OPTIONS.entrySet()) {
            if (message != null && message.startsWith(entry.getKey())) {
                return entry.getValue() + ": ";
            }
        }
        return "";
    }

    private VaeConfig configurationUnchecked(InputShape dataShape) {
        if (zoo == null) {
            return VaeConfig.builder().inputShape(dataShape)
                    .network(new NetworkConfig(conv.isEmpty() ? Architecture.MLP : Architecture.CONV, hidden, conv,
                            activation))
                    .latentSize(latent).likelihood(likelihood).beta(beta).samplesPerExample(samples)
                    .objective(new Objective(objective, klSchedule, freeBits))
                    .learningRate(learningRate).seed(seed).build();
        }
        String name = ModelReference.zooName(zoo);
        VaeConfig base = VaeZoo.entry(name).config();
        if (!base.inputShape().equals(dataShape)) {
            throw new IllegalArgumentException("zoo model " + name + " is made for " + base.inputShape().height() + "x"
                    + base.inputShape().width() + " images but the data holds " + dataShape.height() + "x"
                    + dataShape.width() + " images; choose another model or data");
        }
        ParseResult given = spec.commandLine().getParseResult();
        NetworkConfig network = base.network();
        List<Integer> convChannels = given.hasMatchedOption("--conv") ? conv : network.convChannels();
        Architecture architecture = !given.hasMatchedOption("--conv") ? network.architecture()
                : convChannels.isEmpty() ? Architecture.MLP : Architecture.CONV;
        network = new NetworkConfig(architecture,
                given.hasMatchedOption("--hidden") ? hidden : network.hiddenSizes(), convChannels,
                given.hasMatchedOption("--activation") ? activation : network.activation());
        VaeConfig.Builder builder = base.toBuilder().network(network);
        if (given.hasMatchedOption("--latent")) {
            builder.latentSize(latent);
        }
        if (given.hasMatchedOption("--likelihood")) {
            builder.likelihood(likelihood);
        }
        if (given.hasMatchedOption("--beta")) {
            builder.beta(beta);
        }
        if (given.hasMatchedOption("--samples")) {
            builder.samplesPerExample(samples);
        }
        Objective baseObjective = base.objective();
        builder.objective(new Objective(given.hasMatchedOption("--objective") ? objective : baseObjective.kind(),
                given.hasMatchedOption("--kl-schedule") ? klSchedule : baseObjective.klSchedule(),
                given.hasMatchedOption("--free-bits") ? freeBits : baseObjective.freeBits()));
        if (given.hasMatchedOption("--lr")) {
            builder.learningRate(learningRate);
        }
        if (given.hasMatchedOption("--seed")) {
            builder.seed(seed);
        }
        return builder.build();
    }

    /** The network in a few characters, e.g. "MLP 784-400-20 relu" or "CONV 784-c32-c64-256-20 relu". */
    static String network(VaeConfig c) {
        NetworkConfig n = c.network();
        StringBuilder text = new StringBuilder(n.architecture().name()).append(' ').append(c.inputShape().size());
        n.convChannels().forEach(channels -> text.append("-c").append(channels));
        n.hiddenSizes().forEach(size -> text.append('-').append(size));
        return text.append('-').append(c.latentSize()).append(' ').append(n.activation().name().toLowerCase())
                .toString();
    }

    static String describe(VaeConfig c) {
        Objective objective = c.objective();
        return network(c) + " " + c.likelihood() + (objective.autoencoder() ? " autoencoder (AE: no noise, no KL)" : "")
                + (c.beta() == 1.0 ? "" : " beta " + c.beta())
                + (objective.kind() == Objective.Kind.IWAE ? " IWAE K=" + c.samplesPerExample() : "")
                + (objective.klSchedule().shape() == KlSchedule.Shape.CONSTANT ? ""
                        : " KL " + objective.klSchedule().shape().name().toLowerCase())
                + (objective.freeBits() > 0 ? " free bits " + objective.freeBits() : "")
                + (c.conditional() ? " conditioned on " + c.conditionClasses() + " classes" : "")
                + (c.prior().vamp() ? " VampPrior K=" + c.prior().components() : "");
    }
}
