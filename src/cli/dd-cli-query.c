/* datadive-cli query: count or list the samples matching a filter. */
#define G_LOG_DOMAIN "datadive-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "dd-cli.h"
#include "dd-model.h"
#include "dd-recipe.h"
#include "dd-taxonomy.h"

#define PAGE_SIZE 2048

typedef struct {
  char     *catalog_path;
  char     *recipe_path;
  char    **classes;
  char    **corruptions;
  char    **severities;
  char    **splits;
  char    **flags;
  char     *run;               /* --run: a model run's predictions */
  char     *outcome;           /* --outcome correct|wrong */
  char     *confidence_below;  /* --confidence-below X */
  char     *sort;              /* --sort confidence|loss */
  gboolean  descending;        /* --desc */
  gboolean  count_only;
  gboolean  paths;
  gboolean  json;
  int       limit;
} QueryOptions;

typedef struct {
  DdCatalog   *catalog;
  DdSelection *selection;
  DdRunRows   *run;        /* with --run */
  GArray      *order;      /* with --sort: the selection's ids in that order */
  GPtrArray   *wnids;      /* with --run: class id → wnid */
} Query;

/* A class by wnid or name, else a WordNet category above the classes (by wnid or
 * name): every class under it through all hypernym paths, each once. */
static gboolean
add_class_or_category (DdCatalog   *catalog,
                       DdFilter    *filter,
                       const char  *name,
                       DdTaxonomy **tax,
                       GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GPtrArray) synsets = NULL;
  guint added = 0;

  if (dd_catalog_filter_add_class_name (catalog, filter, name, &local))
    return TRUE;
  if (*tax == NULL)
    *tax = dd_taxonomy_new (catalog);
  synsets = dd_taxonomy_find_by_name (*tax, name);
  for (guint i = 0; i < synsets->len; i++)
    {
      g_autoptr(GArray) ids = dd_taxonomy_get_classes_under (*tax, synsets->pdata[i]);
      for (guint k = 0; ids && k < ids->len; k++, added++)
        dd_filter_add_class (filter, g_array_index (ids, guint, k));
    }
  if (added > 0)
    return TRUE;
  g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_FOUND,
               _("Unknown class “%s”: no class or WordNet category of the catalog has this "
                 "wnid or name"), name);
  return FALSE;
}

/* The --class/--corruption/--severity/--split/--flag options into @filter. */
static gboolean
filter_from_options (DdCatalog           *catalog,
                     DdFilter            *filter,
                     const QueryOptions  *o,
                     GError             **error)
{
  char * const *classes = o->classes;
  char * const *corruptions = o->corruptions;
  char * const *severities = o->severities;
  char * const *splits = o->splits;
  char * const *flags = o->flags;
  g_autoptr(DdTaxonomy) tax = NULL;

  for (guint i = 0; classes && classes[i]; i++)
    if (g_str_equal (classes[i], DD_RECIPE_UNLABELED))
      dd_filter_add_class (filter, 0);   /* the samples without a label, as in recipes */
    else if (!add_class_or_category (catalog, filter, classes[i], &tax, error))
      return FALSE;
  for (guint i = 0; corruptions && corruptions[i]; i++)
    if (!dd_catalog_filter_add_corruption_name (catalog, filter, corruptions[i], error))
      return FALSE;
  for (guint i = 0; severities && severities[i]; i++)
    {
      guint64 v;

      if (!g_ascii_string_to_unsigned (severities[i], 10, 0, 5, &v, NULL))
        {
          g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_INVALID,
                       _("Invalid severity “%s”: use a number from 0 (clean) to 5"),
                       severities[i]);
          return FALSE;
        }
      dd_filter_add_severity (filter, v);
    }
  for (guint i = 0; splits && splits[i]; i++)
    if (!dd_catalog_filter_add_split_name (catalog, filter, splits[i], error))
      return FALSE;
  for (guint i = 0; flags && flags[i]; i++)
    {
      DdHealthKind kind;

      if (!dd_health_kind_from_string (flags[i], &kind))
        {
          g_autoptr(GString) known = g_string_new (NULL);
          for (guint k = 0; k < DD_HEALTH_N_KINDS; k++)
            g_string_append_printf (known, "%s%s", k ? ", " : "", dd_health_kind_to_string (k));
          g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_INVALID,
                       _("Unknown health kind “%s” (known: %s)"), flags[i], known->str);
          return FALSE;
        }
      filter->require_flags |= DD_HEALTH_FLAG (kind);
    }
  return TRUE;
}

