#!/usr/bin/env python3
"""PyTorch peer of the VAE benchmarks: the same MLP VAE (784-400-latent, ReLU, Bernoulli decoder, Adam 1e-3,
float32) on the same images (the first 2048 Fashion-MNIST training images, scaled to [0,1]), measured the way the
JMH benchmarks are (warm-up and measurement iterations of fixed duration, one operation = one minibatch), written in
the same JSON shape as `bin/bench run`, so `bin/bench compare` puts both in one table.

Needs PyTorch (Debian: python3-torch; install libopenblas0-openmp too, or it runs on reference BLAS, ~20x slower).
Without PyTorch it prints a message and exits with status 0 without writing results (or 3 with --require-torch).
"""
import argparse
import gzip
import json
import math
import os
import platform
import struct
import sys
import time
from datetime import datetime, timezone

FORMAT = "dl4j-vae-benchmarks/1"
EXAMPLES = 2048
IMPORTANCE_SAMPLES = 64
BENCHMARKS = ["trainStep", "encode", "decode", "negativeElbo", "importanceSampledNll"]
# Two-sided 99.9% Student t quantiles for n-1 = 1..10 degrees of freedom: JMH's score error uses the same level.
T_999 = [636.62, 31.599, 12.924, 8.610, 6.869, 5.959, 5.408, 5.041, 4.781, 4.587]


def read_images(path, count):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        magic, n, rows, cols = struct.unpack(">IIII", f.read(16))
        if magic != 2051:
            sys.exit(f"{path}: not an IDX image file (magic {magic}, expected 2051)")
        if n < count:
            sys.exit(f"{path}: holds {n} images, the benchmarks need {count}")
        data = f.read(count * rows * cols)
    return data, rows * cols


def elbo_terms(torch, encode, decode_logits, x):
    """Per-example reconstruction -log p(x|z) and analytic KL of a Bernoulli-decoder VAE, one reparameterized z."""
    mean, log_variance = encode(x)
    z = mean + torch.exp(0.5 * log_variance) * torch.randn_like(mean)
    logits = decode_logits(z)
    reconstruction = torch.nn.functional.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(1)
    kl = -0.5 * (1 + log_variance - mean.pow(2) - log_variance.exp()).sum(1)
    return reconstruction, kl


def importance_log_likelihood(torch, encode, decode_logits, x, k):
    """Importance-sampled log p(x) of a Bernoulli-decoder VAE with k samples from q(z|x) per example of x [n, D];
    decode_logits maps codes [k * n, latent] (or [k, n, latent]) to logits of the same leading shape."""
    mean, log_variance = encode(x)
    eps = torch.randn((k,) + mean.shape)
    z = mean + torch.exp(0.5 * log_variance) * eps
    logits = decode_logits(z.reshape(-1, mean.shape[1])).reshape(k, x.shape[0], -1)
    log_px_z = -torch.nn.functional.binary_cross_entropy_with_logits(
        logits, x.expand(k, -1, -1), reduction="none").sum(2)
    log_pz = -0.5 * (z.pow(2) + math.log(2 * math.pi)).sum(2)
    log_qz = -0.5 * (eps.pow(2) + log_variance + math.log(2 * math.pi)).sum(2)
    return torch.logsumexp(log_px_z + log_pz - log_qz, 0) - math.log(k)


