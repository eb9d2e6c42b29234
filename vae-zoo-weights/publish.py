#!/usr/bin/env python3
"""Turns a finished training run into a zoo model's shipped weights (maintainers' tool).

    vae-zoo-weights/publish.py RUN_DIR NAME [--k 5000] [--threads 1]

from the repository root, after `bin/vae train --model NAME ... --out RUN_DIR` ended (early stopping or its epoch
target). It
  1. writes the weights of RUN_DIR/best.zip (the best validation epoch) to
     vae-zoo-weights/src/main/resources/io/github/dl4jvae/zoo/weights/NAME.zip (`bin/vae export`);
  2. measures them with `bin/vae evaluate` on every test image (NLL with K importance samples), kept as
     RUN_DIR/evaluation-k{K}.json, and on the embedded subset's test images (the figure the tests recompute);
  3. writes the entry's "pretrained" block of vae-core's registry.json: file, SHA-256, size, how it was trained
     (run.json, best.json, metrics.csv, the model's provenance) and the figures.
A run without a validation split has no best.zip worth shipping over its model.zip; this tool refuses it.
"""
import argparse
import datetime
import hashlib
import json
import os
import platform
import subprocess
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WEIGHTS = os.path.join(ROOT, "vae-zoo-weights/src/main/resources/io/github/dl4jvae/zoo/weights")
REGISTRY = os.path.join(ROOT, "vae-core/src/main/resources/io/github/dl4jvae/zoo/registry.json")


def vae(*args):
    command = [os.path.join(ROOT, "bin/vae")] + list(args)
    print("+ " + " ".join(command), flush=True)
    subprocess.run(command, check=True, cwd=ROOT)


def read_json(path):
    with open(path) as f:
        return json.load(f)


def metrics(run):
    with open(os.path.join(run, "metrics.csv")) as f:
        header = f.readline().strip().split(",")
        rows = [dict(zip(header, line.strip().split(","))) for line in f if line.strip()]
    return rows


def cpu():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("run")
    parser.add_argument("name")
    parser.add_argument("--k", type=int, default=5000, help="importance samples of the NLL (default 5000)")
    parser.add_argument("--threads", type=int, default=os.cpu_count(), help="threads of the evaluation")
    args = parser.parse_args()
    run = os.path.abspath(args.run)
    settings = read_json(os.path.join(run, "run.json"))
    if settings.get("validationExamples", 0) == 0:
        sys.exit(f"{run} has no validation split (run.json validationExamples 0): train with --validation N")
    best = read_json(os.path.join(run, "best.json"))
    registry = read_json(REGISTRY)
    entry = next((m for m in registry["models"] if m["name"] == args.name), None)
    if entry is None:
        sys.exit(f"no zoo model {args.name} in {REGISTRY}")
    with zipfile.ZipFile(os.path.join(run, "best.zip")) as z:
        provenance = json.loads(z.read("provenance.json"))
        config = json.loads(z.read("config.json"))
    if config != entry["config"]:
        sys.exit(f"{run}/best.zip was trained with another configuration than the registry's {args.name}")

    os.makedirs(WEIGHTS, exist_ok=True)
    weights = os.path.join(WEIGHTS, args.name + ".zip")
    vae("export", "--model", os.path.join(run, "best.zip"), "--out", weights)
    binarization = settings["binarization"]
    full = os.path.join(run, f"evaluation-k{args.k}.json")
    evaluate = ["evaluate", "--model", weights, "--k", str(args.k), "--limit", "10000", "--binarize", binarization,
                "--threads", str(args.threads), "--out", full]
    vae(*evaluate)
    embedded = os.path.join(run, "evaluation-embedded.json")
    vae("evaluate", "--model", weights, "--embedded", "--k", "1", "--limit", "1", "--binarize", binarization,
        "--threads", "1", "--out", embedded)
    measured = read_json(full)
    subset = read_json(embedded)
    autoencoder = measured["importanceSampledNll"] is None

    data = open(weights, "rb").read()
    rows = metrics(run)
    relative = os.path.relpath(run, ROOT)
    train = (f"bin/vae train --model {args.name} --batch-size {settings['batchSize']} --epochs {settings['epochs']} "
             f"--validation {settings['validationExamples']} --early-stopping {settings['patience']} "
             f"--binarize {binarization} --threads {provenance['threads']} --keep-last 0 --out {relative}")
    shown = " ".join(["bin/vae"] + evaluate).replace(weights, "zoo:" + args.name).replace(full, "FILE")
    entry["pretrained"] = {
        "resource": args.name + ".zip",
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
        "dataSet": f"fashion-mnist: the first {60000 - settings['validationExamples']} training images; the last "
                   f"{settings['validationExamples']} for validation; figures on the 10000 test images",
        "preprocessing": {"DYNAMIC": "dynamic binarization: pixel / 255 drawn as a Bernoulli value every epoch; the "
                                     "validation and test images binarized once",
                          "STATIC": "static binarization at 0.5",
                          "NONE": "pixels / 255 in [0, 1]"}[binarization],
        "binarization": binarization,
        "trainingCommand": train,
        "epochs": len(rows),
        "bestEpoch": best["epoch"],
        "batchSize": settings["batchSize"],
        "seed": config["seed"],
        "trainingSeconds": round(sum(float(r["seconds"]) for r in rows), 1),
        "environment": f"dl4j-vae {provenance['libraryVersion']}, ND4J {provenance['nd4jVersion']} "
                       f"{provenance['backend']} backend, {provenance['threads']} training thread(s), "
                       f"{cpu()} ({os.cpu_count()} cores), trained until "
                       f"{datetime.date.today().isoformat()}",
        "figures": {
            "testNegativeElbo": round(measured["testNegativeElbo"], 4),
            # An autoencoder (objective AE) defines no p(x): no NLL, and its "negative ELBO" is its reconstruction loss.
            "importanceSampledNll": None if autoencoder else round(measured["importanceSampledNll"], 4),
            "importanceSamples": 0 if autoencoder else measured["k"],
            "importanceExamples": 0 if autoencoder else measured["nllImages"],
            "activeUnits": measured["activeUnits"],
            "validationNegativeElbo": round(best["value"], 4),
            "embeddedSubsetNegativeElbo": subset["testNegativeElbo"],
            "evaluationCommand": shown,
        },
    }
    with open(REGISTRY, "w") as f:
        f.write(json.dumps(registry, indent=2, ensure_ascii=False))
    print(f"{args.name}: NLL {measured['importanceSampledNll']} (K={measured['k']}, {measured['nllImages']} "
          f"images), test -ELBO {measured['testNegativeElbo']:.3f}, epoch {best['epoch']} of {len(rows)}; "
          f"wrote {weights} and {REGISTRY}")


if __name__ == "__main__":
    main()
