/*
 * A stable 64-bit hash: the same value for the same bytes on every
 * machine, byte order and nergraph version, so that it can be written
 * into files (partial results' checksums, gazetteer fingerprints).
 * MurmurHash64A's mixing over little-endian words.  Internal.
 */
#ifndef NG_STABLEHASH_H
#define NG_STABLEHASH_H

#include <stddef.h>
#include <stdint.h>

uint64_t ng_stable_hash(const void *data, size_t len, uint64_t seed);

/* One 64-bit value folded into a running hash state. */
uint64_t ng_stable_mix(uint64_t state, uint64_t value);

#endif