def build(torch, latent, pixels):
    nn = torch.nn

    class Vae(nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = nn.Linear(pixels, 400)
            self.mean = nn.Linear(400, latent)
            self.log_variance = nn.Linear(400, latent)
            self.decoder = nn.Linear(latent, 400)
            self.logits = nn.Linear(400, pixels)

        def encode(self, x):
            h = torch.relu(self.encoder(x))
            return self.mean(h), self.log_variance(h)

        def decode_logits(self, z):
            return self.logits(torch.relu(self.decoder(z)))

        def negative_elbo(self, x):
            """Per-example negative ELBO with one reparameterized sample and the analytic KL."""
            reconstruction, kl = elbo_terms(torch, self.encode, self.decode_logits, x)
            return reconstruction + kl

        def log_likelihood(self, x, k):
            """Importance-sampled log p(x) with k samples from q(z|x) per example."""
            return importance_log_likelihood(torch, self.encode, self.decode_logits, x, k)

    return Vae()


def measure(operation, batch_size, warmup, iterations, seconds):
    """JMH-style throughput: ops/s per iteration of `seconds`, after `warmup` iterations; examples/s returned."""
    scores = []
    for i in range(warmup + iterations):
        ops = 0
        start = time.perf_counter()
        while True:
            operation()
            ops += 1
            elapsed = time.perf_counter() - start
            if elapsed >= seconds:
                break
        if i >= warmup:
            scores.append(ops / elapsed * batch_size)
    mean = sum(scores) / len(scores)
    if len(scores) > 1:
        sd = math.sqrt(sum((s - mean) ** 2 for s in scores) / (len(scores) - 1))
        t = T_999[min(len(scores) - 2, len(T_999) - 1)]
        error = t * sd / math.sqrt(len(scores))
    else:
        error = float("nan")
    return mean, error, len(scores)


def blas_library():
    """The BLAS shared library this process loaded, from /proc/self/maps (Linux), e.g. openblas-openmp."""
    try:
        with open("/proc/self/maps") as maps:
            names = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
        return ", ".join(sorted(names)) or "none found"
    except OSError:
        return "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--images", required=True, help="Fashion-MNIST train-images-idx3-ubyte(.gz)")
    parser.add_argument("--out", required=True, help="result file (JSON)")
    parser.add_argument("--batch-sizes", default="32,128,512,2048")
    parser.add_argument("--latent-sizes", default="2,20")
    parser.add_argument("--benchmarks", default=",".join(BENCHMARKS))
    parser.add_argument("--threads", type=int, default=0,
                        help="torch threads (default: OMP_NUM_THREADS if set, else the number of cores)")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--iterations", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=2.0, help="duration of one iteration")
    parser.add_argument("--quick", action="store_true", help="1 warm-up and 2 measurement iterations of 0.3 s")
    parser.add_argument("--require-torch", action="store_true", help="exit 3 instead of 0 without PyTorch")
    parser.add_argument("--memory", action="store_true",
                        help="instead of the throughput benchmarks: train the MLP (latent 20) at the first batch size"
                             " and record resident memory epoch by epoch, as `bin/bench memory` does")
    parser.add_argument("--epochs", type=int, default=10, help="epochs of --memory")
    parser.add_argument("--steps-per-epoch", type=int, default=200, help="steps per epoch of --memory")
    args = parser.parse_args()
    try:
        import torch
    except ImportError:
        print("pytorch_vae.py: PyTorch is not installed for " + sys.executable + "; skipping the PyTorch peer"
              " (Debian: apt-get install python3-torch libopenblas0-openmp)", file=sys.stderr)
        sys.exit(3 if args.require_torch else 0)
    benchmarks = args.benchmarks.split(",")
    unknown = [b for b in benchmarks if b not in BENCHMARKS]
    if unknown:
        sys.exit(f"unknown benchmarks {unknown}; expected some of {BENCHMARKS}")
    if args.quick:
        args.warmup, args.iterations, args.seconds = 1, 2, 0.3
    threads = args.threads or int(os.environ.get("OMP_NUM_THREADS", "0") or 0) or os.cpu_count()
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    raw, pixels = read_images(args.images, EXAMPLES)
    images = torch.frombuffer(bytearray(raw), dtype=torch.uint8).reshape(EXAMPLES, pixels).float() / 255.0

    if args.memory:
        batch = int(args.batch_sizes.split(",")[0])
        write_json(args.out, measure_memory(torch, images, pixels, batch, args.epochs, args.steps_per_epoch,
                                            environment(torch, args)))
        print(f"pytorch_vae.py: memory figures written to {args.out}", file=sys.stderr)
        return

    results = []
    for latent in [int(v) for v in args.latent_sizes.split(",")]:
        for batch in [int(v) for v in args.batch_sizes.split(",")]:
            batches = minibatches(images, batch)
            codes = list(torch.randn(EXAMPLES, latent).split(batch))
            model = build(torch, latent, pixels)
            optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
            cursor = [0]

            def next_index():
                cursor[0] = (cursor[0] + 1) % len(batches)
                return cursor[0]

            def train_step():
                optimizer.zero_grad()
                loss = model.negative_elbo(batches[next_index()]).mean()
                loss.backward()
                optimizer.step()

            def no_grad(function):
                def run():
                    with torch.no_grad():
                        function()
                return run

            operations = {
                "trainStep": train_step,
                "encode": no_grad(lambda: model.encode(batches[next_index()])),
                "decode": no_grad(lambda: torch.sigmoid(model.decode_logits(codes[next_index()]))),
                "negativeElbo": no_grad(lambda: model.negative_elbo(batches[next_index()])),
                "importanceSampledNll": no_grad(
                    lambda: model.log_likelihood(batches[next_index()], IMPORTANCE_SAMPLES)),
            }
            for name in benchmarks:
                mean, error, n = measure(operations[name], batch, args.warmup, args.iterations, args.seconds)
                print(f"pytorch {name} batch {batch} latent {latent}: {mean:,.0f} examples/s", file=sys.stderr)
                results.append({"implementation": "pytorch", "benchmark": name,
                                "params": {"batchSize": str(batch), "latentSize": str(latent), "model": "MLP"},
                                "examplesPerSecond": mean, "error": error, "iterations": n})

    write_json(args.out, {"format": FORMAT, "environment": environment(torch, args), "results": results})
    print(f"pytorch_vae.py: {len(results)} results written to {args.out}", file=sys.stderr)


