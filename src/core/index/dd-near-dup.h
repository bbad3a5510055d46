/* All pairs of 64-bit perceptual hashes within a Hamming distance, found by a
 * multi-index hash (pigeonhole over blocks of the bits) instead of all pairs. GLib only. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  guint32 a, b;        /* indices into the hashes, a < b */
  guint32 distance;
} DdNearPair;

/* The pairs (a < b) of @hashes within @threshold bits (at most 32) of each other, by
 * a, then b. @family (may be NULL): pairs whose members share a nonzero family are
 * left out (the corruption variants of one clean image). NULL when cancelled. */
GArray   *dd_near_dup_pairs        (const guint64  *hashes,
                                    guint           n,
                                    guint           threshold,
                                    const guint32  *family,
                                    GCancellable   *cancellable);
/* The same by comparing every pair: for tests and the benchmark. */
GArray   *dd_near_dup_pairs_naive  (const guint64  *hashes,
                                    guint           n,
                                    guint           threshold,
                                    const guint32  *family,
                                    GCancellable   *cancellable);

/* The connected groups of @pairs over @n items: for each item its group's smallest
 * member, itself when it has no pair (a new array of n guint32). */
guint32  *dd_near_dup_groups       (const GArray   *pairs,
                                    guint           n);

G_END_DECLS
