/* DdRecipe: the immutable recipe value — its sets and override keys, equality, the
 * summary it is shown as, and the edits that make new recipes. Its JSON:
 * dd-recipe-json.c; its evaluation: dd-recipe-eval.c. */
#define G_LOG_DOMAIN "datadive-recipe"
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "dd-recipe-private.h"
#include "dd-text.h"

/* ---- key sets: sorted override keys with their ids cached per catalog ------------ */

DdKeySet *
dd_key_set_new_take (char  **keys,
                     guint   n)
{
  DdKeySet *set = g_new0 (DdKeySet, 1);

  g_atomic_ref_count_init (&set->ref);
  set->keys = keys;
  set->n = n;
  g_mutex_init (&set->lock);
  g_weak_ref_init (&set->catalog, NULL);
  return set;
}

DdKeySet *
dd_key_set_ref (DdKeySet *set)
{
  g_atomic_ref_count_inc (&set->ref);
  return set;
}

void
dd_key_set_unref (DdKeySet *set)
{
  if (set == NULL || !g_atomic_ref_count_dec (&set->ref))
    return;
  g_strfreev (set->keys);
  g_free (set->ids);
  g_weak_ref_clear (&set->catalog);
  g_mutex_clear (&set->lock);
  g_free (set);
}

DdKeySet *
dd_key_set_empty (void)
{
  return dd_key_set_new_take (g_new0 (char *, 1), 0);
}

gint64
dd_key_set_find (DdKeySet   *set,
                 const char *key)
{
  guint lo = 0, hi = set->n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      int c = strcmp (set->keys[mid], key);

      if (c == 0)
        return mid;
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return -1;
}

/* Resolves every key to a sample id of @catalog, reusing the cache while the catalog's
 * generation holds. Returns a new reference to the ids (n entries) or NULL. */
gint64 *
dd_key_set_resolve (DdKeySet   *set,
                    DdCatalog  *catalog,
                    GError    **error)
{
  guint64 generation = dd_catalog_get_generation (catalog);
  g_autoptr(DdCatalog) cached = NULL;
  gint64 *ids;

  g_mutex_lock (&set->lock);
  cached = g_weak_ref_get (&set->catalog);
  if (set->ids != NULL && cached == catalog && set->generation == generation)
    {
      /* Keys added by an edit (id -1) are the only ones left to look up. */
      g_autoptr(GPtrArray) todo = NULL;
      g_autofree gint64 *found = NULL;
      guint j = 0;

      for (guint i = 0; i < set->n; i++)
        if (set->ids[i] < 0)
          {
            if (todo == NULL)
              todo = g_ptr_array_new ();
            g_ptr_array_add (todo, set->keys[i]);
          }
      if (todo != NULL)
        {
          found = g_new0 (gint64, todo->len);
          if (!dd_catalog_lookup_keys (catalog, (const char * const *) todo->pdata, todo->len,
                                       found, error))
            {
              g_mutex_unlock (&set->lock);
              return NULL;
            }
          for (guint i = 0; i < set->n; i++)
            if (set->ids[i] < 0)
              set->ids[i] = found[j++];
        }
    }
  else
    {
      ids = g_new0 (gint64, MAX (set->n, 1));
      if (!dd_catalog_lookup_keys (catalog, (const char * const *) set->keys, set->n, ids,
                                   error))
        {
          g_mutex_unlock (&set->lock);
          g_free (ids);
          return NULL;
        }
      g_free (set->ids);
      set->ids = ids;
      set->generation = generation;
      g_weak_ref_set (&set->catalog, catalog);
    }
  ids = g_memdup2 (set->ids, sizeof (gint64) * MAX (set->n, 1));
  g_mutex_unlock (&set->lock);
  return ids;
}

/* ---- the recipe ---------------------------------------------------------------------- */

G_DEFINE_BOXED_TYPE (DdRecipe, dd_recipe, dd_recipe_ref, dd_recipe_unref)

DdRecipe *
dd_recipe_new (void)
{
  DdRecipe *recipe = g_new0 (DdRecipe, 1);

  g_atomic_ref_count_init (&recipe->ref);
  recipe->severities = -1;
  recipe->include = dd_key_set_empty ();
  recipe->exclude = dd_key_set_empty ();
  return recipe;
}

