/* A recipe evaluated against a catalog: its rules become a filter (with the ids of its
 * overrides, cached per catalog generation), the filter a selection. */
#define G_LOG_DOMAIN "datadive-recipe"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-recipe-private.h"
#include "dd-text.h"
#include "dd-task.h"

/* ---- evaluation ----------------------------------------------------------------------- */

/* Unknown names a message lists before "and N more". */
#define MAX_NAMED 10

static void
append_quoted (GString    *out,
               const char *label,
               GPtrArray  *names)
{
  if (names->len == 0)
    return;
  if (out->len > 0)
    g_string_append (out, "; ");
  g_string_append (out, label);
  for (guint i = 0; i < MIN (names->len, MAX_NAMED); i++)
    {
      g_autofree char *echo = dd_text_echo (g_ptr_array_index (names, i), DD_TEXT_ECHO_CHARS);

      g_string_append_printf (out, "%s“%s”", i ? ", " : " ", echo);
    }
  if (names->len > MAX_NAMED)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more",
                                              names->len - MAX_NAMED),
                            names->len - MAX_NAMED);
}

static gboolean
resolve_overrides (DdKeySet      *set,
                   DdCatalog   *catalog,
                   GArray     **out_ids,
                   GPtrArray   *warnings,
                   gboolean     include,
                   GError     **error)
{
  g_autofree gint64 *ids = NULL;
  g_autoptr(GString) missing = NULL;
  guint n_missing = 0;
  GArray *array;

  if (set->n == 0)
    return TRUE;
  if (!(ids = dd_key_set_resolve (set, catalog, error)))
    return FALSE;
  array = g_array_sized_new (FALSE, FALSE, sizeof (gint64), set->n);
  for (guint i = 0; i < set->n; i++)
    {
      if (ids[i] != 0)
        {
          g_array_append_val (array, ids[i]);
          continue;
        }
      if (n_missing < 3)
        {
          g_autofree char *echo = dd_text_echo (set->keys[i], DD_TEXT_ECHO_CHARS);

          if (missing == NULL)
            missing = g_string_new (NULL);
          g_string_append_printf (missing, "%s“%s”", n_missing ? ", " : "", echo);
        }
      n_missing++;
    }
  *out_ids = array;
  if (n_missing > 0 && warnings != NULL)
    {
      if (n_missing > 3)
        g_string_append_printf (missing, g_dngettext (GETTEXT_PACKAGE, " and %u more",
                                                      " and %u more", n_missing - 3),
                                n_missing - 3);
      const char *format =
        include ? g_dngettext (GETTEXT_PACKAGE,
                               "%u included sample is not in the catalog (skipped): %s",
                               "%u included samples are not in the catalog (skipped): %s",
                               n_missing)
                : g_dngettext (GETTEXT_PACKAGE,
                               "%u excluded sample is not in the catalog (skipped): %s",
                               "%u excluded samples are not in the catalog (skipped): %s",
                               n_missing);

      g_ptr_array_add (warnings, g_strdup_printf (format, n_missing, missing->str));
    }
  return TRUE;
}

