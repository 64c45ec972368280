#!/usr/bin/env bash
# Fast CI for models/ (< 5 min): the DSL model (onnx checker + op subset + causality, dsl.json, committed
# WAVs vs their manifest, dataset manifest consistency, metrics criteria, a few training steps, own data)
# and the Gated Compression model (gated/ci_check.py). Exit status non-zero if any check failed.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
"$HERE/install_deps.sh" --ci >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
cd "$HERE" && /usr/bin/python3 -W ignore -m dsl.ci_check
rc=$?
# MODEL_DIR/MODEL_NAME name a DSL model of the user's; the GC checks then run only when asked (GC_MODEL_DIR).
if [ -z "${MODEL_DIR:-}" ] || [ -n "${GC_MODEL_DIR:-}" ]; then
  MODEL_DIR="${GC_MODEL_DIR:-}" /usr/bin/python3 -W ignore -m gated.ci_check || rc=1
fi
exit $rc