DdRecipe *
dd_recipe_ref (DdRecipe *recipe)
{
  g_return_val_if_fail (recipe != NULL, NULL);
  g_atomic_ref_count_inc (&recipe->ref);
  return recipe;
}

void
dd_recipe_unref (DdRecipe *recipe)
{
  if (recipe == NULL || !g_atomic_ref_count_dec (&recipe->ref))
    return;
  g_strfreev (recipe->classes);
  g_strfreev (recipe->corruptions);
  g_strfreev (recipe->splits);
  g_strfreev (recipe->exclude_flags);
  dd_key_set_unref (recipe->include);
  dd_key_set_unref (recipe->exclude);
  dd_model_clause_free (recipe->model);
  g_free (recipe);
}

static DdRecipe *
recipe_copy (DdRecipe *src)
{
  DdRecipe *recipe = g_new0 (DdRecipe, 1);

  g_atomic_ref_count_init (&recipe->ref);
  recipe->classes = g_strdupv (src->classes);
  recipe->corruptions = g_strdupv (src->corruptions);
  recipe->splits = g_strdupv (src->splits);
  recipe->exclude_flags = g_strdupv (src->exclude_flags);
  recipe->severities = src->severities;
  recipe->per_class_limit = src->per_class_limit;
  recipe->seed = src->seed;
  recipe->include = dd_key_set_ref (src->include);
  recipe->exclude = dd_key_set_ref (src->exclude);
  recipe->model = src->model ? dd_model_clause_copy (src->model) : NULL;
  return recipe;
}

/* Sorts and deduplicates a vector in place; returns its new length. */
guint
dd_recipe_sort_unique (char  **v,
                       guint   n)
{
  guint out = 0;

  if (n == 0)
    return 0;
  qsort (v, n, sizeof (char *), dd_compare_strings);
  for (guint i = 0; i < n; i++)
    {
      if (out > 0 && strcmp (v[out - 1], v[i]) == 0)
        {
          g_free (v[i]);
          continue;
        }
      v[out++] = v[i];
    }
  v[out] = NULL;
  return out;
}

/* A sorted, deduplicated copy of @names (@n or -1), or NULL for NULL. */
char **
dd_recipe_canonical_set (const char * const *names,
                         gssize              n,
                         guint              *out_n)
{
  char **v;
  guint len;

  if (names == NULL)
    {
      if (out_n)
        *out_n = 0;
      return NULL;
    }
  if (n < 0)
    n = g_strv_length ((char **) names);
  v = g_new (char *, n + 1);
  len = 0;
  /* Empty names cannot be written (the parser refuses them): drop them. */
  for (gssize i = 0; i < n; i++)
    if (names[i] != NULL && names[i][0] != '\0')
      v[len++] = g_strdup (names[i]);
  v[len] = NULL;
  len = dd_recipe_sort_unique (v, len);
  if (out_n)
    *out_n = len;
  return v;
}

/* ---- getters ------------------------------------------------------------------------- */

const char * const *
dd_recipe_get_classes (DdRecipe *recipe)
{
  g_return_val_if_fail (recipe != NULL, NULL);
  return (const char * const *) recipe->classes;
}

const char * const *
dd_recipe_get_corruptions (DdRecipe *recipe)
{
  g_return_val_if_fail (recipe != NULL, NULL);
  return (const char * const *) recipe->corruptions;
}

const char * const *
dd_recipe_get_splits (DdRecipe *recipe)
{
  g_return_val_if_fail (recipe != NULL, NULL);
  return (const char * const *) recipe->splits;
}

const char * const *
dd_recipe_get_exclude_flags (DdRecipe *recipe)
{
  g_return_val_if_fail (recipe != NULL, NULL);
  return (const char * const *) recipe->exclude_flags;
}

int
dd_recipe_get_severity_mask (DdRecipe *recipe)
{
  g_return_val_if_fail (recipe != NULL, -1);
  return recipe->severities;
}

guint
dd_recipe_get_per_class_limit (DdRecipe *recipe)
{
  g_return_val_if_fail (recipe != NULL, 0);
  return recipe->per_class_limit;
}

guint64
dd_recipe_get_seed (DdRecipe *recipe)
{
  g_return_val_if_fail (recipe != NULL, 0);
  return recipe->seed;
}

