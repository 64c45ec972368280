#!/usr/bin/env bash
# Bootstrapper: installs what is missing (scripts/setup.sh), then runs a build.cake target.
#   ./build.sh demo   generate C for the shipped model, run it in QEMU, print routes, instructions, sizes, verdict
#                     (--model=<name> picks another shipped model, e.g. the gate model gc_kws_s)
#   ./build.sh test   everything: .NET tests, C kernel tests (host + QEMU), model checks, QEMU on every emulated board
# Other targets: build, generate, qemu, bench.
set -euo pipefail
cd "$(dirname "$0")"
target="${1:-test}"
case "$target" in
  -h|--help|help)
    # Help only: no setup, no build.
    cat <<'USAGE'
Usage: ./build.sh [target] [cake options]   (default target: test)

Targets:
  build          dotnet build of the solution (Release)
  unit           build, then the xunit tests (compiler, emitter, boards, QEMU harness)
  kernels        C kernel tests on the host and under QEMU
  models         models/ check (onnx checker, manifest, a few training steps)
  validate-host  every model bit-exact on host gcc (both rounding rules)
  generate       generate + memory fit check of every model for every board
  qemu           every model bit-exact on every emulated board under QEMU
  test           all of the above: unit, kernels, models, validate-host, generate, qemu
  demo           generate C for the shipped model, run it in QEMU, print routes, instructions, sizes, verdict
                 (--model=NAME: another model under models/, or a folder with dsl.json)
  bench          QEMU benchmark of each shipped model (BENCHMARKS.md and .json; BENCHMARKS-<model>.md for the others)
  kernel-bench   the six-shape kernel benchmark (QEMU M3/M4/M55), both rounding rules

./build.sh installs what is missing first (scripts/setup.sh), then runs the target through Cake.
Examples:
  ./build.sh demo
  ./build.sh demo --model=gc_kws_s
  ./build.sh test > build.log 2>&1
USAGE
    exit 0 ;;
esac
shift || true
case "$target" in
  demo) scripts/setup.sh demo ;;
  *) scripts/setup.sh test ;;
esac
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Colour only on a terminal: a log file or CI log gets no ANSI escapes (Cake and dotnet honour NO_COLOR;
# Cake would otherwise colour by TERM or CI vendor, not by whether stdout is a terminal).
if [ ! -t 1 ]; then
  export NO_COLOR=1 MSBUILDTERMINALLOGGER=off
fi
exec dotnet cake build.cake --target="$target" "$@"
