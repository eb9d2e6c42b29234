#!/usr/bin/env python3
"""Whole epochs side by side: for each configuration, PyTorch's peer (pytorch_epochs.py) and then `bin/vae train`
(and, with --inference, `bin/vae evaluate` against the peer's passes over the test split), one after the other, each
with its own default threads (neither is told a thread count unless --threads is given), in fresh processes. Writes
the parts and a Markdown table of epoch seconds (mean over the epochs after the first, which holds both sides'
warm-up), examples/s, their ratio and each side's peak resident memory.

Run by `bin/bench epochs`; see docs/benchmarks.md.
"""
import argparse
import csv
import json
import os
import platform
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CONFIGS = {"mlp-128": ("mlp", 128), "mlp-512": ("mlp", 512), "conv-128": ("conv", 128)}


def run(command, env, log):
    """Runs command, returns (exit status, peak resident MiB of that process and its children)."""
    with open(log, "w") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"epochs: {' '.join(command)} failed with status {code}; see {log}")
    return usage.ru_maxrss / 1024.0


def steady(seconds):
    """Mean epoch seconds after the first (the first holds JIT and allocator warm-up); the only one if just one."""
    rest = seconds[1:] or seconds
    return sum(rest) / len(rest)


def pytorch(args, name, model, batch, directory, env):
    out = os.path.join(directory, f"{name}-pytorch.json")
    command = [args.python, os.path.join(HERE, "pytorch_epochs.py"), "--data", args.data, "--model", model,
               "--batch-size", str(batch), "--epochs", str(args.epochs), "--out", out,
               "--k", str(args.k), "--nll-images", str(args.nll_images)]
    threads = args.threads or getattr(args, "pytorch_threads", 0)
    if threads:
        command += ["--threads", str(threads)]
    if args.inference:
        command.append("--inference")
    peak = run(command, env, out + ".log")
    with open(out) as f:
        result = json.load(f)
    seconds = [e["seconds"] for e in result["epochs"]]
    part = {"side": "pytorch", "threads": result["threads"], "defaultThreads": result["defaultThreads"],
            "epochSeconds": seconds, "peakResidentMiB": peak,
            "blas": result["blas"], "version": result["torch"]}
    if args.inference:
        part["inference"] = result["inference"]
    return part


def project(args, name, model, batch, directory, env):
    run_dir = os.path.join(directory, f"{name}-project")
    command = [os.path.join(ROOT, "bin", "vae"), "train", "--epochs", str(args.epochs), "--batch-size", str(batch),
               "--data", args.data, "--out", run_dir, "--force", "--keep-last", "0"]
    if model == "conv":
        command += ["--model", "conv-28x28"]
    if args.threads:
        command += ["--threads", str(args.threads)]
    peak = run(command, env, run_dir + ".log")
    with open(os.path.join(run_dir, "metrics.csv")) as f:
        seconds = [float(row["seconds"]) for row in csv.DictReader(f)]
    with open(os.path.join(run_dir, "run.json")) as f:
        settings = json.load(f)
    part = {"side": "project", "epochSeconds": seconds, "peakResidentMiB": peak, "threads": threads_of(run_dir),
            "run": settings}
    if args.inference:
        report = os.path.join(run_dir, "evaluation.json")
        command = [os.path.join(ROOT, "bin", "vae"), "evaluate", "--model", run_dir, "--data", args.data,
                   "--k", str(args.k), "--limit", str(args.nll_images), "--out", report]
        if args.threads:
            command += ["--threads", str(args.threads)]
        part["inferencePeakResidentMiB"] = run(command, env, report + ".log")
        with open(report) as f:
            evaluation = json.load(f)
        part["inference"] = {
            "testNegativeElbo": evaluation["testNegativeElbo"], "elboSeconds": evaluation["negativeElboSeconds"],
            "encodeSeconds": evaluation["latentMeansSeconds"], "nll": evaluation["importanceSampledNll"],
            "nllSeconds": evaluation["nllSeconds"], "threads": evaluation["threads"],
        }
    return part


