#!/bin/sh
# run_dualcore_tests.sh - the two-core handoff (runtime-c/include/dsl_handoff.h) on Cortex-M targets:
#   1. test_handoff.c (the ring, one core playing both sides) under QEMU on mps2-an385 (M3) and
#      mps2-an505 (M33), and cross-compiled warning-free for M0+, M4, M7 and M55;
#   2. the two-core test on mps2-an521 (SSE-200, two Cortex-M33): CPU0 (no FPU/DSP: the light core)
#      produces frames into the ring in the SSE-200's shared SRAM, CPU1 (the heavy core) consumes them
#      on MHU doorbells and writes its outputs back, CPU0 checks them and exits with the result
#      (test_dualcore_cpu0.c / _cpu1.c). Each core is linked with runtime-c/target/boards/mps2-an521/cpuN;
#      CPU1's image is loaded as a raw binary (both ELFs have a NOLOAD segment for the shared section at
#      the same address, which QEMU's loader refuses as overlapping). -icount shift=6,sleep=off: the run
#      is deterministic (with sleep=on, idle time follows the host clock).
# Prints "N passed, M failed" (test cases summed over runs); exits non-zero on failure.
# Environment: OPT (default -O2), KEEP=1 keeps the build directory.
set -u
here=$(cd "$(dirname "$0")" && pwd)
rt=$(dirname "$here")
tg="$rt/target"
opt=${OPT:--O2}
for tool in arm-none-eabi-gcc arm-none-eabi-objcopy arm-none-eabi-nm qemu-system-arm; do
    command -v $tool >/dev/null 2>&1 || {
        echo "run_dualcore_tests.sh: $tool not found; install with:" >&2
        echo "  apt-get install -y --no-install-recommends gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm" >&2
        exit 2
    }
done
out=$(mktemp -d "${TMPDIR:-/tmp}/dsl_dualcore_tests.XXXXXX")
[ "${KEEP:-0}" = 1 ] && echo "build directory: $out" || trap 'rm -rf "$out"' EXIT
warn="-std=c99 -Wall -Wextra -Werror -pedantic"
passed=0
failed=0
. "$here/test_lib.sh"
result() { # name status
    if [ "$2" -eq 0 ]; then passed=$((passed + 1)); echo "PASS $1"; else failed=$((failed + 1)); echo "FAIL $1"; fi
}
qemu() { # machine log args...: semihosting to the log, deterministic virtual clock
    q_machine=$1; q_log=$2; shift 2
    timeout 60 qemu-system-arm -M "$q_machine" -nographic -monitor none -serial none \
        -chardev stdio,id=sh0 -semihosting-config enable=on,target=native,chardev=sh0 \
        -icount shift=6,sleep=off "$@" > "$q_log" 2>&1
}
base="$warn $opt -ffreestanding -ffunction-sections -fdata-sections -I$rt/include -I$here -I$tg"
tsrc="$tg/dsl_startup.c $tg/dsl_semihost.c $tg/dsl_icount.c $tg/dsl_mem.c"

# 1. the ring on one core
for cfg in "mps2-an385:-mcpu=cortex-m3 -mfloat-abi=soft:25000000" \
           "mps2-an505:-mcpu=cortex-m33 -mfpu=fpv5-sp-d16 -mfloat-abi=hard:20000000"; do
    board=${cfg%%:*}; rest=${cfg#*:}; cpu=${rest%%:*}; hz=${rest#*:}
    elf="$out/handoff-$board.elf"
    if arm-none-eabi-gcc -mthumb $cpu $base -DDSL_TARGET_REF_HZ=$hz -DDSL_ICOUNT_SHIFT=6 "$here/test_handoff.c" \
        "$here/platform_target.c" $tsrc -nostdlib -L"$tg/boards/$board" -T"$tg/dsl_target.ld" -Wl,--gc-sections -lgcc -o "$elf"; then
        qemu "$board" "$out/handoff-$board.log" -kernel "$elf"
        count_log "$board handoff ring (one core)" "$out/handoff-$board.log" $?
    else
        result "$board handoff ring (build)" 1
    fi
done
ok=0
for cpu in "-mcpu=cortex-m0plus -mfloat-abi=soft" "-mcpu=cortex-m4 -mfpu=fpv4-sp-d16 -mfloat-abi=hard" \
           "-mcpu=cortex-m7 -mfpu=fpv5-d16 -mfloat-abi=hard" "-mcpu=cortex-m55 -mfloat-abi=hard"; do
    for o in -O0 -O2 -Os; do
        arm-none-eabi-gcc -mthumb $cpu $base $o -c "$here/test_handoff.c" -o "$out/x.o" || ok=1
    done
done
result "dsl_handoff.h compiles warning-free for cortex-m0plus/m4/m7/m55 (-O0/-O2/-Os)" $ok

# 2. two cores on mps2-an521
d="$out/an521"
mkdir -p "$d"
if arm-none-eabi-gcc -mthumb -mcpu=cortex-m33+nodsp -mfloat-abi=soft $base "$here/test_dualcore_cpu0.c" "$tg/dsl_sse200.c" $tsrc \
        -nostdlib -L"$tg/boards/mps2-an521/cpu0" -T"$tg/dsl_target.ld" -Wl,--gc-sections -lgcc -o "$d/cpu0.elf" &&
   arm-none-eabi-gcc -mthumb -mcpu=cortex-m33 -mfpu=fpv5-sp-d16 -mfloat-abi=hard $base "$here/test_dualcore_cpu1.c" "$tg/dsl_sse200.c" \
        "$tg/dsl_startup.c" "$tg/dsl_semihost.c" "$tg/dsl_mem.c" \
        -nostdlib -L"$tg/boards/mps2-an521/cpu1" -T"$tg/dsl_target.ld" -Wl,--gc-sections -lgcc -o "$d/cpu1.elf" &&
   arm-none-eabi-objcopy -O binary "$d/cpu1.elf" "$d/cpu1.bin"; then
    # both images must see the shared object at one address, and CPU1 must start where CPU0 points it
    a0=$(arm-none-eabi-nm "$d/cpu0.elf" | awk '$3 == "g_td" { print $1 }')
    a1=$(arm-none-eabi-nm "$d/cpu1.elf" | awk '$3 == "g_td" { print $1 }')
    v0=$(arm-none-eabi-nm "$d/cpu0.elf" | awk '$3 == "__dsl_cpu1_vectors__" { print $1 }')
    v1=$(arm-none-eabi-nm "$d/cpu1.elf" | awk '$3 == "dsl_vector_table" { print $1 }')
    [ -n "$a0" ] && [ "$a0" = "$a1" ] && [ -n "$v0" ] && [ "$v0" = "$v1" ]
    result "mps2-an521 images: shared object at $a0 in both, CPU1 vectors at $v1" $?
    qemu mps2-an521 "$d/log" -kernel "$d/cpu0.elf" -device loader,file="$d/cpu1.bin",addr=0x$v1,force-raw=on
    rc=$?
    grep -E '^(cpu0|cpu1|paced|overload)' "$d/log" | sed 's/^/    /'
    count_log "mps2-an521 two cores: handoff light (CPU0) -> heavy (CPU1)" "$d/log" $rc
else
    result "mps2-an521 two cores (build)" 1
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
