/* DdRecipe: the immutable recipe value, its canonical JSON form, editing helpers and
 * its evaluation into a catalog filter. */
#define G_LOG_DOMAIN "datadive-recipe"
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "dd-json-guard.h"
#include "dd-recipe.h"
#include "dd-safe-file.h"
#include "dd-text.h"

/* ---- key sets: sorted override keys with their ids cached per catalog ------------ */

typedef struct {
  gatomicrefcount ref;
  char      **keys;        /* sorted, unique, NULL-terminated */
  guint       n;
  GMutex      lock;        /* guards the cache below */
  GWeakRef    catalog;
  guint64     generation;
  gint64     *ids;         /* ids[i] of keys[i], 0 = absent, -1 = not looked up yet;
                            * NULL = nothing resolved */
} KeySet;

static KeySet *
key_set_new_take (char **keys,
                  guint  n)
{
  KeySet *set = g_new0 (KeySet, 1);

  g_atomic_ref_count_init (&set->ref);
  set->keys = keys;
  set->n = n;
  g_mutex_init (&set->lock);
  g_weak_ref_init (&set->catalog, NULL);
  return set;
}

static KeySet *
key_set_ref (KeySet *set)
{
  g_atomic_ref_count_inc (&set->ref);
  return set;
}

static void
key_set_unref (KeySet *set)
{
  if (set == NULL || !g_atomic_ref_count_dec (&set->ref))
    return;
  g_strfreev (set->keys);
  g_free (set->ids);
  g_weak_ref_clear (&set->catalog);
  g_mutex_clear (&set->lock);
  g_free (set);
}

static KeySet *
key_set_empty (void)
{
  return key_set_new_take (g_new0 (char *, 1), 0);
}

