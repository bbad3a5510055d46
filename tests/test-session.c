/* Tests of DdSession (what the window opens, its index pipeline under the catalog's
 * index lock, recents) and of the index run that `datadive-cli index` shares, on a small
 * generated demo in a private home. */
#define G_LOG_DOMAIN "datadive-test"
#include "config.h"

#include <glib/gstdio.h>

#include "dd-demo.h"
#include "dd-demo-run.h"
#include "dd-model.h"
#include "dd-index-run.h"
#include "dd-paths.h"
#include "dd-session.h"
#include "dd-test-damage.h"
#include "dd-test-util.h"

static char *tmp_dir;
static char *demo_dir;

/* Conditions on a DdSession, for dd_test_wait_for(). */

static gboolean
is_ready_and_idle (gpointer session)
{
  return dd_session_get_state (session) == DD_SESSION_STATE_READY && !dd_session_get_indexing (session);
}

static gboolean
is_settled (gpointer session)
{
  DdSessionState state = dd_session_get_state (session);

  return state == DD_SESSION_STATE_ERROR || state == DD_SESSION_STATE_EMPTY || is_ready_and_idle (session);
}

static gboolean
is_waiting_for_lock (gpointer session)
{
  return g_strcmp0 (dd_session_get_text (session), NULL) != 0 &&
         g_str_has_prefix (dd_session_get_text (session), "Waiting for another index");
}

static gboolean
is_empty (gpointer session)
{
  return dd_session_get_state (session) == DD_SESSION_STATE_EMPTY;
}

/* A folder never seen: indexed into its own catalog first, shown, then the image check;
 * it becomes the last dataset and the first of the recent ones. */
static void
test_open_folder (void)
{
  g_autoptr(DdSession) session = dd_session_new ();
  g_autofree char *catalog_path = dd_paths_catalog_for_folder (demo_dir);
  const char * const *recent;
  DdCatalog *catalog;

  g_unlink (catalog_path);
  dd_session_open (session, demo_dir);
  g_assert_cmpint (dd_session_get_state (session), ==, DD_SESSION_STATE_OPENING);
  dd_test_wait_for (is_settled, session, 60, "the demo folder");
  g_assert_cmpint (dd_session_get_state (session), ==, DD_SESSION_STATE_READY);
  g_assert_true (g_file_test (catalog_path, G_FILE_TEST_IS_REGULAR));
  catalog = dd_session_get_catalog (session);
  g_assert_nonnull (catalog);
  g_assert_cmpstr (dd_catalog_get_path (catalog), ==, catalog_path);
  g_assert_cmpuint (dd_catalog_get_n_samples (catalog), >, 100);
  g_assert_cmpuint (dd_selection_get_n (dd_session_get_all_samples (session)), ==,
                    dd_catalog_get_n_samples (catalog));
  g_assert_nonnull (dd_session_get_document (session));
  g_assert_cmpstr (dd_session_get_title (session), ==, "demo");
  g_assert_cmpstr (dd_session_get_folder (session), ==, demo_dir);
  g_assert_false (dd_session_get_read_only (session));
  g_assert_true (dd_session_get_can_reindex (session));
  g_assert_cmpstr (dd_session_get_last_dataset (session), ==, demo_dir);
  recent = dd_session_get_recent (session);
  g_assert_nonnull (recent);
  g_assert_cmpstr (recent[0], ==, demo_dir);

  /* the image check ran: the demo's broken files are findings now */
  {
    g_autoptr(DdFilter) all = dd_filter_new ();
    g_autoptr(DdSelection) samples = dd_catalog_select (catalog, all, NULL, NULL);
    g_autoptr(DdFacets) facets = dd_catalog_facets (catalog, samples);

    g_assert_cmpuint (facets->flags[DD_HEALTH_EMPTY_FILE] + facets->flags[DD_HEALTH_UNDECODABLE] +
                      facets->flags[DD_HEALTH_TRUNCATED], >, 0);
  }
}

