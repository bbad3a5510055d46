/* The catalog's schema: schema.sql and the numbered migrations in migrations/, embedded
 * as a GResource, checked, created and upgraded. */
#define G_LOG_DOMAIN "datadive-catalog"
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "dd-catalog-db.h"
#include "dd-catalog-resources.h"

#define RESOURCE_PATH "/io/github/datadive/DataDive/catalog/"

G_STATIC_ASSERT (DD_CATALOG_MTIME_UNKNOWN == -1);

/* Without these a catalog cannot be read at all. */
static const char * const required_tables[] = {
  "meta", "sources", "splits", "corruptions", "classes", "samples", NULL
};

/* The text of an embedded SQL file. The resource is built into the library and
 * registered here, on first use, by its own function (no constructor): the reference
 * makes the static library's linker keep it with this file. */
static GBytes *
sql_file (const char *name)
{
  static gsize registered;
  g_autofree char *path = g_strconcat (RESOURCE_PATH, name, NULL);

  if (g_once_init_enter (&registered))
    {
      dd_catalog_resources_register_resource ();
      g_once_init_leave (&registered, 1);
    }
  return g_resource_lookup_data (dd_catalog_resources_get_resource (), path,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

/* schema.sql, NUL-terminated (GResource data always is). */
static const char *
schema_sql (void)
{
  static GBytes *schema;

  if (g_once_init_enter (&schema))
    {
      GBytes *bytes = sql_file ("schema.sql");

      g_assert (bytes != NULL);
      g_once_init_leave (&schema, bytes);
    }
  return g_bytes_get_data (schema, NULL);
}

/* The tables, indexes and triggers schema.sql creates: when a catalog of the current
 * version has them all, opening it for writing writes nothing (a writer elsewhere does
 * not block it); one without an index schema.sql has since gained gets it then. */
static const char * const *
schema_objects (void)
{
  static char **names;

  if (g_once_init_enter (&names))
    {
      g_autoptr(GRegex) regex = g_regex_new ("^CREATE (?:TABLE|INDEX|TRIGGER) IF NOT EXISTS (\\w+)",
                                             G_REGEX_MULTILINE, 0, NULL);
      g_autoptr(GMatchInfo) match = NULL;
      g_autoptr(GPtrArray) found = g_ptr_array_new ();

      g_regex_match (regex, schema_sql (), 0, &match);
      for (; g_match_info_matches (match); g_match_info_next (match, NULL))
        g_ptr_array_add (found, g_match_info_fetch (match, 1));
      g_ptr_array_add (found, NULL);
      g_once_init_leave (&names, (char **) g_ptr_array_free (g_steal_pointer (&found), FALSE));
    }
  return (const char * const *) names;
}

/* migrations/N.sql: upgrades a catalog of version N - 1 to N. */
static GBytes *
migration (gint64 to_version)
{
  g_autofree char *name = g_strdup_printf ("migrations/%" PRId64 ".sql", to_version);
  GBytes *bytes = sql_file (name);

  g_assert (bytes != NULL);
  return bytes;
}

static char *
meta_get (sqlite3    *db,
          const char *key)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = ?", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* The names of the tables and triggers in @db, or NULL with an error. */
static GHashTable *
read_objects (sqlite3     *db,
              const char  *path,
              GError     **error)
{
  g_autoptr(GHashTable) tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master"
                                " WHERE type IN ('table', 'index', 'trigger')",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_hash_table_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    {
      dd_catalog_sqlite_error (db, sqlite3_extended_errcode (db), path, error,
                               _("Cannot read the catalog"));
      return NULL;
    }
  return g_steal_pointer (&tables);
}

/* The schema version meta holds: a DataDive catalog of a version this build reads. */
static gboolean
read_version (sqlite3     *db,
              const char  *path,
              GHashTable  *tables,
              gint64      *out_version,
              GError     **error)
{
  g_autofree char *app = NULL;
  g_autofree char *version = NULL;
  gint64 v;

  app = g_hash_table_contains (tables, "meta") ? meta_get (db, "application") : NULL;
  if (g_strcmp0 (app, "datadive") != 0)
    {
      g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_A_CATALOG,
                   _("“%s” is not a DataDive catalog"), path);
      return FALSE;
    }
  version = meta_get (db, "schema_version");
  if (version == NULL)
    {
      dd_catalog_set_damaged (error, path, _("it has no schema version"));
      return FALSE;
    }
  if (!g_ascii_string_to_signed (version, 10, 1, G_MAXINT64, &v, NULL))
    {
      /* digits beyond what we count are a version from the future too */
      if (strspn (version, "0123456789") == strlen (version) && strlen (version) > 18)
        v = G_MAXINT64;
      else
        {
          g_autofree char *shown = g_utf8_make_valid (version, MIN (strlen (version), 40));

          dd_catalog_set_damaged (error, path, _("its schema version “%s” is not valid"),
                                  shown);
          return FALSE;
        }
    }
  if (v > DD_CATALOG_SCHEMA_VERSION)
    {
      g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NEWER_VERSION,
                   _("“%s” was made by a newer DataDive (catalog version %" PRId64
                     ", this one reads up to %d)"), path, v, DD_CATALOG_SCHEMA_VERSION);
      return FALSE;
    }
  *out_version = v;
  return TRUE;
}

