/* Hostile input (issue 10): damaged catalogs, catalogs that cannot be written, runs
 * that overlap or are killed, file systems that change under a scan, layouts side by
 * side. Catalogs are damaged with raw SQL on purpose: that is how it happens. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

#include "dd-document.h"
#include "dd-recipe.h"
#include "dd-recipe-store.h"
#include "dd-scanner.h"
#include "dd-test-damage.h"
#include "dd-test-util.h"

/* ---- fixture helpers --------------------------------------------------------------- */

typedef struct {
  DD_TEST_FIXTURE_FIELDS
  GPtrArray *unwritable;   /* paths made unwritable, made writable again at teardown */
} Fixture;

/* A fresh folder; the catalog at catalog_path is absent until a case makes it. */
static void
setup (Fixture       *f,
       gconstpointer  data)
{
  dd_test_fixture_init ((DdTestFixture *) f, NULL);
  f->unwritable = g_ptr_array_new_with_free_func (g_free);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  for (guint i = 0; i < f->unwritable->len; i++)
    dd_test_make_writable (g_ptr_array_index (f->unwritable, i));
  g_ptr_array_unref (f->unwritable);
  dd_test_fixture_clear ((DdTestFixture *) f);
}

/* An ImageFolder dataset: @root/class<c>/img<i>.jpg. */
static void
make_classes (const char *root,
              guint       n_classes,
              guint       per_class)
{
  for (guint c = 0; c < n_classes; c++)
    for (guint i = 0; i < per_class; i++)
      {
        g_autofree char *rel = g_strdup_printf ("class%u/img%u.jpg", c, i);
        dd_test_put_file (root, rel, NULL);
      }
}

/* Sets a file's or folder's mtime to the nanosecond. */
static void
set_mtime (const char *path,
           gint64      seconds,
           long        nanoseconds)
{
  struct timespec times[2] = { { seconds, nanoseconds }, { seconds, nanoseconds } };

  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
}

/* Makes @path unwritable (made writable again at teardown). */
static gboolean
make_unwritable (Fixture    *f,
                 const char *path)
{
  g_ptr_array_add (f->unwritable, g_strdup (path));
  return dd_test_make_unwritable (path);
}

/* Runs SQL on a catalog with a plain SQLite connection, as any other program could. */
static void
sql (const char *path,
     const char *statements)
{
  dd_test_damage_sql (path, statements);
}

/* The hand-counted catalog of dd-test-util.c (111 samples) at f->catalog_path, with its
 * snapshot stored for the next open. */
static void
make_catalog (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalog) catalog = dd_catalog_open (f->catalog_path, DD_CATALOG_OPEN_CREATE, &error);

  g_assert_no_error (error);
  dd_test_fill_catalog (catalog);
  g_assert_true (dd_catalog_reload (catalog, &error));
  g_assert_no_error (error);
}

/* The integer @query answers on the file at @path, read by a plain connection. */
static gint64
sql_int (const char *path,
         const char *query)
{
  return dd_test_damage_query_int (path, query);
}

/* The schema version the catalog at @path says it has. */
static gint64
schema_version (const char *path)
{
  return sql_int (path, "SELECT value FROM meta WHERE key = 'schema_version'");
}

/* Rows of the snapshot stored in the catalog for the next open (0 or 1). */
static int
stored_snapshots (Fixture *f)
{
  return (int) sql_int (f->catalog_path, "SELECT count(*) FROM snapshot_cache");
}

/* Size, mtime and bytes of a file: equal strings mean it was not touched. */
static char *
file_state (const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *sum = NULL;
  gsize len = 0;
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return g_strdup ("absent");
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) contents, len);
  return g_strdup_printf ("%" G_GSIZE_FORMAT " %ld.%09ld %s", len, (long) st.st_mtim.tv_sec,
                          st.st_mtim.tv_nsec, sum);
}

static gboolean
exists (const char *dir,
        const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static GPtrArray *
cli_argv (const char *first,
          va_list     args)
{
  GPtrArray *argv = g_ptr_array_new ();
  const char *exe = g_getenv ("DATADIVE_CLI");

  g_assert_nonnull (exe);
  g_ptr_array_add (argv, (char *) exe);
  for (const char *arg = first; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);
  return argv;
}

static int
exit_status (int wait_status)
{
  return WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : 128 + WTERMSIG (wait_status);
}

/* Starts datadive-cli without waiting; its output goes to /dev/null. */
static GPid
cli_start (const char *first,
           ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GError) error = NULL;
  GPid pid = 0;
  va_list args;

  va_start (args, first);
  argv = cli_argv (first, args);
  va_end (args);
  g_assert_true (g_spawn_async (NULL, (char **) argv->pdata, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  return pid;
}

static int
cli_wait (GPid pid)
{
  int wait_status = 0;

  g_assert_cmpint (waitpid (pid, &wait_status, 0), ==, pid);
  g_spawn_close_pid (pid);
  return exit_status (wait_status);
}

static DdScanSourceReport *
source_report (DdScanReport *report,
               const char   *layout)
{
  for (guint i = 0; i < report->sources->len; i++)
    {
      DdScanSourceReport *src = g_ptr_array_index (report->sources, i);
      if (g_strcmp0 (src->layout, layout) == 0)
        return src;
    }
  g_error ("no %s source in the report", layout);
}

/* ---- damaged catalogs (items 2, 7) --------------------------------------------------- */

/* Every command that counts refuses a damaged catalog with one line, never a crash. */
static void
assert_commands_refuse (Fixture    *f,
                        const char *needle)
{
  static const char * const commands[][3] = {
    { "info", NULL }, { "query", "--count" }, { "health", NULL },
    { "relations", "dataset" }, { "prompt", "--offline" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(DdTestRun) r = { 0 };

      if (g_strcmp0 (commands[i][0], "prompt") == 0)
        dd_test_run_cli (&r, "prompt", "--catalog", f->catalog_path, "--offline", "goldfish", NULL);
      else
        dd_test_run_cli (&r, commands[i][0], "--catalog", f->catalog_path, commands[i][1], NULL);
      dd_test_assert_one_line_error (&r, needle);
    }
}

/* A change to a catalog's rows, and what the refusal of the damaged catalog says. */
typedef struct {
  const char *update;
  const char *needle;
} Damage;

static void
test_bad_sample_values (Fixture       *f,
                        gconstpointer  data)
{
  static const Damage cases[] = {
    { "UPDATE samples SET class_id = -1 WHERE id = 1", "class id -1" },
    { "UPDATE samples SET class_id = 99999 WHERE id = 2", "class id 99999" },
    { "UPDATE samples SET corruption_id = 77 WHERE id = 3", "corruption id 77" },
    { "UPDATE samples SET corruption_id = -5 WHERE id = 3", "corruption id -5" },
    { "UPDATE samples SET severity = 9 WHERE id = 4", "severity 9" },
    { "UPDATE samples SET split_id = 200 WHERE id = 5", "split id 200" },
    { "UPDATE samples SET source_id = 70000 WHERE id = 6", "source id 70000" },
    { "UPDATE samples SET id = -3 WHERE id = 7", "id -3" },
  };

  make_catalog (f);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *damage = g_strdup_printf ("BEGIN; SAVEPOINT s; DELETE FROM snapshot_cache;"
                                                 " %s; RELEASE s; COMMIT;", cases[i].update);
      g_autoptr(GError) error = NULL;
      g_autoptr(DdCatalog) catalog = NULL;

      g_test_message ("%s", cases[i].update);
      sql (f->catalog_path, "CREATE TABLE IF NOT EXISTS keep AS SELECT * FROM samples");
      sql (f->catalog_path, damage);
      catalog = dd_catalog_open (f->catalog_path, DD_CATALOG_OPEN_READONLY, &error);
      g_assert_null (catalog);
      g_assert_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_DAMAGED);
      g_assert_nonnull (strstr (error->message, "damaged"));
      g_assert_nonnull (strstr (error->message, cases[i].needle));
      assert_commands_refuse (f, cases[i].needle);
      /* writers too: index refuses the catalog instead of building on it */
      {
        g_auto(DdTestRun) r = { 0 };
        dd_test_run_cli (&r, "index", f->dir, "--catalog", f->catalog_path, NULL);
        dd_test_assert_one_line_error (&r, "damaged");
      }
      sql (f->catalog_path, "DELETE FROM samples; INSERT INTO samples SELECT * FROM keep;");
    }
}

static void
test_bad_vocabulary (Fixture       *f,
                     gconstpointer  data)
{
  static const Damage cases[] = {
    { "UPDATE classes SET id = 2000000000 WHERE id = 3", "class id 2000000000" },
    { "UPDATE sources SET id = 99999 WHERE id = 2", "source id 99999" },
    { "UPDATE corruptions SET id = 300 WHERE name = 'fog'", "corruption id 300" },
    { "UPDATE splits SET id = 999 WHERE name = 'test'", "split id 999" },
    { "UPDATE meta SET value = 'two' WHERE key = 'schema_version'", "schema version" },
    { "DELETE FROM meta WHERE key = 'schema_version'", "no schema version" },
    { "DROP TABLE classes", "“classes” is missing" },
  };

  make_catalog (f);
  {
    g_autofree char *copy = g_strconcat (f->catalog_path, ".good", NULL);
    g_autofree char *good = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (f->catalog_path, &good, &len, NULL));
    g_assert_true (g_file_set_contents (copy, good, len, NULL));
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_test_message ("%s", cases[i].update);
        g_assert_true (g_file_set_contents (f->catalog_path, good, len, NULL));
        sql (f->catalog_path, cases[i].update);
        assert_commands_refuse (f, cases[i].needle);
      }
  }
}

