/* Raw SQL on a catalog file, for the tests that damage or forge catalogs on purpose:
 * the one test helper, beside test-hostile*.c, that talks to SQLite itself. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs @statements on the file at @path through a plain SQLite connection, as any other
 * program could (triggers on); asserts they ran. */
void dd_test_damage_sql (const char *path,
                         const char *statements);
/* The same with triggers on or off (@triggers FALSE: as a program that turned them off). */
void dd_test_damage_sql_full (const char *path,
                              const char *statements,
                              gboolean    triggers);
/* The catalog at @path made from tests/data/@dump_name (an `sqlite3 .dump` of a catalog
 * an older DataDive wrote), its sources pointed at @root (ROOT in the dump). */
void dd_test_damage_load_dump (const char *path,
                               const char *dump_name,
                               const char *root);
/* The first column of the first row of @query on the file at @path, read-only: what a
 * test reads of a catalog's stored form (its snapshot blob) that no API shows. */
gint64 dd_test_damage_query_int (const char *path,
                                 const char *query);

G_END_DECLS
