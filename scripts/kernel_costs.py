#!/usr/bin/env python3
"""Instructions per unit of work of each kernel op, per kernel variant, from the per-step profile of
BENCHMARKS.json (./build.sh bench): the measured figures of generator/Dsl.Compiler/Precision/kernel-costs.json.
Units: MACs for steps with MACs; elements for add/mul/lut/curve/rescale; bytes for copy_bytes and history_shift.
Usage: scripts/kernel_costs.py [BENCHMARKS.json]"""
import collections
import json
import re
import sys

VARIANT = {"mps2-an385": "portable", "mps2-an386": "dsp", "mps3-an547": "mve"}


def units(step):
    op, shape = step["op"], step["shape"]
    if step["macs_per_call"] > 0:
        return step["macs_per_call"]
    if op == "copy_bytes":
        return int(shape.split()[0])
    if op == "history_shift":
        return sum(int(x) for x in shape.split()[0].split("+"))
    if op.startswith(("lut_", "curve_")):
        return int(shape)
    m = re.match(r"(\d+)x(\d+)", shape)
    return int(m[1]) * int(m[2])


def main():
    bench = json.load(open(sys.argv[1] if len(sys.argv) > 1 else "BENCHMARKS.json"))
    sums = collections.defaultdict(lambda: [0.0, 0])
    for path in bench["paths"]:
        if path["board"] not in VARIANT or not path.get("profile"):
            continue
        for step in path["profile"]["steps"]:
            s = sums[(VARIANT[path["board"]], step["op"])]
            s[0] += step["instructions_per_call_mean"]
            s[1] += units(step)
    for (variant, op), (instructions, n) in sorted(sums.items()):
        print(f"{variant:9} {op:26} {instructions / n:.3f}")


if __name__ == "__main__":
    main()
