/*
 * dsl_glue_net.c - nRF5340 network core (light): rings the application core through the IPC peripheral:
 * TASKS_SEND[c] broadcasts on IPC channel c (SEND_CNF[c] = 1 << c), which the application core's IPC receives
 * as EVENTS_RECEIVE[c] (dsl_glue_app.c). Channel DSL_GLUE_IPC_CHANNEL (default 15; Zephyr's IPC service uses
 * the low channels).
 * COMPILED AND LINKED HERE, UNTESTED ON HARDWARE.
 */
#include "dsl_glue.h"
#include "dsl_glue_arm.h"

#ifndef DSL_GLUE_IPC_CHANNEL
#define DSL_GLUE_IPC_CHANNEL 15u /* 0..15; both cores' builds must agree */
#endif

/* nRF5340 Product Specification, IPC; MDK nrf5340_network.h: NRF_IPC_NS_BASE 0x41012000 (the network core's
   own IPC instance). Offsets: TASKS_SEND[n] 0x000 + 4n, SEND_CNF[n] 0x510 + 4n. */
#define IPC_TASKS_SEND(n) DSL_GLUE_REG(0x41012000u + 4u * (n))
#define IPC_SEND_CNF(n) DSL_GLUE_REG(0x41012510u + 4u * (n))

void dsl_glue_init(void)
{
    IPC_SEND_CNF(DSL_GLUE_IPC_CHANNEL) = 1u << DSL_GLUE_IPC_CHANNEL;
}

void dsl_glue_doorbell_ring(void)
{
    __asm__ volatile("dsb" ::: "memory");
    IPC_TASKS_SEND(DSL_GLUE_IPC_CHANNEL) = 1u;
}
