/* The test kit: catalogs in temporary folders (empty, hand-counted, or a generated
 * demo), files and images, datadive-cli runs, and waiting on the main loop. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <linux/fs.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <utime.h>

#include "dd-content.h"
#include "dd-demo.h"
#include "dd-scanner.h"
#include "dd-test-util.h"

/* The hand-counted catalog and rows written one at a time: dd-test-catalog.c. */

void
dd_test_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        dd_test_rm_rf (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static gboolean
set_immutable (const char *path,
               gboolean    immutable)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  int attr = 0;
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = ioctl (fd, FS_IOC_GETFLAGS, &attr) == 0;
  attr = immutable ? (attr | FS_IMMUTABLE_FL) : (attr & ~FS_IMMUTABLE_FL);
  ok = ok && ioctl (fd, FS_IOC_SETFLAGS, &attr) == 0;
  close (fd);
  return ok;
}

gboolean
dd_test_make_unwritable (const char *path)
{
  if (geteuid () == 0)
    {
      if (!set_immutable (path, TRUE))
        return FALSE;
    }
  else if (g_chmod (path, g_file_test (path, G_FILE_TEST_IS_DIR) ? 0555 : 0444) != 0)
    return FALSE;
  return g_access (path, W_OK) != 0;
}

void
dd_test_make_writable (const char *path)
{
  if (geteuid () == 0)
    set_immutable (path, FALSE);
  else
    g_chmod (path, g_file_test (path, G_FILE_TEST_IS_DIR) ? 0755 : 0644);
}

/* ---- a catalog in a temporary folder ------------------------------------------------ */

void
dd_test_fixture_init (DdTestFixture *f,
                      const char    *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_path_get_basename (g_get_prgname () ? g_get_prgname () : "test");
  g_autofree char *template = g_strdup_printf ("dd-%s-XXXXXX", program);

  memset (f, 0, sizeof *f);
  f->dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  if (name)
    {
      g_autofree char *file = g_strconcat (name, ".ddcat", NULL);

      f->data = g_build_filename (f->dir, name, NULL);
      f->catalog_path = g_build_filename (f->dir, file, NULL);
    }
  else
    {
      f->data = g_build_filename (f->dir, "data", NULL);
      f->catalog_path = g_build_filename (f->dir, "c.ddcat", NULL);
    }
}

void
dd_test_fixture_open (DdTestFixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->catalog);
  f->catalog = dd_catalog_open (f->catalog_path, DD_CATALOG_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->catalog);
}

DdScanReport *
dd_test_scan_roots (DdCatalog          *catalog,
                    const char * const *roots)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdScanner) scanner = dd_scanner_new (catalog);
  DdScanReport *report = dd_scanner_run (scanner, roots, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

DdScanReport *
dd_test_scan (DdCatalog  *catalog,
              const char *root)
{
  const char *roots[] = { root, NULL };

  return dd_test_scan_roots (catalog, roots);
}

void
dd_test_fixture_index (DdTestFixture *f)
{
  if (f->catalog == NULL)
    dd_test_fixture_open (f);
  dd_scan_report_free (dd_test_scan (f->catalog, f->data));
}

void
dd_test_fixture_demo (DdTestFixture *f,
                      guint          classes,
                      guint          per_class)
{
  g_autoptr(GError) error = NULL;
  DdDemoOptions options;

  dd_demo_options_init (&options);
  options.classes = classes;
  options.per_class = per_class;
  g_assert_true (dd_demo_generate (f->data, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  dd_test_fixture_index (f);
}

void
dd_test_fixture_clear (DdTestFixture *f)
{
  g_clear_object (&f->catalog);
  if (f->dir)
    dd_test_rm_rf (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->data, g_free);
  g_clear_pointer (&f->catalog_path, g_free);
}

void
dd_test_setup_empty (DdTestFixture *f,
                     gconstpointer  data)
{
  dd_test_fixture_init (f, NULL);
  dd_test_fixture_open (f);
}

void
dd_test_setup_counted (DdTestFixture *f,
                       gconstpointer  data)
{
  dd_test_setup_empty (f, data);
  dd_test_fill_catalog (f->catalog);
}

void
dd_test_setup_demo (DdTestFixture *f,
                    gconstpointer  data)
{
  const DdTestDemo *demo = data;

  dd_test_fixture_init (f, NULL);
  dd_test_fixture_demo (f, demo ? demo->classes : 3, demo ? demo->per_class : 2);
}

void
dd_test_teardown (DdTestFixture *f,
                  gconstpointer  data)
{
  dd_test_fixture_clear (f);
}

/* ---- files ------------------------------------------------------------------------ */

char *
dd_test_data_path (const char *name)
{
  return g_build_filename (DD_TEST_SOURCE_DIR, "data", name, NULL);
}

guint
dd_test_count_prefixed (const char *dir,
                        const char *prefix)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (listing && (name = g_dir_read_name (listing)))
    if (g_str_has_prefix (name, prefix))
      n++;
  return n;
}

void
dd_test_write_bytes (const char *path,
                     const void *bytes,
                     gssize      len)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  /* Without G_FILE_SET_CONTENTS_CONSISTENT, GLib 2.74 writes over a file in place and
   * does not truncate it: a shorter text would keep the tail of the longer one. */
  if (truncate (path, 0) != 0)
    g_assert_cmpint (errno, ==, ENOENT);
  g_assert_true (g_file_set_contents_full (path, bytes, len, G_FILE_SET_CONTENTS_NONE, 0644,
                                           &error));
  g_assert_no_error (error);
}

void
dd_test_put_file (const char *root,
                  const char *rel,
                  const char *contents)
{
  g_autofree char *path = g_build_filename (root, rel, NULL);

  dd_test_write_bytes (path, contents ? contents : "\xff\xd8\xff\xe0 fake jpeg", -1);
}

void
dd_test_shift_mtime (const char *path,
                     gint64      seconds)
{
  GStatBuf st;
  struct utimbuf times;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  times.actime = st.st_atime;
  times.modtime = st.st_mtime + seconds;
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

char *
dd_test_read_file (const char *dir,
                   const char *rel,
                   gsize      *len)
{
  g_autofree char *path = g_build_filename (dir, rel, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, len, &error);
  g_assert_no_error (error);
  return data;
}

GdkPixbuf *
dd_test_make_pixbuf (int w,
                     int h,
                     int r,
                     int g,
                     int b)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w, h);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint32 seed = (guint32) (r * 65599 + g * 257 + b) * 2654435761u;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;
        /* blocks of a pattern of the colour's own, the same on every channel: pictures
         * of other colours are other pictures to a perceptual hash, gray stays gray */
        guint32 cell = seed ^ ((guint32) (x * 4 / MAX (w, 1)) * 0x9e3779b1u) ^
                       ((guint32) (y * 4 / MAX (h, 1)) * 0x85ebca77u);
        int bump = (int) ((cell * 2246822519u) >> 27);   /* 0–31 */

        if (r == g && g == b)
          p[0] = p[1] = p[2] = CLAMP (r + x + y + bump, 0, 255);
        else
          {
            p[0] = CLAMP (r + x + bump, 0, 255);
            p[1] = CLAMP (g + y + bump, 0, 255);
            p[2] = CLAMP (b + x / 2 + bump, 0, 255);
          }
      }
  return pixbuf;
}

