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

# variant_kernels DIR VARIANT: -DHAVE_VARIANT_<kernel> for each data-movement / elementwise kernel
# that DIR (src/<variant>) has its own file for (none for portable), and the variant's flavour of
# the add body (TEST_ADD_DSP / TEST_ADD_MVE) for test_elementwise.c's specialised adds
variant_kernels() {
    [ "$2" = portable ] && return 0
    for k in dsl_add_s8 dsl_lut_s8 dsl_copy_bytes dsl_history_shift dsl_curve_s16 dsl_add_s16; do
        [ -f "$1/$k.c" ] && printf ' %s' "-DHAVE_VARIANT_$k"
    done
    [ -f "$1/dsl_add_s8.c" ] && printf ' %s' "-DTEST_ADD_$(echo "$2" | tr 'a-z' 'A-Z')"
    return 0
}
