/*
 * A gazetteer's fingerprint: 128 bits that change whenever anything that
 * decides what the tagger finds or what a graph's nodes say changes
 * (entity ids and their order, types, names, attributes, aliases with
 * their flags, the numbers of common words and given names), and stay the same across
 * machines, file names, line numbers and the form the gazetteer was
 * loaded from.  Partial results carry it so that counts made with
 * different gazetteers are never added up (ng_partial.h).
 *
 * Computed through the public accessors of ng_gazetteer.h only.  The order
 * of aliases does not matter (they are combined as a set); the order of
 * entities does, since counts are kept by entity number.
 */
#ifndef NG_GAZETTEER_FINGERPRINT_H
#define NG_GAZETTEER_FINGERPRINT_H
#pragma GCC visibility push(default) /* the public API; see Makefile */

#include "ng_gazetteer.h"

#define NG_FINGERPRINT_SIZE 16
/* Hex form: 32 digits and a NUL. */
#define NG_FINGERPRINT_HEX_SIZE (2 * NG_FINGERPRINT_SIZE + 1)

/* The fingerprint of gz into out.  Cost: one pass over the gazetteer. */
void ng_gazetteer_fingerprint(const ng_gazetteer_t *gz, unsigned char out[NG_FINGERPRINT_SIZE]);

/* fp as 32 lower-case hex digits, for messages. */
void ng_fingerprint_hex(const unsigned char fp[NG_FINGERPRINT_SIZE],
                        char out[NG_FINGERPRINT_HEX_SIZE]);

#pragma GCC visibility pop
#endif
