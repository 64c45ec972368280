#!/bin/sh
# run_host_tests.sh - build the kernel tests with the host gcc and run them.
# Configurations: {single, double rounding} x {portable only, + dsp variant, + mve variant}
# (the variants run on the host through the intrinsic emulations in tests/shim/).
# Then test_specialised_shapes.c (kernel bodies with constant shapes vs the portable kernels and naive
# references) per variant.
# Then test_handoff.c (the two-core handoff ring, dsl_handoff.h), also with two threads.
# Also checks that every kernel file compiles warning-free for each Cortex-M core.
# With AddressSanitizer/UBSan available, every configuration also runs sanitized.
# Prints a final "N passed, M failed": N sums the test cases of every run, plus one per
# cross-compile check; a build that fails counts as one failure. Exits non-zero on failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
rt=$(dirname "$here")
cc=${CC:-gcc}
command -v "$cc" >/dev/null 2>&1 || { echo "run_host_tests.sh: host compiler '$cc' not found (apt-get install gcc)" >&2; exit 2; }
out=$(mktemp -d "${TMPDIR:-/tmp}/dsl_host_tests.XXXXXX")
trap 'rm -rf "$out"' EXIT
warn="-std=c99 -Wall -Wextra -Werror -pedantic"
rename="-Ddsl_conv1d_s8=dsl_conv1d_s8_variant -Ddsl_conv1d_s16_s8=dsl_conv1d_s16_s8_variant -Ddsl_conv1d_s8_s16=dsl_conv1d_s8_s16_variant -Ddsl_conv_transpose1d_s8=dsl_conv_transpose1d_s8_variant"
rename="$rename -Ddsl_conv1d_s16_s16=dsl_conv1d_s16_s16_variant"
rename="$rename -Ddsl_add_s8=dsl_add_s8_variant -Ddsl_lut_s8=dsl_lut_s8_variant -Ddsl_copy_bytes=dsl_copy_bytes_variant -Ddsl_history_shift=dsl_history_shift_variant -Ddsl_curve_s16=dsl_curve_s16_variant -Ddsl_add_s16=dsl_add_s16_variant"
rename="$rename -Ddsl_conv_transpose1d_s16_s8=dsl_conv_transpose1d_s16_s8_variant -Ddsl_conv_transpose1d_s8_s16=dsl_conv_transpose1d_s8_s16_variant"
rename="$rename -Ddsl_conv_transpose1d_s16_s16=dsl_conv_transpose1d_s16_s16_variant"
passed=0
failed=0

result() { # name status
    if [ "$2" -eq 0 ]; then passed=$((passed + 1)); echo "PASS $1"; else failed=$((failed + 1)); echo "FAIL $1"; fi
}

# add the "N passed, M failed" of a test log to the totals (a run without that line is one failure)
. "$(dirname "$0")/test_lib.sh"

sanitize=""
probe="$out/probe.c"
echo 'int main(void) { return 0; }' > "$probe"
if $cc -fsanitize=address,undefined "$probe" -o "$out/probe" >/dev/null 2>&1 && "$out/probe"; then
    sanitize="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all"
fi

