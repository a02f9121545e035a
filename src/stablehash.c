/*
 * The stable hash (stablehash.h).  Words are read byte by byte as little
 * endian, never through a cast, so the value does not depend on the host
 * nor on alignment.
 */
#include "stablehash.h"

#define M 0xc6a4a7935bd1e995ULL
#define R 47

static uint64_t load_le(const unsigned char *p, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

uint64_t ng_stable_hash(const void *data, size_t len, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t h = seed ^ ((uint64_t)len * M);
    size_t words = len / 8;
    for (size_t i = 0; i < words; i++) {
        uint64_t k = load_le(p + 8 * i, 8);
        k *= M;
        k ^= k >> R;
        k *= M;
        h ^= k;
        h *= M;
    }
    size_t tail = len & 7;
    if (tail) {
        h ^= load_le(p + 8 * words, tail);
        h *= M;
    }
    h ^= h >> R;
    h *= M;
    h ^= h >> R;
    return h;
}

uint64_t ng_stable_mix(uint64_t state, uint64_t value)
{
    value *= M;
    value ^= value >> R;
    value *= M;
    state ^= value;
    state *= M;
    state ^= state >> R;
    return state;
}