def minibatches(images, batch):
    if EXAMPLES % batch:
        sys.exit(f"batch size {batch} must divide {EXAMPLES}")
    return list(images.split(batch))


def resident_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def measure_memory(torch, images, pixels, batch, epochs, steps_per_epoch, env):
    """Trains the MLP (latent 20) and records resident memory after each epoch, in the shape of the Java side's
    TrainingMemory (bin/bench memory)."""
    import resource
    batches = minibatches(images, batch)
    model = build(torch, 20, pixels)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    baseline = resident_mb()
    rows = []
    for epoch in range(1, epochs + 1):
        start = time.perf_counter()
        for step in range(steps_per_epoch):
            optimizer.zero_grad()
            loss = model.negative_elbo(batches[step % len(batches)]).mean()
            loss.backward()
            optimizer.step()
        seconds = time.perf_counter() - start
        rows.append({"epoch": epoch, "examplesPerSecond": batch * steps_per_epoch / seconds,
                     "residentMb": resident_mb()})
        print(f"pytorch memory epoch {epoch}: {rows[-1]['examplesPerSecond']:,.0f} examples/s,"
              f" resident {rows[-1]['residentMb']:.0f} MB", file=sys.stderr)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6
    return {"implementation": "pytorch", "batchSize": batch, "stepsPerEpoch": steps_per_epoch,
            "baselineMb": baseline, "peakMb": peak, "epochs": rows, "environment": env}


def write_json(path, value):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    temporary = path + ".tmp"
    with open(temporary, "w") as out:
        json.dump(value, out, indent=2)
    os.replace(temporary, path)


def environment(torch, args):
    with open("/proc/cpuinfo") as cpuinfo:
        cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")),
                   platform.processor())
    environment = {
        "timestamp": datetime.now(timezone.utc).isoformat(),
        "backend": f"PyTorch CPU threads={torch.get_num_threads()}",
        "cpu.model": cpu,
        "cpu.logicalCores": os.cpu_count(),
        "device": cpu,
        "torch.threads": torch.get_num_threads(),
        "torch.blas": blas_library(),
        "torch.config": torch.__config__.show(),
        "python": sys.executable + " " + platform.python_version(),
        "version.torch": torch.__version__,
        "benchmark.warmup": args.warmup,
        "benchmark.iterations": args.iterations,
        "benchmark.seconds": args.seconds,
        "jmh.quick": args.quick,
    }
    for variable in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "OPENBLAS_CORETYPE", "MKL_NUM_THREADS"]:
        environment["env." + variable] = os.environ.get(variable, "unset")
    return environment


if __name__ == "__main__":
    main()
