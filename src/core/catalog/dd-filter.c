/* DdFilter: what a selection keeps, as sets of ids. */
#define G_LOG_DOMAIN "datadive-catalog"
#include "config.h"

#include "dd-catalog.h"

DdFilter *
dd_filter_new (void)
{
  DdFilter *filter = g_new0 (DdFilter, 1);
  filter->labeled = -1;
  return filter;
}

static GArray *
array_copy (GArray *array)
{
  GArray *copy;

  if (array == NULL)
    return NULL;
  copy = g_array_sized_new (FALSE, FALSE, g_array_get_element_size (array), array->len);
  g_array_append_vals (copy, array->data, array->len);
  return copy;
}

DdFilter *
dd_filter_copy (const DdFilter *filter)
{
  DdFilter *copy;

  g_return_val_if_fail (filter != NULL, NULL);

  copy = g_memdup2 (filter, sizeof *filter);
  copy->classes = array_copy (filter->classes);
  copy->corruptions = array_copy (filter->corruptions);
  copy->severities = array_copy (filter->severities);
  copy->splits = array_copy (filter->splits);
  copy->sources = array_copy (filter->sources);
  copy->within_ids = array_copy (filter->within_ids);
  copy->include_ids = array_copy (filter->include_ids);
  copy->exclude_ids = array_copy (filter->exclude_ids);
  return copy;
}

void
dd_filter_free (DdFilter *filter)
{
  if (filter == NULL)
    return;
  g_clear_pointer (&filter->classes, g_array_unref);
  g_clear_pointer (&filter->corruptions, g_array_unref);
  g_clear_pointer (&filter->severities, g_array_unref);
  g_clear_pointer (&filter->splits, g_array_unref);
  g_clear_pointer (&filter->sources, g_array_unref);
  g_clear_pointer (&filter->within_ids, g_array_unref);
  g_clear_pointer (&filter->include_ids, g_array_unref);
  g_clear_pointer (&filter->exclude_ids, g_array_unref);
  g_free (filter);
}

static void
uint_set_add (GArray **array,
              guint    value)
{
  if (*array == NULL)
    *array = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < (*array)->len; i++)
    if (g_array_index (*array, guint, i) == value)
      return;
  g_array_append_val (*array, value);
}

void
dd_filter_add_class (DdFilter *filter,
                     guint     class_id)
{
  uint_set_add (&filter->classes, class_id);
}

void
dd_filter_add_corruption (DdFilter *filter,
                          guint     corruption_id)
{
  uint_set_add (&filter->corruptions, corruption_id);
}

void
dd_filter_add_severity (DdFilter *filter,
                        guint     severity)
{
  uint_set_add (&filter->severities, severity);
}

void
dd_filter_add_split (DdFilter *filter,
                     guint     split_id)
{
  uint_set_add (&filter->splits, split_id);
}

void
dd_filter_add_source (DdFilter *filter,
                      guint     source_id)
{
  uint_set_add (&filter->sources, source_id);
}
