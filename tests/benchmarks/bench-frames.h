/* Shared by the benchmarks that time frames: percentiles of a GArray of doubles. */
#pragma once

#include <glib.h>
#include <math.h>

static inline int
bench_compare_double (gconstpointer a,
                      gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The @p quantile (0 … 1) of @values, nearest rank; 0 for none. */
static inline double
percentile (GArray *values,
            double  p)
{
  g_autoptr(GArray) sorted = NULL;
  guint index;

  if (values->len == 0)
    return 0;
  sorted = g_array_copy (values);
  g_array_sort (sorted, bench_compare_double);
  index = MIN (sorted->len - 1, (guint) ceil (p * sorted->len) - (p > 0 ? 1 : 0));
  return g_array_index (sorted, double, index);
}
