#ifndef OVERBLIK_PREFETCH_H
#define OVERBLIK_PREFETCH_H

/* A read hint for the CPU cache: the line holding `address` is fetched in the background while the
   caller goes on. No effect on results; compiles to one PREFETCHT0 instruction (x86) or PRFM (arm64),
   and Swift inlines it. Swift has no such intrinsic, hence this header-only module. */
static inline __attribute__((always_inline)) void overblik_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
