#!/usr/bin/env bash
# Trains zoo models of the VAE family for the same number of epochs on the full Fashion-MNIST and evaluates each
# on the test split: negative ELBO (all 10,000 images), importance-sampled NLL (K = 1000, first 1,000 images),
# active units; seconds per epoch from metrics.csv. Writes OUT/MODEL/ runs and OUT/table.md.
#   docs/family/measure.sh [OUT] [EPOCHS]        (default runs/family, 10; MODELS="a b" picks models;
#                                                  TABLE_ONLY=1 only writes the table of runs already in OUT)
# Bernoulli models see dynamically binarized images (seeded; the test split is binarized the same way by
# 'vae evaluate'); the Gaussian model sees grey levels in [0,1]. vae-2x300-z40 trains at batch 100 as in its paper.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(realpath -m "${1:-$root/runs/family}")"
epochs="${2:-10}"
models="${MODELS:-pytorch-example-mlp400 vae-2x300-z40 beta4-vae-mlp400 warmup-vae-mlp400 cyclical-vae-mlp400
  capacity-vae-mlp400 free-bits-vae-mlp400 kingma-welling-2013-mlp500 cvae-mlp400 gaussian-mlp400 iwae-mlp400
  conv-28x28}"
mkdir -p "$out"

json_number() {  # json_number FILE FIELD: the number after "FIELD" : in a pretty-printed JSON file
  sed -n "s/^ *\"$2\" : \\([-0-9.eE]*\\).*/\\1/p" "$1" | head -1
}

for model in $models; do
  [[ "${TABLE_ONLY:-0}" == 1 ]] && break
  args=(--model "$model" --epochs "$epochs" --out "$out/$model" --force)
  case "$model" in
    gaussian-*) ;;
    vae-2x300-z40) args+=(--binarize DYNAMIC --batch-size 100) ;;
    *) args+=(--binarize DYNAMIC) ;;
  esac
  echo "== $model: bin/vae train ${args[*]}" >&2
  "$root/bin/vae" train "${args[@]}" >"$out/$model.train.log" 2>&1
  "$root/bin/vae" evaluate --model "$out/$model/model.zip" --k 1000 --limit 1000 >"$out/$model.evaluate.log" 2>&1
done

{
  echo "| model | test -ELBO | NLL, K=1000 | active units | s/epoch |"
  echo "|---|---:|---:|---:|---:|"
  for model in $models; do
    report="$out/$model/evaluation.json"
    [[ -f "$report" ]] || continue
    seconds="$(awk -F, 'NR > 1 { s += $9; n++ } END { printf "%.1f", s / n }' "$out/$model/metrics.csv")"
    printf '| %s | %.2f | %.2f | %s / %s | %s |\n' "$model" "$(json_number "$report" testNegativeElbo)" \
        "$(json_number "$report" importanceSampledNll)" "$(json_number "$report" activeUnits)" \
        "$(json_number "$report" latentSize)" "$seconds"
  done
} >"$out/table.md"
cat "$out/table.md"
