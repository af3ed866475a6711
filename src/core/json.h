/* JSON reading (validating scanner with byte offsets) and string writing. */
#ifndef SL_JSON_H
#define SL_JSON_H

#include "core.h"

enum sl_json_type {
    SL_JSON_NULL, SL_JSON_FALSE, SL_JSON_TRUE, SL_JSON_NUMBER,
    SL_JSON_STRING, SL_JSON_ARRAY, SL_JSON_OBJECT
};

/* A top-level member of an object, as byte ranges of the parsed text. */
typedef struct sl_json_member {
    size_t key_start, key_end;  /* the key token, quotes included */
    size_t val_start, val_end;  /* the value token(s) */
    int type;                   /* enum sl_json_type */
} sl_json_member;

typedef struct sl_json_object {
    const char *text;           /* the parsed text (not owned) */
    sl_json_member *members;
    size_t n, cap;
} sl_json_object;

/* Parse s[0..len) as exactly one JSON object, surrounding whitespace
 * allowed.  The whole text is validated (RFC 8259: grammar, escapes, numbers,
 * strings in valid UTF-8, no raw control characters), nesting at most
 * `max_depth`.  On error returns SL_EPARSE, SL_EUTF8 or SL_ELIMIT, sets
 * *err_off to the offending byte and a message on ctx saying what is wrong
 * (without the file name, which the caller adds). */
int sl_json_parse_object(sl_ctx *ctx, const char *s, size_t len, unsigned max_depth,
                         sl_json_object *obj, size_t *err_off);
/* `obj` must be zeroed before its first parse; it can then be reused for
 * many parses (its member array is kept) and is released once at the end. */
void sl_json_object_release(sl_ctx *ctx, sl_json_object *obj);

/* Index of the member whose decoded key equals `key`, or -1.  With
 * duplicate keys the last one wins, as in most JSON readers. */
long sl_json_find(const sl_json_object *obj, const char *key);
/* True when member i's decoded key equals key. */
bool sl_json_key_is(const sl_json_object *obj, size_t i, const char *key);

/* Decode the string token tok[0..len) (quotes included) and append the
 * UTF-8 result to out.  An escaped lone surrogate becomes U+FFFD and
 * *lone_surrogates (if not NULL) counts it. */
int sl_json_decode_string(const char *tok, size_t len, sl_buf *out, size_t *lone_surrogates);

/* Append s[0..len) as a JSON string token.  Invalid UTF-8 bytes are written
 * as \ufffd; control characters are escaped; everything else is literal. */
int sl_json_write_string(sl_buf *out, const char *s, size_t len);

#endif