def threads_of(run_dir):
    import zipfile
    with zipfile.ZipFile(os.path.join(run_dir, "model.zip")) as archive:
        return json.loads(archive.read("provenance.json")).get("threads", 0)


def table(results, args):
    lines = ["| configuration | project threads | PyTorch threads | project s/epoch | PyTorch s/epoch | "
             "project examples/s | PyTorch examples/s | PyTorch time / project time | project peak MiB | "
             "PyTorch peak MiB |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in results:
        p, t = row["project"], row["pytorch"]
        ps, ts = steady(p["epochSeconds"]), steady(t["epochSeconds"])
        lines.append(f"| {row['name']} (round {row['round']}) | {p['threads']} | {t['threads']} | {ps:.2f} | "
                     f"{ts:.2f} | {60000 / ps:,.0f} | {60000 / ts:,.0f} | {ts / ps:.2f}x | "
                     f"{p['peakResidentMiB']:,.0f} | {t['peakResidentMiB']:,.0f} |")
    if args.inference:
        lines += ["", "| configuration | pass | project examples/s | PyTorch examples/s | PyTorch time / project "
                      "time |", "|---|---|---:|---:|---:|"]
        for row in results:
            p, t = row["project"]["inference"], row["pytorch"]["inference"]
            for label, key, count in [("test negative ELBO", "elboSeconds", 10000),
                                      ("latent means", "encodeSeconds", 10000),
                                      (f"NLL K={args.k}", "nllSeconds", args.nll_images)]:
                lines.append(f"| {row['name']} (round {row['round']}) | {label} | {count / p[key]:,.0f} | "
                             f"{count / t[key]:,.0f} | {t[key] / p[key]:.2f}x |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--configs", default="mlp-128,mlp-512,conv-128", help="of " + ", ".join(CONFIGS))
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=1, help="times each configuration is run, alternating")
    parser.add_argument("--threads", type=int, default=0, help="both sides' threads (default: each one's own)")
    parser.add_argument("--pytorch-threads", type=int, default=os.cpu_count(),
                        help="PyTorch's threads (default: every core; 0: PyTorch's own default, which is the number "
                             "of physical cores its cpuinfo finds, 1 on some virtual machines)")
    parser.add_argument("--inference", action="store_true", help="also evaluate's passes over the test split")
    parser.add_argument("--k", type=int, default=100)
    parser.add_argument("--nll-images", type=int, default=1000)
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--out-dir", default=os.path.join(ROOT, "bench-results", "epochs"))
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")}
    results = []
    for round_ in range(1, args.rounds + 1):
        for name in args.configs.split(","):
            if name not in CONFIGS:
                sys.exit(f"epochs: unknown configuration {name}; expected one of {', '.join(CONFIGS)}")
            model, batch = CONFIGS[name]
            print(f"round {round_}: {name}: PyTorch...", flush=True)
            t = pytorch(args, name, model, batch, args.out_dir, env)
            print(f"round {round_}: {name}: bin/vae...", flush=True)
            p = project(args, name, model, batch, args.out_dir, env)
            results.append({"name": name, "round": round_, "project": p, "pytorch": t})
            print(f"  project {steady(p['epochSeconds']):.2f} s/epoch, PyTorch {steady(t['epochSeconds']):.2f}",
                  flush=True)
    report = {"when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "machine": platform.processor()
              or platform.machine(), "cores": os.cpu_count(), "epochs": args.epochs, "results": results}
    with open(os.path.join(args.out_dir, "epochs.json"), "w") as f:
        json.dump(report, f, indent=2)
    markdown = table(results, args)
    with open(os.path.join(args.out_dir, "table.md"), "w") as f:
        f.write(markdown)
    print(markdown)


if __name__ == "__main__":
    main()
