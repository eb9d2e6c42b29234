#!/usr/bin/env python3
"""Prints the markdown table of docs/zoo.md: every zoo entry with its shipped weights' figures, the published figure
where there is one and the difference, or how far its training run in work/zoo/NAME has got."""
import csv
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REGISTRY = os.path.join(ROOT, "vae-core/src/main/resources/io/github/dl4jvae/zoo/registry.json")
# Exemplar VAE (Norouzi, Fleet and Norouzi, NeurIPS 2020), Table 1, dynamically binarized Fashion-MNIST.
PUBLISHED = {"gated-vae-mlp300-z40": 228.70, "vampprior-vae-mlp300-z40": 227.35}


def progress(name):
    run = os.path.join(ROOT, "work/zoo", name)
    if not os.path.exists(os.path.join(run, "metrics.csv")):
        return "not trained yet"
    with open(os.path.join(run, "metrics.csv")) as f:
        rows = list(csv.DictReader(f))
    with open(os.path.join(run, "best.json")) as f:
        best = json.load(f)
    return (f"training: {len(rows)} epochs so far, best validation -ELBO {best['value']:.2f} "
            f"(epoch {best['epoch']})")


def main():
    with open(REGISTRY) as f:
        registry = json.load(f)
    print("| model | test -ELBO | NLL, K=5000, all test images | published | difference | epochs (kept / run) |")
    print("|---|---:|---:|---:|---:|---|")
    for entry in registry["models"]:
        name = entry["name"]
        published = PUBLISHED.get(name)
        shown = f"{published:.2f}" if published else "-"
        weights = entry["pretrained"]
        converged = weights and weights["figures"]["importanceSamples"] == 5000 and weights["bestEpoch"] < weights["epochs"]
        if not converged:
            print(f"| `{name}` | - | - | {shown} | - | {progress(name)} |")
            continue
        figures = weights["figures"]
        nll = figures["importanceSampledNll"]
        difference = f"{nll - published:+.2f}" if published and nll is not None else "-"
        nll_text = "undefined (AE)" if nll is None else f"{nll:.2f}"
        print(f"| `{name}` | {figures['testNegativeElbo']:.2f} | {nll_text} | {shown} | {difference} | "
              f"{weights['bestEpoch']} / {weights['epochs']} |")


if __name__ == "__main__":
    main()
