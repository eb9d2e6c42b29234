package io.github.dl4jvae.eval;

import io.github.dl4jvae.model.EpochResult;
import io.github.dl4jvae.model.TrainingListener;
import io.github.dl4jvae.model.VaeModel;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures {@link LatentUsage} (active units, KL per latent dimension) on held-out data after every epoch, and
 * warns when the posterior collapses: when most latent dimensions (more than half) are inactive. Add it before
 * listeners that read {@link #last()} in their own {@code epochDone}. A deterministic autoencoder has no posterior to
 * collapse: its usage is measured but never warned about.
 */
public final class LatentUsageListener implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(LatentUsageListener.class);

    private final VaeModel model;
    private final DataSetIterator data;
    private LatentUsage last;

    /**
     * @param model the model being trained
     * @param data  held-out data, encoded in full after every epoch
     */
    public LatentUsageListener(VaeModel model, DataSetIterator data) {
        if (model == null || data == null) {
            throw new IllegalArgumentException("model and data must not be null; expected the trained VaeModel and a"
                    + " held-out DataSetIterator");
        }
        this.model = model;
        this.data = data;
    }

    /** Whether most latent dimensions are inactive. */
    public static boolean collapsed(LatentUsage usage) {
        return usage.activeUnits() * 2 < usage.latentSize();
    }

    @Override
    public void epochDone(EpochResult result) {
        last = LatentUsage.measure(model, data);
        if (last.hasKl() && collapsed(last)) {
            LOG.warn("posterior collapse after epoch {}: only {} of {} latent dimensions are active (variance of the"
                    + " posterior mean > {}); KL {} nats. Consider a KL warm-up, free bits or a smaller beta.",
                    result.epoch(), last.activeUnits(), last.latentSize(), LatentUsage.ACTIVE_THRESHOLD,
                    String.format(java.util.Locale.ROOT, "%.3f", last.totalKl()));
        }
    }

    /** The usage measured after the last epoch, or null before the first. */
    public LatentUsage last() {
        return last;
    }
}