DdFilter *
dd_recipe_to_filter (DdRecipe   *recipe,
                     DdCatalog  *catalog,
                     GPtrArray  *warnings,
                     GError    **error)
{
  g_autoptr(DdFilter) filter = NULL;
  g_autoptr(GPtrArray) bad_classes = g_ptr_array_new ();
  g_autoptr(GPtrArray) bad_corruptions = g_ptr_array_new ();
  g_autoptr(GPtrArray) bad_splits = g_ptr_array_new ();
  g_autoptr(GPtrArray) bad_flags = g_ptr_array_new ();

  g_return_val_if_fail (recipe != NULL, NULL);
  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);

  filter = dd_filter_new ();
  if (recipe->classes)
    {
      filter->classes = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint i = 0; recipe->classes[i]; i++)
        if (g_str_equal (recipe->classes[i], DD_RECIPE_UNLABELED))
          dd_filter_add_class (filter, 0);   /* class id 0: no label */
        else if (!dd_catalog_filter_add_class_name (catalog, filter, recipe->classes[i], NULL))
          g_ptr_array_add (bad_classes, recipe->classes[i]);
    }
  if (recipe->corruptions)
    {
      filter->corruptions = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint i = 0; recipe->corruptions[i]; i++)
        if (!dd_catalog_filter_add_corruption_name (catalog, filter, recipe->corruptions[i],
                                                    NULL))
          g_ptr_array_add (bad_corruptions, recipe->corruptions[i]);
    }
  if (recipe->severities >= 0)
    {
      filter->severities = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint s = 0; s <= 5; s++)
        if (recipe->severities & (1 << s))
          dd_filter_add_severity (filter, s);
    }
  if (recipe->splits)
    {
      filter->splits = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint i = 0; recipe->splits[i]; i++)
        if (!dd_catalog_filter_add_split_name (catalog, filter, recipe->splits[i], NULL))
          g_ptr_array_add (bad_splits, recipe->splits[i]);
    }
  for (guint i = 0; recipe->exclude_flags && recipe->exclude_flags[i]; i++)
    {
      DdHealthKind kind;

      if (dd_health_kind_from_string (recipe->exclude_flags[i], &kind))
        filter->exclude_flags |= DD_HEALTH_FLAG (kind);
      else
        g_ptr_array_add (bad_flags, recipe->exclude_flags[i]);
    }
  if (bad_classes->len + bad_corruptions->len + bad_splits->len + bad_flags->len > 0)
    {
      g_autoptr(GString) what = g_string_new (NULL);

      append_quoted (what, g_dngettext (GETTEXT_PACKAGE, "unknown class", "unknown classes",
                                        bad_classes->len), bad_classes);
      append_quoted (what, g_dngettext (GETTEXT_PACKAGE, "unknown corruption",
                                        "unknown corruptions", bad_corruptions->len),
                     bad_corruptions);
      append_quoted (what, g_dngettext (GETTEXT_PACKAGE, "unknown split", "unknown splits",
                                        bad_splits->len), bad_splits);
      append_quoted (what, g_dngettext (GETTEXT_PACKAGE, "unknown health kind",
                                        "unknown health kinds", bad_flags->len), bad_flags);
      g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_NOT_FOUND,
                   _("The recipe does not match this catalog: %s"), what->str);
      return NULL;
    }

  filter->per_class_limit = recipe->per_class_limit;
  filter->seed = recipe->seed;

  if (recipe->model)
    {
      g_autoptr(GError) model_error = NULL;

      filter->within_ids = dd_model_clause_ids (recipe->model, catalog, &model_error);
      if (filter->within_ids == NULL)
        {
          g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_NOT_FOUND,
                       _("The recipe does not match this catalog: %s"), model_error->message);
          return NULL;
        }
    }

  if (!resolve_overrides (recipe->include, catalog, &filter->include_ids, warnings, TRUE,
                          error) ||
      !resolve_overrides (recipe->exclude, catalog, &filter->exclude_ids, warnings, FALSE,
                          error))
    return NULL;

  return g_steal_pointer (&filter);
}

DdSelection *
dd_recipe_evaluate (DdRecipe      *recipe,
                    DdCatalog     *catalog,
                    GPtrArray     *warnings,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(DdFilter) filter = NULL;

  g_return_val_if_fail (recipe != NULL, NULL);
  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);

  if (!(filter = dd_recipe_to_filter (recipe, catalog, warnings, error)))
    return NULL;
  return dd_catalog_select (catalog, filter, cancellable, error);
}

typedef struct {
  DdRecipe  *recipe;
  GPtrArray *warnings;
} EvaluateData;

static void
evaluate_data_free (EvaluateData *data)
{
  dd_recipe_unref (data->recipe);
  g_clear_pointer (&data->warnings, g_ptr_array_unref);
  g_free (data);
}

static void
evaluate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  EvaluateData *data = task_data;
  GError *error = NULL;
  DdSelection *sel = dd_recipe_evaluate (data->recipe, source_object, data->warnings,
                                         cancellable, &error);

  dd_task_return_pointer_or_error (task, sel, (GDestroyNotify) dd_selection_unref, error);
}

void
dd_recipe_evaluate_async (DdRecipe            *recipe,
                          DdCatalog           *catalog,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  EvaluateData *data;

  g_return_if_fail (recipe != NULL);
  g_return_if_fail (DD_IS_CATALOG (catalog));

  task = g_task_new (catalog, cancellable, callback, user_data);
  data = g_new0 (EvaluateData, 1);
  data->recipe = dd_recipe_ref (recipe);
  data->warnings = g_ptr_array_new_with_free_func (g_free);
  dd_task_run_in_thread (task, dd_recipe_evaluate_async, data, (GDestroyNotify) evaluate_data_free,
                         evaluate_thread);
}

DdSelection *
dd_recipe_evaluate_finish (GAsyncResult  *result,
                           GPtrArray    **out_warnings,
                           GError       **error)
{
  EvaluateData *data;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_recipe_evaluate_async,
                        NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (out_warnings)
    *out_warnings = g_ptr_array_ref (data->warnings);
  return g_task_propagate_pointer (G_TASK (result), error);
}