static void
test_newer_schema (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(DdTestRun) r = { 0 };

  make_catalog (f);
  sql (f->catalog_path,
       "UPDATE meta SET value = '99999999999999999999999' WHERE key = 'schema_version'");
  dd_test_run_cli (&r, "info", "--catalog", f->catalog_path, NULL);
  dd_test_assert_one_line_error (&r, "newer DataDive");
}

/* The stored snapshot blob (DDSNAP02): "DDSNAP02", n (4 bytes), how each column is
 * stored (a byte each: 0 whole, 1 one value for all, 2 ids that follow the first one by
 * one), then the columns: ids 8 bytes, classes 4, corruptions, severities, splits 1,
 * sources 2, flags 4, keyhashes 4. */
static const guint column_widths[] = { 8, 4, 1, 1, 1, 2, 4, 4 };

/* Where value @row of column @column is in @blob (the one value of a column stored
 * as one). */
static gsize
blob_offset (const guint8 *blob,
             gsize         size,
             guint         column,
             gsize         row)
{
  const guint8 *how = blob + 12;
  guint32 n;
  gsize offset = 12 + G_N_ELEMENTS (column_widths);

  g_assert_cmpuint (size, >=, offset);
  g_assert_cmpmem (blob, 8, "DDSNAP02", 8);
  memcpy (&n, blob + 8, 4);
  for (guint c = 0; c < column; c++)
    offset += how[c] == 0 ? n * column_widths[c] : column_widths[c];
  return offset + (how[column] == 0 ? row * column_widths[column] : 0);
}