/* The samples of the recipe in @path that also pass @options (when @narrow). */
static DdSelection *
select_recipe (DdCatalog   *catalog,
               const char  *path,
               DdFilter    *options,
               gboolean     narrow,
               GError     **error)
{
  g_autoptr(DdRecipe) recipe = NULL;
  g_autoptr(DdSelection) by_recipe = NULL;
  g_autoptr(DdSelection) by_options = NULL;
  g_autoptr(DdFilter) both = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);

  if (!(recipe = dd_recipe_new_from_file (path, error)))
    return NULL;
  if (!(by_recipe = dd_recipe_evaluate (recipe, catalog, warnings, NULL, error)))
    return NULL;
  dd_cli_print_warnings (warnings);
  if (!narrow)
    return g_steal_pointer (&by_recipe);
  if (!(by_options = dd_catalog_select (catalog, options, NULL, error)))
    return NULL;
  /* The intersection as a filter: nothing by rule, the common ids forced in. */
  both = dd_filter_new ();
  both->classes = g_array_new (FALSE, FALSE, sizeof (guint));
  both->include_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < dd_selection_get_n (by_recipe); i++)
    {
      gint64 id = dd_selection_get_id (by_recipe, i);
      if (dd_selection_find (by_options, id) >= 0)
        g_array_append_val (both->include_ids, id);
    }
  return dd_catalog_select (catalog, both, NULL, error);
}

static void
query_options_clear (QueryOptions *o)
{
  g_free (o->catalog_path);
  g_free (o->recipe_path);
  g_strfreev (o->classes);
  g_strfreev (o->corruptions);
  g_strfreev (o->severities);
  g_strfreev (o->splits);
  g_strfreev (o->flags);
  g_free (o->run);
  g_free (o->outcome);
  g_free (o->confidence_below);
  g_free (o->sort);
}

static void
query_clear (Query *q)
{
  g_clear_pointer (&q->selection, dd_selection_unref);
  g_clear_pointer (&q->run, dd_run_rows_free);
  g_clear_pointer (&q->order, g_array_unref);
  g_clear_pointer (&q->wnids, g_ptr_array_unref);
  g_clear_object (&q->catalog);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (QueryOptions, query_options_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Query, query_clear)

static int
query_parse (QueryOptions  *o,
             int            argc,
             char         **argv)
{
  GOptionEntry entries[] = {
    DD_CLI_OPTION_CATALOG (&o->catalog_path, N_("Catalog file")),
    { "class", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->classes,
      N_("Keep a class (wnid, name, or unlabeled; repeatable)"), N_("WNID|NAME") },
    { "corruption", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->corruptions,
      N_("Keep a corruption or family (noise, blur, weather, digital; “none” = clean)"),
      N_("NAME|FAMILY") },
    { "severity", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->severities,
      N_("Keep a severity (0 = clean, 1–5)"), N_("N") },
    { "split", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->splits,
      N_("Keep a split (train, val, test)"), N_("NAME") },
    { "flag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->flags,
      N_("Keep samples with this health finding"), N_("KIND") },
    { "run", 0, 0, G_OPTION_ARG_STRING, &o->run,
      N_("Keep the samples a model run predicted (and show its predictions)"), N_("NAME") },
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &o->outcome,
      N_("With --run: keep the correct or the wrong predictions"), N_("correct|wrong") },
    { "confidence-below", 0, 0, G_OPTION_ARG_STRING, &o->confidence_below,
      N_("With --run: keep predictions less confident than X"), N_("X") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &o->sort,
      N_("With --run: order by confidence or loss (ascending)"), N_("confidence|loss") },
    { "desc", 0, 0, G_OPTION_ARG_NONE, &o->descending, N_("With --sort: descending"), NULL },
    { "recipe", 0, 0, G_OPTION_ARG_FILENAME, &o->recipe_path,
      N_("Start from the samples of a recipe (the other options narrow them)"), N_("FILE") },
    { "count", 0, 0, G_OPTION_ARG_NONE, &o->count_only,
      N_("Print only the number of samples"), NULL },
    { "paths", 0, 0, G_OPTION_ARG_NONE, &o->paths, N_("Print absolute paths, one per line"), NULL },
    DD_CLI_OPTION_JSON (&o->json),
    { "limit", 0, 0, G_OPTION_ARG_INT, &o->limit, N_("List at most N samples"), N_("N") },
    { NULL }
  };

  o->limit = -1;
  if (!dd_cli_parse_options (&argc, &argv, N_("— count or list samples"), entries))
    return 2;
  if (dd_cli_check_extra (argc, argv, 1))
    return 1;
  if (o->count_only + o->paths + o->json > 1)
    return dd_cli_fail (_("--count, --paths and --json exclude each other"));
  if (o->run == NULL && (o->outcome || o->confidence_below || o->sort))
    return dd_cli_fail (_("--outcome, --confidence-below and --sort need --run NAME"));
  if (o->descending && o->sort == NULL)
    return dd_cli_fail (_("--desc needs --sort confidence|loss"));
  return 0;
}

