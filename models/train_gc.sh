#!/usr/bin/env bash
# The Gated Compression recipe in one command: install deps, rebuild the DSL dataset (its backgrounds;
# checked against the committed manifest), build the word bank, train gate + classifier (<= 35 min on
# 2 threads), choose the gate threshold, export and measure into models/$NAME/ (default gc_kws_s).
#   models/train_gc.sh                       # the shipped recipe (configs/gc_kws_s.json)
#   STEPS=200 models/train_gc.sh --out /tmp/gc_try     # quick smoke run
#   models/train_gc.sh --config my.json --out DIR      # fields of my.json override the shipped config
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
PY=/usr/bin/python3   # Debian's python with python3-torch; a pyenv python3 earlier on PATH has no torch
die() { echo "models/train_gc.sh: error: $*" >&2; exit 2; }
OUT="" CONFIG=""
while [ $# -gt 0 ]; do
  case "$1" in
    --out|--config)
      [ $# -ge 2 ] || die "$1 needs a value"
      case "$1" in --out) OUT="$2";; --config) CONFIG="$2";; esac
      shift 2;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0;;
    *) die "unknown argument $1 (try --help)";;
  esac
done
abs() { case "$1" in /*) echo "$1";; *) echo "$PWD/$1";; esac; }
[ -z "$OUT" ] || OUT="$(abs "$OUT")"
[ -z "$CONFIG" ] || { [ -f "$CONFIG" ] || die "$CONFIG: no such config file"; CONFIG="$(abs "$CONFIG")"; }
"$HERE/install_deps.sh"
cd "$HERE"
NAME="$($PY -c 'import sys; from gated import config; print(config.load(sys.argv[1] or None)["name"])' "$CONFIG")" \
  || die "cannot read the config (see the line above)"
RUN="${RUN:-$HERE/.runs/$NAME}"
$PY -m dataset.build   # exits non-zero if any file differs from dataset/manifest.csv
TRAIN=(--out "$RUN") SHIP=(--ckpt "$RUN/ckpt.pt")
[ -z "$CONFIG" ] || TRAIN+=(--config "$CONFIG")
[ -z "$OUT" ] || SHIP+=(--out "$OUT")
[ -z "${STEPS:-}" ] || TRAIN+=(--steps "$STEPS")
rm -rf "$RUN"
$PY -m gated.train "${TRAIN[@]}"
$PY -W ignore -m gated.ship "${SHIP[@]}"
