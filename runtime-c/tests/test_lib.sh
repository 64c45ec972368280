# Shared by run_host_tests.sh and run_qemu_tests.sh (sourced): tally one test program's result line.
# count_log NAME LOG EXIT_STATUS adds its "N passed, M failed" to $passed / $failed and prints a verdict;
# a run with no result line, or a non-zero exit, counts as a failure.
count_log() {
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$2" | tail -n 1)
    grep -E '^FAIL|HardFault|unexpected' "$2" | sed 's/^/    /'
    if [ -z "$line" ]; then
        tail -n 5 "$2" | sed 's/^/    /'
        failed=$((failed + 1)); echo "FAIL $1 (no result line, exit $3)"; return
    fi
    p=${line%% passed*}; f=${line#*, }; f=${f%% failed*}
    [ "$3" -ne 0 ] && [ "$f" -eq 0 ] && f=1
    passed=$((passed + p)); failed=$((failed + f))
    echo "$([ "$f" -eq 0 ] && echo PASS || echo FAIL) $1: $line"
}