/* The demo's catalog, indexed when no test has done it yet. */
static char *
demo_catalog (void)
{
  char *path = dd_paths_catalog_for_folder (demo_dir);
  const char *roots[] = { demo_dir, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
      dd_scan_report_free (dd_index_run_file (path, roots, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  return path;
}

/* Without a target: the last dataset (here a catalog file). */
static void
test_open_last (void)
{
  g_autoptr(DdSession) session = dd_session_new ();
  g_autofree char *catalog_path = demo_catalog ();

  g_object_set (session, "last-dataset", catalog_path, NULL);
  dd_session_open (session, NULL);
  g_assert_cmpint (dd_session_get_state (session), ==, DD_SESSION_STATE_PREPARING);
  dd_test_wait_for (is_settled, session, 30, "the last dataset");
  g_assert_cmpint (dd_session_get_state (session), ==, DD_SESSION_STATE_READY);
  g_assert_cmpstr (dd_session_get_target (session), ==, catalog_path);
  /* a catalog file has no folder to re-index */
  g_assert_null (dd_session_get_folder (session));
  g_assert_false (dd_session_get_can_reindex (session));
  g_assert_cmpstr (dd_session_get_title (session), !=, NULL);
}

static void
record_text (DdSession  *session,
             GParamSpec *pspec,
             GPtrArray  *texts)
{
  if (dd_session_get_text (session))
    g_ptr_array_add (texts, g_strdup (dd_session_get_text (session)));
}

/* A catalog from an older DataDive: the loading page says it is being upgraded while
 * the open upgrades it (a minute at 5 M); a current one opens without the word. */
static void
test_open_upgrades (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "upgrade", NULL);
  g_autofree char *path = g_build_filename (dir, "old.ddcat", NULL);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  dd_test_damage_load_dump (path, "catalog-v5.sql", dir);
  {
    g_autoptr(DdSession) session = dd_session_new ();

    g_signal_connect (session, "notify::text", G_CALLBACK (record_text), texts);
    dd_session_open (session, path);
    dd_test_wait_for (is_settled, session, 30, "the old catalog");
    g_assert_cmpint (dd_session_get_state (session), ==, DD_SESSION_STATE_READY);
    g_assert_cmpuint (texts->len, >, 0);
    g_assert_true (g_str_has_prefix (texts->pdata[0], "Upgrading the catalog"));
  }
  g_assert_cmpint (dd_test_damage_query_int (path, "SELECT value FROM meta"
                                             " WHERE key = 'schema_version'"),
                   ==, DD_CATALOG_SCHEMA_VERSION);
  /* now current */
  g_ptr_array_set_size (texts, 0);
  {
    g_autoptr(DdSession) session = dd_session_new ();

    g_signal_connect (session, "notify::text", G_CALLBACK (record_text), texts);
    dd_session_open (session, path);
    dd_test_wait_for (is_settled, session, 30, "the catalog again");
    for (guint i = 0; i < texts->len; i++)
      g_assert_false (g_str_has_prefix (texts->pdata[i], "Upgrading"));
  }
}

/* Recents: newest first, each once, at most eight. */
static void
test_recent (void)
{
  g_autoptr(DdSession) session = dd_session_new ();
  g_autofree char *catalog_path = demo_catalog ();
  const char *old[] = { "/a", "/b", "/c", "/d", "/e", "/f", "/g", catalog_path, "/h", NULL };
  const char * const *recent;

  g_object_set (session, "recent", old, NULL);
  dd_session_open (session, catalog_path);
  dd_test_wait_for (is_settled, session, 30, "the catalog");
  g_assert_cmpint (dd_session_get_state (session), ==, DD_SESSION_STATE_READY);
  recent = dd_session_get_recent (session);
  g_assert_cmpuint (g_strv_length ((char **) recent), ==, 8);
  g_assert_cmpstr (recent[0], ==, catalog_path);
  g_assert_cmpstr (recent[1], ==, "/a");
  g_assert_cmpstr (recent[7], ==, "/g");
}

static void
assert_error (const char *target,
              int         code)
{
  g_autoptr(DdSession) session = dd_session_new ();

  dd_session_open (session, target);
  dd_test_wait_for (is_settled, session, 30, target);
  g_assert_cmpint (dd_session_get_state (session), ==, DD_SESSION_STATE_ERROR);
  g_assert_error (dd_session_get_error (session), DD_SESSION_ERROR, code);
}

/* What cannot be shown says why, in one line. */
static void
test_errors (void)
{
  g_autofree char *missing = g_build_filename (tmp_dir, "no-such-folder", NULL);
  g_autofree char *empty_dir = g_build_filename (tmp_dir, "no-images", NULL);
  g_autofree char *train = g_build_filename (empty_dir, "train", "n01443537", "images", NULL);
  g_autofree char *wnids = g_build_filename (empty_dir, "wnids.txt", NULL);
  g_autofree char *empty_catalog = g_build_filename (tmp_dir, "empty.ddcat", NULL);
  g_autoptr(GError) error = NULL;
  DdCatalog *catalog;

  assert_error (missing, DD_SESSION_ERROR_NOT_FOUND);
  /* a Tiny-ImageNet without an image */
  g_assert_cmpint (g_mkdir_with_parents (train, 0755), ==, 0);
  g_assert_true (g_file_set_contents (wnids, "n01443537\n", -1, NULL));
  assert_error (empty_dir, DD_SESSION_ERROR_NO_IMAGES);
  catalog = dd_catalog_open (empty_catalog, DD_CATALOG_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&catalog);
  assert_error (empty_catalog, DD_SESSION_ERROR_EMPTY_CATALOG);

  /* a file that is not a catalog, opened in the same step as it is found */
  {
    g_autofree char *not_catalog = g_build_filename (tmp_dir, "notes.ddcat", NULL);
    g_autoptr(DdSession) session = dd_session_new ();

    g_assert_true (g_file_set_contents (not_catalog, "not a catalog, just notes\n", -1, NULL));
    dd_session_open (session, not_catalog);
    dd_test_wait_for (is_settled, session, 30, not_catalog);
    g_assert_cmpint (dd_session_get_state (session), ==, DD_SESSION_STATE_ERROR);
    g_assert_error (dd_session_get_error (session), DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_A_CATALOG);
    g_assert_null (dd_session_get_catalog (session));
  }
}

/* One more training image in the demo, a copy of one there. */
static void
add_image (void)
{
  g_autofree char *images = g_build_filename (demo_dir, "tiny-imagenet-200", "train", NULL);
  g_autoptr(GDir) classes = g_dir_open (images, 0, NULL);
  g_autofree char *folder = g_build_filename (images, g_dir_read_name (classes), "images", NULL);
  g_autoptr(GDir) files = g_dir_open (folder, 0, NULL);
  g_autofree char *from = g_build_filename (folder, g_dir_read_name (files), NULL);
  g_autofree char *to = g_build_filename (folder, "added_0.JPEG", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, length, NULL));
}

/* The window's re-index takes the catalog's index lock, as `datadive-cli index` does:
 * while another index holds it, the session waits and says so; it goes on when the
 * other one is done. */
static void
test_reindex_waits_for_lock (void)
{
  g_autoptr(DdSession) session = dd_session_new ();
  g_autofree char *catalog_path = demo_catalog ();
  g_autoptr(GError) error = NULL;
  DdLockFile *lock;
  guint n_before;

  dd_session_open (session, demo_dir);
  dd_test_wait_for (is_settled, session, 60, "the demo folder");
  g_assert_cmpint (dd_session_get_state (session), ==, DD_SESSION_STATE_READY);

  n_before = dd_catalog_get_n_samples (dd_session_get_catalog (session));
  add_image ();
  lock = dd_lock_file_acquire (catalog_path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  dd_session_reindex (session);
  g_assert_true (dd_session_get_indexing (session));
  g_assert_false (dd_session_get_can_reindex (session));
  dd_test_wait_for (is_waiting_for_lock, session, 10, "the wait for the lock");
  /* still waiting a while later: nothing was written meanwhile */
  dd_test_settle (0.5);
  g_assert_true (dd_session_get_indexing (session));
  g_assert_cmpuint (dd_catalog_get_n_samples (dd_session_get_catalog (session)), ==, n_before);
  dd_lock_file_release (lock);
  dd_test_wait_for (is_ready_and_idle, session, 60, "the re-index after the lock");
  g_assert_true (dd_session_get_can_reindex (session));
  g_assert_cmpuint (dd_catalog_get_n_samples (dd_session_get_catalog (session)), ==, n_before + 1);
}

/* Cancel during the first index of a folder: the state is empty and nothing of the
 * catalog is left behind (it is built under a temporary name). */
static void
test_cancel_first_index (void)
{
  g_autoptr(DdSession) session = dd_session_new ();
  g_autofree char *folder = g_build_filename (tmp_dir, "copy", NULL);
  g_autofree char *catalog_path = NULL;
  g_autofree char *catalog_dir = NULL;
  g_autofree char *image = NULL;
  g_autoptr(GError) error = NULL;
  DdLockFile *lock;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  image = g_build_filename (folder, "a.png", NULL);
  g_assert_true (g_file_set_contents (image, "x", 1, NULL));
  catalog_path = dd_paths_catalog_for_folder (folder);
  catalog_dir = g_path_get_dirname (catalog_path);
  g_assert_cmpint (g_mkdir_with_parents (catalog_dir, 0755), ==, 0);
  /* held, so that the index is surely running when it is cancelled */
  lock = dd_lock_file_acquire (catalog_path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  dd_session_open (session, folder);
  dd_test_wait_for (is_waiting_for_lock, session, 10, "the first index");
  g_assert_cmpint (dd_session_get_state (session), ==, DD_SESSION_STATE_INDEXING);
  dd_session_cancel (session);
  dd_test_wait_for (is_empty, session, 10, "the empty state");
  dd_lock_file_release (lock);
  g_assert_false (g_file_test (catalog_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (dd_test_count_prefixed (catalog_dir, ".copy-"), ==, 0);
}

/* The run `datadive-cli index` makes: a new catalog appears only when complete, a
 * second run updates it, both through the lock. */
static void
test_index_run_file (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "run.ddcat", NULL);
  const char *roots[] = { demo_dir, NULL };
  g_autoptr(DdScanReport) first = NULL;
  g_autoptr(DdScanReport) again = NULL;
  g_autoptr(GError) error = NULL;
  DdContentReport content = { 0 };
  DdIndexOptions options = { 0 };

  options.deep = TRUE;
  first = dd_index_run_file (path, roots, &options, &content, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->samples, >, 100);
  g_assert_cmpuint (content.decoded, ==, first->samples);
  {
    /* written without the WAL while new, but put in place as every catalog is: in WAL
     * mode (file format bytes 18 and 19 are 2), one file with nothing beside it */
    static const char *beside[] = { "-wal", "-shm", "-journal" };
    g_autofree char *bytes = NULL;
    gsize len = 0;

    g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
    g_assert_cmpuint (len, >, 20);
    g_assert_cmpint (bytes[18], ==, 2);
    g_assert_cmpint (bytes[19], ==, 2);
    for (guint i = 0; i < G_N_ELEMENTS (beside); i++)
      {
        g_autofree char *file = g_strconcat (path, beside[i], NULL);

        g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
      }
  }
  again = dd_index_run_file (path, roots, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->samples, ==, first->samples);
  g_assert_cmpuint (((DdScanSourceReport *) again->sources->pdata[0])->added, ==, 0);
  {
    g_autofree char *lock = g_strconcat (path, ".lock", NULL);

    g_assert_false (g_file_test (lock, G_FILE_TEST_EXISTS));
  }
}

/* The window's demo (the default one) comes with a model run, imported by its first
 * index as "demo", so the Model section has something to show. */
static void
test_demo_run (void)
{
  g_autoptr(DdSession) session = dd_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *demo = dd_paths_demo_dir ();
  g_autofree char *parent = g_path_get_dirname (demo);
  g_autoptr(GPtrArray) runs = NULL;
  DdDemoOptions options;

  /* a small demo where the window makes its own, with its run, as ensure_demo() does */
  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  dd_demo_options_init (&options);
  options.classes = 2;
  options.per_class = 2;
  g_assert_true (dd_demo_generate (demo, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (dd_demo_write_run (demo, options.seed, NULL, &error));
  g_assert_no_error (error);

  dd_session_open (session, demo);
  dd_test_wait_for (is_settled, session, 60, "the default demo");
  g_assert_cmpint (dd_session_get_state (session), ==, DD_SESSION_STATE_READY);
  runs = dd_model_list_runs (dd_session_get_catalog (session), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpstr (((DdRunInfo *) runs->pdata[0])->name, ==, "demo");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *xdg[] = { "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME" };
  DdDemoOptions options;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("dd-session-XXXXXX", &error);
  g_assert_no_error (error);
  /* a private home, set before GLib is asked for these folders (it keeps the answer) */
  for (guint i = 0; i < G_N_ELEMENTS (xdg); i++)
    {
      g_autofree char *dir = g_build_filename (tmp_dir, "home", xdg[i], NULL);

      g_setenv (xdg[i], dir, TRUE);
    }
  demo_dir = g_build_filename (tmp_dir, "demo", NULL);
  dd_demo_options_init (&options);
  options.classes = 2;
  options.per_class = 2;
  g_assert_true (dd_demo_generate (demo_dir, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/session/open-folder", test_open_folder);
  g_test_add_func ("/session/open-last-dataset", test_open_last);
  g_test_add_func ("/session/recent", test_recent);
  g_test_add_func ("/session/open-upgrades", test_open_upgrades);
  g_test_add_func ("/session/errors", test_errors);
  g_test_add_func ("/session/reindex-waits-for-the-lock", test_reindex_waits_for_lock);
  g_test_add_func ("/session/cancel-first-index-leaves-nothing", test_cancel_first_index);
  g_test_add_func ("/session/index-run-file", test_index_run_file);
  g_test_add_func ("/session/demo-run", test_demo_run);
  status = g_test_run ();

  dd_test_rm_rf (tmp_dir);
  g_free (tmp_dir);
  g_free (demo_dir);
  return status;
}
