#!/usr/bin/env python3
"""Scaling with the thread count: examples/s of training (an epoch after the first), encoding (latent means of the
test split) and the test negative ELBO, for this project (`bin/vae train/evaluate --threads T`) and PyTorch's peer
(`torch.set_num_threads(T)`), at each T of --threads, alternating the two sides at each T; prints each side's
speed-up over its own 1-thread rate (or its rate at the first T given). Run by `bin/bench scaling`.
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import epochs_side_by_side as sides  # noqa: E402

MEASURES = [("training", None), ("encoding", "encodeSeconds"), ("negative ELBO", "elboSeconds")]


def rates(part):
    """Examples/s of the part's training, encoding and negative-ELBO passes."""
    inference = part["inference"]
    return {"training": 60000 / sides.steady(part["epochSeconds"]),
            "encoding": 10000 / inference["encodeSeconds"],
            "negative ELBO": 10000 / inference["elboSeconds"]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", default=",".join(str(t) for t in range(1, (os.cpu_count() or 1) + 1)),
                        help="thread counts, comma-separated (default: 1 to the number of cores)")
    parser.add_argument("--config", default="mlp-128", help="of " + ", ".join(sides.CONFIGS))
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--out-dir", default=os.path.join(sides.ROOT, "bench-results", "scaling"))
    args = parser.parse_args()
    if args.config not in sides.CONFIGS:
        sys.exit(f"scaling: unknown configuration {args.config}; expected one of {', '.join(sides.CONFIGS)}")
    model, batch = sides.CONFIGS[args.config]
    os.makedirs(args.out_dir, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")}
    counts = [int(t) for t in args.threads.split(",")]
    measured = {"project": {}, "pytorch": {}}
    for t in counts:
        run_args = argparse.Namespace(threads=t, epochs=args.epochs, inference=True, k=1, nll_images=100,
                                      data=args.data, python=args.python)
        name = f"{args.config}-{t}thread"
        print(f"{t} threads: PyTorch...", flush=True)
        measured["pytorch"][t] = rates(sides.pytorch(run_args, name, model, batch, args.out_dir, env))
        print(f"{t} threads: bin/vae...", flush=True)
        measured["project"][t] = rates(sides.project(run_args, name, model, batch, args.out_dir, env))
    lines = [f"| side | measure | " + " | ".join(f"{t} thread{'s' if t > 1 else ''} examples/s" for t in counts)
             + " | " + " | ".join(f"speed-up at {t}" for t in counts[1:]) + " |",
             "|---|---|" + "---:|" * (2 * len(counts) - 1)]
    for side in ("project", "pytorch"):
        for measure, _ in MEASURES:
            values = [measured[side][t][measure] for t in counts]
            lines.append(f"| {side} | {measure} | " + " | ".join(f"{v:,.0f}" for v in values) + " | "
                         + " | ".join(f"{v / values[0]:.2f}x" for v in values[1:]) + " |")
    markdown = "\n".join(lines) + "\n"
    with open(os.path.join(args.out_dir, "scaling.json"), "w") as f:
        json.dump({"when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "config": args.config,
                   "cores": os.cpu_count(), "epochs": args.epochs, "examplesPerSecond": measured}, f, indent=2)
    with open(os.path.join(args.out_dir, "table.md"), "w") as f:
        f.write(markdown)
    print(markdown)


if __name__ == "__main__":
    main()