gboolean
dd_catalog_schema_check (sqlite3     *db,
                         const char  *path,
                         gint64      *out_version,
                         gboolean    *out_complete,
                         GError     **error)
{
  g_autoptr(GHashTable) tables = read_objects (db, path, error);
  const char * const *objects = schema_objects ();
  gint64 v;

  if (tables == NULL)
    return FALSE;
  *out_version = 0;
  *out_complete = FALSE;
  if (g_hash_table_size (tables) == 0)
    return TRUE;
  if (!read_version (db, path, tables, &v, error))
    return FALSE;
  for (guint i = 0; required_tables[i]; i++)
    if (!g_hash_table_contains (tables, required_tables[i]))
      {
        dd_catalog_set_damaged (error, path, _("the table “%s” is missing"),
                                required_tables[i]);
        return FALSE;
      }
  *out_version = v;
  *out_complete = TRUE;
  for (guint i = 0; objects[i]; i++)
    if (!g_hash_table_contains (tables, objects[i]))
      *out_complete = FALSE;
  return TRUE;
}

gboolean
dd_catalog_schema_create (sqlite3     *db,
                          const char  *path,
                          GError     **error)
{
  /* See schema.sql on the keys' unique index. */
  g_autofree char *sql = g_strdup_printf ("BEGIN;%s\n"
                                          "CREATE INDEX samples_by_key ON samples (folder_id, keyhash);"
                                          "INSERT INTO meta VALUES ('application', 'datadive');"
                                          "INSERT INTO meta VALUES ('schema_version', '%d');"
                                          "COMMIT;", schema_sql (), DD_CATALOG_SCHEMA_VERSION);

  if (!dd_catalog_exec_sql (db, path, sql, error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
dd_catalog_schema_has_column (sqlite3    *db,
                              const char *table,
                              const char *column)
{
  sqlite3_stmt *stmt = NULL;
  gboolean has = FALSE;

  /* not by preparing a SELECT of it: SQLite takes an unknown "name" for a string */
  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM pragma_table_info (?1) WHERE name = ?2", -1,
                          &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, column, -1, SQLITE_STATIC);
      has = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);
  return has;
}

gboolean
dd_catalog_schema_upgrade (sqlite3     *db,
                           const char  *path,
                           gint64       version,
                           GError     **error)
{
  g_autoptr(GString) sql = g_string_new ("BEGIN IMMEDIATE;");

  g_string_append (sql, schema_sql ());
  g_string_append_c (sql, '\n');
  for (gint64 v = version + 1; v <= DD_CATALOG_SCHEMA_VERSION; v++)
    {
      g_autoptr(GBytes) step = NULL;

      /* 5 replaces clean_key by clean_id: not twice (a catalog that has it already
       * and says it is older) */
      if (v == 5 && dd_catalog_schema_has_column (db, "samples", "clean_id"))
        continue;
      /* 6 stores keys by folder: not twice either */
      if (v == 6 && dd_catalog_schema_has_column (db, "samples", "folder_id"))
        continue;
      step = migration (v);

      g_string_append_len (sql, g_bytes_get_data (step, NULL), g_bytes_get_size (step));
      g_string_append_c (sql, '\n');
    }
  if (version < DD_CATALOG_SCHEMA_VERSION)
    {
      /* again: a migration that made a table anew lost its triggers */
      g_string_append (sql, schema_sql ());
      g_string_append_printf (sql, "\nUPDATE meta SET value = '%d' WHERE key = 'schema_version';",
                              DD_CATALOG_SCHEMA_VERSION);
    }
  g_string_append (sql, "COMMIT;");
  if (!dd_catalog_exec_sql (db, path, sql->str, error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}