static gint64
key_set_find (KeySet     *set,
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
static gint64 *
key_set_resolve (KeySet     *set,
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

struct _DdRecipe {
  gatomicrefcount ref;
  char    **classes;        /* NULL = all */
  char    **corruptions;    /* NULL = all */
  char    **splits;         /* NULL = all */
  char    **exclude_flags;  /* NULL = none (never empty) */
  int       severities;     /* -1 = all, else mask of bits 0..5 */
  guint     per_class_limit;
  guint64   seed;
  KeySet   *include;
  KeySet   *exclude;
};

G_DEFINE_BOXED_TYPE (DdRecipe, dd_recipe, dd_recipe_ref, dd_recipe_unref)

#define ALL_SEVERITIES 0x3f

static const char * const known_keys[] = {
  "version", "classes", "corruptions", "severities", "splits", "exclude_flags",
  "per_class_limit", "seed", "include", "exclude", NULL
};

DdRecipe *
dd_recipe_new (void)
{
  DdRecipe *recipe = g_new0 (DdRecipe, 1);

  g_atomic_ref_count_init (&recipe->ref);
  recipe->severities = -1;
  recipe->include = key_set_empty ();
  recipe->exclude = key_set_empty ();
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
  key_set_unref (recipe->include);
  key_set_unref (recipe->exclude);
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
  recipe->include = key_set_ref (src->include);
  recipe->exclude = key_set_ref (src->exclude);
  return recipe;
}

static int
cmp_strings (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Sorts and deduplicates a vector in place; returns its new length. */
static guint
sort_unique (char **v,
             guint  n)
{
  guint out = 0;

  if (n == 0)
    return 0;
  qsort (v, n, sizeof (char *), cmp_strings);
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
static char **
canonical_set (const char * const *names,
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
  len = sort_unique (v, len);
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

  if (key_set_find (recipe->include, key) >= 0)
    return DD_RECIPE_OVERRIDE_INCLUDE;
  if (key_set_find (recipe->exclude, key) >= 0)
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
key_set_equal (KeySet *a,
               KeySet *b)
{
  return a == b || (a->n == b->n && strv_equal0 (a->keys, b->keys));
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
         key_set_equal (a->exclude, b->exclude);
}

guint
dd_recipe_hash (DdRecipe *recipe)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (recipe != NULL, 0);
  json = dd_recipe_to_json (recipe);
  return g_str_hash (json);
}

/* ---- serialising ------------------------------------------------------------------ */

static void
add_strv (JsonBuilder *builder,
          const char  *member,
          char       **v)
{
  if (v == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; v[i]; i++)
    json_builder_add_string_value (builder, v[i]);
  json_builder_end_array (builder);
}

JsonNode *
dd_recipe_to_node (DdRecipe *recipe)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (recipe != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, DD_RECIPE_VERSION);
  add_strv (builder, "classes", recipe->classes);
  add_strv (builder, "corruptions", recipe->corruptions);
  if (recipe->severities >= 0)
    {
      json_builder_set_member_name (builder, "severities");
      json_builder_begin_array (builder);
      for (int s = 0; s <= 5; s++)
        if (recipe->severities & (1 << s))
          json_builder_add_int_value (builder, s);
      json_builder_end_array (builder);
    }
  add_strv (builder, "splits", recipe->splits);
  add_strv (builder, "exclude_flags", recipe->exclude_flags);
  if (recipe->per_class_limit > 0)
    {
      json_builder_set_member_name (builder, "per_class_limit");
      json_builder_add_int_value (builder, recipe->per_class_limit);
    }
  if (recipe->per_class_limit > 0 || recipe->seed != 0)
    {
      json_builder_set_member_name (builder, "seed");
      json_builder_add_int_value (builder, (gint64) recipe->seed);
    }
  if (recipe->include->n > 0)
    add_strv (builder, "include", recipe->include->keys);
  if (recipe->exclude->n > 0)
    add_strv (builder, "exclude", recipe->exclude->keys);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
dd_recipe_to_json (DdRecipe *recipe)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (recipe != NULL, NULL);

  root = dd_recipe_to_node (recipe);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  text = json_generator_to_data (gen, NULL);
  return g_strconcat (text, "\n", NULL);
}

gboolean
dd_recipe_save_to_file (DdRecipe    *recipe,
                        const char  *path,
                        GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (recipe != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  text = dd_recipe_to_json (recipe);
  if (!g_file_set_contents (path, text, -1, &local_error))
    {
      g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_IO,
                   _("Cannot write recipe “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* ---- parsing ------------------------------------------------------------------------ */

/* Levenshtein distance of two short ASCII strings, for "did you mean". */
static guint
edit_distance (const char *a,
               const char *b)
{
  guint la = strlen (a), lb = strlen (b);
  g_autofree guint *row = g_new (guint, lb + 1);

  for (guint j = 0; j <= lb; j++)
    row[j] = j;
  for (guint i = 1; i <= la; i++)
    {
      guint diag = row[0];

      row[0] = i;
      for (guint j = 1; j <= lb; j++)
        {
          guint up = row[j];
          guint cost = a[i - 1] == b[j - 1] ? 0 : 1;

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diag + cost);
          diag = up;
        }
    }
  return row[lb];
}

static gboolean
parse_strv (JsonObject  *object,
            const char  *member,
            gboolean     keys,
            char      ***out,
            guint       *out_n,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;
  guint n;
  char **v;

  *out = NULL;
  if (out_n)
    *out_n = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    goto wrong;
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  v = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *s;

      if (!JSON_NODE_HOLDS_VALUE (element) ||
          json_node_get_value_type (element) != G_TYPE_STRING ||
          *(s = json_node_get_string (element)) == '\0')
        {
          g_strfreev (v);
          goto wrong;
        }
      v[i] = g_strdup (s);
    }
  n = sort_unique (v, n);
  *out = v;
  if (out_n)
    *out_n = n;
  return TRUE;

wrong:
  if (keys)
    g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                 _("“%s” must be an array of sample keys (non-empty strings)"), member);
  else
    g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                 _("“%s” must be an array of names (non-empty strings)"), member);
  return FALSE;
}

/* A whole number in [min, max] or absent (then @out is left alone). */
static gboolean
parse_uint (JsonObject  *object,
            const char  *member,
            guint64      min,
            guint64      max,
            guint64     *out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 v;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      (v = json_node_get_int (node)) < 0 || (guint64) v < min || (guint64) v > max)
    {
      if (min > 0)
        /* TRANSLATORS: the first %s is a recipe key (per_class_limit) */
        g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                     _("“%s” must be a whole number from %" PRIu64 " to %" PRIu64
                       " (leave it out for no limit)"), member, min, max);
      else
        g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                     _("“%s” must be a whole number from 0 to %" PRIu64),
                     member, max);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

DdRecipe *
dd_recipe_new_from_node (JsonNode  *node,
                         GError   **error)
{
  g_autoptr(DdRecipe) recipe = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  JsonNode *member;
  char **include = NULL, **exclude = NULL;
  guint n_include = 0, n_exclude = 0;
  guint64 value;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                           _("A recipe must be a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);

  /* The version first: a newer recipe's unknown keys are not typos. */
  member = json_object_get_member (object, "version");
  if (member != NULL)
    {
      gint64 version;

      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_INT64 ||
          (version = json_node_get_int (member)) < 1)
        {
          g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                       _("“version” must be the number %d"), DD_RECIPE_VERSION);
          return NULL;
        }
      if (version > DD_RECIPE_VERSION)
        {
          g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_NEWER_VERSION,
                       _("This recipe needs a newer DataDive (recipe version %" PRId64
                         ", this one reads up to version %d)"), version, DD_RECIPE_VERSION);
          return NULL;
        }
    }

  members = json_object_get_members (object);
  members = g_list_sort (members, (GCompareFunc) strcmp);
  for (GList *l = members; l; l = l->next)
    {
      const char *name = l->data;
      const char *best = NULL;
      guint best_distance = 3;
      g_autofree char *echo = NULL;

      /* "proposal": what `prompt --json` adds about how it read the sentence; read and
       * ignored on purpose, so its output is a recipe */
      if (g_strv_contains (known_keys, name) || strcmp (name, "proposal") == 0)
        continue;
      /* a key three edits from a known one is short: a 10 MB one is not compared */
      for (guint i = 0; known_keys[i] && strlen (name) < 32; i++)
        {
          guint d = edit_distance (name, known_keys[i]);
          if (d < best_distance)
            {
              best_distance = d;
              best = known_keys[i];
            }
        }
      echo = dd_text_echo (name, DD_TEXT_ECHO_CHARS);
      if (best)
        g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                     _("Unknown key “%s” in recipe (did you mean “%s”?)"), echo, best);
      else
        g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                     _("Unknown key “%s” in recipe"), echo);
      return NULL;
    }

  recipe = dd_recipe_new ();
  if (!parse_strv (object, "classes", FALSE, &recipe->classes, NULL, error) ||
      !parse_strv (object, "corruptions", FALSE, &recipe->corruptions, NULL, error) ||
      !parse_strv (object, "splits", FALSE, &recipe->splits, NULL, error) ||
      !parse_strv (object, "exclude_flags", FALSE, &recipe->exclude_flags, NULL, error))
    return NULL;
  if (recipe->exclude_flags && recipe->exclude_flags[0] == NULL)
    g_clear_pointer (&recipe->exclude_flags, g_strfreev);

  member = json_object_get_member (object, "severities");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      JsonArray *array = JSON_NODE_HOLDS_ARRAY (member) ? json_node_get_array (member) : NULL;

      recipe->severities = 0;
      for (guint i = 0; array && i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          gint64 s;

          if (!JSON_NODE_HOLDS_VALUE (element) ||
              json_node_get_value_type (element) != G_TYPE_INT64 ||
              (s = json_node_get_int (element)) < 0 || s > 5)
            {
              array = NULL;
              break;
            }
          recipe->severities |= 1 << s;
        }
      if (array == NULL)
        {
          g_set_error_literal (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                               _("“severities” must be an array of numbers 0–5"));
          return NULL;
        }
    }

  value = 0;
  /* 0 used to mean "no limit" silently: absent says that */
  if (!parse_uint (object, "per_class_limit", 1, G_MAXUINT32, &value, error))
    return NULL;
  recipe->per_class_limit = value;
  value = 0;
  if (!parse_uint (object, "seed", 0, G_MAXINT64, &value, error))
    return NULL;
  recipe->seed = value;

  if (!parse_strv (object, "include", TRUE, &include, &n_include, error))
    return NULL;
  if (!parse_strv (object, "exclude", TRUE, &exclude, &n_exclude, error))
    {
      g_strfreev (include);
      return NULL;
    }
  if (include)
    {
      key_set_unref (recipe->include);
      recipe->include = key_set_new_take (include, n_include);
    }
  if (exclude)
    {
      key_set_unref (recipe->exclude);
      recipe->exclude = key_set_new_take (exclude, n_exclude);
    }
  /* Both sorted: one merge walk finds a key in both. */
  for (guint i = 0, j = 0; i < recipe->include->n && j < recipe->exclude->n;)
    {
      int c = strcmp (recipe->include->keys[i], recipe->exclude->keys[j]);

      if (c == 0)
        {
          g_autofree char *echo = dd_text_echo (recipe->include->keys[i], DD_TEXT_ECHO_CHARS);

          g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                       _("Sample “%s” is both in “include” and in “exclude”"), echo);
          return NULL;
        }
      if (c < 0)
        i++;
      else
        j++;
    }

  return g_steal_pointer (&recipe);
}

