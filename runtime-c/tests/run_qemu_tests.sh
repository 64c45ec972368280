#!/bin/sh
# run_qemu_tests.sh - cross-compile the kernel tests and run them on QEMU Cortex-M boards.
#   mps2-an385 (Cortex-M3): portable          mps2-an386 (M4), mps2-an500 (M7), mps2-an505 (M33): portable + dsp
#   mps3-an547 (Cortex-M55): portable + mve
# First a self-test of runtime-c/target (semihosting files, instruction counter, HardFault -> 127).
# Then each kernel image runs the hand-checked and reference tests on the portable kernels, compares the
# variant with the portable kernels on random data, and reports instruction counts of the
# benchmark convolutions (SysTick under -icount shift=$SHIFT: deterministic). Both rounding rules.
# Then test_specialised_shapes.c on mps2-an385 (portable), mps2-an386 (dsp), mps3-an547 (mve).
# Then run_dualcore_tests.sh (the handoff ring; two Cortex-M33 on mps2-an521).
# Prints a final "N passed, M failed" (test cases summed over runs); exits non-zero on failure.
# Environment: OPT (default -O2), SHIFT (default 6), KEEP=1 keeps the build directory.
set -u
here=$(cd "$(dirname "$0")" && pwd)
rt=$(dirname "$here")
tg="$rt/target"
opt=${OPT:--O2}
shift_n=${SHIFT:-6}
for tool in arm-none-eabi-gcc qemu-system-arm; do
    command -v $tool >/dev/null 2>&1 || {
        echo "run_qemu_tests.sh: $tool not found; install with:" >&2
        echo "  apt-get install -y --no-install-recommends gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm" >&2
        exit 2
    }
done
out=$(mktemp -d "${TMPDIR:-/tmp}/dsl_qemu_tests.XXXXXX")
[ "${KEEP:-0}" = 1 ] && echo "build directory: $out" || trap 'rm -rf "$out"' EXIT
warn="-std=c99 -Wall -Wextra -Werror -pedantic"
rename="-Ddsl_conv1d_s8=dsl_conv1d_s8_variant -Ddsl_conv1d_s16_s8=dsl_conv1d_s16_s8_variant -Ddsl_conv1d_s8_s16=dsl_conv1d_s8_s16_variant -Ddsl_conv_transpose1d_s8=dsl_conv_transpose1d_s8_variant"
rename="$rename -Ddsl_conv1d_s16_s16=dsl_conv1d_s16_s16_variant"
rename="$rename -Ddsl_add_s8=dsl_add_s8_variant -Ddsl_lut_s8=dsl_lut_s8_variant -Ddsl_copy_bytes=dsl_copy_bytes_variant -Ddsl_history_shift=dsl_history_shift_variant -Ddsl_curve_s16=dsl_curve_s16_variant -Ddsl_add_s16=dsl_add_s16_variant"
rename="$rename -Ddsl_conv_transpose1d_s16_s8=dsl_conv_transpose1d_s16_s8_variant -Ddsl_conv_transpose1d_s8_s16=dsl_conv_transpose1d_s8_s16_variant"
rename="$rename -Ddsl_conv_transpose1d_s16_s16=dsl_conv_transpose1d_s16_s16_variant"
passed=0
failed=0
bench="$out/bench.txt"
: > "$bench"
bench_elementwise="$out/bench_elementwise.txt"
: > "$bench_elementwise"
bench_tconv_s16="$out/bench_tconv_s16.txt"
: > "$bench_tconv_s16"

. "$(dirname "$0")/test_lib.sh"

# link_image ELF SOURCES...: a test image for $board with $flags, the target support and the board's linker script
link_image() {
    li_elf=$1; shift
    arm-none-eabi-gcc $flags "$@" "$here/platform_target.c" \
        "$tg"/dsl_startup.c "$tg"/dsl_semihost.c "$tg"/dsl_icount.c "$tg"/dsl_mem.c \
        -nostdlib -L"$tg/boards/$board" -T"$tg/dsl_target.ld" -Wl,--gc-sections -lgcc -o "$li_elf"
}

# run_image ELF LOG: run it on $board (semihosting to stdout, deterministic instruction counter); its exit status
run_image() {
    timeout 120 qemu-system-arm -M "$board" -nographic -monitor none -serial none \
        -chardev stdio,id=sh0 -semihosting-config enable=on,target=native,chardev=sh0 \
        -icount shift="$shift_n" -kernel "$1" > "$2" 2>&1
}

# test_image NAME ELF LOG SOURCES...: link, run and count one test program (a failed link is one failure);
# sh functions share the caller's variables, hence the ti_ prefix
test_image() {
    ti_name=$1; ti_elf=$2; ti_log=$3; shift 3
    if link_image "$ti_elf" "$@"; then
        run_image "$ti_elf" "$ti_log"
        count_log "$ti_name" "$ti_log" $?
    else
        failed=$((failed + 1)); echo "FAIL $ti_name (build)"
    fi
}