const char * const *
dd_recipe_get_include (DdRecipe *recipe)
{
  g_return_val_if_fail (recipe != NULL, NULL);
  return (const char * const *) recipe->include->keys;
}

const char * const *
dd_recipe_get_exclude (DdRecipe *recipe)
{
  g_return_val_if_fail (recipe != NULL, NULL);
  return (const char * const *) recipe->exclude->keys;
}

guint
dd_recipe_get_n_include (DdRecipe *recipe)
{
  g_return_val_if_fail (recipe != NULL, 0);
  return recipe->include->n;
}

guint
dd_recipe_get_n_exclude (DdRecipe *recipe)
{
  g_return_val_if_fail (recipe != NULL, 0);
  return recipe->exclude->n;
}

DdRecipeOverride
dd_recipe_get_override (DdRecipe   *recipe,
                        const char *key)
{
  g_return_val_if_fail (recipe != NULL, DD_RECIPE_OVERRIDE_NONE);
  g_return_val_if_fail (key != NULL, DD_RECIPE_OVERRIDE_NONE);

  if (dd_key_set_find (recipe->include, key) >= 0)
    return DD_RECIPE_OVERRIDE_INCLUDE;
  if (dd_key_set_find (recipe->exclude, key) >= 0)
    return DD_RECIPE_OVERRIDE_EXCLUDE;
  return DD_RECIPE_OVERRIDE_NONE;
}

/* ---- equality --------------------------------------------------------------------- */

static gboolean
strv_equal0 (char **a,
             char **b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

static gboolean
key_set_equal (DdKeySet *a,
               DdKeySet *b)
{
  return a == b || (a->n == b->n && strv_equal0 (a->keys, b->keys));
}

static gboolean
same_number (double a,
             double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

static gboolean
model_equal (const DdModelClause *a,
             const DdModelClause *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strcmp0 (a->run, b->run) == 0 && a->outcome == b->outcome &&
         same_number (a->confidence_min, b->confidence_min) &&
         same_number (a->confidence_max, b->confidence_max) &&
         strv_equal0 (a->predicted, b->predicted) && a->highest_loss == b->highest_loss;
}

gboolean
dd_recipe_equal (DdRecipe *a,
                 DdRecipe *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a == b)
    return TRUE;
  return strv_equal0 (a->classes, b->classes) &&
         strv_equal0 (a->corruptions, b->corruptions) &&
         strv_equal0 (a->splits, b->splits) &&
         strv_equal0 (a->exclude_flags, b->exclude_flags) &&
         a->severities == b->severities &&
         a->per_class_limit == b->per_class_limit &&
         a->seed == b->seed &&
         key_set_equal (a->include, b->include) &&
         key_set_equal (a->exclude, b->exclude) &&
         model_equal (a->model, b->model);
}

guint
dd_recipe_hash (DdRecipe *recipe)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (recipe != NULL, 0);
  json = dd_recipe_to_json (recipe);
  return g_str_hash (json);
}

/* ---- summary ------------------------------------------------------------------------ */

static void
describe_set (GPtrArray   *parts,
              char       **names,
              const char  *none,
              const char  *many_format)
{
  guint n;

  if (names == NULL)
    return;
  n = g_strv_length (names);
  if (n == 0)
    g_ptr_array_add (parts, g_strdup (none));
  else if (n <= 3)
    g_ptr_array_add (parts, g_strjoinv (", ", names));
  else
    g_ptr_array_add (parts, g_strdup_printf (many_format, n));
}

/* The classes by name: "all classes but …" when at most three of the catalog's are
 * left out (and fewer than are kept), else up to three named, else how many. */
