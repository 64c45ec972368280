#!/bin/sh
# int8 vs float SNR (always-heavy output) per test clip at its own level, 30 and 45 dB quieter and 6 dB louder
# (clipped), for one choice of calibration options; prints each clip and the mean per level.
# usage: scripts/calibration_snr.sh WORK_DIR [dslc options, e.g. --calibration-estimator percentile]
# Run from the repository root after a Release build. Level-shifted copies go to WORK_DIR (not committed).
# One `dslc validate` per clip (validate prints the SNR of its first clip): slow (~10 s a clip).
set -eu
work=$1; shift
model=models/dsl_soundstream_s
dslc="dotnet generator/dslc/bin/Release/net10.0/dslc.dll"
for g in -30 -45 6; do
  python3 scripts/level_shift_wavs.py "$work/audio$g" "$g" $model/test/*.wav
done
for clip in $model/test/*.wav "$work"/audio-30/*.wav "$work"/audio-45/*.wav "$work"/audio6/*.wav; do
  $dslc validate -m $model -q --work "$work/validate" --force -a "$clip" "$@" | grep 'always-heavy output: SNR'
done | awk '{
  snr = $(NF-2); level = "normal";
  if ($NF ~ /_m30db/) level = "-30dB"; else if ($NF ~ /_m45db/) level = "-45dB"; else if ($NF ~ /_p6db/) level = "+6dB";
  print level, snr, $NF; sum[level] += snr; n[level]++
} END { for (l in sum) printf "mean %s: %.1f dB over %d clips\n", l, sum[l] / n[l], n[l] }'
