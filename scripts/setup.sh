#!/usr/bin/env bash
# Installs what dsl-embedded needs on a fresh Debian/Ubuntu machine (idempotent: skips what is there).
#   scripts/setup.sh demo   Arm toolchain (gcc-arm-none-eabi + newlib) and qemu-system-arm
#   scripts/setup.sh test   the same plus Debian's python3-torch / python3-onnx for the models/ checks
# and the .NET local tools (cake). apt needs root: run as root, or with sudo available.
set -euo pipefail
cd "$(dirname "$0")/.."
need="${1:-test}"

packages="gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm gcc g++ make cmake"
[ "$need" = "test" ] && packages="$packages python3 python3-numpy python3-torch python3-onnx"

missing=""
for p in $packages; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done

if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    sudo=""
  elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
  else
    echo "setup: these Debian packages are missing and installing them needs root:$missing" >&2
    echo "setup: run: sudo apt-get install -y --no-install-recommends$missing" >&2
    exit 1
  fi
  echo "setup: installing$missing (apt, about a minute)"
  $sudo apt-get update -qq
  # A first attempt sometimes fails with a transient dpkg archive error: retry once.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null \
    || DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

command -v dotnet >/dev/null 2>&1 || { echo "setup: the .NET 10 SDK (dotnet) is not on PATH; install it first" >&2; exit 1; }
dotnet tool restore >/dev/null
echo "setup: ok"
