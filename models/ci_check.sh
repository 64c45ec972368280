#!/usr/bin/env bash
# Fast CI for models/ (< 3 min): onnx checker + op subset + causality, dsl.json, committed WAVs vs
# their manifest, dataset manifest consistency, metrics criteria, a few training steps.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
"$HERE/install_deps.sh" --ci >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
cd "$HERE" && /usr/bin/python3 -W ignore -m dsl.ci_check
