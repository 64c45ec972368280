/*
 * dsl_harness_two_cores_heavy.c - test firmware of the heavy core (CPU1) of a two-core emulated board
 * (mps2-an521); see dsl_harness_two_cores_light.c. Attaches to the ring the light core initialised, tells
 * the light core (doorbell), then on every doorbell services the pending jobs of the generated heavy core
 * (dsl_model_heavy_core_service: restart, replay, heavy frames into the output ring) and rings back.
 * It never returns: the light core ends the run. A layout the two images disagree on ends the run with
 * exit code 6 (semihosting, from this core).
 */
#include <stdint.h>

#include "dsl_cores.h"
#include "dsl_semihost.h"
#include "dsl_sse200.h"

int main(void)
{
    int a;
    while ((a = dsl_model_heavy_core_attach()) == 0) {
        /* the light core initialises the ring before it starts this core: not reached in this harness */
    }
    if (a < 0) dsl_sh_exit(6);
    dsl_sse200_doorbell_ring(0u);
    for (;;) {
        dsl_sse200_doorbell_wait();
        (void)dsl_model_heavy_core_service();
        dsl_sse200_doorbell_ring(0u);
    }
}