/* Parses @text; @display (a file name for messages) may be NULL. */
static DdRecipe *
recipe_from_text (const char  *text,
                  gssize       length,
                  const char  *display,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  DdRecipe *recipe;
  JsonNode *root;

  /* json-glib's parser recurses per level: "[[[[…" would overflow the stack */
  if (!dd_json_guard_check (text, length, DD_RECIPE_MAX_DEPTH, DD_RECIPE_MAX_BYTES,
                            &local_error))
    {
      if (display)
        g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                     _("Recipe “%s” is refused: %s"), display, local_error->message);
      else
        g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                     _("The recipe is refused: %s"), local_error->message);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, text, length, &local_error))
    {
      /* json-glib names the place <data>:LINE:COL; name the file instead. */
      const char *tag = display ? strstr (local_error->message, "<data>") : NULL;
      g_autofree char *where = NULL;

      if (tag)
        {
          g_autofree char *head = g_strndup (local_error->message, tag - local_error->message);
          where = g_strconcat (head, display, tag + strlen ("<data>"), NULL);
        }
      if (display)
        g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                     _("Recipe “%s” is not valid JSON: %s"), display,
                     where ? where : local_error->message);
      else
        g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                     _("The recipe is not valid JSON: %s"), local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      if (display)
        g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                     _("Recipe “%s” is empty"), display);
      else
        g_set_error_literal (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                             _("The recipe is empty"));
      return NULL;
    }
  recipe = dd_recipe_new_from_node (root, display ? &local_error : error);
  if (recipe == NULL && display)
    g_set_error (error, local_error->domain, local_error->code,
                 _("Recipe “%s”: %s"), display, local_error->message);
  return recipe;
}

