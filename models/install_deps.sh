#!/usr/bin/env bash
# Installs what models/ needs on a fresh Debian 12 machine (idempotent: skips what is present).
# apt: torch/onnx/numpy for /usr/bin/python3, decoders and audio sources; npm: Sonic Pi samples.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
PKGS="python3 python3-numpy python3-torch python3-onnx ffmpeg sox libsox-fmt-all espeak-ng flite
asterisk-core-sounds-en-g722 asterisk-core-sounds-es-g722 asterisk-core-sounds-fr-g722
asterisk-moh-opsound-g722"
[ "${1:-}" = "--ci" ] && PKGS="python3 python3-numpy python3-torch python3-onnx"
missing=""
for p in $PKGS; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
# npm may come from a nodejs build that is not Debian's npm package: only ask apt if absent.
[ "${1:-}" = "--ci" ] || command -v npm >/dev/null 2>&1 || missing="$missing npm"
if [ -n "$missing" ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi
if [ "${1:-}" != "--ci" ]; then
  NPM="$HERE/.data/npm"
  if [ ! -d "$NPM/node_modules/supersonic-scsynth-samples/samples" ]; then
    mkdir -p "$NPM"
    (cd "$NPM" && npm install --no-save --no-audit --no-fund --prefix . supersonic-scsynth-samples@0.84.2)
  fi
fi
echo "deps ok"
