/**
 * A training run on disk, as {@code vae train} writes it and {@code vae train --resume} continues it:
 * {@link io.github.dl4jvae.runs.TrainingRun} trains, {@link io.github.dl4jvae.runs.RunDirectory} names and guards
 * the files, {@link io.github.dl4jvae.runs.MetricsFile} holds a row of figures per epoch and
 * {@link io.github.dl4jvae.runs.RunSettings} the options that are not part of the model's configuration.
 */
package io.github.dl4jvae.runs;
