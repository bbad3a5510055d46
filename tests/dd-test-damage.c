/* Raw SQL on a catalog file, for the tests that damage or forge catalogs on purpose. */
#include "config.h"

#include <sqlite3.h>

#include "dd-test-damage.h"

void
dd_test_damage_sql (const char *path,
                    const char *statements)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, statements, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", statements, message);
  sqlite3_close (db);
}