static void
describe_classes (GPtrArray *parts,
                  char     **wnids,
                  DdCatalog *catalog)
{
  g_autoptr(GPtrArray) classes = NULL;
  g_autoptr(GPtrArray) left_out = NULL;
  g_autoptr(GHashTable) chosen = NULL;
  g_autoptr(GPtrArray) named = NULL;
  guint n = wnids ? g_strv_length (wnids) : 0, n_all = 0;
  gboolean unlabeled = FALSE;

  if (wnids == NULL || catalog == NULL || n == 0)
    {
      describe_set (parts, wnids, _("no class"), _("%u classes"));
      return;
    }
  /* the classes proper; the unlabeled samples are said apart */
  named = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    if (g_str_equal (wnids[i], DD_RECIPE_UNLABELED))
      unlabeled = TRUE;
    else
      g_ptr_array_add (named, wnids[i]);
  if (named->len == 0)
    {
      g_ptr_array_add (parts, g_strdup (_("unlabeled")));
      return;
    }
  g_ptr_array_add (named, NULL);
  wnids = (char **) named->pdata;
  n = named->len - 1;
  classes = dd_catalog_list_classes (catalog);
  /* by id: a recipe may name a class by wnid or by any of its names */
  chosen = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < n; i++)
    g_hash_table_add (chosen, GUINT_TO_POINTER (dd_catalog_lookup_class (catalog, wnids[i])));
  left_out = g_ptr_array_new ();
  for (guint i = 0; i < classes->len; i++)
    {
      DdClassInfo *info = g_ptr_array_index (classes, i);

      if (info == NULL || info->wnid == NULL)
        continue;
      n_all++;
      if (!g_hash_table_contains (chosen, GUINT_TO_POINTER (info->id)))
        g_ptr_array_add (left_out, info->name ? info->name : info->wnid);
    }

  /* a list without the token leaves the unlabeled samples out: said when there are */
  if (!unlabeled && (left_out->len == 0 || (left_out->len <= 3 && left_out->len < n)))
    {
      g_autoptr(DdFilter) filter = dd_filter_new ();

      filter->labeled = 0;
      unlabeled = dd_catalog_count (catalog, filter, NULL, NULL) == 0;
    }
  if (left_out->len == 0)
    {
      /* every class of the catalog: nothing to say, unless the unlabeled are left out */
      if (!unlabeled)
        g_ptr_array_add (parts, g_strdup (_("labeled only")));
      return;
    }
  if (left_out->len <= 3 && left_out->len < n)
    {
      g_autofree char *names = NULL;

      if (!unlabeled)
        g_ptr_array_add (left_out, _("unlabeled"));
      g_ptr_array_add (left_out, NULL);
      names = g_strjoinv (", ", (char **) left_out->pdata);
      /* TRANSLATORS: the classes of a recipe: "all classes but goldfish, barn" */
      g_ptr_array_add (parts, g_strdup_printf (_("all classes but %s"), names));
    }
  else if (n <= 3)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < n; i++)
        {
          guint id = dd_catalog_lookup_class (catalog, wnids[i]);
          const DdClassInfo *info = NULL;

          for (guint j = 0; j < classes->len && info == NULL; j++)
            {
              const DdClassInfo *c = g_ptr_array_index (classes, j);
              if (c && c->id == id)
                info = c;
            }

          g_string_append_printf (names, "%s%s", i ? ", " : "",
                                  info && info->name ? info->name : wnids[i]);
        }
      g_ptr_array_add (parts, g_string_free (g_steal_pointer (&names), FALSE));
    }
  else
    /* TRANSLATORS: the classes of a recipe: "20 of 200 classes" */
    g_ptr_array_add (parts, g_strdup_printf (_("%u of %u classes"), n, n_all));
}

char *
dd_recipe_describe (DdRecipe *recipe)
{
  return dd_recipe_describe_in (recipe, NULL);
}

