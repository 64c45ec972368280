#!/usr/bin/env bash
# The one command: install deps, rebuild the dataset (checked against the committed manifest),
# train (deterministic, 1 thread), export and measure into models/$NAME/.
#   models/train.sh                 # full recipe (~35 min on this machine)
#   STEPS=200 models/train.sh       # quick smoke run
# Your own audio (see models/README.md "Train on your own audio"):
#   models/train.sh --data DIR|FILE.csv [--config FILE.json] [--out DIR] [--name NAME]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
PY=/usr/bin/python3   # Debian's python with python3-torch; a pyenv python3 earlier on PATH has no torch
die() { echo "models/train.sh: error: $*" >&2; exit 2; }
DATA="" OUT="" CONFIG="" ARG_NAME=""
while [ $# -gt 0 ]; do
  case "$1" in
    --data|--out|--config|--name)
      [ $# -ge 2 ] || die "$1 needs a value"
      case "$1" in --data) DATA="$2";; --out) OUT="$2";; --config) CONFIG="$2";; --name) ARG_NAME="$2";; esac
      shift 2;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0;;
    *) die "unknown argument $1 (try --help)";;
  esac
done
# Paths are taken relative to where the user stands, before we cd.
abs() { case "$1" in /*) echo "$1";; *) echo "$PWD/$1";; esac; }
[ -z "$DATA" ] || DATA="$(abs "$DATA")"
[ -z "$OUT" ] || OUT="$(abs "$OUT")"
[ -z "$CONFIG" ] || { [ -f "$CONFIG" ] || die "$CONFIG: no such config file"; CONFIG="$(abs "$CONFIG")"; }
if [ -n "$DATA" ]; then
  [ -e "$DATA" ] || die "$DATA: no such data folder or CSV"
  # Own data needs only python3-torch/onnx/numpy, not the shipped dataset's sources.
  $PY -c "import numpy, torch, onnx" 2>/dev/null \
    || die "python3-torch / python3-onnx / python3-numpy missing for $PY: run models/install_deps.sh --ci"
else
  "$HERE/install_deps.sh"
fi
NAME="${ARG_NAME:-${NAME:-}}"
if [ -z "$NAME" ]; then
  [ -z "$CONFIG" ] || NAME="$($PY -c 'import json,sys; print(json.load(open(sys.argv[1])).get("name", ""))' "$CONFIG" 2>/dev/null || true)"
  [ -n "$NAME" ] || [ -z "$OUT" ] || NAME="$(basename "$OUT")"
  NAME="${NAME:-dsl_soundstream_s}"
fi
[ -z "$DATA" ] || [ -n "$OUT" ] || [ "$NAME" != dsl_soundstream_s ] \
  || die "models/dsl_soundstream_s is the shipped model: give --out DIR or --name NAME for a model of your data"
RUN="${RUN:-$HERE/.runs/$NAME}"
cd "$HERE"
[ -n "$DATA" ] || $PY -m dataset.build   # exits non-zero if any file differs from dataset/manifest.csv
TRAIN=(--out "$RUN") SHIP=(--ckpt "$RUN/ckpt.pt" --name "$NAME")
[ -z "$DATA" ] || { TRAIN+=(--data "$DATA"); SHIP+=(--data "$DATA"); }
[ -z "$CONFIG" ] || { TRAIN+=(--config "$CONFIG"); SHIP+=(--config "$CONFIG"); }
[ -z "$OUT" ] || SHIP+=(--out "$OUT")
[ -z "${STEPS:-}" ] || TRAIN+=(--steps "$STEPS")
rm -rf "$RUN"
$PY -m dsl.train "${TRAIN[@]}"
$PY -m dsl.ship "${SHIP[@]}"
