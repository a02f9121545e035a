/*
 * The gazetteer fingerprint (ng_gazetteer_fingerprint.h): two independent
 * 64-bit lanes of the stable hash over everything the accessors show.
 * Entities are hashed in order; each alias is hashed on its own and the
 * alias hashes are added up, so that a gazetteer whose aliases are stored
 * in another order (a compiled form, say) has the same fingerprint.
 */
#include "nergraph.h"
#include "ng_gazetteer_fingerprint.h"

#include <string.h>

#include "stablehash.h"

/* Seeds of the two lanes, and of the alias hashes. */
#define SEED_A 0x6e65726772617068ULL /* "nergraph" */
#define SEED_B 0x66696e6765727072ULL /* "fingerpr" */

/* Field tags: a name and an id of the same text hash differently. */
enum { TAG_ENTITY = 1, TAG_ID, TAG_TYPE, TAG_NAME, TAG_ATTRS, TAG_KEY, TAG_VALUE,
       TAG_ALIASES, TAG_WORDS, TAG_GIVEN, TAG_END };

typedef struct lanes {
    uint64_t a, b;
} lanes_t;

static void mix(lanes_t *h, uint64_t v)
{
    h->a = ng_stable_mix(h->a, v);
    h->b = ng_stable_mix(h->b, v ^ 0x9e3779b97f4a7c15ULL);
}

static void mix_string(lanes_t *h, uint64_t tag, const char *s)
{
    size_t len = s ? strlen(s) : 0;
    mix(h, tag);
    h->a = ng_stable_mix(h->a, ng_stable_hash(s ? s : "", len, SEED_A));
    h->b = ng_stable_mix(h->b, ng_stable_hash(s ? s : "", len, SEED_B));
}

void ng_gazetteer_fingerprint(const ng_gazetteer_t *gz, unsigned char out[NG_FINGERPRINT_SIZE])
{
    lanes_t h = {SEED_A, SEED_B};
    size_t entities = ng_gazetteer_entity_count(gz);
    mix(&h, TAG_ENTITY);
    mix(&h, entities);
    for (uint32_t e = 0; e < entities; e++) {
        mix_string(&h, TAG_ID, ng_gazetteer_entity_id(gz, e));
        mix_string(&h, TAG_TYPE, ng_gazetteer_entity_type(gz, e));
        mix_string(&h, TAG_NAME, ng_gazetteer_entity_name(gz, e));
        size_t attrs = ng_gazetteer_attr_count(gz, e);
        mix(&h, TAG_ATTRS);
        mix(&h, attrs);
        for (size_t i = 0; i < attrs; i++) {
            mix_string(&h, TAG_KEY, ng_gazetteer_attr_key(gz, e, i));
            mix_string(&h, TAG_VALUE, ng_gazetteer_attr_value(gz, e, i));
        }
    }
    /* Aliases as a set: each hashed alone, the hashes summed. */
    size_t aliases = ng_gazetteer_alias_count(gz);
    lanes_t sum = {0, 0};
    for (size_t i = 0; i < aliases; i++) {
        const ng_alias_t *al = ng_gazetteer_alias(gz, i);
        lanes_t one = {SEED_B, SEED_A};
        mix(&one, al->entity);
        mix(&one, al->flags);
        one.a = ng_stable_mix(one.a, ng_stable_hash(al->text, al->len, SEED_A));
        one.b = ng_stable_mix(one.b, ng_stable_hash(al->text, al->len, SEED_B));
        /* Where a name counts is part of what it does; an alias of any
         * language hashes as it did before languages existed. */
        if (al->langs) {
            size_t n = strlen(al->langs);
            one.a = ng_stable_mix(one.a, ng_stable_hash(al->langs, n, SEED_A));
            one.b = ng_stable_mix(one.b, ng_stable_hash(al->langs, n, SEED_B));
        }
        sum.a += one.a;
        sum.b += one.b;
    }
    mix(&h, TAG_ALIASES);
    mix(&h, aliases);
    mix(&h, sum.a);
    mix(&h, sum.b);
    /* The words and given names cannot be listed through the API, only
     * counted. */
    mix(&h, TAG_WORDS);
    mix(&h, ng_gazetteer_word_count(gz));
    mix(&h, TAG_GIVEN);
    mix(&h, ng_gazetteer_given_name_count(gz));
    mix(&h, TAG_END);
    for (int i = 0; i < 8; i++) {
        out[i] = (unsigned char)(h.a >> (56 - 8 * i));
        out[8 + i] = (unsigned char)(h.b >> (56 - 8 * i));
    }
}

void ng_fingerprint_hex(const unsigned char fp[NG_FINGERPRINT_SIZE],
                        char out[NG_FINGERPRINT_HEX_SIZE])
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < NG_FINGERPRINT_SIZE; i++) {
        out[2 * i] = digits[fp[i] >> 4];
        out[2 * i + 1] = digits[fp[i] & 15];
    }
    out[2 * NG_FINGERPRINT_SIZE] = '\0';
}
