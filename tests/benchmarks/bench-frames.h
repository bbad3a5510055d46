/* Shared by the benchmarks that time things: the median of a few timed runs, and
 * percentiles of a GArray of doubles (the frames'). */
#pragma once

#include <glib.h>
#include <math.h>
#include <stdlib.h>

static inline int
bench_compare_double (gconstpointer a,
                      gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The median of the @n times (ms) of @times, sorted in place. */
static inline double
bench_median (double *times,
              guint   n)
{
  qsort (times, n, sizeof (double), bench_compare_double);
  return times[n / 2];
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