/* --run, --outcome, --confidence-below: the run's samples that pass, into @filter; the
 * run's rows into @q (its predictions are shown, --sort orders by them). */
static gboolean
model_from_options (Query               *q,
                    DdFilter            *filter,
                    const QueryOptions  *o,
                    GError             **error)
{
  g_autoptr(DdModelClause) clause = NULL;
  DdModelSort by;

  if (o->run == NULL)
    return TRUE;
  clause = dd_model_clause_new (o->run);
  if (o->outcome && (!dd_model_outcome_from_string (o->outcome, &clause->outcome) ||
                     clause->outcome == DD_MODEL_OUTCOME_ANY))
    {
      g_set_error (error, DD_MODEL_ERROR, DD_MODEL_ERROR_INVALID,
                   _("Invalid outcome “%s”: use correct or wrong"), o->outcome);
      return FALSE;
    }
  if (o->confidence_below)
    {
      char *end = NULL;
      double x = g_ascii_strtod (o->confidence_below, &end);

      if (end == o->confidence_below || *end != '\0' || !(x >= 0 && x <= 1))
        {
          g_set_error (error, DD_MODEL_ERROR, DD_MODEL_ERROR_INVALID,
                       _("Invalid confidence “%s”: use a number from 0 to 1"),
                       o->confidence_below);
          return FALSE;
        }
      /* below X: the largest double under it is the bound */
      clause->confidence_max = nextafter (x, -INFINITY);
    }
  if (o->sort && !dd_model_sort_from_string (o->sort, &by))
    {
      g_set_error (error, DD_MODEL_ERROR, DD_MODEL_ERROR_INVALID,
                   _("Invalid sort “%s”: use confidence or loss"), o->sort);
      return FALSE;
    }
  {
    g_autoptr(GPtrArray) classes = dd_catalog_list_classes (q->catalog);

    q->wnids = g_ptr_array_new_with_free_func (g_free);
    for (guint i = 0; i < classes->len; i++)
      {
        DdClassInfo *info = g_ptr_array_index (classes, i);

        if (info->id >= q->wnids->len)
          g_ptr_array_set_size (q->wnids, info->id + 1);
        g_ptr_array_index (q->wnids, info->id) = g_strdup (info->wnid);
      }
  }
  if (!(q->run = dd_model_read_run (q->catalog, o->run, FALSE, error)) ||
      !(filter->within_ids = dd_model_clause_ids (clause, q->catalog, error)))
    return FALSE;
  return TRUE;
}

static gboolean
query_run (const QueryOptions  *o,
           Query               *q,
           GError             **error)
{
  g_autoptr(DdFilter) filter = dd_filter_new ();

  if (!(q->catalog = dd_cli_open_catalog (o->catalog_path, FALSE, error)))
    return FALSE;
  if (!filter_from_options (q->catalog, filter, o, error) || !model_from_options (q, filter, o, error))
    return FALSE;
  if (o->recipe_path != NULL)
    q->selection = select_recipe (q->catalog, o->recipe_path, filter,
                                  o->classes || o->corruptions || o->severities || o->splits ||
                                  o->flags || o->run, error);
  else
    q->selection = dd_catalog_select (q->catalog, filter, NULL, error);
  if (q->selection && o->sort)
    {
      DdModelSort by = DD_MODEL_SORT_NONE;
      guint n = dd_selection_get_n (q->selection);

      dd_model_sort_from_string (o->sort, &by);
      q->order = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
      for (guint i = 0; i < n; i++)
        {
          gint64 id = dd_selection_get_id (q->selection, i);

          g_array_append_val (q->order, id);
        }
      dd_model_sort_ids (q->run, (gint64 *) q->order->data, n, by, o->descending);
    }
  return q->selection != NULL;
}

