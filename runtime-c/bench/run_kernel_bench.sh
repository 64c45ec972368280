#!/bin/sh
# run_kernel_bench.sh - the kernel benchmark: instruction counts of the convolution kernels on the six
# shapes of kernel_bench_shapes.h, on QEMU boards (-icount shift=$SHIFT: deterministic; instructions,
# not cycles). Per shape: the library kernel (run-time shape) and the step dslc specialises (the variant's
# kernel skeleton inlined with the shape as constants; on dsp the pairs4 weights where dslc uses them),
# bit-identical outputs checked, and issue 8's CMSIS-NN figures and targets. A benchmark, not a test:
# it fails only when a build, a run or a bit-exactness check fails.
#   mps2-an385 (Cortex-M3): portable    mps2-an386 (Cortex-M4): dsp    mps3-an547 (Cortex-M55): mve
# Usage: run_kernel_bench.sh [single|tflite]   (the rounding rule; tflite is CMSIS-NN's; default single)
# Then the int16-activation shapes (DSL_BENCH_SHAPES_S16): dsl_conv1d_s8 vs dsl_conv1d_s16_s16, a second table.
# Prints Markdown tables (runtime-c/README.md holds a copy). Environment: OPT (default -O2),
# SHIFT (default 6), BOARDS (a subset of the three names), KEEP=1 keeps the build directory.
set -u
here=$(cd "$(dirname "$0")" && pwd)
rt=$(dirname "$here")
tg="$rt/target"
opt=${OPT:--O2}
shift_n=${SHIFT:-6}
boards=${BOARDS:-mps2-an385 mps2-an386 mps3-an547}
cc=${CC:-gcc}
rounding=${1:-single}
def=""
case "$rounding" in
    single) ;;
    tflite) def="-DDSL_REQUANT_DOUBLE_ROUNDING" ;;
    *) echo "usage: run_kernel_bench.sh [single|tflite]" >&2; exit 2 ;;
esac
for tool in "$cc" arm-none-eabi-gcc qemu-system-arm; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "run_kernel_bench.sh: $tool not found; install with:" >&2
        echo "  apt-get install -y --no-install-recommends gcc gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm" >&2
        exit 2
    }
done
out=$(mktemp -d "${TMPDIR:-/tmp}/dsl_kernel_bench.XXXXXX")
[ "${KEEP:-0}" = 1 ] && echo "build directory: $out" || trap 'rm -rf "$out"' EXIT
warn="-std=c99 -Wall -Wextra -Werror -pedantic"
status=0

# the constant data, once (host program, fixed seeds; the pairs4 block headers depend on the rounding rule)
$cc $warn -O1 $def -I"$here" "$here/gen_kernel_bench_data.c" -o "$out/gen" && "$out/gen" "$out/kernel_bench_data.c" || {
    echo "run_kernel_bench.sh: could not generate the benchmark data" >&2; exit 1; }

results="$out/results.txt"
: > "$results"
tconv_results="$out/tconv_results.txt"
: > "$tconv_results"
results16="$out/results16.txt"
: > "$results16"
for board in $boards; do
    case $board in
        mps2-an385) cpu="-mcpu=cortex-m3 -mfloat-abi=soft"; variant=portable; ref_hz=25000000; vdef="" ;;
        mps2-an386) cpu="-mcpu=cortex-m4 -mfpu=fpv4-sp-d16 -mfloat-abi=hard"; variant=dsp; ref_hz=25000000
                    vdef="-DDSL_BENCH_VARIANT_DSP" ;;
        mps3-an547) cpu="-mcpu=cortex-m55 -mfloat-abi=hard"; variant=mve; ref_hz=32000000; vdef="-DDSL_BENCH_VARIANT_MVE" ;;
        *) echo "run_kernel_bench.sh: unknown board $board (mps2-an385, mps2-an386, mps3-an547)" >&2; exit 2 ;;
    esac
    dir="$out/$board"
    mkdir -p "$dir"
    # dsl_config.h: the one of the kernel tests (the rounding rule comes from the command line)
    flags="-mthumb $cpu $warn $opt -ffreestanding -ffunction-sections -fdata-sections $def -I$rt/include -I$rt/tests -I$tg -I$here"
    flags="$flags -DDSL_TARGET_REF_HZ=$ref_hz -DDSL_ICOUNT_SHIFT=$shift_n"
    if ! arm-none-eabi-gcc $flags $vdef "$here/kernel_bench.c" "$out/kernel_bench_data.c" "$rt/src/$variant/dsl_conv1d_s8.c" \
            "$rt/src/$variant"/dsl_conv_transpose1d_*.c \
            "$rt/src/$variant/dsl_conv1d_s16_s16.c" \
            "$tg"/dsl_startup.c "$tg"/dsl_semihost.c "$tg"/dsl_icount.c "$tg"/dsl_mem.c \
            -nostdlib -L"$tg/boards/$board" -T"$tg/dsl_target.ld" -Wl,--gc-sections -lgcc -o "$dir/bench.elf"; then
        echo "FAIL $board $variant (build)"; status=1; continue
    fi
    timeout 300 qemu-system-arm -M "$board" -nographic -monitor none -serial none \
        -chardev stdio,id=sh0 -semihosting-config enable=on,target=native,chardev=sh0 \
        -icount shift="$shift_n" -kernel "$dir/bench.elf" > "$dir/log" 2>&1
    rc=$?
    grep '^FAIL' "$dir/log"
    if [ $rc -ne 0 ] || ! grep -q '^[0-9]* passed, 0 failed$' "$dir/log"; then
        tail -n 5 "$dir/log" | sed 's/^/    /'
        echo "FAIL $board $variant (exit $rc)"; status=1; continue
    fi
    grep '^tconv ' "$dir/log" | sed "s/^tconv /$board /" >> "$tconv_results"
    # code bytes of each specialised step and of the library kernel (its out-of-line helpers not counted)
    arm-none-eabi-nm -S "$dir/bench.elf" > "$dir/nm"
    bytes() { printf '%d' "0x$(awk -v f="$1" '$4 == f { print $2 }' "$dir/nm")"; }
    library_bytes=$(bytes dsl_conv1d_s8)
    grep '^bench ' "$dir/log" | while read -r _ id rest; do
        echo "$board $id $rest" | sed "s/ desc=/ bytes=$(bytes "bench_${id}_specialised") library_bytes=$library_bytes desc=/"
    done >> "$results"
    grep '^bench16 ' "$dir/log" | sed "s/^bench16 /$board /" >> "$results16"