void
dd_test_write_image (const char *path,
                     int         size,
                     int         r,
                     int         g,
                     int         b,
                     const char *type)
{
  g_autoptr(GdkPixbuf) pixbuf = dd_test_make_pixbuf (size, size, r, g, b);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, type, &error, NULL));
  g_assert_no_error (error);
}

void
dd_test_save_jpeg (GdkPixbuf  *pixbuf,
                   const char *path,
                   int         quality)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *q = g_strdup_printf ("%d", quality);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", q, NULL));
  g_assert_no_error (error);
}

/* ---- health reports --------------------------------------------------------------- */

void
dd_test_content_pass (DdCatalog *catalog)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdContentPass) pass = dd_content_pass_new (catalog);
  DdContentReport report;

  g_assert_true (dd_content_pass_run (pass, &report, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

DdFinding *
dd_test_finding (DdHealthReport *report,
                 DdHealthKind    kind,
                 const char     *key_suffix)
{
  for (guint i = 0; i < report->findings->len; i++)
    {
      DdFinding *finding = g_ptr_array_index (report->findings, i);

      if (finding->kind == kind && g_str_has_suffix (finding->key, key_suffix))
        return finding;
    }
  return NULL;
}

DdNearGroup *
dd_test_near_group (DdHealthReport *report,
                    const char     *key)
{
  for (guint i = 0; i < report->groups->len; i++)
    {
      DdNearGroup *g = g_ptr_array_index (report->groups, i);

      if (g_strv_contains ((const char * const *) g->keys, key))
        return g;
    }
  return NULL;
}

guint64 *
dd_test_make_hashes (guint n,
                     guint every,
                     guint flips,
                     guint seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint64 *h = g_new (guint64, n);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0 && i % every == 0)
        {
          guint64 x = h[g_rand_int_range (rand, 0, i)];
          guint k = g_rand_int_range (rand, 0, flips + 1);

          for (guint f = 0; f < k; f++)
            x ^= G_GUINT64_CONSTANT (1) << g_rand_int_range (rand, 0, 64);
          h[i] = x;
        }
      else
        h[i] = (guint64) g_rand_int (rand) << 32 | g_rand_int (rand);
    }
  return h;
}

/* ---- datadive-cli ------------------------------------------------------------------- */

