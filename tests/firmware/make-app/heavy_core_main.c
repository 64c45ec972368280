/*
 * heavy_core_main.c - the application of the heavy core's image on a two-core board: sleeps until the
 * light core rings the doorbell, then runs every pending heavy job from the shared ring. Built from
 * `dslc generate --board <b> --with-startup`'s heavy core folder.
 */
#include <stdint.h>
#include "dsl_model.h"
#include "dsl_cores.h"
#include "dsl_glue.h"

int main(void)
{
    dsl_glue_init();
    for (;;) {
        dsl_glue_doorbell_wait();
        if (dsl_model_heavy_core_attach() == 1) {
            (void)dsl_model_heavy_core_service();
        }
    }
}