/* Value @row of column @column of the stored snapshot blob set to @value. */
static void
poke_blob (Fixture *f,
           guint    column,
           gsize    row,
           guint32  value)
{
  guint width = column_widths[column];
  gsize offset_of;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree guint8 *blob = NULL;
  gsize size;

  g_assert_cmpint (sqlite3_open (f->catalog_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT data FROM snapshot_cache", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  size = sqlite3_column_bytes (stmt, 0);
  blob = g_memdup2 (sqlite3_column_blob (stmt, 0), size);
  sqlite3_finalize (stmt);
  offset_of = blob_offset (blob, size, column, row);
  g_assert_cmpuint (offset_of + MIN (width, 4), <=, size);
  memcpy (blob + offset_of, &value, MIN (width, 4));
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE snapshot_cache SET data = ?", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_blob (stmt, 1, blob, size, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_damaged_blob (Fixture       *f,
                   gconstpointer  data)
{
  const struct {
    guint   column;
    gsize   row;
    guint32 value;
  } flips[] = {
    { 1, 5, 0x7fffffff },   /* class of row 5 */
    { 2, 40, 200 },         /* corruption of row 40 */
    { 3, 50, 250 },         /* severity of row 50 */
    { 4, 7, 99 },           /* split of row 7 */
    { 5, 9, 4242 },         /* source of row 9 */
    { 0, 30, 0 },           /* an id out of order (the first one's low half, if they
                             * are stored as following it) */
  };
  g_auto(DdTestRun) good = { 0 };

  make_catalog (f);
  dd_test_run_cli (&good, "info", "--catalog", f->catalog_path, "--json", NULL);
  g_assert_cmpint (good.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (flips); i++)
    {
      g_auto(DdTestRun) r = { 0 };
      g_autoptr(GError) error = NULL;

      g_test_message ("flip of column %u row %" G_GSIZE_FORMAT, flips[i].column, flips[i].row);
      poke_blob (f, flips[i].column, flips[i].row, flips[i].value);
      /* the damaged copy is dropped and the rows read again: the same answers */
      dd_test_run_cli (&r, "info", "--catalog", f->catalog_path, "--json", NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_cmpstr (r.out, ==, good.out);
      /* a writer's open stores a sound copy again */
      {
        g_autoptr(DdCatalog) catalog = dd_catalog_open (f->catalog_path, 0, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (dd_catalog_get_n_samples (catalog), ==, 111);
      }
    }
  /* a blob that claims four billion samples in 45 bytes (every column one value):
   * not believed, so not allocated; the rows are read */
  {
    g_auto(DdTestRun) r = { 0 };

    sql (f->catalog_path, "UPDATE snapshot_cache SET data = X'4444534E41503032FFFFFFFF"
                          "0201010101010101" "0100000000000000" "01000000" "000101" "0100"
                          "00000000" "05000000'");
    dd_test_run_cli (&r, "info", "--catalog", f->catalog_path, "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==, good.out);
  }
}

/* Item 7: the stored snapshot is checked against the table, not trusted. */
static void
test_snapshot_vs_table (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(DdTestRun) r = { 0 };
  JsonObject *o;

  make_catalog (f);
  g_assert_cmpint (dd_test_cli_count (f->catalog_path, NULL), ==, 111);

  /* the last rows deleted by a program that turned triggers off: another last id */
  dd_test_damage_sql_full (f->catalog_path, "DELETE FROM samples WHERE id > 105", FALSE);
  g_assert_cmpint (dd_test_cli_count (f->catalog_path, NULL), ==, 105);
  /* one row in the middle, one value: the triggers drop the stored snapshot (a
   * writer's open stored a sound one first) */
  g_object_unref (dd_catalog_open (f->catalog_path, 0, NULL));
  g_assert_cmpint (stored_snapshots (f), ==, 1);
  sql (f->catalog_path, "DELETE FROM samples WHERE id = 50");
  g_assert_cmpint (stored_snapshots (f), ==, 0);
  g_assert_cmpint (dd_test_cli_count (f->catalog_path, NULL), ==, 104);
  g_object_unref (dd_catalog_open (f->catalog_path, 0, NULL));
  sql (f->catalog_path, "UPDATE samples SET split_id = (SELECT id FROM splits WHERE name = 'test')"
                   " WHERE id = 60");
  {
    g_auto(DdTestRun) test_split = { 0 };
    dd_test_run_cli (&test_split, "query", "--catalog", f->catalog_path, "--split", "test", "--count", NULL);
    g_assert_cmpstr (test_split.out, ==, "1\n");
  }

  /* rows deleted behind DataDive's back (another program, an older version) */
  sql (f->catalog_path, "DELETE FROM samples WHERE id > 100");
  dd_test_run_cli (&r, "query", "--catalog", f->catalog_path, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  o = dd_test_parse_object (parser, r.out);
  g_assert_cmpint (json_object_get_int_member (o, "count"), ==, 99);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "samples")), ==, 99);

  /* rows added: same count after a delete, another last id */
  sql (f->catalog_path, "DELETE FROM samples WHERE id = 5;"
                   "INSERT OR IGNORE INTO folders (path) VALUES ('tiny/');"
                   "INSERT INTO samples (id, source_id, folder_id, name, split_id, class_id,"
                   " keyhash) VALUES (500, 1, (SELECT id FROM folders WHERE path = 'tiny/'),"
                   " 'extra.JPEG', 1, 1, 1)");
  g_assert_cmpint (dd_test_cli_count (f->catalog_path, NULL), ==, 99);
  {
    g_auto(DdTestRun) found = { 0 };
    dd_test_run_cli (&found, "query", "--catalog", f->catalog_path, "--paths", NULL);
    g_assert_nonnull (strstr (found.out, "tiny/extra.JPEG"));
  }

  /* a folder's row gone: its samples are still listed, keyed by their names */
  sql (f->catalog_path, "DELETE FROM folders WHERE id = (SELECT folder_id FROM samples"
                        " WHERE id = 7)");
  {
    g_auto(DdTestRun) listed = { 0 };
    JsonArray *samples;
    guint bare = 0;

    dd_test_run_cli (&listed, "query", "--catalog", f->catalog_path, "--json", NULL);
    g_assert_cmpint (listed.status, ==, 0);
    o = dd_test_parse_object (parser, listed.out);
    samples = json_object_get_array_member (o, "samples");
    g_assert_cmpuint (json_array_get_length (samples), ==, 99);
    for (guint i = 0; i < json_array_get_length (samples); i++)
      {
        JsonObject *sample = json_array_get_object_element (samples, i);
        const char *key = json_object_get_string_member_with_default (sample, "key", NULL);

        g_assert_nonnull (key);
        g_assert_cmpstr (key, !=, "");
        bare += strchr (key, '/') == NULL;
      }
    g_assert_cmpuint (bare, >, 0);
  }

  /* the table gone: damaged, not "count 111, samples []" */
  sql (f->catalog_path, "DROP TABLE samples");
  dd_test_run_cli (&r, "query", "--catalog", f->catalog_path, "--json", NULL);
  dd_test_assert_one_line_error (&r, "“samples” is missing");
  {
    g_autofree char *recipe = g_build_filename (f->dir, "r.json", NULL);
    g_autofree char *out = g_build_filename (f->dir, "out", NULL);

    g_assert_true (g_file_set_contents (recipe, "{\"version\": 1}", -1, NULL));
    dd_test_run_cli (&r, "export", "--catalog", f->catalog_path, "--recipe", recipe, "--to", out, NULL);
    dd_test_assert_one_line_error (&r, "damaged");
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }
}

/* ---- reading never writes (item 12) -------------------------------------------------- */

static void
test_empty_file (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(DdTestRun) r = { 0 };
  const char *commands[] = { "info", "query", "health" };

  g_assert_true (g_file_set_contents (f->catalog_path, "", 0, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      dd_test_run_cli (&r, commands[i], "--catalog", f->catalog_path, NULL);
      dd_test_assert_one_line_error (&r, "empty file");
    }
  dd_test_run_cli (&r, "index", f->dir, "--catalog", f->catalog_path, NULL);
  dd_test_assert_one_line_error (&r, "empty file");
  /* still zero bytes, and nothing beside it */
  {
    GStatBuf st;
    g_assert_cmpint (g_stat (f->catalog_path, &st), ==, 0);
    g_assert_cmpint (st.st_size, ==, 0);
  }
  g_assert_cmpuint (dd_test_count_prefixed (f->dir, "c.ddcat"), ==, 1);
}

/* Another application's database is left as it was: not switched to WAL. */
static void
test_foreign_database (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(DdTestRun) r = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *recipe = g_build_filename (f->dir, "r.json", NULL);

  sql (f->catalog_path, "CREATE TABLE notes (x); INSERT INTO notes VALUES ('mine');");
  before = file_state (f->catalog_path);
  g_assert_true (g_file_set_contents (recipe, "{\"version\": 1}", -1, NULL));
  dd_test_run_cli (&r, "recipe", "save", "x", "--from", recipe, "--catalog", f->catalog_path, NULL);
  dd_test_assert_one_line_error (&r, "not a DataDive catalog");
  dd_test_run_cli (&r, "index", f->dir, "--catalog", f->catalog_path, NULL);
  dd_test_assert_one_line_error (&r, "not a DataDive catalog");
  after = file_state (f->catalog_path);
  g_assert_cmpstr (before, ==, after);
}

/* Every read command on a catalog this process may not write, once @unwritable (the
 * catalog or its folder) is made so: answers as before, and leaves the file and its
 * folder exactly as they were. */
static void
assert_reads_work (Fixture    *f,
                   const char *unwritable)
{
  g_autofree char *name = g_strdup_printf ("dd-hostile-recipe-%d.json", (int) getpid ());
  g_autofree char *recipe = g_build_filename (g_get_tmp_dir (), name, NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(DdTestRun) info = { 0 };
  g_auto(DdTestRun) r = { 0 };

  make_catalog (f);
  dd_test_run_cli (&info, "info", "--catalog", f->catalog_path, "--json", NULL);
  g_assert_cmpint (info.status, ==, 0);
  if (!make_unwritable (f, unwritable))
    {
      g_test_skip_printf ("cannot make “%s” unwritable here", unwritable);
      return;
    }
  before = file_state (f->catalog_path);

  dd_test_run_cli (&r, "info", "--catalog", f->catalog_path, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, info.out);
  g_assert_cmpint (dd_test_cli_count (f->catalog_path, NULL), ==, 111);
  dd_test_run_cli (&r, "health", "--catalog", f->catalog_path, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  dd_test_run_cli (&r, "relations", "--catalog", f->catalog_path, "class:n01443537", NULL);
  g_assert_cmpint (r.status, ==, 0);
  dd_test_run_cli (&r, "prompt", "--catalog", f->catalog_path, "--offline", "goldfish under fog", NULL);
  g_assert_cmpint (r.status, ==, 0);
  dd_test_run_cli (&r, "recipe", "list", "--catalog", f->catalog_path, NULL);
  g_assert_cmpint (r.status, ==, 0);

  /* writers say why they cannot, in one line */
  g_assert_true (g_file_set_contents (recipe, "{\"version\": 1}", -1, NULL));
  dd_test_run_cli (&r, "recipe", "save", "x", "--from", recipe, "--catalog", f->catalog_path, NULL);
  g_unlink (recipe);
  dd_test_assert_one_line_error (&r, "read-only");

  after = file_state (f->catalog_path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (dd_test_count_prefixed (f->dir, "c.ddcat"), ==, 1);   /* no -wal, -shm */
}

static void
test_read_only_file (Fixture       *f,
                     gconstpointer  data)
{
  assert_reads_work (f, f->catalog_path);
}

static void
test_read_only_folder (Fixture       *f,
                       gconstpointer  data)
{
  assert_reads_work (f, f->dir);
}

/* In core: the fallback opens read-only, recipes cannot be saved, and the working
 * recipe of a document still changes (unsaved, without an error). */
static void
test_read_only_core (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalog) catalog = NULL;
  g_autoptr(DdRecipe) recipe = NULL;
  g_autoptr(DdDocument) document = NULL;
  g_autoptr(DdRecipe) changed = NULL;
  gint64 deadline;

  make_catalog (f);
  catalog = dd_catalog_open (f->catalog_path, DD_CATALOG_OPEN_READONLY, &error);
  g_assert_no_error (error);
  g_assert_true (dd_catalog_is_read_only (catalog));
  g_assert_cmpuint (dd_catalog_get_n_samples (catalog), ==, 111);
  recipe = dd_recipe_new ();
  g_assert_false (dd_catalog_save_recipe (catalog, "x", recipe, DD_RECIPE_SAVE_DEFAULT, &error));
  g_assert_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_READ_ONLY);
  g_clear_error (&error);

  document = dd_document_new (catalog);
  while (dd_document_get_busy (document))
    g_main_context_iteration (NULL, TRUE);
  changed = dd_recipe_with_classes (dd_document_get_recipe (document),
                                    (const char * const[]) { "goldfish", NULL });
  dd_document_apply (document, changed);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (dd_document_get_busy (document) || dd_document_get_selection (document) == NULL ||
         dd_selection_get_n (dd_document_get_selection (document)) == 111)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the change was not applied: %s", dd_document_get_error (document));
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_null (dd_document_get_error (document));
  g_assert_true (dd_recipe_equal (dd_document_get_recipe (document), changed));
  g_clear_object (&document);
  g_clear_object (&catalog);

  /* the fallback: read-only exactly when the file cannot be written */
  catalog = dd_catalog_open (f->catalog_path, DD_CATALOG_OPEN_READONLY_FALLBACK, &error);
  g_assert_no_error (error);
  g_assert_false (dd_catalog_is_read_only (catalog));
  g_clear_object (&catalog);
  if (!make_unwritable (f, f->catalog_path))
    {
      g_test_skip ("cannot make a file unwritable here");
      return;
    }
  catalog = dd_catalog_open (f->catalog_path, DD_CATALOG_OPEN_READONLY_FALLBACK, &error);
  g_assert_no_error (error);
  g_assert_true (dd_catalog_is_read_only (catalog));
  g_clear_object (&catalog);
  catalog = dd_catalog_open (f->catalog_path, DD_CATALOG_OPEN_DEFAULT, &error);
  g_assert_null (catalog);
  g_assert_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_READ_ONLY);
}

/* A reader does not wait for a writer: WAL readers never block. */
static void
test_reader_while_writing (Fixture       *f,
                           gconstpointer  data)
{
  sqlite3 *writer = NULL;
  g_auto(DdTestRun) r = { 0 };
  gint64 start;

  make_catalog (f);
  g_assert_cmpint (sqlite3_open (f->catalog_path, &writer), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (writer, "BEGIN IMMEDIATE;"
                                         "INSERT INTO recipes (name, json, created, modified)"
                                         " VALUES ('held', '{}', 0, 0);", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  start = g_get_monotonic_time ();
  dd_test_run_cli (&r, "info", "--catalog", f->catalog_path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  dd_test_run_cli (&r, "query", "--catalog", f->catalog_path, "--count", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "111\n");
  /* well under SQLite's busy timeout (10 s) */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
  sqlite3_exec (writer, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (writer);
}

/* A version 1 catalog opens; a writer upgrades it (folders listed again once), a
 * reader leaves it as it is. */
static void
test_upgrade_from_v1 (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "ds", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  make_classes (root, 2, 3);
  {
    g_autoptr(DdCatalog) catalog = dd_catalog_open (f->catalog_path, DD_CATALOG_OPEN_CREATE, &error);
    g_autoptr(DdScanReport) report = dd_test_scan (catalog, root);

    g_assert_cmpuint (report->samples, ==, 6);
  }
  /* what version 1 wrote: mtimes in seconds */
  sql (f->catalog_path, "UPDATE meta SET value = '1' WHERE key = 'schema_version';"
                   "UPDATE dirs SET mtime = mtime / 1000000000;");
  before = file_state (f->catalog_path);
  {
    g_autoptr(DdCatalog) reader = dd_catalog_open (f->catalog_path, DD_CATALOG_OPEN_READONLY, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (dd_catalog_get_n_samples (reader), ==, 6);
  }
  after = file_state (f->catalog_path);
  g_assert_cmpstr (before, ==, after);
  {
    g_autoptr(DdCatalog) catalog = dd_catalog_open (f->catalog_path, 0, &error);
    g_autoptr(DdScanReport) report = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (schema_version (f->catalog_path), ==, DD_CATALOG_SCHEMA_VERSION);
    g_assert_cmpint (sql_int (f->catalog_path, "SELECT count(*) FROM dirs WHERE mtime != -1"),
                     ==, 0);
    report = dd_test_scan (catalog, root);
    g_assert_cmpuint (report->samples, ==, 6);
    g_assert_cmpuint (source_report (report, "imagefolder")->added, ==, 0);
  }
}

/* @files written (empty) under @root, and at f->catalog_path the catalog of the dump
 * tests/data/@dump that an older DataDive (schema @version) wrote of them. */
static void
load_old_catalog (Fixture            *f,
                  const char         *root,
                  const char * const *files,
                  guint               n_files,
                  const char         *dump,
                  gint64              version)
{
  for (guint i = 0; i < n_files; i++)
    dd_test_put_file (root, files[i], NULL);
  dd_test_damage_load_dump (f->catalog_path, dump, root);
  g_assert_cmpint (schema_version (f->catalog_path), ==, version);
}

/* @root indexed again into @catalog: its @n samples, nothing added, nothing removed. */
static void
assert_index_unchanged (DdCatalog  *catalog,
                        const char *root,
                        guint       n)
{
  g_autoptr(DdScanReport) report = dd_test_scan (catalog, root);

  g_assert_cmpuint (report->samples, ==, n);
  for (guint i = 0; i < report->sources->len; i++)
    {
      DdScanSourceReport *src = report->sources->pdata[i];

      g_assert_cmpuint (src->added, ==, 0);
      g_assert_cmpuint (src->removed, ==, 0);
    }
}

/* The clean key of the sample @key, read through @catalog ("" when it has none). */
static char *
clean_key_of (DdCatalog  *catalog,
              const char *key)
{
  gint64 id = dd_catalog_lookup_key (catalog, key, NULL);
  g_autoptr(DdSampleInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (id, >, 0);
  info = dd_catalog_get_sample (catalog, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (info);
  return g_strdup (info->clean_key ? info->clean_key : "");
}

/* The number of corrupted variants of the clean image @key. */
static guint
n_variants (DdCatalog  *catalog,
            const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) refs = dd_catalog_find_samples (catalog, DD_SAMPLES_WITH_CLEAN_KEY, key,
                                                       &error);

  g_assert_no_error (error);
  return refs->len;
}

/* Keys that the dumps of version 4 and 5 (tests/data/catalog-v4.sql, catalog-v5.sql)
 * both hold: two clean images, and a corruption variant of the second. */
static const char val0[] = "tiny-imagenet-200/val/images/val_0.JPEG";
static const char val1[] = "tiny-imagenet-200/val/images/val_1.JPEG";
static const char fog_val1[] = "Tiny-ImageNet-C/fog/1/n02123045/val_1.JPEG";

/* A catalog of version 4 made by the build before version 5 (tests/data/catalog-v4.sql):
 * a reader reads its clean keys as they are, without writing; a writer upgrades it to
 * clean images named by sample id with every sample id kept; an index of its tree then
 * finds nothing new, and a clean image removed and indexed again is linked again. */
static void
test_upgrade_from_v4 (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const files[] = {
    "tiny-imagenet-200/wnids.txt", "tiny-imagenet-200/words.txt",
    "tiny-imagenet-200/val/val_annotations.txt",
    "tiny-imagenet-200/val/images/val_0.JPEG", "tiny-imagenet-200/val/images/val_1.JPEG",
    "tiny-imagenet-200/train/n02123045/images/n02123045_0.JPEG",
    "Tiny-ImageNet-C/fog/1/n01443537/val_0.JPEG", "Tiny-ImageNet-C/fog/2/n01443537/val_0.JPEG",
    "Tiny-ImageNet-C/fog/1/n02123045/val_1.JPEG",
    "Tiny-ImageNet-C/motion_blur/3/n02123045/val_1.JPEG",
    "Tiny-ImageNet-C/fog/1/n02123045/val_9.JPEG",
  };
  static const char * const keys[] = {
    "tiny-imagenet-200/train/n02123045/images/n02123045_0.JPEG",
    "tiny-imagenet-200/val/images/val_0.JPEG", "tiny-imagenet-200/val/images/val_1.JPEG",
    "Tiny-ImageNet-C/fog/1/n01443537/val_0.JPEG", "Tiny-ImageNet-C/fog/1/n02123045/val_1.JPEG",
    "Tiny-ImageNet-C/fog/1/n02123045/val_9.JPEG", "Tiny-ImageNet-C/fog/2/n01443537/val_0.JPEG",
    "Tiny-ImageNet-C/motion_blur/3/n02123045/val_1.JPEG",
  };
  g_autofree char *root = g_build_filename (f->dir, "both", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 ids[G_N_ELEMENTS (keys)];

  load_old_catalog (f, root, files, G_N_ELEMENTS (files), "catalog-v4.sql", 4);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *q = g_strdup_printf ("SELECT id FROM samples WHERE key = '%s'", keys[i]);

      ids[i] = sql_int (f->catalog_path, q);
    }
  g_assert_cmpint (ids[0], ==, 2);   /* the gap: sample 1 was removed */

  /* read as it is */
  before = file_state (f->catalog_path);
  {
    g_autoptr(DdCatalog) reader = dd_catalog_open (f->catalog_path, DD_CATALOG_OPEN_READONLY,
                                                   &error);
    g_autofree char *clean = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (dd_catalog_get_n_samples (reader), ==, 8);
    clean = clean_key_of (reader, fog_val1);
    g_assert_cmpstr (clean, ==, val1);
    g_assert_cmpuint (n_variants (reader, val0), ==, 2);
  }
  after = file_state (f->catalog_path);
  g_assert_cmpstr (before, ==, after);

  /* upgraded by a writer */
  {
    g_autoptr(DdCatalog) catalog = dd_catalog_open (f->catalog_path, 0, &error);
    g_autoptr(DdScanReport) report = NULL;
    g_autofree char *gone = g_build_filename (root, "tiny-imagenet-200/val/images/val_1.JPEG",
                                              NULL);
    g_autofree char *images = g_path_get_dirname (gone);
    struct utimbuf later = { time (NULL) + 10, time (NULL) + 10 };

    g_assert_no_error (error);
    g_assert_cmpint (schema_version (f->catalog_path), ==, DD_CATALOG_SCHEMA_VERSION);
    g_assert_cmpint (sql_int (f->catalog_path, "SELECT count(*) FROM pragma_table_info"
                              " ('samples') WHERE name = 'clean_key'"), ==, 0);
    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      g_assert_cmpint (dd_catalog_lookup_key (catalog, keys[i], NULL), ==, ids[i]);
    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      {
        g_autofree char *clean = clean_key_of (catalog, keys[i]);
        const char *expected = strstr (keys[i], "val_0") && keys[i][0] == 'T' ? val0
                               : strstr (keys[i], "val_1") && keys[i][0] == 'T' ? val1 : "";

        g_assert_cmpstr (clean, ==, expected);
      }
    g_assert_cmpuint (n_variants (catalog, val0), ==, 2);
    g_assert_cmpuint (n_variants (catalog, val1), ==, 2);

    /* its tree indexed again: nothing new, nothing gone, the links kept */
    assert_index_unchanged (catalog, root, 8);
    g_assert_cmpuint (n_variants (catalog, val1), ==, 2);

    /* the clean image goes (its variants lose it), then comes back (found again) */
    g_assert_cmpint (g_unlink (gone), ==, 0);
    g_assert_cmpint (g_utime (images, &later), ==, 0);
    report = dd_test_scan (catalog, root);
    g_clear_pointer (&report, dd_scan_report_free);
    {
      g_autofree char *clean = clean_key_of (catalog, fog_val1);
      g_assert_cmpstr (clean, ==, "");
    }
    dd_test_put_file (root, "tiny-imagenet-200/val/images/val_1.JPEG", NULL);
    later.actime += 10;
    later.modtime += 10;
    g_assert_cmpint (g_utime (images, &later), ==, 0);
    report = dd_test_scan (catalog, root);
    {
      g_autofree char *clean = clean_key_of (catalog, fog_val1);
      g_assert_cmpstr (clean, ==, val1);
    }
    g_assert_cmpuint (n_variants (catalog, val1), ==, 2);
  }
}

/* A catalog of version 5 made by the build before version 6 (tests/data/catalog-v5.sql),
 * whose keys were whole in samples.key: a reader reads it as it is, without writing; a
 * writer stores every key as its folder and name with every sample id kept, the
 * triggers of the samples table made again and the keys' unique index on (folder,
 * name); an index of its tree then finds nothing new. */
static void
test_upgrade_from_v5 (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const files[] = {
    "tiny-imagenet-200/wnids.txt", "tiny-imagenet-200/words.txt",
    "tiny-imagenet-200/val/val_annotations.txt",
    "tiny-imagenet-200/val/images/val_0.JPEG", "tiny-imagenet-200/val/images/val_1.JPEG",
    "tiny-imagenet-200/train/n02123045/images/n02123045_1.JPEG",
    "Tiny-ImageNet-C/fog/1/n01443537/val_0.JPEG", "Tiny-ImageNet-C/fog/2/n01443537/val_0.JPEG",
    "Tiny-ImageNet-C/fog/1/n02123045/val_1.JPEG", "Tiny-ImageNet-C/fog/1/n02123045/val_\xe9.JPEG",
    "Tiny-ImageNet-C/motion_blur/3/n02123045/val_1.JPEG",
    "Tiny-ImageNet-C/fog/1/n02123045/val_9.JPEG",
  };
  /* by sample id, from 2 (sample 1 was removed) */
  static const char * const keys[] = {
    "tiny-imagenet-200/train/n02123045/images/n02123045_1.JPEG",
    "tiny-imagenet-200/val/images/val_0.JPEG", "tiny-imagenet-200/val/images/val_1.JPEG",
    "Tiny-ImageNet-C/fog/1/n01443537/val_0.JPEG", "Tiny-ImageNet-C/fog/1/n02123045/val_1.JPEG",
    "Tiny-ImageNet-C/fog/1/n02123045/val_9.JPEG",
    "Tiny-ImageNet-C/fog/1/n02123045/val_\\xE9.JPEG",
    "Tiny-ImageNet-C/fog/2/n01443537/val_0.JPEG",
    "Tiny-ImageNet-C/motion_blur/3/n02123045/val_1.JPEG",
  };
  g_autofree char *root = g_build_filename (f->dir, "both", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  load_old_catalog (f, root, files, G_N_ELEMENTS (files), "catalog-v5.sql", 5);
  /* a hash gone wrong (only sampling read it before): the upgrade reckons every hash
   * again, as keys are found by it from version 6 on */
  sql (f->catalog_path, "UPDATE samples SET keyhash = 7 WHERE id = 5");

  /* read as it is */
  before = file_state (f->catalog_path);
  {
    g_autoptr(DdCatalog) reader = dd_catalog_open (f->catalog_path, DD_CATALOG_OPEN_READONLY,
                                                   &error);
    g_autofree char *clean = NULL;
    g_autoptr(DdSampleInfo) odd = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (dd_catalog_get_n_samples (reader), ==, G_N_ELEMENTS (keys));
    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      g_assert_cmpint (dd_catalog_lookup_key (reader, keys[i], NULL), ==, i + 2);
    clean = clean_key_of (reader, fog_val1);
    g_assert_cmpstr (clean, ==, val1);
    g_assert_cmpuint (n_variants (reader, val0), ==, 2);
    odd = dd_catalog_get_sample (reader, 8, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (odd->key, ==, keys[6]);
  }
  after = file_state (f->catalog_path);
  g_assert_cmpstr (before, ==, after);

  /* upgraded by a writer */
  {
    g_autoptr(DdCatalog) catalog = dd_catalog_open (f->catalog_path, 0, &error);
    g_autoptr(DdSampleInfo) odd = NULL;
    g_autofree char *odd_path = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (schema_version (f->catalog_path), ==, DD_CATALOG_SCHEMA_VERSION);
    g_assert_cmpint (sql_int (f->catalog_path, "SELECT count(*) FROM pragma_table_info"
                              " ('samples') WHERE name = 'key'"), ==, 0);
    g_assert_cmpint (sql_int (f->catalog_path, "SELECT count(*) FROM folders"), ==, 6);
    g_assert_cmpint (sql_int (f->catalog_path, "SELECT count(*) FROM sqlite_master WHERE"
                              " type = 'trigger' AND tbl_name = 'samples'"), ==, 3);
    g_assert_cmpint (sql_int (f->catalog_path, "SELECT count(*) FROM sqlite_master"
                              " WHERE name = 'samples_by_key'"
                              " AND sql LIKE '%(folder_id, keyhash)%'"), ==, 1);

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      g_assert_cmpint (dd_catalog_lookup_key (catalog, keys[i], NULL), ==, i + 2);
    {
      g_autofree char *clean = clean_key_of (catalog, fog_val1);
      g_assert_cmpstr (clean, ==, val1);
    }
    g_assert_cmpuint (n_variants (catalog, val0), ==, 2);
    g_assert_cmpuint (n_variants (catalog, val1), ==, 2);
    odd = dd_catalog_get_sample (catalog, 8, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (odd->key, ==, keys[6]);
    /* its file is found by its own bytes */
    odd_path = g_build_filename (root, "Tiny-ImageNet-C/fog/1/n02123045/val_\xe9.JPEG", NULL);
    g_assert_cmpstr (odd->path, ==, odd_path);

    /* its tree indexed again: nothing new, nothing gone */
    assert_index_unchanged (catalog, root, G_N_ELEMENTS (keys));
    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      g_assert_cmpint (dd_catalog_lookup_key (catalog, keys[i], NULL), ==, i + 2);
  }
}

/* A catalog whose largest sample id is at the top of the range (damaged, or written by
 * another program): the next index adds its new files one at a time, SQLite picking
 * unused ids, instead of counting on from the largest. */
static void
test_ids_at_the_top (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "top", NULL);
  g_autofree char *later = g_build_filename (root, "classB", NULL);
  struct utimbuf newer = { time (NULL) + 10, time (NULL) + 10 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gint64 top = G_MAXINT64 - 7;

  dd_test_put_file (root, "classA/first.jpg", NULL);
  dd_test_put_file (root, "classB/second.jpg", NULL);
  {
    g_autoptr(DdCatalog) catalog = dd_catalog_open (f->catalog_path, DD_CATALOG_OPEN_CREATE,
                                                    &error);

    g_assert_no_error (error);
    dd_scan_report_free (dd_test_scan (catalog, root));
  }
  sql (f->catalog_path, "UPDATE samples SET id = 9223372036854775800"
                        " WHERE name = 'second.jpg'");
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("classB/new-%02u.jpg", i);
      dd_test_put_file (root, name, NULL);
    }
  g_assert_cmpint (g_utime (later, &newer), ==, 0);
  {
    g_autoptr(DdCatalog) catalog = dd_catalog_open (f->catalog_path, 0, &error);
    g_autoptr(DdScanReport) report = NULL;

    g_assert_no_error (error);
    report = dd_test_scan (catalog, root);
    g_assert_cmpuint (report->sources->len, ==, 1);
    g_assert_cmpuint (dd_catalog_get_n_samples (catalog), ==, 42);
    g_assert_cmpint (dd_catalog_lookup_key (catalog, "top/classB/second.jpg", NULL), ==, top);
    for (guint i = 0; i < 40; i++)
      {
        g_autofree char *key = g_strdup_printf ("top/classB/new-%02u.jpg", i);
        gint64 *id = g_new (gint64, 1);

        *id = dd_catalog_lookup_key (catalog, key, NULL);
        g_assert_cmpint (*id, >, 0);
        g_assert_true (g_hash_table_add (ids, id));   /* each its own */
      }
  }
}

/* Keys stay unique where a later index would make two alike: a file spelled with the
 * escape of a name already indexed (the check by look-up, not the first index's own
 * list), and a second dataset folder of the same name as an indexed one. Each fails
 * with one line and the catalog keeps what it had. */
static void
test_keys_stay_unique (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *odd = g_build_filename (f->dir, "odd", NULL);
  g_autofree char *twin_parent = g_build_filename (f->dir, "elsewhere", NULL);
  g_autofree char *twin = g_build_filename (twin_parent, "odd", NULL);
  g_autofree char *later = g_build_filename (odd, "classA", NULL);
  g_autoptr(GError) error = NULL;
  const char *roots[] = { odd, NULL };
  const char *twins[] = { twin, NULL };
  struct utimbuf newer = { time (NULL) + 10, time (NULL) + 10 };
  g_autoptr(DdCatalog) catalog = dd_catalog_open (f->catalog_path, DD_CATALOG_OPEN_CREATE,
                                                  &error);

  g_assert_no_error (error);
  dd_test_put_file (odd, "classA/caf\xE9.jpg", NULL);
  dd_test_put_file (odd, "classB/one.jpg", NULL);
  dd_scan_report_free (dd_test_scan (catalog, odd));
  g_assert_cmpuint (dd_catalog_get_n_samples (catalog), ==, 2);
  /* a name spelled with the escape of the Latin-1 one indexed before, in the next index */
  dd_test_put_file (odd, "classA/caf\\xE9.jpg", NULL);
  g_assert_cmpint (g_utime (later, &newer), ==, 0);
  {
    g_autoptr(DdScanner) scanner = dd_scanner_new (catalog);
    g_autoptr(DdScanReport) report = dd_scanner_run (scanner, roots, NULL, NULL, NULL, &error);

    g_assert_null (report);
    g_assert_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "same key"));
    g_assert_null (strchr (error->message, '\n'));
    g_clear_error (&error);
    g_assert_cmpuint (dd_catalog_get_n_samples (catalog), ==, 2);
  }
  /* another folder named odd */
  dd_test_put_file (twin, "classA/two.jpg", NULL);
  {
    g_autoptr(DdScanner) scanner = dd_scanner_new (catalog);
    g_autoptr(DdScanReport) report = dd_scanner_run (scanner, twins, NULL, NULL, NULL, &error);

    g_assert_null (report);
    g_assert_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "same folder name"));
    g_clear_error (&error);
    g_assert_cmpuint (dd_catalog_get_n_samples (catalog), ==, 2);
  }
  g_assert_cmpint (sql_int (f->catalog_path, "SELECT count(*) FROM samples"), ==, 2);
  g_assert_cmpint (sql_int (f->catalog_path, "SELECT count(*) FROM sources"), ==, 1);
}

/* The first index of a new catalog stores the snapshot of its rows with them, in its
 * transaction: written once into the new file, not again through the WAL after the
 * commit (5 M samples: a 127 MB blob); the catalog then opens from it. */
static void
test_first_index_stores_snapshot (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "ds", NULL);
  g_autofree char *path = g_build_filename (f->dir, "new.ddcat", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf st = { 0 };
  gint64 blob;

  make_classes (root, 20, 100);
  {
    g_autoptr(DdCatalog) catalog =
      dd_catalog_open (path, DD_CATALOG_OPEN_CREATE | DD_CATALOG_OPEN_SCRATCH, &error);
    g_autoptr(DdScanReport) report = NULL;

    g_assert_no_error (error);
    report = dd_test_scan (catalog, root);
    g_assert_cmpuint (dd_catalog_get_n_samples (catalog), ==, 2000);
    g_assert_true (dd_catalog_has_stored_snapshot (catalog));
    blob = sql_int (path, "SELECT length (data) FROM snapshot_cache");
    g_assert_cmpint (blob, >, 2000 * 8);
    g_assert_cmpint (g_stat (wal, &st), ==, 0);
    g_test_message ("snapshot %" G_GINT64_FORMAT " bytes, WAL %" G_GINT64_FORMAT " bytes", blob,
                    (gint64) st.st_size);
    g_assert_cmpint (st.st_size, <, blob);
  }
  {
    g_autoptr(DdCatalog) again = dd_catalog_open (path, DD_CATALOG_OPEN_READONLY, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (dd_catalog_get_n_samples (again), ==, 2000);
    g_assert_true (dd_catalog_has_stored_snapshot (again));
  }
}

/* The first index of an empty catalog builds the keys' unique index after its
 * inserts: it is there and unique afterwards, the sources count their samples
 * without it, a look-up by key in the same run (the same folder given twice) builds
 * it first, and two files with the same key (a Latin-1 name beside one literally
 * named with its escape) still fail the run and leave nothing. */
static void
test_first_index_key_index (Fixture       *f,
                            gconstpointer  data)
{
  static const char key_index[] = "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                                  " AND name = 'samples_by_key'"
                                  " AND sql LIKE '%(folder_id, keyhash)%'";
  g_autofree char *root = g_build_filename (f->dir, "ds", NULL);
  g_autofree char *odd = g_build_filename (f->dir, "odd", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.ddcat", NULL);
  g_autoptr(GError) error = NULL;
  const char *twice[] = { root, root, NULL };
  const char *clash[] = { odd, NULL };

  make_classes (root, 2, 3);
  {
    g_autoptr(DdCatalog) catalog = dd_catalog_open (f->catalog_path, DD_CATALOG_OPEN_CREATE,
                                                    &error);
    g_autoptr(DdScanReport) report = NULL;

    g_assert_no_error (error);
    report = dd_test_scan_roots (catalog, twice);
    g_assert_cmpuint (report->sources->len, ==, 2);
    for (guint i = 0; i < report->sources->len; i++)
      g_assert_cmpuint (((DdScanSourceReport *) report->sources->pdata[i])->samples, ==, 6);
    g_assert_cmpuint (((DdScanSourceReport *) report->sources->pdata[1])->added, ==, 0);
    g_assert_cmpuint (dd_catalog_get_n_samples (catalog), ==, 6);
    g_assert_cmpint (dd_catalog_lookup_key (catalog, "ds/class1/img2.jpg", NULL), >, 0);
  }
  g_assert_cmpint (sql_int (f->catalog_path, key_index), ==, 1);

  dd_test_put_file (odd, "classA/caf\xE9.jpg", NULL);
  dd_test_put_file (odd, "classA/caf\\xE9.jpg", NULL);
  {
    g_autoptr(DdCatalog) catalog = dd_catalog_open (other, DD_CATALOG_OPEN_CREATE, &error);
    g_autoptr(DdScanner) scanner = dd_scanner_new (catalog);
    g_autoptr(DdScanReport) report = dd_scanner_run (scanner, clash, NULL, NULL, NULL, &error);

    g_assert_null (report);
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "same key"));
    g_assert_cmpuint (dd_catalog_get_n_samples (catalog), ==, 0);
  }
  g_assert_cmpint (sql_int (other, key_index), ==, 1);
  g_assert_cmpint (sql_int (other, "SELECT count(*) FROM samples"), ==, 0);
}

/* ---- concurrent and interrupted index runs (items 1, 6) ------------------------------- */

static void
test_concurrent_first_index (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *a = g_build_filename (f->dir, "A", NULL);
  g_autofree char *b = g_build_filename (f->dir, "B", NULL);
  g_autofree char *recipe = g_build_filename (f->dir, "r.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(DdTestRun) r = { 0 };
  GPid pa, pb;
  gint64 deadline;
  JsonObject *o;

  make_classes (a, 2, 3);
  make_classes (b, 20, 50);
  g_assert_true (g_file_set_contents (recipe, "{\"version\": 1, \"classes\": [\"class1\"]}", -1,
                                      NULL));
  /* two first-time runs on one new catalog path, at once */
  pa = cli_start ("index", a, "--catalog", f->catalog_path, NULL);
  pb = cli_start ("index", b, "--catalog", f->catalog_path, NULL);
  /* a recipe saved as soon as there is a catalog, while the other run goes on */
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!g_file_test (f->catalog_path, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < deadline)
    g_usleep (1000);
  dd_test_run_cli (&r, "recipe", "save", "mine", "--from", recipe, "--catalog", f->catalog_path, NULL);
  if (r.status != 0)
    g_error ("recipe save failed: %s", r.err);
  g_assert_cmpint (cli_wait (pa), ==, 0);
  g_assert_cmpint (cli_wait (pb), ==, 0);

  /* both sources, every sample, the recipe: nothing was replaced */
  dd_test_run_cli (&r, "info", "--catalog", f->catalog_path, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  o = dd_test_parse_object (parser, r.out);
  g_assert_cmpint (json_object_get_int_member (o, "samples"), ==, 6 + 1000);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "sources")), ==, 2);
  dd_test_run_cli (&r, "recipe", "show", "mine", "--catalog", f->catalog_path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "class1"));
  /* and nothing left beside it */
  g_assert_cmpuint (dd_test_count_prefixed (f->dir, ".c.ddcat"), ==, 0);
  g_assert_false (exists (f->dir, "c.ddcat.lock"));
}

/* Ctrl+C or SIGTERM during a first index: nothing is left behind. */
static void
test_interrupted_first_index (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "big", NULL);
  const int signals[] = { SIGTERM, SIGINT };

  make_classes (root, 40, 50);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      gboolean caught = FALSE;

      for (guint attempt = 0; attempt < 20 && !caught; attempt++)
        {
          GPid pid = cli_start ("index", root, "--catalog", f->catalog_path, NULL);
          g_autofree char *temp = g_strdup_printf ("%s/.c.ddcat.tmp-%d", f->dir, (int) pid);
          int status;

          /* stopped as soon as its temporary catalog appears, then signalled */
          while (!g_file_test (temp, G_FILE_TEST_EXISTS) && kill (pid, 0) == 0 &&
                 !g_file_test (f->catalog_path, G_FILE_TEST_EXISTS))
            g_usleep (200);
          kill (pid, SIGSTOP);
          caught = g_file_test (temp, G_FILE_TEST_EXISTS) &&
                   !g_file_test (f->catalog_path, G_FILE_TEST_EXISTS);
          kill (pid, signals[i]);
          kill (pid, SIGCONT);
          status = cli_wait (pid);
          g_test_message ("signal %d, attempt %u: %s", signals[i], attempt,
                          caught ? "caught during the run" : "the run was over");
          if (!caught)
            {
              g_unlink (f->catalog_path);   /* it finished first: try again */
              continue;
            }
          g_assert_cmpint (status, ==, 1);
          g_assert_false (g_file_test (f->catalog_path, G_FILE_TEST_EXISTS));
          g_assert_cmpuint (dd_test_count_prefixed (f->dir, ".c.ddcat"), ==, 0);
          g_assert_false (exists (f->dir, "c.ddcat.lock"));
        }
      g_assert_true (caught);
    }
}

/* kill -9 leaves a temporary catalog and a lock file: the next run removes them. */
static void
test_stale_temporaries (Fixture       *f,
                        gconstpointer  data)
{
  const char *stale[] = { ".c.ddcat.tmp-999999", ".c.ddcat.tmp-999999-wal",
                          ".c.ddcat.tmp-999999-shm", ".c.ddcat.tmp-12-journal", "c.ddcat.lock" };
  g_autofree char *root = g_build_filename (f->dir, "ds", NULL);
  g_autofree char *other = g_build_filename (f->dir, ".d.ddcat.tmp-999999", NULL);
  g_auto(DdTestRun) r = { 0 };

  make_classes (root, 2, 2);
  for (guint i = 0; i < G_N_ELEMENTS (stale); i++)
    dd_test_put_file (f->dir, stale[i], "left by a killed run");
  dd_test_put_file (f->dir, ".d.ddcat.tmp-999999", "another catalog's");
  dd_test_run_cli (&r, "index", root, "--catalog", f->catalog_path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (stale); i++)
    g_assert_false (exists (f->dir, stale[i]));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_cmpint (dd_test_cli_count (f->catalog_path, NULL), ==, 4);
}

/* ---- what a scan sees (items 4, 13, 8) ------------------------------------------------ */

static void
test_same_second (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "ds", NULL);
  g_autofree char *folder = g_build_filename (root, "class0", NULL);
  g_autofree char *late = g_build_filename (folder, "late.jpg", NULL);
  g_autofree char *gone = g_build_filename (folder, "img1.jpg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalog) catalog = dd_catalog_open (f->catalog_path, DD_CATALOG_OPEN_CREATE, &error);
  gint64 hour_ago = g_get_real_time () / G_USEC_PER_SEC - 3600;
  gint64 now;

  make_classes (root, 2, 2);
  /* a folder changed long before the scan, at .100 s */
  set_mtime (folder, hour_ago, 100000000);
  {
    g_autoptr(DdScanReport) report = dd_test_scan (catalog, root);
    g_assert_cmpuint (report->samples, ==, 4);
  }
  /* a file added later in that same second: a different mtime, to the nanosecond */
  dd_test_put_file (folder, "late.jpg", NULL);
  set_mtime (folder, hour_ago, 600000000);
  {
    g_autoptr(DdScanReport) report = dd_test_scan (catalog, root);
    g_assert_cmpuint (source_report (report, "imagefolder")->added, ==, 1);
    g_assert_cmpuint (report->samples, ==, 5);
  }

  /* A folder changed in the scan's own second may change again after it was listed
   * without its mtime moving (a coarse file-system clock): listed again next time. */
  now = g_get_real_time () / G_USEC_PER_SEC;
  g_unlink (late);
  set_mtime (folder, now, 0);
  {
    g_autoptr(DdScanReport) report = dd_test_scan (catalog, root);
    g_assert_cmpuint (source_report (report, "imagefolder")->removed, ==, 1);
  }
  g_unlink (gone);
  set_mtime (folder, now, 0);
  {
    g_autoptr(DdScanReport) report = dd_test_scan (catalog, root);
    g_assert_cmpuint (source_report (report, "imagefolder")->removed, ==, 1);
    g_assert_cmpuint (report->samples, ==, 3);
  }
  /* once the folders are old, an unchanged tree is not listed again */
  {
    const char *folders[] = { "", "class0", "class1" };

    for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
      {
        g_autofree char *path = g_build_filename (root, folders[i], NULL);
        set_mtime (path, hour_ago, 0);
      }
  }
  {
    g_autoptr(DdScanReport) first = dd_test_scan (catalog, root);
    g_autoptr(DdScanReport) second = dd_test_scan (catalog, root);

    g_assert_cmpuint (second->samples, ==, 3);
    g_assert_cmpint (sql_int (f->catalog_path, "SELECT count(*) FROM dirs WHERE mtime = -1"),
                     ==, 0);
  }
}

static void
test_problems_kept (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "ds", NULL);
  g_autofree char *dangling = g_build_filename (root, "class1", "broken.jpg", NULL);
  g_autofree char *loop = g_build_filename (root, "class0", "again", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gint64 hour_ago = g_get_real_time () / G_USEC_PER_SEC - 3600;
  const char *folders[] = { "class0", "class1", "" };

  make_classes (root, 2, 2);
  g_assert_cmpint (symlink ("/nonexistent/target.jpg", dangling), ==, 0);
  g_assert_cmpint (symlink ("..", loop), ==, 0);
  /* an unchanged tree: no folder changed in the last hour */
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *path = g_build_filename (root, folders[i], NULL);
      set_mtime (path, hour_ago, 0);
    }
  for (guint run = 0; run < 3; run++)
    {
      g_auto(DdTestRun) r = { 0 };
      g_auto(DdTestRun) info = { 0 };
      JsonObject *o, *src;
      JsonArray *problems;

      dd_test_run_cli (&r, "index", root, "--catalog", f->catalog_path, "--json", NULL);
      g_assert_cmpint (r.status, ==, 0);
      o = dd_test_parse_object (parser, r.out);
      src = json_array_get_object_element (json_object_get_array_member (o, "sources"), 0);
      problems = json_object_get_array_member (o, "problems");
      g_assert_cmpint (json_object_get_int_member (src, "unreadable"), ==, 2);
      g_assert_cmpuint (json_array_get_length (problems), ==, 2);
      g_assert_cmpint (json_object_get_int_member (o, "samples"), ==, 4);
      /* and the catalog says so too */
      dd_test_run_cli (&info, "info", "--catalog", f->catalog_path, "--json", NULL);
      o = dd_test_parse_object (parser, info.out);
      src = json_array_get_object_element (json_object_get_array_member (o, "sources"), 0);
      g_assert_cmpint (json_object_get_int_member (src, "unreadable"), ==, 2);
    }
}

/* A folder removed while its parent's mtime was put back (rsync -t, a restore): its
 * samples go, and it is not a problem to report at every run. */
static void
test_vanished_folder (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "ds", NULL);
  g_autofree char *gone = g_build_filename (root, "class1", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalog) catalog = dd_catalog_open (f->catalog_path, DD_CATALOG_OPEN_CREATE, &error);
  gint64 hour_ago = g_get_real_time () / G_USEC_PER_SEC - 3600;

  make_classes (root, 2, 2);
  set_mtime (root, hour_ago, 0);
  {
    g_autoptr(DdScanReport) first = dd_test_scan (catalog, root);
    g_assert_cmpuint (first->samples, ==, 4);
  }
  dd_test_rm_rf (gone);
  set_mtime (root, hour_ago, 0);
  for (guint run = 0; run < 2; run++)
    {
      g_autoptr(DdScanReport) report = dd_test_scan (catalog, root);

      g_assert_cmpuint (report->samples, ==, 2);
      g_assert_cmpuint (report->problems->len, ==, 0);
      g_assert_cmpuint (source_report (report, "imagefolder")->unreadable, ==, 0);
    }
}

/* A Kaggle ImageNet download (ILSVRC/Data/CLS-LOC and the LOC_* files at its root)
 * beside other datasets under one parent: each its own source. */
static void
make_kaggle (const char *root)
{
  dd_test_put_file (root, "LOC_synset_mapping.txt", "n01443537 goldfish, Carassius auratus\n"
                                                    "n02123045 tabby, tabby cat\n");
  dd_test_put_file (root, "LOC_val_solution.csv", "ImageId,PredictionString\n"
                                                  "ILSVRC2012_val_00000001,n02123045 1 2 30 40\n");
  dd_test_put_file (root, "ILSVRC/Data/CLS-LOC/train/n01443537/n01443537_1.JPEG", NULL);
  dd_test_put_file (root, "ILSVRC/Data/CLS-LOC/train/n02123045/n02123045_1.JPEG", NULL);
  dd_test_put_file (root, "ILSVRC/Data/CLS-LOC/val/ILSVRC2012_val_00000001.JPEG", NULL);
  dd_test_put_file (root, "ILSVRC/Data/CLS-LOC/test/ILSVRC2012_test_00000001.JPEG", NULL);
}

static void
test_kaggle_beside_others (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = g_build_filename (f->dir, "datasets", NULL);
  g_autofree char *parent_c = g_build_filename (f->dir, "with-c", NULL);

  make_kaggle (parent);
  dd_test_put_file (parent, "imagenet-r/n01443537/art_1.jpg", NULL);
  dd_test_put_file (parent, "imagenet-r/n02123045/art_2.jpg", NULL);
  dd_test_put_file (parent, "imagenet-r/n02123045/art_3.jpg", NULL);
  {
    g_autoptr(DdCatalog) catalog = dd_catalog_open (f->catalog_path, DD_CATALOG_OPEN_CREATE, &error);
    g_autoptr(DdScanReport) report = dd_test_scan (catalog, parent);
    g_autoptr(GPtrArray) classes = dd_catalog_list_classes (catalog);
    DdScanSourceReport *imagenet = source_report (report, "imagenet");
    DdScanSourceReport *r = source_report (report, "imagefolder");

    g_assert_cmpuint (report->sources->len, ==, 2);
    g_assert_cmpuint (imagenet->samples, ==, 4);
    g_assert_cmpuint (imagenet->junk, ==, 0);   /* the LOC files are read, not junk */
    g_assert_true (g_str_has_suffix (r->root, "/imagenet-r"));
    g_assert_cmpuint (r->samples, ==, 3);
    g_assert_cmpuint (report->samples, ==, 7);
    /* LOC_synset_mapping.txt names the classes of both */
    g_assert_cmpuint (classes->len, ==, 2);
    for (guint i = 0; i < classes->len; i++)
      {
        DdClassInfo *c = g_ptr_array_index (classes, i);
        g_assert_cmpstr (c->name, ==, strcmp (c->wnid, "n01443537") == 0 ? "goldfish" : "tabby");
      }
    /* the val image is labeled from LOC_val_solution.csv */
    {
      g_autoptr(DdFilter) filter = dd_filter_new ();
      g_assert_true (dd_catalog_filter_add_split_name (catalog, filter, "val", NULL));
      g_assert_true (dd_catalog_filter_add_class_name (catalog, filter, "tabby", NULL));
      g_assert_cmpuint (dd_catalog_count (catalog, filter, NULL, NULL), ==, 1);
    }
  }

  /* beside an ImageNet-C tree */
  make_kaggle (parent_c);
  dd_test_put_file (parent_c, "ImageNet-C/fog/3/n01443537/ILSVRC2012_val_00000001.JPEG", NULL);
  dd_test_put_file (parent_c, "ImageNet-C/fog/5/n02123045/ILSVRC2012_val_00000001.JPEG", NULL);
  g_unlink (f->catalog_path);
  {
    g_autoptr(DdCatalog) catalog = dd_catalog_open (f->catalog_path, DD_CATALOG_OPEN_CREATE, &error);
    g_autoptr(DdScanReport) report = dd_test_scan (catalog, parent_c);

    g_assert_cmpuint (report->sources->len, ==, 2);
    g_assert_cmpuint (source_report (report, "imagenet")->samples, ==, 4);
    g_assert_cmpuint (source_report (report, "imagenet-c")->samples, ==, 2);
  }
}

/* A parent of ImageFolder datasets only (ImageNet-R beside ImageNet-Sketch). */
static void
test_parent_of_imagefolders (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = g_build_filename (f->dir, "variants", NULL);
  g_autoptr(DdCatalog) catalog = dd_catalog_open (f->catalog_path, DD_CATALOG_OPEN_CREATE, &error);
  g_autoptr(DdScanReport) report = NULL;

  dd_test_put_file (parent, "imagenet-r/n01443537/a.jpg", NULL);
  dd_test_put_file (parent, "imagenet-r/n02123045/b.jpg", NULL);
  dd_test_put_file (parent, "imagenet-sketch/n01443537/c.JPEG", NULL);
  report = dd_test_scan (catalog, parent);
  g_assert_cmpuint (report->sources->len, ==, 2);
  g_assert_cmpuint (report->samples, ==, 3);
}

/* A catalog of the current version without an index schema.sql has since gained (the
 * near pairs' indexes came without a version of their own) gets it when it is next
 * opened for writing, and one that has them all is not written to. */
static void
test_missing_index (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  make_catalog (f);
  sql (f->catalog_path, "DROP INDEX near_pairs_by_a; DROP INDEX near_pairs_by_b;");
  g_assert_cmpint (sql_int (f->catalog_path, "SELECT count(*) FROM sqlite_master"
                                             " WHERE name LIKE 'near_pairs_by_%'"), ==, 0);
  {
    g_autoptr(DdCatalog) reader = dd_catalog_open (f->catalog_path, DD_CATALOG_OPEN_READONLY,
                                                   &error);

    g_assert_no_error (error);
    g_assert_nonnull (reader);
  }
  g_assert_cmpint (sql_int (f->catalog_path, "SELECT count(*) FROM sqlite_master"
                                             " WHERE name LIKE 'near_pairs_by_%'"), ==, 0);
  {
    g_autoptr(DdCatalog) writer = dd_catalog_open (f->catalog_path, 0, &error);

    g_assert_no_error (error);
    g_assert_nonnull (writer);
  }
  g_assert_cmpint (sql_int (f->catalog_path, "SELECT count(*) FROM sqlite_master"
                                             " WHERE name LIKE 'near_pairs_by_%'"), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/hostile/" path, Fixture, NULL, setup, func, teardown)
  ADD ("catalog/bad-sample-values", test_bad_sample_values);
  ADD ("catalog/bad-vocabulary", test_bad_vocabulary);
  ADD ("catalog/newer-schema", test_newer_schema);
  ADD ("catalog/damaged-snapshot-blob", test_damaged_blob);
  ADD ("catalog/snapshot-checked-against-table", test_snapshot_vs_table);
  ADD ("catalog/empty-file", test_empty_file);
  ADD ("catalog/foreign-database", test_foreign_database);
  ADD ("catalog/read-only-file", test_read_only_file);
  ADD ("catalog/read-only-folder", test_read_only_folder);
  ADD ("catalog/read-only-core", test_read_only_core);
  ADD ("catalog/reader-while-writing", test_reader_while_writing);
  ADD ("catalog/upgrade-from-v1", test_upgrade_from_v1);
  ADD ("catalog/missing-index", test_missing_index);
  ADD ("catalog/upgrade-from-v4", test_upgrade_from_v4);
  ADD ("catalog/upgrade-from-v5", test_upgrade_from_v5);
  ADD ("catalog/first-index-stores-snapshot", test_first_index_stores_snapshot);
  ADD ("catalog/keys-stay-unique", test_keys_stay_unique);
  ADD ("catalog/ids-at-the-top", test_ids_at_the_top);
  ADD ("index/first-index-key-index", test_first_index_key_index);
  ADD ("index/concurrent-first-index", test_concurrent_first_index);
  ADD ("index/interrupted-first-index", test_interrupted_first_index);
  ADD ("index/stale-temporaries", test_stale_temporaries);
  ADD ("index/same-second", test_same_second);
  ADD ("index/problems-kept", test_problems_kept);
  ADD ("index/vanished-folder", test_vanished_folder);
  ADD ("index/kaggle-beside-others", test_kaggle_beside_others);
  ADD ("index/parent-of-imagefolders", test_parent_of_imagefolders);

  return g_test_run ();
}