done

# the table: one row per shape, per board library / specialised instr/MAC, dslc's choice in bold,
# CMSIS-NN (issue 8) and the ratio of dslc's choice to it on M4 and M55 with the goal
awk -v opt="$opt" -v shift_n="$shift_n" -v rounding="$rounding" '
function field(name,   i) { for (i = 3; i <= NF; i++) if (index($i, name "=") == 1) return substr($i, length(name) + 2); return "" }
function ipm(x, macs) { return sprintf("%.2f", x / macs) }
{
    board = $1; id = $2; desc = $0; sub(/.* desc=/, "", desc)
    if (!(id in seen)) { seen[id] = 1; order[n++] = id }
    DESC[id] = desc; MACS[id] = field("macs"); C4[id] = field("cmsis_m4") / 100; C55[id] = field("cmsis_m55") / 100
    GOAL4[id] = field("m4_goal") / 100
    lib = ipm(field("library"), MACS[id]); spec = ipm(field("specialised"), MACS[id])
    chosen = field("dslc") == "specialised" ? spec : lib
    cell[id, board] = field("dslc") == "specialised" ? lib " / **" spec "**" : "**" lib "** / " spec
    pick[id, board] = chosen
    raw[id, board] = field("library") " / " field("specialised") " (" field("bytes") " B" (field("weights") == "pairs4" ? ", pairs4" : "") ")"
    LIBB[board] = field("library_bytes")
    have[board] = 1
}
END {
    printf "Kernel benchmark (runtime-c/bench/run_kernel_bench.sh: arm-none-eabi-gcc %s, qemu -icount shift=%s, %s rounding):\n", opt, shift_n, rounding
    printf "instructions per MAC, library kernel / specialised step (the one dslc emits in bold);\n"
    printf "CMSIS-NN: issue 8 (its author, arm_convolve_wrapper_s8 / arm_fully_connected_s8, -O2, QEMU instruction counts).\n\n"
    printf "| shape | MACs | M3 portable | M4 dsp | M4 CMSIS-NN | M4 dslc / CMSIS-NN (goal) | M55 mve | M55 CMSIS-NN | M55 dslc / CMSIS-NN (goal 1.00) |\n"
    printf "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    for (i = 0; i < n; i++) {
        id = order[i]
        m3 = ("mps2-an385" in have) ? cell[id, "mps2-an385"] : "-"
        m4 = ("mps2-an386" in have) ? cell[id, "mps2-an386"] : "-"
        m55 = ("mps3-an547" in have) ? cell[id, "mps3-an547"] : "-"
        r4 = ("mps2-an386" in have) ? sprintf("%.2f (%.2f)", pick[id, "mps2-an386"] / C4[id], GOAL4[id]) : "-"
        r55 = ("mps3-an547" in have) ? sprintf("%.2f", pick[id, "mps3-an547"] / C55[id]) : "-"
        printf "| %s: %s | %d | %s | %s | %.2f | %s | %s | %.2f | %s |\n", id, DESC[id], MACS[id], m3, m4, C4[id], r4, m55, C55[id], r55
    }
    printf "\nInstructions, library kernel / specialised step (code bytes of the specialised step; pairs4: its\n"
    printf "weights in the dsp pairs4 layout; the library dsl_conv1d_s8 itself: M3 %s B, M4 %s B, M55 %s B,\n" \
        "shared by all steps, out-of-line helpers not counted):\n\n", \
        ("mps2-an385" in have) ? LIBB["mps2-an385"] : "-", ("mps2-an386" in have) ? LIBB["mps2-an386"] : "-", \
        ("mps3-an547" in have) ? LIBB["mps3-an547"] : "-"
    printf "| shape | M3 portable | M4 dsp | M55 mve |\n|---|---:|---:|---:|\n"
    for (i = 0; i < n; i++) {
        id = order[i]
        printf "| %s | %s | %s | %s |\n", id, ("mps2-an385" in have) ? raw[id, "mps2-an385"] : "-", \
            ("mps2-an386" in have) ? raw[id, "mps2-an386"] : "-", ("mps3-an547" in have) ? raw[id, "mps3-an547"] : "-"
    }
}' "$results"

