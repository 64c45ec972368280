namespace Dsl.Compiler.Tests.Emit;

/// <summary>
/// A host C program for the emitted model: runs a clip routed (dsl_model_process) and again with the
/// heavy path on every frame, and checks routing, replay and the handoff ring against each other.
/// </summary>
internal static class EmitHostMain
{
    public const string Source = """
        #include <stdio.h>
        #include "dsl_model.h"

        #define FS DSL_MODEL_FRAME_SAMPLES
        #define HB DSL_MODEL_HANDOFF_BYTES
        #define FRAMES 24

        static int16_t g_in[FRAMES][FS];
        static int16_t g_routed[FRAMES][FS];
        static int16_t g_light[FRAMES][FS];
        static int16_t g_heavy[FRAMES][FS];
        static int8_t g_handoff[FRAMES][HB];
        static dsl_model_decision_t g_dec[FRAMES];

        /* frames whose first sample triggers the switch (score = in[0] / 512 >= 20) */
        static int triggers(int f)
        {
            return f == 0 || f == 5 || f == 6 || f == 11 || f == 16 || f == 17 || f == 18 || f == 23;
        }

        int main(void)
        {
            int f, i, age, mismatches = 0, heavy = 0, replays = 0, replayed = 0;
            uint32_t seed = 12345u;
            for (f = 0; f < FRAMES; f++) {
                for (i = 0; i < FS; i++) {
                    seed = seed * 1103515245u + 12345u;
                    g_in[f][i] = (int16_t)((int32_t)(seed >> 16) % 16000 - 8000);
                }
                g_in[f][0] = (int16_t)(triggers(f) ? 16384 : 1000);
            }

            dsl_model_light_reset();
            dsl_model_heavy_reset();
            for (f = 0; f < FRAMES; f++) g_dec[f] = dsl_model_process(g_in[f], g_routed[f]);

            /* Reference: the same clip with the heavy path fed every frame (never reset). */
            dsl_model_light_reset();
            dsl_model_heavy_reset();
            for (f = 0; f < FRAMES; f++) {
                const dsl_model_decision_t d = dsl_model_light_process(g_in[f], g_light[f]);
                const int8_t *h = dsl_model_handoff_frame(0);
                if (d.route != g_dec[f].route || d.replay_frames != g_dec[f].replay_frames
                    || d.switch_score != g_dec[f].switch_score) {
                    printf("frame %d: decision differs between runs\n", f);
                    mismatches++;
                }
                for (i = 0; i < HB; i++) g_handoff[f][i] = h[i];
                for (age = 1; age <= DSL_MODEL_REPLAY_FRAMES && age <= f; age++) {
                    const int8_t *old = dsl_model_handoff_frame(age);
                    for (i = 0; i < HB; i++) {
                        if (old[i] != g_handoff[f - age][i]) {
                            printf("frame %d: handoff of age %d is wrong\n", f, age);
                            mismatches++;
                            break;
                        }
                    }
                }
                dsl_model_heavy_process(h, g_heavy[f]);
            }

            for (f = 0; f < FRAMES; f++) {
                const int is_heavy = g_dec[f].route == DSL_MODEL_ROUTE_HEAVY;
                const int expect_heavy = triggers(f) || (f > 0 && triggers(f - 1));
                const int prev_heavy = f > 0 && g_dec[f - 1].route == DSL_MODEL_ROUTE_HEAVY;
                const int expect_replay = is_heavy && !prev_heavy ? (f < DSL_MODEL_REPLAY_FRAMES ? f : DSL_MODEL_REPLAY_FRAMES) : 0;
                if (is_heavy != expect_heavy || g_dec[f].replay_frames != expect_replay) {
                    printf("frame %d: route %d replay %d, expected %d %d\n", f, (int)g_dec[f].route,
                           (int)g_dec[f].replay_frames, expect_heavy, expect_replay);
                    mismatches++;
                }
                heavy += is_heavy;
                replays += g_dec[f].replay_frames > 0;
                replayed += g_dec[f].replay_frames;
                for (i = 0; i < FS; i++) {
                    const int16_t want = is_heavy ? g_heavy[f][i] : g_light[f][i];
        #ifdef EXPECT_GATE
                    if (g_light[f][i] != 0) {
                        printf("frame %d: gate mode light output not zero\n", f);
                        mismatches++;
                        break;
                    }
        #endif
                    if (g_routed[f][i] != want) {
                        printf("frame %d sample %d: routed %d, expected %d (%s)\n", f, i, g_routed[f][i], want,
                               is_heavy ? "always-heavy" : "light");
                        mismatches++;
                        break;
                    }
                }
            }
            printf("frames=%d heavy=%d replays=%d replayed=%d mismatches=%d\n", FRAMES, heavy, replays, replayed,
                   mismatches);
            return mismatches == 0 ? 0 : 1;
        }
        """;
}
