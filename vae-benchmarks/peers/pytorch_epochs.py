#!/usr/bin/env python3
"""PyTorch peer of `bin/vae train` and `bin/vae evaluate`: whole epochs over Fashion-MNIST with the same model and
loop (784-400-20 MLP or the zoo's conv-28x28, Bernoulli decoder on grey levels in [0, 1], one reparameterized sample,
analytic KL, loss = mean over the minibatch, Adam 1e-3, a fresh shuffle per epoch), timed the way `bin/vae train`
times an epoch (the training loop alone: the `seconds` of metrics.csv); then, with --inference, the passes of
`bin/vae evaluate` over the test split (negative ELBO and latent means in batches of 500, importance-sampled NLL in
batches of 100). Writes one JSON file. Threads: PyTorch's default (every core) unless --threads is given.

Needs PyTorch (Debian: python3-torch with libopenblas0-openmp).
"""
import argparse
import json
import os
import platform
import resource
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_vae import blas_library, elbo_terms, importance_log_likelihood, read_images  # noqa: E402

TEST_BATCH = 500
NLL_BATCH = 100


def build(torch, model, latent=20):
    nn = torch.nn

    if model == "mlp":
        encoder = nn.Sequential(nn.Flatten(), nn.Linear(784, 400), nn.ReLU())
        width = 400
        decoder = nn.Sequential(nn.Linear(latent, 400), nn.ReLU(), nn.Linear(400, 784))
    else:
        encoder = nn.Sequential(
            nn.Unflatten(1, (1, 28, 28)),
            nn.Conv2d(1, 32, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.ReLU(),
            nn.Flatten(), nn.Linear(3136, 256), nn.ReLU())
        width = 256
        decoder = nn.Sequential(
            nn.Linear(latent, 256), nn.ReLU(), nn.Linear(256, 3136), nn.ReLU(), nn.Unflatten(1, (64, 7, 7)),
            nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(64, 32, 3, padding=1), nn.ReLU(),
            nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(32, 1, 3, padding=1), nn.Flatten())

    class Vae(nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = encoder
            self.mean = nn.Linear(width, latent)
            self.log_variance = nn.Linear(width, latent)
            self.decoder = decoder

        def encode(self, x):
            h = self.encoder(x)
            return self.mean(h), self.log_variance(h)

        def terms(self, x):
            return elbo_terms(torch, self.encode, self.decoder, x)

        def log_likelihood(self, x, k):
            return importance_log_likelihood(torch, self.encode, self.decoder, x, k)

    return Vae()


def load(torch, path):
    data, pixels = read_images(path, count_of(path))
    return torch.frombuffer(bytearray(data), dtype=torch.uint8).reshape(-1, pixels).float() / 255.0


def count_of(path):
    import gzip
    import struct
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        return struct.unpack(">IIII", f.read(16))[1]


def train_epoch(torch, model, optimizer, train, batch, binarize=False):
    """One epoch of Adam steps over a fresh permutation of train (each minibatch drawn as Bernoulli values first
    when binarize); returns the mean training loss and the seconds of the loop."""
    order = torch.randperm(train.shape[0])
    loss_sum = 0.0
    start = time.perf_counter()
    for i in range(0, train.shape[0], batch):
        x = train[order[i:i + batch]]
        if binarize:
            x = torch.bernoulli(x)
        reconstruction, kl = model.terms(x)
        loss = (reconstruction + kl).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        loss_sum += float(loss) * x.shape[0]
    return loss_sum / train.shape[0], time.perf_counter() - start


def timed_pass(torch, data, batch, work):
    start = time.perf_counter()
    total = 0.0
    with torch.no_grad():
        for i in range(0, data.shape[0], batch):
            total += float(work(data[i:i + batch]))
    seconds = time.perf_counter() - start
    return total / data.shape[0], seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--model", choices=["mlp", "conv"], default="mlp")
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--threads", type=int, default=0, help="torch.set_num_threads (default: PyTorch's own)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--inference", action="store_true", help="time evaluate's passes over the test split")
    parser.add_argument("--k", type=int, default=100, help="importance samples of the NLL pass")
    parser.add_argument("--nll-images", type=int, default=1000)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    try:
        import torch
    except ImportError:
        sys.exit("pytorch_epochs: PyTorch is not installed (Debian: apt-get install python3-torch "
                 "libopenblas0-openmp)")
    default_threads = torch.get_num_threads()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    train = load(torch, os.path.join(args.data, "train-images-idx3-ubyte.gz"))
    test = load(torch, os.path.join(args.data, "t10k-images-idx3-ubyte.gz"))
    model = build(torch, args.model)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    epochs = []
    for epoch in range(1, args.epochs + 1):
        loss, seconds = train_epoch(torch, model, optimizer, train, args.batch_size)
        epochs.append({"epoch": epoch, "seconds": seconds, "examplesPerSecond": train.shape[0] / seconds,
                       "loss": loss})
        print(f"epoch {epoch}: loss {loss:.3f} in {seconds:.2f} s", flush=True)
    result = {
        "implementation": "pytorch", "model": args.model, "batchSize": args.batch_size, "epochs": epochs,
        "threads": torch.get_num_threads(), "defaultThreads": default_threads, "torch": torch.__version__, "blas": blas_library(),
        "python": platform.python_version(), "ompNumThreads": os.environ.get("OMP_NUM_THREADS", "unset"),
    }
    if args.inference:
        model.eval()
        elbo, elbo_seconds = timed_pass(torch, test, TEST_BATCH, lambda x: sum(t.sum() for t in model.terms(x)))
        _, encode_seconds = timed_pass(torch, test, TEST_BATCH, lambda x: model.encode(x)[0].sum())
        images = test[:args.nll_images]
        nll, nll_seconds = timed_pass(torch, images, NLL_BATCH, lambda x: -model.log_likelihood(x, args.k).sum())
        result["inference"] = {
            "testNegativeElbo": elbo, "elboSeconds": elbo_seconds, "elboExamplesPerSecond": test.shape[0] / elbo_seconds,
            "encodeSeconds": encode_seconds, "encodeExamplesPerSecond": test.shape[0] / encode_seconds,
            "nll": nll, "k": args.k, "nllImages": images.shape[0], "nllSeconds": nll_seconds,
            "nllExamplesPerSecond": images.shape[0] / nll_seconds,
        }
        print(f"test -ELBO {elbo:.3f} ({elbo_seconds:.2f} s), encode {encode_seconds:.2f} s, "
              f"NLL K={args.k} {nll:.3f} ({nll_seconds:.2f} s)", flush=True)
    result["peakResidentMiB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    with open(args.out, "w") as f:
        json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
