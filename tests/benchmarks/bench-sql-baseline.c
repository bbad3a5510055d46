/* The SQL baselines of the benchmarks, asked of SQLite directly. */
#include "config.h"

#include <sqlite3.h>

#include "bench-frames.h"
#include "bench-sql-baseline.h"
#include "bench-synthetic.h"

struct _DdSqlBaseline
{
  sqlite3 *db;
};

DdSqlBaseline *
dd_sql_baseline_open (const char *path)
{
  DdSqlBaseline *b = g_new0 (DdSqlBaseline, 1);

  g_assert_cmpint (sqlite3_open_v2 (path, &b->db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return b;
}

void
dd_sql_baseline_close (DdSqlBaseline *b)
{
  if (b == NULL)
    return;
  sqlite3_close (b->db);
  g_free (b);
}

static sqlite3_stmt *
prepare (DdSqlBaseline *b,
         const char    *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (b->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("SQL failed: %s\n%s", sqlite3_errmsg (b->db), sql);
  return stmt;
}

double
dd_sql_baseline_time (DdSqlBaseline *b,
                      const char    *sql,
                      gint64        *out_sum)
{
  double t0 = bench_now_ms ();
  sqlite3_stmt *stmt = prepare (b, sql);
  gint64 sum = 0;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    sum += sqlite3_column_int64 (stmt, sqlite3_column_count (stmt) - 1);
  sqlite3_finalize (stmt);
  if (out_sum)
    *out_sum = sum;
  return bench_now_ms () - t0;
}

double
dd_sql_baseline_count (DdSqlBaseline *b,
                       const char    *sql,
                       gint64        *out_count)
{
  double times[3];

  for (guint r = 0; r < G_N_ELEMENTS (times); r++)
    {
      double t0 = bench_now_ms ();
      sqlite3_stmt *stmt = prepare (b, sql);

      if (sqlite3_step (stmt) == SQLITE_ROW)
        *out_count = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      times[r] = bench_now_ms () - t0;
    }
  return bench_median (times, G_N_ELEMENTS (times));
}

GPtrArray *
dd_sql_baseline_strings (DdSqlBaseline *b,
                         const char    *sql)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = prepare (b, sql);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (out, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return out;
}

void
dd_sql_baseline_key_table (DdSqlBaseline *b,
                           const char    *table,
                           GPtrArray     *keys)
{
  g_autofree char *create = g_strdup_printf ("CREATE TEMP TABLE %s (key TEXT PRIMARY KEY)", table);
  g_autofree char *insert = g_strdup_printf ("INSERT INTO %s VALUES (?)", table);
  sqlite3_stmt *stmt;

  sqlite3_exec (b->db, create, NULL, NULL, NULL);
  sqlite3_exec (b->db, "BEGIN", NULL, NULL, NULL);
  stmt = prepare (b, insert);
  for (guint i = 0; i < keys->len; i++)
    {
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (keys, i), -1, SQLITE_STATIC);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_exec (b->db, "COMMIT", NULL, NULL, NULL);
}
