#!/bin/sh
# level_targets.sh - prints issue 10's four target figures (speech SNR, background SNR at -30..-45 dBFS, digital
# silence out, loud peaks vs float) for a model and calibration settings, on the model's test clips and its
# levels/ set (scripts/make_level_set.py). Needs a Release build (dotnet build dsl-embedded.sln -c Release).
# usage: scripts/level_targets.sh [DSL_JSON] [ESTIMATOR] [GAINS_DB] [INT16]
#   e.g. scripts/level_targets.sh models/dsl_soundstream_s/dsl.json minmax 0,6 all
# Empty arguments keep dsl.json's setting; INT16 is none, all or T1,T2,... as --int16 takes it.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 1 ] && [ -n "$1" ] && DSL_LEVEL_MODEL=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") && export DSL_LEVEL_MODEL
[ $# -ge 2 ] && [ -n "$2" ] && DSL_LEVEL_ESTIMATOR=$2 && export DSL_LEVEL_ESTIMATOR
[ $# -ge 3 ] && [ -n "$3" ] && DSL_LEVEL_GAINS_DB=$3 && export DSL_LEVEL_GAINS_DB
[ $# -ge 4 ] && [ -n "$4" ] && DSL_LEVEL_INT16=$4 && export DSL_LEVEL_INT16
cd "$root"
dotnet test dsl-embedded.sln -c Release --no-build -nologo -v q --filter "FullyQualifiedName~LevelTargetTests" \
    --logger "console;verbosity=detailed" | sed -n 's/^ *level targets: //p'
