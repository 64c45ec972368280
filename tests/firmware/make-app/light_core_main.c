/*
 * light_core_main.c - the application of the light core's image on a two-core board (the core that
 * owns the audio): built from `dslc generate --board <b> --with-startup`'s light core folder.
 * dsl_cores.h maps the generic names to the model's (<m>_light_core_init, <m>_light_core_step);
 * dsl_glue.h is the board glue's (init and doorbell). in[] stands for the microphone's frame,
 * dma_tx[] for the speaker's buffer; memcpy comes from the C library of the core's multilib.
 */
#include <stdint.h>
#include <string.h>
#include "dsl_model.h"
#include "dsl_cores.h"
#include "dsl_glue.h"

static int16_t in[DSL_MODEL_FRAME_SAMPLES];
static int16_t out[DSL_MODEL_FRAME_SAMPLES];
static int16_t dma_tx[2][DSL_MODEL_FRAME_SAMPLES];
volatile uint32_t dma_half;

int main(void)
{
    dsl_glue_init();
    if (dsl_model_light_core_init() != 0) {
        return 1; /* the shared ring's layout does not match: images from different generate runs */
    }
    for (;;) {
        /* wait for the next frame in in[]; the heavy core's output comes back routed, R + 1 frames late */
        (void)dsl_model_light_core_step(in, out);
        memcpy(dma_tx[(dma_half + 1u) & 1u], out, sizeof out);
    }
}
