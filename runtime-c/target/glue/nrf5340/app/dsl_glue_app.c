/*
 * dsl_glue_app.c - nRF5340 application core (heavy): the doorbell interrupt from the network core (IPC
 * EVENTS_RECEIVE[c] for channel c = DSL_GLUE_IPC_CHANNEL, IPC_IRQn), and the SPU set-up that lets the network
 * core reach the shared region: its accesses to application RAM are non-secure, so the 8 KiB SPU RAM regions
 * holding the ring are made non-secure (read, write). No cache on RAM: no maintenance.
 * Built for the secure application core (bare metal boots secure). Define DSL_GLUE_NRF5340_APP_NONSECURE for a
 * non-secure image (TF-M): it then uses the non-secure IPC alias and leaves the SPU to the secure firmware.
 * COMPILED AND LINKED HERE, UNTESTED ON HARDWARE.
 */
#include "dsl_glue.h"
#include "dsl_glue_arm.h"

#ifndef DSL_GLUE_IPC_CHANNEL
#define DSL_GLUE_IPC_CHANNEL 15u /* must match the network core's build (dsl_glue_net.c) */
#endif

/* nRF5340 Product Specification; MDK nrf5340_application.h: NRF_IPC_S_BASE 0x5002A000, NRF_IPC_NS_BASE
   0x4002A000; EVENTS_RECEIVE[n] 0x100 + 4n, INTENSET 0x304, RECEIVE_CNF[n] 0x590 + 4n. The interrupt number is
   the peripheral ID, bits 19:12 of the address (PS "Peripheral interface"): 0x2A = 42 (IPC_IRQn). */
#ifdef DSL_GLUE_NRF5340_APP_NONSECURE
#define IPC_BASE 0x4002A000u
#else
#define IPC_BASE 0x5002A000u
#endif
#define IPC_EVENTS_RECEIVE(n) DSL_GLUE_REG(IPC_BASE + 0x100u + 4u * (n))
#define IPC_INTENSET DSL_GLUE_REG(IPC_BASE + 0x304u)
#define IPC_RECEIVE_CNF(n) DSL_GLUE_REG(IPC_BASE + 0x590u + 4u * (n))
#define IPC_IRQN 42u

/* SPU (NRF_SPU_S_BASE 0x50003000): RAMREGION[n].PERM at 0x700 + 4n, one per 8 KiB of RAM from 0x20000000;
   PERM bits EXECUTE 0, WRITE 1, READ 2, SECATTR 4 (1 = secure). */
#define SPU_RAMREGION_PERM(n) DSL_GLUE_REG(0x50003700u + 4u * (n))
#define SPU_RAM_BASE 0x20000000u
#define SPU_RAMREGION_BYTES 0x2000u
#define SPU_PERM_READ_WRITE ((1u << 2) | (1u << 1))

/* The board profile's shared region (dslc passes it for every board with glue). */
#ifndef DSL_GLUE_SHARED_ORIGIN
#error "dsl_glue_app.c: define DSL_GLUE_SHARED_ORIGIN and DSL_GLUE_SHARED_SIZE (the profile's shared region)"
#endif

void dsl_glue_init(void)
{
#ifndef DSL_GLUE_NRF5340_APP_NONSECURE
    uint32_t r = (DSL_GLUE_SHARED_ORIGIN - SPU_RAM_BASE) / SPU_RAMREGION_BYTES;
    const uint32_t end = (DSL_GLUE_SHARED_ORIGIN + DSL_GLUE_SHARED_SIZE - SPU_RAM_BASE + SPU_RAMREGION_BYTES - 1u) / SPU_RAMREGION_BYTES;
    for (; r < end; r++) SPU_RAMREGION_PERM(r) = SPU_PERM_READ_WRITE; /* SECATTR 0: non-secure */
#endif
    IPC_RECEIVE_CNF(DSL_GLUE_IPC_CHANNEL) = 1u << DSL_GLUE_IPC_CHANNEL;
    IPC_EVENTS_RECEIVE(DSL_GLUE_IPC_CHANNEL) = 0u;
    IPC_INTENSET = 1u << DSL_GLUE_IPC_CHANNEL;
    dsl_glue_nvic_enable(IPC_IRQN);
}

int dsl_glue_doorbell_ack(void)
{
    if (IPC_EVENTS_RECEIVE(DSL_GLUE_IPC_CHANNEL) == 0u) return 0;
    IPC_EVENTS_RECEIVE(DSL_GLUE_IPC_CHANNEL) = 0u;
    (void)IPC_EVENTS_RECEIVE(DSL_GLUE_IPC_CHANNEL); /* the clear reaches the peripheral before the ISR returns */
    return 1;
}

#define DSL_GLUE_DOORBELL_IRQN IPC_IRQN
#define DSL_GLUE_DOORBELL_HANDLER IPC_IRQHandler
#include "dsl_glue_heavy.h"