for rounding in single double; do
    def=""
    [ "$rounding" = double ] && def="-DDSL_REQUANT_DOUBLE_ROUNDING"
    for variant in portable dsp mve; do
        for opt in "-O2" ${sanitize:+"$sanitize"}; do
            name="host $rounding-rounding $variant${opt#-O2}"
            [ "$opt" = "-O2" ] || name="host $rounding-rounding $variant (sanitized)"
            dir="$out/$rounding-$variant-$(echo "$opt" | cut -c2-3)"
            mkdir -p "$dir"
            flags="$warn $opt $def -I$rt/include -I$here"
            ok=0
            vobjs=""
            tv=""
            if [ "$variant" != portable ]; then
                for f in "$rt"/src/$variant/*.c; do
                    o="$dir/variant_$(basename "$f" .c).o"
                    $cc $flags -I"$here/shim" $rename -c "$f" -o "$o" || ok=1
                    vobjs="$vobjs $o"
                done
                tv="-DTEST_VARIANT=\"$variant\""
            fi
            $cc $flags $tv "$here/test_kernels.c" "$here/platform_host.c" "$rt"/src/portable/*.c $vobjs -o "$dir/test" || ok=1
            if [ $ok -ne 0 ]; then
                result "$name (build)" 1
                continue
            fi
            "$dir/test" > "$dir/log" 2>&1
            count_log "$name" "$dir/log" $?
            if [ "$variant" = dsp ]; then # the pairs4 weight layout (dslc picks it per layer for dsp cores)
                if $cc $flags -I"$here/shim" "$here/test_dsp_pairs.c" "$here/platform_host.c" "$rt"/src/portable/*.c \
                    -o "$dir/pairs"; then
                    "$dir/pairs" > "$dir/pairs.log" 2>&1
                    count_log "$name pairs4" "$dir/pairs.log" $?
                else
                    result "$name pairs4 (build)" 1
                fi
                # int16 input: the pairs4s16 layout
                if $cc $flags -I"$here/shim" "$here/test_dsp_pairs16.c" "$here/platform_host.c" "$rt"/src/portable/*.c \
                    -o "$dir/pairs16"; then
                    "$dir/pairs16" > "$dir/pairs16.log" 2>&1
                    count_log "$name pairs4s16" "$dir/pairs16.log" $?
                else
                    result "$name pairs4s16 (build)" 1
                fi
            fi
            # the data-movement and elementwise kernels (their variant files, where they exist)
            have=$(variant_kernels "$rt/src/$variant" "$variant")
            if $cc $flags -I"$here/shim" $tv $have "$here/test_elementwise.c" "$here/platform_host.c" "$rt"/src/portable/*.c $vobjs \
                -o "$dir/test_elementwise"; then
                "$dir/test_elementwise" > "$dir/log_elementwise" 2>&1
                count_log "$name elementwise" "$dir/log_elementwise" $?
            else
                result "$name elementwise (build)" 1
            fi
            # the int16 transposed convolutions (test_tconv_s16.c; the variant's blocks in its constant-shape steps)
            ts=""
            [ "$variant" != portable ] && ts="-DTCONV_SPEC_$(echo "$variant" | tr a-z A-Z)"
            if $cc $flags -I"$here/shim" $tv $ts "$here/test_tconv_s16.c" "$here/platform_host.c" "$rt"/src/portable/*.c $vobjs \
                -o "$dir/test_tconv_s16"; then
                "$dir/test_tconv_s16" > "$dir/log_tconv_s16" 2>&1
                count_log "$name tconv s16" "$dir/log_tconv_s16" $?
            else
                result "$name tconv s16 (build)" 1
            fi
            # the mixed-precision kernels (test_kernels_s16.c; constant shapes on the variant's skeleton)
            s16def=""
            [ "$variant" != portable ] && s16def="-DTEST_S16_$(echo "$variant" | tr a-z A-Z)"
            if $cc $flags -I"$here/shim" $tv $s16def "$here/test_kernels_s16.c" "$here/platform_host.c" \
                "$rt"/src/portable/*.c $vobjs -o "$dir/test_s16"; then
                "$dir/test_s16" > "$dir/log_s16" 2>&1
                count_log "$name s16" "$dir/log_s16" $?
            else
                result "$name s16 (build)" 1
            fi
        done
    done
done

# the kernel bodies instantiated with constant shapes and forms (dslc's specialised steps) vs the portable
# library kernels, per variant and rounding; sanitized with the default rounding (the rule changes no access)
for rounding in single double; do
    def=""
    [ "$rounding" = double ] && def="-DDSL_REQUANT_DOUBLE_ROUNDING"
    for variant in portable dsp mve; do
        vdef=""
        [ "$variant" != portable ] && vdef="-DSPEC_VARIANT_$(echo "$variant" | tr a-z A-Z)"
        for opt in "-O2" ${sanitize:+"$sanitize"}; do
            [ "$opt" != "-O2" ] && [ "$rounding" = double ] && continue
            name="host specialised shapes $rounding-rounding $variant"
            [ "$opt" = "-O2" ] || name="$name (sanitized)"
            dir="$out/spec-$rounding-$variant-$(echo "$opt" | cut -c2-3)"
            mkdir -p "$dir"
            if ! $cc $warn $opt $def $vdef -I"$rt/include" -I"$here" -I"$here/shim" "$here/test_specialised_shapes.c" \
                    "$here/platform_host.c" "$rt"/src/portable/*.c -o "$dir/test"; then
                result "$name (build)" 1
                continue
            fi
            "$dir/test" > "$dir/log" 2>&1
            count_log "$name" "$dir/log" $?
        done
    done
done

# the Helium conv1d skeleton instantiated with constant shapes and output-stage forms, as in generated steps
for rounding in single double; do
    def=""
    [ "$rounding" = double ] && def="-DDSL_REQUANT_DOUBLE_ROUNDING"
    for opt in "-O2" ${sanitize:+"$sanitize"}; do
        name="host $rounding-rounding mve specialised steps"
        [ "$opt" = "-O2" ] || name="$name (sanitized)"
        dir="$out/steps-$rounding-$(echo "$opt" | cut -c2-3)"
        mkdir -p "$dir"
        if $cc $warn $opt $def -I"$rt/include" -I"$here" -I"$here/shim" "$here/test_mve_steps.c" "$here/platform_host.c" \
            "$rt"/src/portable/dsl_conv1d_*.c -o "$dir/test"; then
            "$dir/test" > "$dir/log" 2>&1
            count_log "$name" "$dir/log" $?
        else
            result "$name (build)" 1
        fi
    done
done

# the two-core handoff ring (dsl_handoff.h): deterministic interleavings; then a producer and a consumer thread
for opt in "-O2" ${sanitize:+"$sanitize"}; do
    name="host handoff ring"
    [ "$opt" = "-O2" ] || name="$name (sanitized)"
    dir="$out/handoff-$(echo "$opt" | cut -c2-3)"
    mkdir -p "$dir"
    if $cc $warn $opt -I"$rt/include" -I"$here" "$here/test_handoff.c" "$here/platform_host.c" -o "$dir/test"; then
        "$dir/test" > "$dir/log" 2>&1
        count_log "$name" "$dir/log" $?
    else
        result "$name (build)" 1
    fi
done
if $cc $warn -O2 -DTEST_THREADS -pthread -I"$rt/include" -I"$here" "$here/test_handoff.c" "$here/platform_host.c" -o "$out/handoff-threads" 2>/dev/null; then
    "$out/handoff-threads" > "$out/handoff-threads.log" 2>&1
    count_log "host handoff ring, producer and consumer threads" "$out/handoff-threads.log" $?
else
    echo "note: no pthreads, the threaded handoff test is skipped"
fi

# warning-free cross compilation of every kernel file for its cores (skipped without the toolchain)
if command -v arm-none-eabi-gcc >/dev/null 2>&1; then
    for core in "m3:-mcpu=cortex-m3 -mfloat-abi=soft:portable" \
                "m4:-mcpu=cortex-m4 -mfpu=fpv4-sp-d16 -mfloat-abi=hard:portable dsp" \
                "m7:-mcpu=cortex-m7 -mfpu=fpv5-d16 -mfloat-abi=hard:portable dsp" \
                "m33:-mcpu=cortex-m33 -mfpu=fpv5-sp-d16 -mfloat-abi=hard:portable dsp" \
                "m55:-mcpu=cortex-m55 -mfloat-abi=hard:portable dsp mve"; do
        cname=${core%%:*}; rest=${core#*:}; cflags=${rest%%:*}; dirs=${rest#*:}
        for d in $dirs; do
            ok=0
            for def in "" -DDSL_REQUANT_DOUBLE_ROUNDING -O0 -O3 -Os; do
                for f in "$rt"/src/$d/*.c; do
                    arm-none-eabi-gcc -mthumb $cflags $warn -O2 $def -I"$rt/include" -I"$here" -c "$f" -o "$out/x.o" || ok=1
                    # no calls into a C library (memcpy, memset, ...) may be left
                    if arm-none-eabi-nm -u "$out/x.o" | grep -q .; then
                        echo "    $f references: $(arm-none-eabi-nm -u "$out/x.o" | tr '\n' ' ')"; ok=1
                    fi
                done
            done
            result "cross-compile $d for cortex-$cname (-Werror, -O0/-O2/-O3/-Os, both roundings, no undefined symbols)" $ok
        done
    done
else
    echo "note: arm-none-eabi-gcc not found, cross-compile checks skipped"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
