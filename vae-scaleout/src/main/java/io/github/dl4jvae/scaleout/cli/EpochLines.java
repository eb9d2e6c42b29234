package io.github.dl4jvae.scaleout.cli;

import io.github.dl4jvae.scaleout.TrainingEpoch;
import io.github.dl4jvae.scaleout.TrainingReport;
import java.io.PrintWriter;

/** Prints a training report as a table: one line per epoch, then a summary. */
final class EpochLines {
    private EpochLines() {
    }

    static void print(PrintWriter out, TrainingReport report) {
        out.printf("%-16s workers %d, %d examples per worker minibatch, averaging every %d%n", report.engine(),
                report.workers(), report.batchSizePerWorker(), report.averagingFrequency());
        out.printf("%5s %14s %10s %10s %11s%n", "epoch", "-ELBO (nats)", "examples", "seconds", "examples/s");
        out.printf("%5d %14.3f %10s %10s %11s%n", 0, report.initialNegativeElbo(), "-", "-", "-");
        for (TrainingEpoch e : report.epochs()) {
            out.printf("%5d %14.3f %10d %10.2f %11.0f%n", e.epoch(), e.negativeElbo(), e.examples(), e.seconds(),
                    e.examplesPerSecond());
        }
        out.flush();
    }
}