void
dd_test_run_clear (DdTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

gboolean
dd_test_have_cli (void)
{
  return g_getenv ("DATADIVE_CLI") != NULL;
}

gboolean
dd_test_skip_without_cli (void)
{
  if (dd_test_have_cli ())
    return FALSE;
  g_test_skip ("datadive-cli is not known: DATADIVE_CLI is not set (run under meson test)");
  return TRUE;
}

static gboolean
on_deadline (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
dd_test_run_cli_full (DdTestRun            *run,
                      const char           *input,
                      GSpawnChildSetupFunc  setup,
                      double                seconds,
                      const char * const   *argv)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GSource) timer = g_timeout_source_new ((guint) (seconds * 1000));
  gboolean late = FALSE;

  g_assert_true (dd_test_have_cli ());
  dd_test_run_clear (run);
  g_ptr_array_add (args, (char *) g_getenv ("DATADIVE_CLI"));
  for (guint i = 0; argv[i]; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        (input ? G_SUBPROCESS_FLAGS_STDIN_PIPE
                                               : G_SUBPROCESS_FLAGS_NONE));
  if (setup)
    g_subprocess_launcher_set_child_setup (launcher, setup, NULL, NULL);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);

  /* on a context of its own: the test's sources wait while the command runs */
  g_main_context_push_thread_default (context);
  g_source_set_callback (timer, on_deadline, &late, NULL);
  g_source_attach (timer, context);
  g_subprocess_communicate_utf8_async (proc, input, NULL, dd_test_keep_result, &result);
  while (result == NULL && !late)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timer);
  if (late)
    {
      g_subprocess_force_exit (proc);
      g_error ("datadive-cli %s did not end within %.0f s", argv[0], seconds);
    }
  g_assert_true (g_subprocess_communicate_utf8_finish (proc, result, &run->out, &run->err,
                                                       &error));
  g_assert_no_error (error);
  g_main_context_pop_thread_default (context);
  run->status = g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc)
                                                  : 128 + g_subprocess_get_term_sig (proc);
}

void
dd_test_run_cli (DdTestRun  *run,
                 const char *first,
                 ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *arg = first; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  dd_test_run_cli_full (run, NULL, NULL, 120, (const char * const *) argv->pdata);
}

gint64
dd_test_cli_count (const char *catalog,
                   const char *class_arg)
{
  g_auto(DdTestRun) r = { 0 };

  if (class_arg)
    dd_test_run_cli (&r, "query", "--catalog", catalog, "--class", class_arg, "--count", NULL);
  else
    dd_test_run_cli (&r, "query", "--catalog", catalog, "--count", NULL);
  if (r.status != 0)
    g_error ("query --count of %s (class %s) failed (%d): %s", catalog,
             class_arg ? class_arg : "any", r.status, r.err);
  return g_ascii_strtoll (r.out, NULL, 10);
}

void
dd_test_assert_one_line_error (const DdTestRun *run,
                               const char      *needle)
{
  g_test_message ("exit %d, stderr: %s", run->status, run->err);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "datadive-cli: "));
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_true (strchr (run->err, '\n') == run->err + strlen (run->err) - 1);   /* one line */
  g_assert_cmpuint (strlen (run->err), <, 600);
  if (needle && strstr (run->err, needle) == NULL)
    g_error ("“%s” not in: %s", needle, run->err);
}

JsonObject *
dd_test_parse_object (JsonParser *parser,
                      const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

/* ---- the main loop -------------------------------------------------------------------- */

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
dd_test_iterate_until (DdTestCondition  condition,
                       gpointer         data,
                       double           seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  guint waker = g_timeout_add (5, wake_up, NULL);
  gboolean held;

  while (!(held = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (waker);
  return held;
}

void
dd_test_wait_for (DdTestCondition  condition,
                  gpointer         data,
                  double           seconds,
                  const char      *what)
{
  if (!dd_test_iterate_until (condition, data, seconds))
    g_error ("Timed out waiting for %s", what);
}

static gboolean
time_passed (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

void
dd_test_settle (double seconds)
{
  gint64 until = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  dd_test_iterate_until (time_passed, &until, seconds + 5);
}

gboolean
dd_test_document_ready (gpointer document)
{
  return !dd_document_get_busy (document) && dd_document_get_selection (document) != NULL;
}

typedef struct {
  DdDocument *document;
  DdRecipe   *recipe;
} Applied;

static gboolean
recipe_applied (gpointer data)
{
  Applied *a = data;

  return dd_recipe_equal (dd_document_get_recipe (a->document), a->recipe) &&
         dd_test_document_ready (a->document);
}

void
dd_test_wait_recipe (DdDocument *document,
                     DdRecipe   *recipe)
{
  Applied applied = { document, recipe };

  dd_test_wait_for (recipe_applied, &applied, 30, "the recipe applied and evaluated");
}

void
dd_test_apply_recipe (DdDocument *document,
                      DdRecipe   *recipe)
{
  dd_document_apply (document, recipe);
  dd_test_wait_recipe (document, recipe);
}

void
dd_test_keep_result (GObject      *source,
                     GAsyncResult *result,
                     gpointer      slot)
{
  *(GAsyncResult **) slot = g_object_ref (result);
}

static gboolean
result_kept (gpointer slot)
{
  return *(GAsyncResult **) slot != NULL;
}

GAsyncResult *
dd_test_await (GAsyncResult **slot)
{
  dd_test_wait_for (result_kept, slot, 120, "an async call's result");
  return *slot;
}
