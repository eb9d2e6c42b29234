#!/usr/bin/env python3
"""The PyTorch twin of the zoo's converged pytorch-example-mlp400: the same model (784-400-20 ReLU MLP, Bernoulli
decoder, analytic KL, one reparameterized sample, Adam 1e-3, batch 128) trained the way the zoo trains it
(`bin/vae train --model pytorch-example-mlp400 --batch-size 128 --validation 10000 --early-stopping 50 --binarize
DYNAMIC`): the first 50,000 training images, binarized afresh every epoch; the last 10,000 as the validation split,
binarized once; early stopping once the validation negative ELBO has not improved for 50 epochs; the best epoch's
weights kept. Then the test figures of those weights: the negative ELBO and the importance-sampled NLL with K samples
over all 10,000 test images (binarized once), as `bin/vae evaluate --k 5000 --limit 10000` measures the zoo's.

Resumable across sessions: every epoch writes WORK/checkpoint.pt (weights, Adam's state, the best weights, the
random state, the learning curve) atomically, and a rerun with the same WORK continues from it. Writes OUT (JSON):
the figures, the learning curve and the environment.

Needs PyTorch (Debian: python3-torch with libopenblas0-openmp).
"""
import argparse
import json
import math
import os
import platform
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_epochs import build, load, train_epoch  # noqa: E402
from pytorch_vae import blas_library, importance_log_likelihood  # noqa: E402

VALIDATION = 10000
EVALUATION_BATCH = 500
NLL_BATCH = 100
NLL_CHUNK = 500


def binarized_once(torch, images, seed):
    generator = torch.Generator().manual_seed(seed)
    return torch.bernoulli(images, generator=generator)


def negative_elbo(torch, model, data):
    total = 0.0
    with torch.no_grad():
        for i in range(0, data.shape[0], EVALUATION_BATCH):
            reconstruction, kl = model.terms(data[i:i + EVALUATION_BATCH])
            total += float((reconstruction + kl).sum())
    return total / data.shape[0]


def nll(torch, model, data, k):
    """-log p(x) by importance sampling, K samples per image in chunks of NLL_CHUNK, mean over the images."""
    total = 0.0
    with torch.no_grad():
        for i in range(0, data.shape[0], NLL_BATCH):
            x = data[i:i + NLL_BATCH]
            parts = []
            for start in range(0, k, NLL_CHUNK):
                size = min(NLL_CHUNK, k - start)
                parts.append(importance_log_likelihood(torch, model.encode, model.decoder, x, size) + math.log(size))
            total -= float((torch.logsumexp(torch.stack(parts), 0) - math.log(k)).sum())
    return total / data.shape[0]


def save(torch, state, path):
    temporary = path + ".tmp"
    torch.save(state, temporary)
    os.replace(temporary, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--work", required=True, help="folder of the resumable checkpoint")
    parser.add_argument("--out", required=True, help="JSON file of the figures")
    parser.add_argument("--max-epochs", type=int, default=2000)
    parser.add_argument("--patience", type=int, default=50)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--k", type=int, default=5000)
    parser.add_argument("--threads", type=int, default=0, help="torch.set_num_threads (default: PyTorch's own)")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    import torch
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    images = load(torch, os.path.join(args.data, "train-images-idx3-ubyte.gz"))
    train, validation = images[:-VALIDATION], binarized_once(torch, images[-VALIDATION:], args.seed + 2)
    test = binarized_once(torch, load(torch, os.path.join(args.data, "t10k-images-idx3-ubyte.gz")), args.seed + 1)
    torch.manual_seed(args.seed)
    model = build(torch, "mlp")
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    os.makedirs(args.work, exist_ok=True)
    checkpoint = os.path.join(args.work, "checkpoint.pt")
    state = {"epoch": 0, "best": math.inf, "bestEpoch": 0, "bestWeights": None, "curve": []}
    if os.path.exists(checkpoint):
        state = torch.load(checkpoint)
        model.load_state_dict(state["weights"])
        optimizer.load_state_dict(state["optimizer"])
        torch.set_rng_state(state["rng"])
        print(f"resuming after epoch {state['epoch']} (best {state['best']:.3f} at {state['bestEpoch']})", flush=True)
    while state["epoch"] < args.max_epochs and state["epoch"] - state["bestEpoch"] < args.patience:
        epoch = state["epoch"] + 1
        model.train()
        loss, seconds = train_epoch(torch, model, optimizer, train, args.batch_size, binarize=True)
        model.eval()
        validated = negative_elbo(torch, model, validation)
        if validated < state["best"]:
            state.update(best=validated, bestEpoch=epoch,
                         bestWeights={name: value.clone() for name, value in model.state_dict().items()})
        state["curve"].append({"epoch": epoch, "trainLoss": loss,
                               "validationNegativeElbo": validated, "seconds": seconds})
        state.update(epoch=epoch, weights=model.state_dict(), optimizer=optimizer.state_dict(),
                     rng=torch.get_rng_state())
        save(torch, state, checkpoint)
        print(f"epoch {epoch}: loss {loss:.3f}, validation -ELBO {validated:.3f} "
              f"(best {state['best']:.3f} at {state['bestEpoch']}), {seconds:.1f} s", flush=True)
    model.load_state_dict(state["bestWeights"])
    model.eval()
    torch.manual_seed(args.seed + 3)
    test_elbo = negative_elbo(torch, model, test)
    start = time.perf_counter()
    test_nll = nll(torch, model, test, args.k)
    nll_seconds = time.perf_counter() - start
    result = {
        "model": "pytorch-example-mlp400 (PyTorch twin)", "epochs": state["epoch"], "bestEpoch": state["bestEpoch"],
        "validationNegativeElbo": state["best"], "testNegativeElbo": test_elbo, "importanceSampledNll": test_nll,
        "importanceSamples": args.k, "importanceExamples": test.shape[0], "nllSeconds": nll_seconds,
        "trainingSeconds": sum(row["seconds"] for row in state["curve"]), "curve": state["curve"],
        "threads": torch.get_num_threads(), "torch": torch.__version__, "blas": blas_library(),
        "python": platform.python_version(),
    }
    with open(args.out, "w") as f:
        json.dump(result, f, indent=2)
    print(f"best epoch {state['bestEpoch']} of {state['epoch']}: test -ELBO {test_elbo:.3f}, NLL (K={args.k}) "
          f"{test_nll:.3f}; wrote {args.out}", flush=True)


if __name__ == "__main__":
    main()
