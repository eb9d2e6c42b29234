#!/usr/bin/env bash
# The generation table: trains the autoencoder, the VAE, beta-VAE and the convolutional VAE of the zoo for the same
# epochs on the full Fashion-MNIST (dynamically binarized, seeded), then measures each sampler's 10,000 images
# against the 10,000 test images in the shipped classifier's features (Frechet distance, precision, recall; 'vae
# evaluate --quality') and, for the VAEs, the importance-sampled NLL (K = 1000, first 1,000 test images); and draws a
# 64-image grid per row. Writes OUT/MODEL/ runs, OUT/MODEL-SAMPLER.json reports, OUT/MODEL-SAMPLER.png and
# OUT/table.md.
#   docs/generation/measure.sh [OUT] [EPOCHS]     (default runs/generation, 10; MODELS="a b" picks models;
#                                                   TABLE_ONLY=1 only writes the table of reports already in OUT)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(realpath -m "${1:-$root/runs/generation}")"
epochs="${2:-10}"
models="${MODELS:-ae-mlp400 pytorch-example-mlp400 beta4-vae-mlp400 conv-28x28}"
mkdir -p "$out"

# The samplers of each model: the prior for every model (an autoencoder's N(0, I) draws show why it alone does not
# generate) and a 10-component mixture fitted by EM to the training codes for the autoencoder and the VAE.
samplers() {
  case "$1" in
    ae-mlp400 | pytorch-example-mlp400) echo "prior gmm:10" ;;
    *) echo "prior" ;;
  esac
}

json_number() {  # json_number FILE FIELD: the first number after "FIELD" : in a pretty-printed JSON file
  sed -n "s/^ *\"$2\" : \\([-0-9.eE]*\\).*/\\1/p" "$1" | head -1
}

for model in $models; do
  [[ "${TABLE_ONLY:-0}" == 1 ]] && break
  echo "== $model: bin/vae train --model $model --epochs $epochs --binarize DYNAMIC" >&2
  "$root/bin/vae" train --model "$model" --epochs "$epochs" --binarize DYNAMIC --out "$out/$model" --force \
      --keep-last 0 >"$out/$model.train.log" 2>&1
  for sampler in $(samplers "$model"); do
    name="$model-${sampler/:/}"
    echo "== $model: bin/vae evaluate --quality --sampler $sampler" >&2
    "$root/bin/vae" evaluate --model "$out/$model" --k 1000 --limit 1000 --quality --sampler "$sampler" \
        --out "$out/$name.json" >"$out/$name.log" 2>&1
    "$root/bin/vae" sample --model "$out/$model" --sampler "$sampler" --count 64 --columns 16 \
        --out "$out/$name.png" >>"$out/$name.log" 2>&1
  done
done

{
  echo "| model | sampler | Frechet distance | precision | recall | NLL, K=1000 (nats) | samples |"
  echo "|---|---|---:|---:|---:|---:|---|"
  for model in $models; do
    for sampler in $(samplers "$model"); do
      name="$model-${sampler/:/}"
      report="$out/$name.json"
      [[ -f "$report" ]] || continue
      nll="$(json_number "$report" importanceSampledNll)"
      nll="$([[ -n "$nll" ]] && printf '%.2f' "$nll" || echo 'undefined (AE)')"
      printf '| %s | %s | %.2f | %.3f | %.3f | %s | ![%s](%s.png) |\n' "$model" "$sampler" \
          "$(json_number "$report" frechetDistance)" "$(json_number "$report" precision)" \
          "$(json_number "$report" recall)" "$nll" "$name" "$name"
    done
  done
} >"$out/table.md"
cat "$out/table.md"
