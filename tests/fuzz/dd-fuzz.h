/* Shared set-up of the libFuzzer harnesses: fatal GLib warnings, a private temporary
 * folder, the hand-counted fixture catalog and the input guards for issue classes
 * that are fixed elsewhere. */
#pragma once

#include <glib.h>

#include "dd-catalog.h"
#include "dd-prompt.h"
#include "dd-recipe.h"

G_BEGIN_DECLS

/* Once per process: criticals and warnings abort (the fuzzer reports them as crashes),
 * messages stay quiet, and the process gets a private folder under $TMPDIR (tmpfs
 * /dev/shm when there is no TMPDIR), removed at exit. Returns that folder. */
const char *dd_fuzz_init          (void);

/* A new file name inside the private folder (not created). */
char       *dd_fuzz_path          (const char *name);

/* Writes @size bytes to @path, replacing it; aborts on failure. */
void        dd_fuzz_write         (const char *path,
                                   const void *data,
                                   gsize       size);

/* The test suite's fixture (111 samples, 3 classes; tests/dd-test-util.c), created
 * once in the private folder (dd_fuzz_init() is called first) and kept open. */
DdCatalog  *dd_fuzz_fixture       (void);

/* TRUE only when DD_FUZZ_TAME=1 is set: the input guards below then keep out the
 * classes of input that crashed before issue 10's fixes (deep nesting, empty replies,
 * ids outside the vocabulary). Those are fixed, so by default every input goes through. */
gboolean    dd_fuzz_skip_known    (void);

/* Deep bracket nesting of JSON text overflows json-glib's recursive parser: issue 10
 * item 3, guarded on the i10-io branch; the harnesses skip inputs deeper than
 * DD_FUZZ_MAX_DEPTH until that guard is merged. */
#define DD_FUZZ_MAX_DEPTH 64
/* Whether dd_fuzz_skip_known() and the JSON text @data nests deeper than
 * DD_FUZZ_MAX_DEPTH ([ and { outside strings): an input to skip. */
gboolean    dd_fuzz_too_deep      (const guint8 *data,
                                   gsize         size);

/* Whether json-glib reads @data as a document without a root (empty, whitespace):
 * dereferencing that NULL root raises a Json-CRITICAL in the LLM client, issue 10
 * item 11, fixed on the i11-prompt branch. */
gboolean    dd_fuzz_json_is_empty (const guint8 *data,
                                   gsize         size);

/* The invariants of any recipe a parser accepted: its canonical text reads back as an
 * equal recipe and is a fixed point; it can be described and evaluated against
 * @catalog (or refused with a message), and the selection is within the catalog. */
void        dd_fuzz_check_recipe  (DdRecipe   *recipe,
                                   DdCatalog  *catalog);

/* The invariants of a validated LLM proposal (or of its refusal, @proposal NULL). */
void        dd_fuzz_check_proposal (DdProposal   *proposal,
                                    const GError *error,
                                    DdCatalog    *catalog);

/* Aborts with @what when @cond is false: an invariant of a harness. */
#define dd_fuzz_check(cond, what) \
  G_STMT_START { if (G_UNLIKELY (!(cond))) dd_fuzz_fail (G_STRLOC, what); } G_STMT_END
/* Aborts with @what, showing @text, unless @text is NULL or valid UTF-8. */
void        dd_fuzz_check_utf8    (const char *text,
                                   const char *what);
G_NORETURN void dd_fuzz_fail      (const char *where,
                                   const char *what);

G_END_DECLS