DdRecipe *
dd_recipe_new_from_json (const char  *text,
                         gssize       length,
                         GError     **error)
{
  g_return_val_if_fail (text != NULL, NULL);
  return recipe_from_text (text, length, NULL, error);
}

DdRecipe *
dd_recipe_new_from_file (const char  *path,
                         GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *display = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  /* a regular file or a pipe (a shell's <(…)), never a device or a FIFO that blocks;
   * never more than a recipe can be */
  if (!dd_safe_file_get_contents (path, DD_RECIPE_MAX_BYTES, TRUE, &text, &length,
                                  &local_error))
    {
      g_set_error (error, DD_RECIPE_ERROR,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                     ? DD_RECIPE_ERROR_NOT_FOUND
                     : g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE) ||
                       g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE)
                       ? DD_RECIPE_ERROR_INVALID : DD_RECIPE_ERROR_IO,
                   _("Cannot read recipe “%s”: %s"), display, local_error->message);
      return NULL;
    }
  return recipe_from_text (text, length, display, error);
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

DdRecipe *
dd_recipe_with_classes (DdRecipe           *recipe,
                        const char * const *classes)
{
  DdRecipe *copy;

  g_return_val_if_fail (recipe != NULL, NULL);
  copy = recipe_copy (recipe);
  g_strfreev (copy->classes);
  copy->classes = canonical_set (classes, -1, NULL);
  return copy;
}

