#!/usr/bin/env bash
# Bootstrapper: installs what is missing (scripts/setup.sh), then runs a build.cake target.
#   ./build.sh demo   generate C for the shipped model, run it in QEMU, print routes, instructions, sizes, verdict
#   ./build.sh test   everything: .NET tests, C kernel tests (host + QEMU), model checks, QEMU on every emulated board
# Other targets: build, generate, qemu, bench.
set -euo pipefail
cd "$(dirname "$0")"
target="${1:-test}"
shift || true
case "$target" in
  demo) scripts/setup.sh demo ;;
  *) scripts/setup.sh test ;;
esac
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet cake build.cake --target="$target" "$@"
