/* The SQL baselines of the benchmarks: the same questions asked of SQLite directly, on
 * the same catalog file, in the same run. The one benchmark file that speaks SQL; the
 * keys some benchmarks feed the catalog are picked here too, with the queries their
 * figures were first measured with. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _DdSqlBaseline DdSqlBaseline;

/* A read-only connection to the catalog file at @path. */
DdSqlBaseline *dd_sql_baseline_open   (const char    *path);
void           dd_sql_baseline_close  (DdSqlBaseline *baseline);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdSqlBaseline, dd_sql_baseline_close)

/* Milliseconds of one run of @sql; *out_sum (may be NULL) is the sum of the last
 * column over its rows (a count for a count query, the total of grouped counts). */
double     dd_sql_baseline_time       (DdSqlBaseline *baseline,
                                       const char    *sql,
                                       gint64        *out_sum);
/* The median milliseconds of 3 runs of a count query; *out_count is its count. */
double     dd_sql_baseline_count      (DdSqlBaseline *baseline,
                                       const char    *sql,
                                       gint64        *out_count);
/* The first column of @sql's rows, as strings. */
GPtrArray *dd_sql_baseline_strings    (DdSqlBaseline *baseline,
                                       const char    *sql);
/* A temporary table @table (key TEXT PRIMARY KEY) holding @keys, for queries that join
 * on them. */
void       dd_sql_baseline_key_table  (DdSqlBaseline *baseline,
                                       const char    *table,
                                       GPtrArray     *keys);

G_END_DECLS
