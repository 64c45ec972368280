/*
 * dsl_core_image_main.c - a minimal main that links one core's path(s) into an image, so that the
 * linker places every function and table of the path in that core's memory (memory.ld from the board
 * profile) and arm-none-eabi-size reports what the core really needs. It is a size and link check for
 * build-only boards, not deployable firmware: real firmware calls these functions from the board's
 * own audio and IPC code.
 *
 * DSL_CORE_ROLE: 1 light path, 2 heavy path, 3 both (single-core boards), 0 none (the baseline that
 * per-path sizes are measured against). DSL_CORE_TWO_CORES: the board runs the paths on two cores, so
 * roles 1 and 2 link the core's entry points of dsl_cores.h (and with them the shared .dsl_handoff object).
 * DSL_BOARD_GLUE: the board has glue (runtime-c/target/glue): its init, doorbell and cache hooks are linked too.
 */
#include <stdint.h>

#include "dsl_model.h"

#if defined(DSL_CORE_TWO_CORES) && (DSL_CORE_ROLE == 1 || DSL_CORE_ROLE == 2)
#include "dsl_cores.h"

#ifdef DSL_BOARD_GLUE
#include "dsl_glue.h" /* the board's doorbell: the generated <m>_glue.c defines the light core's hook */
#elif DSL_CORE_ROLE == 1
void dsl_model_heavy_doorbell(void) {}
#endif

#if DSL_CORE_ROLE == 1
static int16_t g_pcm[DSL_MODEL_FRAME_SAMPLES];
static int16_t g_light[DSL_MODEL_FRAME_SAMPLES];
#endif
static dsl_model_out_t g_frame[DSL_MODEL_OUT_VALUES]; /* heavy / routed output: audio or class scores */

int main(void)
{
    int32_t acc = 0;
#if DSL_CORE_ROLE == 1
    dsl_model_decision_t d;
#endif
#ifdef DSL_BOARD_GLUE
    dsl_glue_init();
#endif
#if DSL_CORE_ROLE == 1
    acc += dsl_model_light_core_init();
    d = dsl_model_light_core_process(g_pcm, g_light);
    acc += (int32_t)d.route + (int32_t)dsl_model_light_core_frame() + g_light[0];
    acc += (int32_t)dsl_model_light_core_step(g_pcm, g_frame); /* the routed output and its history */
#else
#ifdef DSL_BOARD_GLUE
    dsl_glue_doorbell_wait();
#endif
    if (dsl_model_heavy_core_attach() == 1) acc += (int32_t)dsl_model_heavy_core_service();
#endif
    acc += dsl_model_heavy_output(1u, g_frame);
    return (int)(acc + g_frame[0]) & 1;
}
#else

#ifndef DSL_CORE_ROLE
#define DSL_CORE_ROLE 3
#endif

#if DSL_CORE_ROLE & 1
static int16_t g_in[DSL_MODEL_FRAME_SAMPLES];
#endif
static int16_t g_out[DSL_MODEL_FRAME_SAMPLES];
#if DSL_CORE_ROLE & 2
static dsl_model_out_t g_heavy_out[DSL_MODEL_OUT_VALUES]; /* audio or class scores */
#endif
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
    dsl_model_heavy_process(g_handoff, g_heavy_out);
    acc += g_heavy_out[0];
#elif DSL_CORE_ROLE == 3
    dsl_model_heavy_reset();
    dsl_model_heavy_process(dsl_model_handoff_frame(0), g_heavy_out);
    acc += g_heavy_out[0];
#endif
    return (int)(acc + g_out[0]) & 1;
}
#endif