char *
dd_recipe_describe_in (DdRecipe  *recipe,
                       DdCatalog *catalog)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (recipe != NULL, NULL);
  g_return_val_if_fail (catalog == NULL || DD_IS_CATALOG (catalog), NULL);

  describe_classes (parts, recipe->classes, catalog);
  describe_set (parts, recipe->corruptions, _("no corruption"), _("%u corruptions"));
  if (recipe->severities == 0)
    g_ptr_array_add (parts, g_strdup (_("no severity")));
  else if (recipe->severities > 0 && recipe->severities != ALL_SEVERITIES)
    {
      g_autoptr(GString) list = g_string_new (NULL);
      guint n = 0;

      for (int v = 0; v <= 5; v++)
        if (recipe->severities & (1 << v))
          {
            g_string_append_printf (list, "%s%d", n ? ", " : "", v);
            n++;
          }
      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "severity %s",
                                                            "severities %s", n), list->str));
    }
  describe_set (parts, recipe->splits, _("no split"), _("%u splits"));
  if (recipe->exclude_flags)
    {
      g_autofree char *flags = g_strjoinv (", ", recipe->exclude_flags);
      g_ptr_array_add (parts, g_strdup_printf (_("without %s"), flags));
    }
  if (recipe->per_class_limit > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("%u per class (seed %" PRIu64 ")"),
                                             recipe->per_class_limit, recipe->seed));
  if (recipe->model)
    {
      const DdModelClause *m = recipe->model;

      if (m->outcome == DD_MODEL_OUTCOME_WRONG)
        g_ptr_array_add (parts, g_strdup_printf (_("misclassified by “%s”"), m->run));
      else if (m->outcome == DD_MODEL_OUTCOME_CORRECT)
        g_ptr_array_add (parts, g_strdup_printf (_("classified right by “%s”"), m->run));
      else
        g_ptr_array_add (parts, g_strdup_printf (_("predicted by “%s”"), m->run));
      if (m->highest_loss > 0)
        g_ptr_array_add (parts, g_strdup_printf (_("the %u with the highest loss"),
                                                 m->highest_loss));
      if (!isnan (m->confidence_min))
        g_ptr_array_add (parts, g_strdup_printf (_("confidence ≥ %.2f"), m->confidence_min));
      if (!isnan (m->confidence_max))
        g_ptr_array_add (parts, g_strdup_printf (_("confidence ≤ %.2f"), m->confidence_max));
      if (m->predicted)
        {
          g_autofree char *list = g_strjoinv (", ", m->predicted);

          g_ptr_array_add (parts, g_strdup_printf (_("predicted as %s"), list));
        }
    }
  if (recipe->include->n > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("%u included"), recipe->include->n));
  if (recipe->exclude->n > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("%u excluded"), recipe->exclude->n));
  if (parts->len == 0)
    return g_strdup (_("All samples"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* ---- editing ----------------------------------------------------------------------- */

/* A copy of @recipe whose set at @set_offset (a char ** member) is @values, made
 * canonical (sorted, unique). */
static DdRecipe *
copy_with_set (DdRecipe           *recipe,
               glong               set_offset,
               const char * const *values)
{
  DdRecipe *copy = recipe_copy (recipe);
  char ***set = G_STRUCT_MEMBER_P (copy, set_offset);

  g_strfreev (*set);
  *set = dd_recipe_canonical_set (values, -1, NULL);
  return copy;
}

DdRecipe *
dd_recipe_with_classes (DdRecipe           *recipe,
                        const char * const *classes)
{
  g_return_val_if_fail (recipe != NULL, NULL);
  return copy_with_set (recipe, G_STRUCT_OFFSET (DdRecipe, classes), classes);
}

DdRecipe *
dd_recipe_with_corruptions (DdRecipe           *recipe,
                            const char * const *corruptions)
{
  g_return_val_if_fail (recipe != NULL, NULL);
  return copy_with_set (recipe, G_STRUCT_OFFSET (DdRecipe, corruptions), corruptions);
}

DdRecipe *
dd_recipe_with_splits (DdRecipe           *recipe,
                       const char * const *splits)
{
  g_return_val_if_fail (recipe != NULL, NULL);
  return copy_with_set (recipe, G_STRUCT_OFFSET (DdRecipe, splits), splits);
}

DdRecipe *
dd_recipe_with_exclude_flags (DdRecipe           *recipe,
                              const char * const *flags)
{
  DdRecipe *copy;

  g_return_val_if_fail (recipe != NULL, NULL);
  copy = copy_with_set (recipe, G_STRUCT_OFFSET (DdRecipe, exclude_flags), flags);
  if (copy->exclude_flags && copy->exclude_flags[0] == NULL)
    g_clear_pointer (&copy->exclude_flags, g_strfreev);
  return copy;
}

DdRecipe *
dd_recipe_with_model (DdRecipe            *recipe,
                      const DdModelClause *clause)
{
  DdRecipe *copy;

  g_return_val_if_fail (recipe != NULL, NULL);
  copy = recipe_copy (recipe);
  g_clear_pointer (&copy->model, dd_model_clause_free);
  if (clause)
    {
      copy->model = dd_model_clause_copy (clause);
      if (copy->model->predicted)
        {
          g_auto(GStrv) predicted = copy->model->predicted;

          copy->model->predicted = dd_recipe_canonical_set ((const char * const *) predicted, -1,
                                                            NULL);
        }
    }
  return copy;
}

const DdModelClause *
dd_recipe_get_model (DdRecipe *recipe)
{
  g_return_val_if_fail (recipe != NULL, NULL);
  return recipe->model;
}

DdRecipe *
dd_recipe_with_severities (DdRecipe *recipe,
                           int       mask)
{
  DdRecipe *copy;

  g_return_val_if_fail (recipe != NULL, NULL);
  copy = recipe_copy (recipe);
  copy->severities = mask < 0 ? -1 : (mask & ALL_SEVERITIES);
  return copy;
}

DdRecipe *
dd_recipe_with_quota (DdRecipe *recipe,
                      guint     per_class_limit,
                      guint64   seed)
{
  DdRecipe *copy;

  g_return_val_if_fail (recipe != NULL, NULL);
  copy = recipe_copy (recipe);
  copy->per_class_limit = per_class_limit;
  copy->seed = MIN (seed, (guint64) G_MAXINT64);
  return copy;
}

/* @set minus @drop (a hash set of keys), plus @add (sorted, unique; may be NULL).
 * Resolved ids of kept keys carry over so that re-evaluation only looks up new keys. */
static DdKeySet *
key_set_edit (DdKeySet     *set,
              GHashTable *drop,
              char      **add,
              guint       n_add)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  DdKeySet *out;
  guint i = 0, j = 0;

  while (i < set->n || j < n_add)
    {
      int c = i >= set->n ? 1 : j >= n_add ? -1 : strcmp (set->keys[i], add[j]);

      if (c < 0)
        {
          if (!g_hash_table_contains (drop, set->keys[i]))
            g_ptr_array_add (keys, g_strdup (set->keys[i]));
          i++;
        }
      else
        {
          g_ptr_array_add (keys, g_strdup (add[j]));
          j++;
          if (c == 0)
            i++;
        }
    }
  out = dd_key_set_new_take (NULL, keys->len);
  g_ptr_array_add (keys, NULL);
  out->keys = (char **) g_ptr_array_steal (keys, NULL);

  g_mutex_lock (&set->lock);
  if (set->ids != NULL)
    {
      g_autoptr(DdCatalog) catalog = g_weak_ref_get (&set->catalog);

      out->ids = g_new (gint64, MAX (out->n, 1));
      for (guint k = 0, o = 0; k < out->n; k++)
        {
          /* Both sorted: walk the old keys alongside. */
          while (o < set->n && strcmp (set->keys[o], out->keys[k]) < 0)
            o++;
          out->ids[k] = (o < set->n && strcmp (set->keys[o], out->keys[k]) == 0)
                        ? set->ids[o] : -1;
        }
      g_weak_ref_set (&out->catalog, catalog);
      out->generation = set->generation;
    }
  g_mutex_unlock (&set->lock);
  return out;
}

DdRecipe *
dd_recipe_with_override (DdRecipe           *recipe,
                         const char * const *keys,
                         gssize              n_keys,
                         DdRecipeOverride    override)
{
  g_autoptr(GHashTable) drop = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) sorted = NULL;
  guint n_sorted;
  DdRecipe *copy;
  DdKeySet *set;

  g_return_val_if_fail (recipe != NULL, NULL);
  g_return_val_if_fail (keys != NULL || n_keys == 0, NULL);

  sorted = dd_recipe_canonical_set (keys, keys ? n_keys : 0, &n_sorted);
  for (guint i = 0; i < n_sorted; i++)
    g_hash_table_add (drop, sorted[i]);

  copy = recipe_copy (recipe);
  set = key_set_edit (recipe->include, drop,
                      override == DD_RECIPE_OVERRIDE_INCLUDE ? sorted : NULL,
                      override == DD_RECIPE_OVERRIDE_INCLUDE ? n_sorted : 0);
  dd_key_set_unref (copy->include);
  copy->include = set;
  set = key_set_edit (recipe->exclude, drop,
                      override == DD_RECIPE_OVERRIDE_EXCLUDE ? sorted : NULL,
                      override == DD_RECIPE_OVERRIDE_EXCLUDE ? n_sorted : 0);
  dd_key_set_unref (copy->exclude);
  copy->exclude = set;
  return copy;
}