/* One sample of --json, written by hand: a query may list 870,000 of them. */
static void
append_number (GString *out,
               double   value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    g_string_append (out, "null");
  else
    g_string_append (out, g_ascii_formatd (text, sizeof text, "%.10g", value));
}

/* With --run: "prediction", "correct", "confidence", "loss" of a sample. */
static void
prediction_to_json (GString      *out,
                    const Query  *q,
                    DdSampleInfo *info)
{
  const DdPrediction *p = dd_run_rows_find (q->run, info->id);

  if (p == NULL)
    return;
  g_string_append_c (out, ',');
  dd_cli_json_members (out, "prediction", p->predicted < q->wnids->len
                                          ? g_ptr_array_index (q->wnids, p->predicted) : NULL,
                       NULL);
  if (p->class_id != 0)
    g_string_append_printf (out, ",\"correct\":%s", p->class_id == p->predicted ? "true" : "false");
  g_string_append (out, ",\"confidence\":");
  append_number (out, p->confidence);
  g_string_append (out, ",\"loss\":");
  append_number (out, p->loss);
}

static void
sample_to_json (GString      *out,
                const Query  *q,
                DdSampleInfo *info)
{
  g_autofree char *path = g_filename_display_name (info->path);

  g_string_append_c (out, '{');
  dd_cli_json_members (out, "path", path, "key", info->key, "class", info->wnid,
                       "class_name", info->class_name, "corruption", info->corruption, NULL);
  g_string_append_printf (out, ",\"severity\":%u,\"split\":", info->severity);
  dd_cli_json_string (out, info->split);
  if (q->run)
    prediction_to_json (out, q, info);
  g_string_append_c (out, '}');
}

static void
sample_to_text (GString            *out,
                const QueryOptions *o,
                DdSampleInfo       *info)
{
  if (o->paths)
    {
      g_string_append (out, info->path);
      g_string_append_c (out, '\n');
    }
  else
    g_string_append_printf (out, "%s\t%s\t%s\t%s\t%u\t%s\n", info->key,
                            info->wnid ? info->wnid : "-",
                            info->class_name ? info->class_name : _("(unlabeled)"),
                            info->corruption, info->severity, info->split);
}

/* Streams the samples page by page: JSON, paths or a table (with a count line). */
static gboolean
query_print (const QueryOptions  *o,
             const Query         *q,
             GError             **error)
{
  g_autoptr(GString) out = g_string_sized_new (1 << 16);
  guint n = dd_selection_get_n (q->selection);
  guint shown;

  /* Scripts get everything unless they ask for less; people get a screenful. */
  shown = o->limit >= 0 ? MIN ((guint) o->limit, n) : (o->json || o->paths) ? n : MIN (20u, n);
  if (o->json)
    g_string_append_printf (out, "{\"count\":%u,\"samples\":[", n);
  for (guint offset = 0; offset < shown; offset += PAGE_SIZE)
    {
      guint count = MIN (PAGE_SIZE, shown - offset);
      g_autoptr(GPtrArray) page = q->order
        ? dd_catalog_get_samples (q->catalog, &g_array_index (q->order, gint64, offset), count,
                                  error)
        : dd_catalog_get_page (q->catalog, q->selection, offset, count, NULL, error);
      if (page == NULL)
        return FALSE;
      for (guint i = 0; i < page->len; i++)
        {
          if (o->json && offset + i > 0)
            g_string_append_c (out, ',');
          if (o->json)
            sample_to_json (out, q, g_ptr_array_index (page, i));
          else
            sample_to_text (out, o, g_ptr_array_index (page, i));
        }
      fwrite (out->str, 1, out->len, stdout);
      g_string_truncate (out, 0);
    }
  if (o->json)
    g_string_append (out, "]}\n");
  else if (!o->paths)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u sample (showing %u)\n",
                                              "%u samples (showing %u)\n", n), n, shown);
  fwrite (out->str, 1, out->len, stdout);
  return TRUE;
}

int
dd_cli_query (int    argc,
              char **argv)
{
  g_auto(QueryOptions) options = { 0 };
  g_auto(Query) query = { 0 };
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = query_parse (&options, argc, argv)))
    return status;
  if (!query_run (&options, &query, &error))
    return dd_cli_fail_error (error);
  if (options.count_only)
    printf ("%u\n", dd_selection_get_n (query.selection));
  else if (!query_print (&options, &query, &error))
    return dd_cli_fail_error (error);
  return 0;
}
