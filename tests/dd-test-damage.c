/* Raw SQL on a catalog file, for the tests that damage or forge catalogs on purpose. */
#include "config.h"

#include <sqlite3.h>

#include "dd-test-damage.h"
#include "dd-test-util.h"

void
dd_test_damage_sql_full (const char *path,
                         const char *statements,
                         gboolean    triggers)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, triggers ? 1 : 0, NULL);
  if (sqlite3_exec (db, statements, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", statements, message);
  sqlite3_close (db);
}

void
dd_test_damage_sql (const char *path,
                    const char *statements)
{
  dd_test_damage_sql_full (path, statements, TRUE);
}

gint64
dd_test_damage_query_int (const char *path,
                          const char *query)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, query, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", query, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

void
dd_test_damage_load_dump (const char *path,
                          const char *dump_name,
                          const char *root)
{
  g_autofree char *dump_path = dd_test_data_path (dump_name);
  g_autofree char *dump = NULL;
  g_autoptr(GString) statements = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (dump_path, &dump, NULL, &error));
  g_assert_no_error (error);
  statements = g_string_new (dump);
  g_string_replace (statements, "ROOT", root, 0);
  dd_test_damage_sql (path, statements->str);
}
