package io.github.dl4jvae.runs;

import io.github.dl4jvae.config.KlSchedule;
import io.github.dl4jvae.config.VaeConfig;
import io.github.dl4jvae.model.Checkpoints;
import java.util.Optional;

/**
 * When a run stops early: once its validation negative ELBO has not improved for {@code patience} epochs, counted
 * from the later of the best epoch and the end of the KL warm-up (during a warm-up the bound's weight is still
 * changing, so its values are not comparable yet). This is the rule of the Exemplar VAE's and the VampPrior's code
 * (there: a counter reset during the warm-up, the run ending when it exceeds the patience), on the best record that
 * {@link Checkpoints} keeps, so a resumed run decides as the uninterrupted one would have.
 *
 * @param patience     epochs without improvement that end the run; 0 for never
 * @param warmupEpochs epochs until the KL weight reaches its final value (0 without a warm-up)
 */
public record EarlyStopping(int patience, int warmupEpochs) {

    /**
     * The rule of a run: its patience, and the warm-up of a {@link KlSchedule.Shape#LINEAR} schedule in whole epochs
     * of {@code stepsPerEpoch} steps (other schedules have none).
     */
    public static EarlyStopping of(RunSettings settings, VaeConfig config, int stepsPerEpoch) {
        KlSchedule schedule = config.objective().klSchedule();
        int warmup = schedule.shape() == KlSchedule.Shape.LINEAR
                ? (int) Math.min(Integer.MAX_VALUE, (schedule.steps() + stepsPerEpoch - 1) / stepsPerEpoch) : 0;
        return new EarlyStopping(settings.patience(), warmup);
    }

    /** Whether a run that has trained {@code epochs} epochs, with this best checkpoint so far, is over. */
    public boolean reached(int epochs, Optional<Checkpoints.Best> best) {
        return patience > 0 && best.isPresent()
                && epochs - Math.max(best.get().epoch(), warmupEpochs) >= patience;
    }

    /** Why the run stopped, for its log. */
    public String reason(int epochs, Checkpoints.Best best) {
        return "stopped early after epoch " + epochs + ": no better " + best.criterion() + " than "
                + String.format(java.util.Locale.ROOT, "%.4f", best.value()) + " (epoch " + best.epoch() + ") for "
                + patience + " epochs" + (warmupEpochs > 0 ? " after the " + warmupEpochs + "-epoch KL warm-up" : "");
    }
}
