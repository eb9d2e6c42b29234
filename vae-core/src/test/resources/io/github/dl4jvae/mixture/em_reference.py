#!/usr/bin/env python3
"""Reference EM for GaussianMixtureReferenceTest, written independently of the Java code with numpy only.

Makes a small 2-D data set (60 codes from three overlapping Gaussians, rounded to 6 decimals so that the JSON
holds them exactly), runs EM for a Gaussian mixture from a given start (no k-means++) with diagonal and with full
covariances, and writes em_reference.json next to this script: the data, the start, the settings, the mean
log-likelihood per code after each E-step, and the final weights, means and covariances.

The rules mirror the Java class's documented ones: log-likelihood = mean over codes of log sum_k pi_k N(x; mu_k,
Sigma_k); M-step pi_k = N_k / n, mu_k = sum r x / N_k, Sigma_k = sum r (x - mu)(x - mu)^T / N_k (diagonal only for
"diagonal"), plus the floor on the diagonal; stop after the first E-step whose improvement is at most tolerance *
|previous|, or after max_iterations M-steps. Densities here use slogdet and solve (the Java code a Cholesky
factor), and the log-sum-exp is numpy's, so only rounding is shared.

Run: python3 em_reference.py   (numpy 2.x; prints the smallest improvement seen, to show no stop was borderline)
"""
import json
import os

import numpy as np

FLOOR = 1e-6
MAX_ITERATIONS = 20
TOLERANCE = 0.0


def make_data():
    rng = np.random.default_rng(20261206)
    centres = np.array([[0.0, 0.0], [2.0, 1.0], [-1.0, 2.5]])
    scales = [np.array([[1.0, 0.0], [0.6, 0.8]]), np.array([[0.7, 0.0], [-0.3, 0.5]]), np.array([[0.5, 0.0], [0.0, 1.0]])]
    counts = [25, 20, 15]
    rows = [centres[k] + rng.standard_normal((counts[k], 2)) @ scales[k].T for k in range(3)]
    return np.round(np.concatenate(rows), 6)


def log_gaussian(x, mean, cov):
    diff = x - mean
    sign, logdet = np.linalg.slogdet(cov)
    assert sign > 0
    maha = np.sum(diff * np.linalg.solve(cov, diff.T).T, axis=1)
    return -0.5 * (x.shape[1] * np.log(2 * np.pi) + logdet + maha)


def e_step(x, weights, means, covs):
    a = np.stack([np.log(weights[k]) + log_gaussian(x, means[k], covs[k]) for k in range(len(weights))], axis=1)
    top = a.max(axis=1, keepdims=True)
    log_evidence = (top + np.log(np.exp(a - top).sum(axis=1, keepdims=True)))[:, 0]
    return log_evidence.mean(), a - log_evidence[:, None]


def m_step(x, log_resp, kind):
    n, d = x.shape
    resp = np.exp(log_resp)
    nk = resp.sum(axis=0)
    weights = nk / n
    means = (resp.T @ x) / nk[:, None]
    covs = []
    for k in range(resp.shape[1]):
        diff = x - means[k]
        cov = (resp[:, k, None] * diff).T @ diff / nk[k]
        if kind == "diagonal":
            cov = np.diag(np.diag(cov))
        covs.append(cov + FLOOR * np.eye(d))
    return weights, means, np.array(covs)


def run(x, start, kind):
    weights, means, covs = (np.array(start["weights"]), np.array(start["means"]), np.array(start["covariances"]))
    history = []
    smallest = np.inf
    for t in range(MAX_ITERATIONS + 1):
        ll, log_resp = e_step(x, weights, means, covs)
        history.append(ll)
        if t > 0:
            improvement = ll - history[t - 1]
            smallest = min(smallest, improvement - TOLERANCE * abs(history[t - 1]))
            if improvement <= TOLERANCE * abs(history[t - 1]):
                break
        if t == MAX_ITERATIONS:
            break
        weights, means, covs = m_step(x, log_resp, kind)
    print(kind, "iterations", len(history) - 1, "final", history[-1], "smallest margin over the stop", smallest)
    return {"logLikelihoods": history, "weights": weights.tolist(), "means": means.tolist(),
            "covariances": covs.tolist()}


def main():
    x = make_data()
    starts = {
        "diagonal": {"weights": [0.5, 0.3, 0.2], "means": [[-0.5, 0.5], [1.5, 0.0], [0.0, 3.0]],
                     "covariances": [[[1.0, 0.0], [0.0, 1.0]], [[0.5, 0.0], [0.0, 2.0]], [[1.5, 0.0], [0.0, 0.7]]]},
        "full": {"weights": [0.5, 0.3, 0.2], "means": [[-0.5, 0.5], [1.5, 0.0], [0.0, 3.0]],
                 "covariances": [[[1.0, 0.3], [0.3, 1.0]], [[0.5, -0.1], [-0.1, 2.0]], [[1.5, 0.0], [0.0, 0.7]]]},
    }
    out = {"generator": "em_reference.py, numpy " + np.__version__, "floor": FLOOR, "maxIterations": MAX_ITERATIONS,
           "tolerance": TOLERANCE, "codes": x.tolist(), "cases": {}}
    for kind, start in starts.items():
        out["cases"][kind] = {"start": start, "result": run(x, start, kind)}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "em_reference.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