static DdRecipe *
toggle (DdRecipe           *recipe,
        const char * const *keys,
        gssize              n_keys,
        DdRecipeOverride    override)
{
  gboolean all = TRUE;

  g_return_val_if_fail (recipe != NULL, NULL);
  g_return_val_if_fail (keys != NULL || n_keys == 0, NULL);

  if (n_keys < 0)
    n_keys = g_strv_length ((char **) keys);
  for (gssize i = 0; i < n_keys && all; i++)
    all = dd_recipe_get_override (recipe, keys[i]) == override;
  return dd_recipe_with_override (recipe, keys, n_keys,
                                  all && n_keys > 0 ? DD_RECIPE_OVERRIDE_NONE : override);
}

DdRecipe *
dd_recipe_toggle_include (DdRecipe           *recipe,
                          const char * const *keys,
                          gssize              n_keys)
{
  return toggle (recipe, keys, n_keys, DD_RECIPE_OVERRIDE_INCLUDE);
}

DdRecipe *
dd_recipe_toggle_exclude (DdRecipe           *recipe,
                          const char * const *keys,
                          gssize              n_keys)
{
  return toggle (recipe, keys, n_keys, DD_RECIPE_OVERRIDE_EXCLUDE);
}

DdRecipe *
dd_recipe_toggle_class (DdRecipe   *recipe,
                        DdCatalog  *catalog,
                        const char *name)
{
  g_autoptr(GPtrArray) classes = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;
  gboolean token, found = FALSE;
  guint id;

  g_return_val_if_fail (recipe != NULL && name != NULL, NULL);
  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);

  token = g_str_equal (name, DD_RECIPE_UNLABELED);
  id = token ? 0 : dd_catalog_lookup_class (catalog, name);
  classes = dd_catalog_list_classes (catalog);
  if (recipe->classes == NULL)
    {
      /* "all" less one: every class by wnid, and the unlabeled samples */
      for (guint i = 0; i < classes->len; i++)
        {
          DdClassInfo *c = g_ptr_array_index (classes, i);

          if (c && c->wnid && (token || c->id != id))
            g_strv_builder_add (builder, c->wnid);
        }
      if (!token)
        g_strv_builder_add (builder, DD_RECIPE_UNLABELED);
      list = g_strv_builder_end (builder);
      return dd_recipe_with_classes (recipe, (const char * const *) list);
    }

  /* a class may be in the list by wnid or by any of its names */
  for (guint i = 0; recipe->classes[i]; i++)
    {
      gboolean same = token ? g_str_equal (recipe->classes[i], DD_RECIPE_UNLABELED)
                            : (id != 0 ? dd_catalog_lookup_class (catalog, recipe->classes[i]) == id
                                       : g_str_equal (recipe->classes[i], name));
      if (same)
        found = TRUE;
      else
        g_strv_builder_add (builder, recipe->classes[i]);
    }
  if (!found)
    {
      const char *wnid = name;

      for (guint i = 0; id != 0 && i < classes->len; i++)
        {
          DdClassInfo *c = g_ptr_array_index (classes, i);

          if (c->id == id && c->wnid)
            wnid = c->wnid;
        }
      g_strv_builder_add (builder, wnid);
    }
  list = g_strv_builder_end (builder);

  /* everything back in: the recipe says "all" again */
  if (g_strv_contains ((const char * const *) list, DD_RECIPE_UNLABELED))
    {
      g_autoptr(GHashTable) kept = g_hash_table_new (NULL, NULL);
      gboolean all = TRUE;

      for (guint i = 0; list[i]; i++)
        g_hash_table_add (kept, GUINT_TO_POINTER (dd_catalog_lookup_class (catalog, list[i])));
      for (guint i = 0; i < classes->len && all; i++)
        {
          DdClassInfo *c = g_ptr_array_index (classes, i);

          all = c == NULL || c->wnid == NULL || g_hash_table_contains (kept, GUINT_TO_POINTER (c->id));
        }
      if (all)
        return dd_recipe_with_classes (recipe, NULL);
    }
  return dd_recipe_with_classes (recipe, (const char * const *) list);
}

DdRecipe *
dd_recipe_without_overrides (DdRecipe *recipe)
{
  DdRecipe *copy;

  g_return_val_if_fail (recipe != NULL, NULL);
  copy = recipe_copy (recipe);
  dd_key_set_unref (copy->include);
  dd_key_set_unref (copy->exclude);
  copy->include = dd_key_set_empty ();
  copy->exclude = dd_key_set_empty ();
  return copy;
}