# the transposed convolutions: library kernels, int8 and the mixed-precision kinds, instructions per MAC
awk '
function field(name,   i) { for (i = 3; i <= NF; i++) if (index($i, name "=") == 1) return substr($i, length(name) + 2); return "" }
function ipm(name,   v) { split(field(name), v, "/"); return sprintf("%.2f", v[2] / field("macs")) }
{
    id = $2; desc = $0; sub(/.* desc=/, "", desc)
    if (!(id in seen)) { seen[id] = 1; order[n++] = id; DESC[id] = desc; MACS[id] = field("macs") }
    cell[id, $1] = ipm("s8") " / " ipm("s16_s8") " / " ipm("s8_s16") " / " ipm("s16_s16")
    lib[id, $1] = field("s8") " " field("s16_s8") " " field("s8_s16") " " field("s16_s16")
}
END {
    if (n == 0) exit
    printf "\nTransposed convolutions of the heavy decoder, int8 and mixed precision (int8 or int16 input / output), as\n"
    printf "dslc emits them (specialised steps; random data): instructions per MAC, s8 / s16_s8 / s8_s16 / s16_s16:\n\n"
    printf "| shape | MACs | M3 portable | M4 dsp | M55 mve |\n|---|---:|---:|---:|---:|\n"
    for (i = 0; i < n; i++) {
        id = order[i]
        printf "| %s: %s | %d | %s | %s | %s |\n", id, DESC[id], MACS[id], ((id, "mps2-an385") in cell) ? cell[id, "mps2-an385"] : "-", \
            ((id, "mps2-an386") in cell) ? cell[id, "mps2-an386"] : "-", ((id, "mps3-an547") in cell) ? cell[id, "mps3-an547"] : "-"
    }
    printf "\nInstructions, library kernel / specialised step, s8 s16_s8 s8_s16 s16_s16:\n\n"
    printf "| shape | M3 portable | M4 dsp | M55 mve |\n|---|---:|---:|---:|\n"
    for (i = 0; i < n; i++) {
        id = order[i]
        printf "| %s | %s | %s | %s |\n", id, ((id, "mps2-an385") in lib) ? lib[id, "mps2-an385"] : "-", \
            ((id, "mps2-an386") in lib) ? lib[id, "mps2-an386"] : "-", ((id, "mps3-an547") in lib) ? lib[id, "mps3-an547"] : "-"
    }
}' "$tconv_results"
# int16 activations (kernel_bench_shapes.h, DSL_BENCH_SHAPES_S16): dsl_conv1d_s16_s16 vs dsl_conv1d_s8 per board
awk '
function field(name,   i) { for (i = 3; i <= NF; i++) if (index($i, name "=") == 1) return substr($i, length(name) + 2); return "" }
function ipm(x, macs) { return sprintf("%.2f", x / macs) }
{
    board = $1; id = $2; desc = $0; sub(/.* desc=/, "", desc)
    if (!(id in seen)) { seen[id] = 1; order[n++] = id }
    DESC[id] = desc; MACS[id] = field("macs")
    spec = field("dslc") == "specialised"
    s8 = ipm(field(spec ? "s8_specialised" : "s8_library"), MACS[id]); s16 = ipm(field(spec ? "specialised" : "library"), MACS[id])
    cell[id, board] = s8 " / " s16
    have[board] = 1
}
END {
    if (n == 0) exit
    printf "\nInt16 activations (mixed precision): instructions per MAC of dsl_conv1d_s8 / dsl_conv1d_s16_s16 (int16 in and\n"
    printf "out, int8 weights) on the same shape, each as dslc emits it (specialised step, or the library kernel):\n\n"
    printf "| shape | MACs | M3 portable s8 / s16 | M4 dsp s8 / s16 | M55 mve s8 / s16 |\n|---|---:|---:|---:|---:|\n"
    for (i = 0; i < n; i++) {
        id = order[i]
        printf "| %s: %s | %d | %s | %s | %s |\n", id, DESC[id], MACS[id], ("mps2-an385" in have) ? cell[id, "mps2-an385"] : "-", \
            ("mps2-an386" in have) ? cell[id, "mps2-an386"] : "-", ("mps3-an547" in have) ? cell[id, "mps3-an547"] : "-"
    }
}' "$results16"
[ -s "$results" ] || status=1
exit $status
