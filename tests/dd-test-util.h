/* The test kit every test program uses: a catalog in a temporary folder (empty, the
 * hand-counted one, or a generated and indexed demo), files and images written for a
 * case, datadive-cli run and its output captured, and waiting on the main loop for a
 * condition with a deadline. */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <json-glib/json-glib.h>

#include "dd-document.h"
#include "dd-health-near.h"
#include "dd-scanner.h"
#include "dd-test-catalog.h"

G_BEGIN_DECLS

/* ---- a catalog in a temporary folder ------------------------------------------------ */

/* The fields of DdTestFixture, to begin a test's own fixture struct with (it can then
 * be passed to the functions below as a DdTestFixture *). */
#define DD_TEST_FIXTURE_FIELDS                                                          \
  char      *dir;            /* a fresh temporary folder, removed at teardown */        \
  char      *data;           /* dir/data: a dataset written there (the demo's) */       \
  char      *catalog_path;   /* dir/c.ddcat */                                          \
  DdCatalog *catalog;        /* open, or NULL */

typedef struct {
  DD_TEST_FIXTURE_FIELDS
} DdTestFixture;

/* A demo for dd_test_setup_demo(): passed as the test's data (NULL: 3 classes × 2). */
typedef struct {
  guint classes;
  guint per_class;
} DdTestDemo;

/* The folder and the paths: data/ and c.ddcat in it, or @name/ and @name.ddcat (a
 * window's title shows them). Nothing is created in it yet. */
void dd_test_fixture_init  (DdTestFixture *f,
                            const char    *name);
/* Creates (or opens) the catalog at f->catalog_path. */
void dd_test_fixture_open  (DdTestFixture *f);
/* Scans f->data into the catalog (opened first if need be). */
void dd_test_fixture_index (DdTestFixture *f);
/* The structure pass over @root into @catalog (the test fails on an error): its report. */
DdScanReport *dd_test_scan (DdCatalog  *catalog,
                            const char *root);
/* The same over the NULL-terminated @roots, in one run. */
DdScanReport *dd_test_scan_roots (DdCatalog          *catalog,
                                  const char * const *roots);
/* Generates the demo into f->data, then opens and indexes it. */
void dd_test_fixture_demo  (DdTestFixture *f,
                            guint          classes,
                            guint          per_class);
/* Closes the catalog and removes the folder. */
void dd_test_fixture_clear (DdTestFixture *f);

/* g_test_add() set-ups and the teardown, for a DdTestFixture (or a struct that begins
 * with DD_TEST_FIXTURE_FIELDS). */
void dd_test_setup_empty   (DdTestFixture *f, gconstpointer data);   /* a new, empty catalog */
void dd_test_setup_counted (DdTestFixture *f, gconstpointer data);   /* dd_test_fill_catalog */
void dd_test_setup_demo    (DdTestFixture *f, gconstpointer data);   /* data: DdTestDemo or NULL */
void dd_test_teardown      (DdTestFixture *f, gconstpointer data);

/* The hand-counted fixture, dd_test_fill_catalog(), and rows written one at a time:
 * dd-test-catalog.h. */
/* ---- files ------------------------------------------------------------------------ */

/* Removes a tree (no symlink is followed). */
void dd_test_rm_rf         (const char *path);
/* How many entries of the folder @dir have names that start with @prefix (0 when it
 * cannot be read). */
guint dd_test_count_prefixed (const char *dir,
                              const char *prefix);
/* Writes @len bytes of @bytes (-1: up to the string's end) at @path, folders made, in
 * place of what the file held, without fsync (cases write thousands). */
void dd_test_write_bytes   (const char *path,
                            const void *bytes,
                            gssize      len);
/* The file @rel under @dir, read whole (the test fails when it cannot be): its bytes,
 * NUL-terminated; g_free() them. Their number goes to @len unless it is NULL. */
char *dd_test_read_file    (const char *dir,
                            const char *rel,
                            gsize      *len);
/* dd_test_write_bytes() of @rel under @root: a few bytes that start like a JPEG unless
 * @contents says otherwise. */
void dd_test_put_file      (const char *root,
                            const char *rel,
                            const char *contents);
/* tests/data/@name in the source tree. */
char *dd_test_data_path    (const char *name);
/* A @w × @h picture: a colour gradient around (r, g, b) over a 4 × 4 pattern of blocks that
 * the colour picks (other colours are other pictures to a perceptual hash), or exactly
 * gray when r = g = b. */
GdkPixbuf *dd_test_make_pixbuf (int w,
                                int h,
                                int r,
                                int g,
                                int b);
/* dd_test_make_pixbuf (@size, @size, …) saved as @type ("jpeg", "png") at @path
 * (folders made). */
void dd_test_write_image   (const char *path,
                            int         size,
                            int         r,
                            int         g,
                            int         b,
                            const char *type);
/* @pixbuf saved as a JPEG of @quality at @path (folders made). */
void dd_test_save_jpeg     (GdkPixbuf  *pixbuf,
                            const char *path,
                            int         quality);
