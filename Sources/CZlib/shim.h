#ifndef OVERBLIK_CZLIB_SHIM_H
#define OVERBLIK_CZLIB_SHIM_H
#include <zlib.h>

/// Inflates a complete zlib stream of `sourceLength` bytes into `dest` (capacity `*destLength`);
/// on return `*destLength` holds the bytes written. Returns a zlib status (Z_OK on success).
static inline int overblik_inflate(unsigned char *dest, unsigned long *destLength,
                                   const unsigned char *source, unsigned long sourceLength) {
    uLongf out = (uLongf)*destLength;
    int status = uncompress(dest, &out, source, (uLong)sourceLength);
    *destLength = (unsigned long)out;
    return status;
}
#endif