# board : cpu flags : variant : SysTick clock (Hz)
for cfg in "mps2-an385:-mcpu=cortex-m3 -mfloat-abi=soft:portable:25000000" \
           "mps2-an386:-mcpu=cortex-m4 -mfpu=fpv4-sp-d16 -mfloat-abi=hard:dsp:25000000" \
           "mps2-an500:-mcpu=cortex-m7 -mfpu=fpv5-d16 -mfloat-abi=hard:dsp:25000000" \
           "mps2-an505:-mcpu=cortex-m33 -mfpu=fpv5-sp-d16 -mfloat-abi=hard:dsp:20000000" \
           "mps3-an547:-mcpu=cortex-m55 -mfloat-abi=hard:mve:32000000"; do
    board=${cfg%%:*}; rest=${cfg#*:}
    cpu=${rest%%:*}; rest=${rest#*:}
    variant=${rest%%:*}; ref_hz=${rest#*:}
    # target support self-test (semihosting files, instruction counter, exit codes)
    dir="$out/$board-target"
    mkdir -p "$dir"
    tflags="-mthumb $cpu $warn $opt -ffreestanding -I$tg -DDSL_TARGET_REF_HZ=$ref_hz -DDSL_ICOUNT_SHIFT=$shift_n"
    tsrc="$tg/dsl_startup.c $tg/dsl_semihost.c $tg/dsl_icount.c $tg/dsl_mem.c"
    tlink="-nostdlib -L$tg/boards/$board -T$tg/dsl_target.ld -Wl,--gc-sections -lgcc"
    if arm-none-eabi-gcc $tflags "$here/test_target.c" $tsrc $tlink -o "$dir/target.elf" &&
       arm-none-eabi-gcc $tflags -DTEST_HARDFAULT "$here/test_target.c" $tsrc $tlink -o "$dir/hardfault.elf"; then
        (cd "$dir" && timeout 60 qemu-system-arm -M "$board" -nographic -monitor none -serial none \
            -chardev stdio,id=sh0 -semihosting-config enable=on,target=native,chardev=sh0 \
            -icount shift="$shift_n" -kernel target.elf > log 2>&1)
        count_log "$board target support" "$dir/log" $?
        grep '^icount' "$dir/log" | sed 's/^/    /'
        (cd "$dir" && timeout 60 qemu-system-arm -M "$board" -nographic -monitor none -serial none \
            -chardev stdio,id=sh0 -semihosting-config enable=on,target=native,chardev=sh0 \
            -kernel hardfault.elf > hf.log 2>&1)
        rc=$?
        if [ $rc -eq 127 ] && grep -q HardFault "$dir/hf.log"; then
            passed=$((passed + 1)); echo "PASS $board HardFault exits with 127"
        else
            failed=$((failed + 1)); echo "FAIL $board HardFault: exit $rc (expected 127)"
        fi
    else
        failed=$((failed + 1)); echo "FAIL $board target support (build)"
    fi

    for rounding in single double; do
        def=""
        [ "$rounding" = double ] && def="-DDSL_REQUANT_DOUBLE_ROUNDING"
        name="$board $variant $rounding-rounding"
        dir="$out/$board-$rounding"
        mkdir -p "$dir"
        flags="-mthumb $cpu $warn $opt -ffreestanding -ffunction-sections -fdata-sections $def -I$rt/include -I$here -I$tg"
        flags="$flags -DDSL_TARGET_REF_HZ=$ref_hz -DDSL_ICOUNT_SHIFT=$shift_n"
        ok=0
        vobjs=""
        tv=""
        if [ "$variant" != portable ]; then
            for f in "$rt"/src/$variant/*.c; do
                o="$dir/variant_$(basename "$f" .c).o"
                arm-none-eabi-gcc $flags $rename -c "$f" -o "$o" || ok=1
                vobjs="$vobjs $o"
            done
            tv="-DTEST_VARIANT=\"$variant\""
        fi
        link_image "$dir/test.elf" $tv "$here/test_kernels.c" "$rt"/src/portable/*.c $vobjs || ok=1
        if [ $ok -ne 0 ]; then
            failed=$((failed + 1)); echo "FAIL $name (build)"
            continue
        fi
        run_image "$dir/test.elf" "$dir/log"
        count_log "$name" "$dir/log" $?
        grep '^instructions' "$dir/log" | sed "s/^instructions /$board $rounding-rounding /" >> "$bench"
        if [ "$variant" = dsp ]; then # the pairs4 weight layout (dslc picks it per layer for dsp cores)
            test_image "$name pairs4" "$dir/pairs.elf" "$dir/pairs.log" "$here/test_dsp_pairs.c" "$rt"/src/portable/*.c
            test_image "$name pairs4s16" "$dir/pairs16.elf" "$dir/pairs16.log" "$here/test_dsp_pairs16.c" "$rt"/src/portable/*.c
        fi
        # the data-movement and elementwise kernels (their variant files, where they exist)
        have=$(variant_kernels "$rt/src/$variant" "$variant")
        test_image "$name elementwise" "$dir/test_elementwise.elf" "$dir/log_elementwise" $tv $have \
            "$here/test_elementwise.c" "$rt"/src/portable/*.c $vobjs
        grep '^instructions' "$dir/log_elementwise" 2>/dev/null | sed "s/^instructions /$board $rounding-rounding /" >> "$bench_elementwise"
        # the int16 transposed convolutions (test_tconv_s16.c; the variant's blocks in its constant-shape steps)
        ts=""
        [ "$variant" != portable ] && ts="-DTCONV_SPEC_$(echo "$variant" | tr a-z A-Z)"
        test_image "$name tconv s16" "$dir/test_tconv_s16.elf" "$dir/log_tconv_s16" $tv $ts "$here/test_tconv_s16.c" \
            "$rt"/src/portable/*.c $vobjs
        grep '^instructions' "$dir/log_tconv_s16" 2>/dev/null | sed "s/^instructions /$board $rounding-rounding /" >> "$bench_tconv_s16"
        # the mixed-precision kernels (test_kernels_s16.c; constant shapes on the variant's skeleton)
        s16def=""
        [ "$variant" != portable ] && s16def="-DTEST_S16_$(echo "$variant" | tr a-z A-Z)"
        test_image "$name s16" "$dir/s16.elf" "$dir/log_s16" $tv $s16def "$here/test_kernels_s16.c" \
            "$rt"/src/portable/*.c $vobjs
        # the Helium conv1d skeleton instantiated with constant shapes and forms, as in generated steps
        if [ "$variant" = mve ]; then
            test_image "$name specialised steps" "$dir/steps.elf" "$dir/steps.log" "$here/test_mve_steps.c" \
                "$rt"/src/portable/dsl_conv1d_*.c
        fi
    done
done

# test_specialised_shapes.c (kernel bodies with constant shapes vs the portable kernels) with the real
# intrinsics, one board per variant, default rounding (the host runs both rules through the shims).
# At -O0 its 78 force-inlined bodies take ~1 MB (12 KB each; 0.5 KB at -O2): more than the M55's
# 512 KB flash, so -O0 builds it at -Og.
spec_opt=$opt
[ "$opt" = -O0 ] && spec_opt=-Og
for cfg in "mps2-an385:-mcpu=cortex-m3 -mfloat-abi=soft:portable:25000000" \
           "mps2-an386:-mcpu=cortex-m4 -mfpu=fpv4-sp-d16 -mfloat-abi=hard:dsp:25000000" \
           "mps3-an547:-mcpu=cortex-m55 -mfloat-abi=hard:mve:32000000"; do
    board=${cfg%%:*}; rest=${cfg#*:}
    cpu=${rest%%:*}; rest=${rest#*:}
    variant=${rest%%:*}; ref_hz=${rest#*:}
    vdef=""
    [ "$variant" != portable ] && vdef="-DSPEC_VARIANT_$(echo "$variant" | tr a-z A-Z)"
    name="$board specialised shapes $variant"
    dir="$out/$board-spec"
    mkdir -p "$dir"
    flags="-mthumb $cpu $warn $spec_opt -ffreestanding -ffunction-sections -fdata-sections $vdef -I$rt/include -I$here -I$tg"
    flags="$flags -DDSL_TARGET_REF_HZ=$ref_hz -DDSL_ICOUNT_SHIFT=$shift_n"
    test_image "$name" "$dir/test.elf" "$dir/log" "$here/test_specialised_shapes.c" "$rt"/src/portable/*.c
done

# the two-core handoff ring: one core on M3/M33, two cores on mps2-an521 (its own script, its own totals)
OPT="$opt" sh "$here/run_dualcore_tests.sh" > "$out/dualcore.log" 2>&1
dc_rc=$?
grep -E '^(PASS|FAIL|    )' "$out/dualcore.log"
count_log "two-core handoff (run_dualcore_tests.sh)" "$out/dualcore.log" $dc_rc

echo "instruction counts ($opt, qemu -icount shift=$shift_n; conv1d_s8: 64 in, 64 out, k=3, 20 rows;"
echo "  conv_transpose1d_s8: 64 in, 64 out, k=4, stride 2, 20 in rows; depthwise: 64 channels, k=3, 20 rows;"
echo "  conv1d_s16_s8: 1 in, 64 out, k=32, stride 16, 20 rows):"
sort -s -r -k2,2 "$bench" | sed 's/^/  /'
echo "instruction counts of the data-movement and elementwise kernels (test_elementwise.c):"
sed 's/^/  /' "$bench_elementwise"
echo "instruction counts of the transposed convolutions, int8 and int16 kinds (test_tconv_s16.c):"
sed 's/^/  /' "$bench_tconv_s16"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
