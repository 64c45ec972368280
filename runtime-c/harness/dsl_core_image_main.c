/*
 * dsl_core_image_main.c - a minimal main that links one core's path(s) into an image, so that the
 * linker places every function and table of the path in that core's memory (memory.ld from the board
 * profile) and arm-none-eabi-size reports what the core really needs. It is a size and link check for
 * build-only boards, not deployable firmware: real firmware calls these functions from the board's
 * own audio and IPC code.
 *
 * DSL_CORE_ROLE: 1 light path, 2 heavy path, 3 both (single-core boards), 0 none (the baseline that
 * per-path sizes are measured against).
 */
#include <stdint.h>

#include "dsl_model.h"

#ifndef DSL_CORE_ROLE
#define DSL_CORE_ROLE 3
#endif

#if DSL_CORE_ROLE & 1
static int16_t g_in[DSL_MODEL_FRAME_SAMPLES];
#endif
static int16_t g_out[DSL_MODEL_FRAME_SAMPLES];
#if DSL_CORE_ROLE == 2
static int8_t g_handoff[DSL_MODEL_HANDOFF_BYTES + 1];
#endif

int main(void)
{
    int32_t acc = 0;
#if DSL_CORE_ROLE == 0
    g_out[0] = (int16_t)DSL_MODEL_FRAME_SAMPLES;
#endif
#if DSL_CORE_ROLE & 1
    dsl_model_decision_t d;
    dsl_model_light_reset();
    d = dsl_model_light_process(g_in, g_out);
    acc += (int32_t)d.route + d.replay_frames + d.switch_score + dsl_model_handoff_frame(0)[0];
#endif
#if DSL_CORE_ROLE == 2
    dsl_model_heavy_reset();
    dsl_model_heavy_process(g_handoff, g_out);
#elif DSL_CORE_ROLE == 3
    dsl_model_heavy_reset();
    dsl_model_heavy_process(dsl_model_handoff_frame(0), g_out);
#endif
    return (int)(acc + g_out[0]) & 1;
}