/* Moves the modification time of @path @seconds later (earlier when negative), its
 * access time kept: a change a scan that trusts mtimes (in seconds) must see. */
void dd_test_shift_mtime   (const char *path,
                            gint64      seconds);
/* Makes a file or folder unwritable for this process, even as root (the immutable
 * attribute; for other users its mode): FALSE when that is not possible here.
 * dd_test_make_writable() undoes it. */
gboolean dd_test_make_unwritable (const char *path);
void     dd_test_make_writable   (const char *path);

/* ---- health reports --------------------------------------------------------------- */

/* Runs the content pass over @catalog (the test fails on an error). */
void         dd_test_content_pass (DdCatalog      *catalog);
/* The finding of @kind on the sample whose key ends with @key_suffix, or NULL. */
DdFinding   *dd_test_finding      (DdHealthReport *report,
                                   DdHealthKind    kind,
                                   const char     *key_suffix);
/* The near-duplicate group of @report that holds @key, or NULL. */
DdNearGroup *dd_test_near_group (DdHealthReport *report,
                                 const char     *key);
/* @n random 64-bit hashes from @seed, where every @every-th (after the first) is a copy
 * of an earlier one with up to @flips random bits flipped (a near pair, or an equal one
 * when none is); g_free() it. */
guint64     *dd_test_make_hashes (guint n,
                                  guint every,
                                  guint flips,
                                  guint seed);

/* ---- datadive-cli ------------------------------------------------------------------- */

typedef struct {
  int   status;   /* the exit status, or 128 + the signal that ended it */
  char *out;
  char *err;
} DdTestRun;

void     dd_test_run_clear    (DdTestRun *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DdTestRun, dd_test_run_clear)

/* TRUE when the build's datadive-cli is known (DATADIVE_CLI, set by meson test). */
gboolean dd_test_have_cli     (void);
/* When it is not: the case is marked skipped, and TRUE (the case returns). */
gboolean dd_test_skip_without_cli (void);
/* Runs datadive-cli with @argv (NULL-terminated, without the program), @input on its
 * stdin (NULL: none) and @setup in the child, and captures what it prints. A run that
 * has not ended after @seconds fails the test (a hang is a bug too). */
void     dd_test_run_cli_full (DdTestRun            *run,
                               const char           *input,
                               GSpawnChildSetupFunc  setup,
                               double                seconds,
                               const char * const   *argv);
/* The same with the arguments listed, NULL-terminated; 120 s at most. */
void     dd_test_run_cli      (DdTestRun  *run,
                               const char *first,
                               ...) G_GNUC_NULL_TERMINATED;
/* `datadive-cli query --catalog @catalog [--class @class_arg] --count`: the number it
 * prints (the test fails when the query does). */
gint64   dd_test_cli_count    (const char *catalog,
                               const char *class_arg);
/* A user error: exit 1, nothing on stdout, one short line "datadive-cli: …" on stderr
 * holding @needle (when not NULL). */
void     dd_test_assert_one_line_error (const DdTestRun *run,
                                        const char      *needle);
/* @text parsed as a JSON object (the test fails otherwise); owned by @parser. */
JsonObject *dd_test_parse_object (JsonParser *parser,
                                  const char *text);

/* ---- the main loop -------------------------------------------------------------------- */

typedef gboolean (*DdTestCondition) (gpointer data);

/* Iterates the default main context until @condition (@data) holds (TRUE) or @seconds
 * have passed (FALSE). It blocks between events, waking every few milliseconds to look
 * again, so a condition a thread sets is seen too. */
gboolean dd_test_iterate_until (DdTestCondition  condition,
                                gpointer         data,
                                double           seconds);
/* The same, failing the test after @seconds with "Timed out waiting for @what". */
void     dd_test_wait_for      (DdTestCondition  condition,
                                gpointer         data,
                                double           seconds,
                                const char      *what);
/* Iterates the main context for @seconds (lets animations and idle work run). */
void     dd_test_settle        (double           seconds);

/* @document (a DdDocument) is evaluated: not busy, with a selection. */
gboolean dd_test_document_ready (gpointer         document);
/* Waits until @document holds @recipe, evaluated (the test fails after 30 s). */
void     dd_test_wait_recipe    (DdDocument      *document,
                                 DdRecipe        *recipe);
/* Applies @recipe to @document and waits until the document holds it, evaluated (the
 * test fails after 30 s). */
void     dd_test_apply_recipe   (DdDocument      *document,
                                 DdRecipe        *recipe);

/* An async call under test: pass dd_test_keep_result as its callback and a
 * GAsyncResult ** holding NULL as its user data; dd_test_await() iterates the default
 * context until the result is there (failing the test after 120 s) and returns it, for
 * the call's _finish(); the slot keeps the reference (g_clear_object() it). */
void          dd_test_keep_result (GObject       *source,
                                   GAsyncResult  *result,
                                   gpointer       slot);
GAsyncResult *dd_test_await       (GAsyncResult **slot);

G_END_DECLS