DdRecipe *
dd_recipe_with_corruptions (DdRecipe           *recipe,
                            const char * const *corruptions)
{
  DdRecipe *copy;

  g_return_val_if_fail (recipe != NULL, NULL);
  copy = recipe_copy (recipe);
  g_strfreev (copy->corruptions);
  copy->corruptions = canonical_set (corruptions, -1, NULL);
  return copy;
}

DdRecipe *
dd_recipe_with_splits (DdRecipe           *recipe,
                       const char * const *splits)
{
  DdRecipe *copy;

  g_return_val_if_fail (recipe != NULL, NULL);
  copy = recipe_copy (recipe);
  g_strfreev (copy->splits);
  copy->splits = canonical_set (splits, -1, NULL);
  return copy;
}

DdRecipe *
dd_recipe_with_exclude_flags (DdRecipe           *recipe,
                              const char * const *flags)
{
  DdRecipe *copy;

  g_return_val_if_fail (recipe != NULL, NULL);
  copy = recipe_copy (recipe);
  g_strfreev (copy->exclude_flags);
  copy->exclude_flags = canonical_set (flags, -1, NULL);
  if (copy->exclude_flags && copy->exclude_flags[0] == NULL)
    g_clear_pointer (&copy->exclude_flags, g_strfreev);
  return copy;
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
static KeySet *
key_set_edit (KeySet     *set,
              GHashTable *drop,
              char      **add,
              guint       n_add)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  KeySet *out;
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
  out = key_set_new_take (NULL, keys->len);
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
  KeySet *set;

  g_return_val_if_fail (recipe != NULL, NULL);
  g_return_val_if_fail (keys != NULL || n_keys == 0, NULL);

  sorted = canonical_set (keys, keys ? n_keys : 0, &n_sorted);
  for (guint i = 0; i < n_sorted; i++)
    g_hash_table_add (drop, sorted[i]);

  copy = recipe_copy (recipe);
  set = key_set_edit (recipe->include, drop,
                      override == DD_RECIPE_OVERRIDE_INCLUDE ? sorted : NULL,
                      override == DD_RECIPE_OVERRIDE_INCLUDE ? n_sorted : 0);
  key_set_unref (copy->include);
  copy->include = set;
  set = key_set_edit (recipe->exclude, drop,
                      override == DD_RECIPE_OVERRIDE_EXCLUDE ? sorted : NULL,
                      override == DD_RECIPE_OVERRIDE_EXCLUDE ? n_sorted : 0);
  key_set_unref (copy->exclude);
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
  key_set_unref (copy->include);
  key_set_unref (copy->exclude);
  copy->include = key_set_empty ();
  copy->exclude = key_set_empty ();
  return copy;
}

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
resolve_overrides (KeySet      *set,
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
  if (!(ids = key_set_resolve (set, catalog, error)))
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

  if (sel)
    g_task_return_pointer (task, sel, (GDestroyNotify) dd_selection_unref);
  else
    g_task_return_error (task, error);
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
  g_task_set_source_tag (task, dd_recipe_evaluate_async);
  g_task_set_task_data (task, data, (GDestroyNotify) evaluate_data_free);
  g_task_run_in_thread (task, evaluate_thread);
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
