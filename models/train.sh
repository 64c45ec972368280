#!/usr/bin/env bash
# The one command: install deps, rebuild the dataset (checked against the committed manifest),
# train (deterministic, 1 thread), export and measure into models/$NAME/.
#   models/train.sh                 # full recipe (~35 min on this machine)
#   STEPS=200 models/train.sh       # quick smoke run
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
PY=/usr/bin/python3   # Debian's python with python3-torch; a pyenv python3 earlier on PATH has no torch
NAME="${NAME:-dsl_soundstream_s}"
STEPS="${STEPS:-3000}"
RUN="${RUN:-$HERE/.runs/$NAME}"
"$HERE/install_deps.sh"
cd "$HERE"
$PY -m dataset.build            # exits non-zero if any file differs from dataset/manifest.csv
rm -rf "$RUN"
$PY -m dsl.train --steps "$STEPS" --out "$RUN"
$PY -m dsl.ship --ckpt "$RUN/ckpt.pt" --name "$NAME"
