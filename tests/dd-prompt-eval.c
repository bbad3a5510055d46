/* Scores the offline prompt interpreter against tables of sentences (see the header of
 * tests/data/prompts-heldout.tsv for the format), comparing recipes by what they select. */
#include "config.h"

#include <string.h>

#include "dd-demo.h"
#include "dd-prompt-eval.h"
#include "dd-prompt.h"
#include "dd-scanner.h"
#include "dd-test-util.h"
#include "dd-test-catalog.h"
#include "dd-tiny-imagenet-classes.h"
#include "dd-wordnet.h"

static const char *field_names[DD_EVAL_N_FIELDS] = {
  "classes", "corruptions", "severities", "splits", "per_class_limit", "seed",
  "exclude_flags", "whole recipe",
};

const char *
dd_eval_field_name (DdEvalField field)
{
  return field_names[field];
}

void
dd_eval_score_clear (DdEvalScore *score)
{
  g_clear_pointer (&score->misses, g_ptr_array_unref);
  memset (score, 0, sizeof *score);
}

char *
dd_eval_data_path (const char *name)
{
  return g_build_filename (DD_TEST_SOURCE_DIR, "data", name, NULL);
}

/* ---- catalogs ------------------------------------------------------------------------ */

DdCatalog *
dd_eval_make_tiny_catalog (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "tiny.ddcat", NULL);
  DdCatalog *catalog = dd_catalog_open (path, DD_CATALOG_OPEN_CREATE, &error);
  DdCatalogWriter *writer;
  const char * const *corr = dd_standard_corruptions ();
  const char *splits[] = { "train", "val", "test" };
  DdWordnet *wn = dd_wordnet_get_default ();

  g_assert_no_error (error);
  writer = dd_test_writer (catalog);
  for (guint i = 0; i < DD_TINY_IMAGENET_N_CLASSES; i++)
    {
      const char *wnid = dd_tiny_imagenet_wnid (i);
      g_auto(GStrv) names = g_strsplit (dd_tiny_imagenet_names (i), ",", 2);
      g_autofree char *parent = wn ? dd_wordnet_get_parent (wn, wnid) : NULL;
      g_autofree char *parent_name = parent ? dd_wordnet_get_name (wn, parent) : NULL;

      dd_test_add_class (writer, wnid, g_strstrip (names[0]), dd_tiny_imagenet_names (i),
                         parent, parent_name);
    }
  for (guint k = 0; k < DD_N_STANDARD_CORRUPTIONS; k++)
    g_assert_cmpuint (dd_catalog_writer_ensure_corruption (writer, corr[k], NULL), !=, G_MAXUINT);
  for (guint k = 0; k < G_N_ELEMENTS (splits); k++)
    g_assert_cmpuint (dd_catalog_writer_ensure_split (writer, splits[k], NULL), !=, G_MAXUINT);
  dd_test_commit (writer);
  return catalog;
}

DdCatalog *
dd_eval_make_demo_catalog (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_build_filename (dir, "demo", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.ddcat", NULL);
  DdCatalog *catalog;
  DdDemoOptions options;

  dd_demo_options_init (&options);
  options.classes = 10;
  options.per_class = 2;
  options.train_per_class = 2;
  options.test_per_class = 2;
  g_assert_true (dd_demo_generate (root, &options, NULL, NULL, NULL, &error));
  catalog = dd_catalog_open (path, DD_CATALOG_OPEN_CREATE, &error);
  g_assert_no_error (error);
  dd_scan_report_free (dd_test_scan (catalog, root));
  return catalog;
}

/* ---- WordNet, read here on purpose (the expectations must not come from the code under
 * test): every hypernym (@) and instance hypernym (@i) of a synset, transitively ---------- */

static char  *wn_data;
static gsize  wn_len;

static gboolean
wn_load (void)
{
  const char *dir = g_getenv ("DATADIVE_WORDNET_DIR");
  g_autofree char *path = g_build_filename (dir ? dir : WORDNET_DIR, "data.noun", NULL);

  return wn_data != NULL || g_file_get_contents (path, &wn_data, &wn_len, NULL);
}

/* Adds the direct hypernyms of @wnid to @out. */
static void
wn_hypernyms (const char *wnid,
              GPtrArray  *out)
{
  guint64 offset = g_ascii_strtoull (wnid + 1, NULL, 10);
  const char *line, *end;
  g_autofree char *text = NULL;
  g_auto(GStrv) f = NULL;
  guint n, words, p;

  if (offset + 9 >= wn_len || (offset > 0 && wn_data[offset - 1] != '\n'))
    return;
  line = wn_data + offset;
  end = memchr (line, '|', wn_len - offset);
  text = g_strndup (line, end ? (gsize) (end - line) : 0);
  f = g_strsplit (g_strstrip (text), " ", -1);
  n = g_strv_length (f);
  if (n < 5)
    return;
  words = g_ascii_strtoull (f[3], NULL, 16);
  p = 4 + 2 * words;
  for (guint i = 0, np = p < n ? g_ascii_strtoull (f[p], NULL, 10) : 0; i < np; i++)
    {
      guint at = p + 1 + 4 * i;

      if (at + 2 < n && (g_str_equal (f[at], "@") || g_str_equal (f[at], "@i"))
          && g_str_equal (f[at + 2], "n"))
        g_ptr_array_add (out, g_strconcat ("n", f[at + 1], NULL));
    }
}

/* Every ancestor of @wnid through all hypernym paths (cached: the set is asked for often). */
static GHashTable *
wn_ancestors (const char *wnid)
{
  static GHashTable *cache;
  g_autoptr(GPtrArray) todo = NULL;
  GHashTable *seen;

  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) g_hash_table_unref);
  if ((seen = g_hash_table_lookup (cache, wnid)) != NULL)
    return seen;
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  todo = g_ptr_array_new_with_free_func (g_free);
  wn_hypernyms (wnid, todo);
  while (todo->len > 0)
    {
      char *w = g_ptr_array_steal_index (todo, todo->len - 1);

      if (g_hash_table_add (seen, w))
        wn_hypernyms (w, todo);
    }
  g_hash_table_insert (cache, g_strdup (wnid), seen);
  return seen;
}

static gboolean
wn_is_under (const char *wnid,
             const char *ancestor)
{
  return g_hash_table_contains (wn_ancestors (wnid), ancestor);
}

/* ---- expectations and proposals as comparable strings ------------------------------------ */

typedef struct {
  DdCatalog *catalog;
  GPtrArray *classes;       /* every wnid */
  GPtrArray *corruptions;   /* "none" and every corruption name */
  GPtrArray *severities;    /* "0" … "5" */
  GPtrArray *splits;
  GPtrArray *class_info;    /* of DdClassInfo */
  GPtrArray *corr_info;     /* of DdCorruptionInfo */
} Universe;

static void
universe_init (Universe  *u,
               DdCatalog *catalog)
{
  g_autoptr(GPtrArray) splits = dd_catalog_list_splits (catalog);

  u->catalog = catalog;
  u->class_info = dd_catalog_list_classes (catalog);
  u->corr_info = dd_catalog_list_corruptions (catalog);
  u->classes = g_ptr_array_new_with_free_func (g_free);
  u->corruptions = g_ptr_array_new_with_free_func (g_free);
  u->severities = g_ptr_array_new_with_free_func (g_free);
  u->splits = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < u->class_info->len; i++)
    g_ptr_array_add (u->classes, g_strdup (((DdClassInfo *) u->class_info->pdata[i])->wnid));
  /* the samples without a label are one more member: "all" and "all but X" keep them */
  g_ptr_array_add (u->classes, g_strdup (DD_RECIPE_UNLABELED));
  g_ptr_array_add (u->corruptions, g_strdup ("none"));
  for (guint i = 0; i < u->corr_info->len; i++)
    {
      const char *name = ((DdCorruptionInfo *) u->corr_info->pdata[i])->name;
      if (!g_str_equal (name, "none"))
        g_ptr_array_add (u->corruptions, g_strdup (name));
    }
  for (guint s = 0; s <= 5; s++)
    g_ptr_array_add (u->severities, g_strdup_printf ("%u", s));
  for (guint i = 0; i < splits->len; i++)
    g_ptr_array_add (u->splits, g_strdup (((DdSplitInfo *) splits->pdata[i])->name));
}

static void
universe_clear (Universe *u)
{
  g_clear_pointer (&u->classes, g_ptr_array_unref);
  g_clear_pointer (&u->corruptions, g_ptr_array_unref);
  g_clear_pointer (&u->severities, g_ptr_array_unref);
  g_clear_pointer (&u->splits, g_ptr_array_unref);
  g_clear_pointer (&u->class_info, g_ptr_array_unref);
  g_clear_pointer (&u->corr_info, g_ptr_array_unref);
}

static GHashTable *
new_set (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
add_all (GHashTable *set,
         GPtrArray  *items)
{
  for (guint i = 0; i < items->len; i++)
    g_hash_table_add (set, g_strdup (items->pdata[i]));
}

static int
cmp_strp (gconstpointer a,
          gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Sorted and comma-joined, or "*" when @set holds all of @universe (NULL: no universe). */
static char *
set_to_string (GHashTable *set,
               GPtrArray  *universe)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;
  gboolean all = universe != NULL && universe->len > 0;

  for (guint i = 0; all && i < universe->len; i++)
    all = g_hash_table_contains (set, universe->pdata[i]);
  if (all && g_hash_table_size (set) == universe->len)
    return g_strdup ("*");
  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, cmp_strp);
  g_ptr_array_add (keys, NULL);
  return g_strjoinv (",", (char **) keys->pdata);
}

static void
add_class_term (Universe   *u,
                GHashTable *set,
                const char *term,
                gboolean    remove)
{
  for (guint i = 0; i < u->classes->len; i++)
    {
      const char *wnid = u->classes->pdata[i];
      gboolean hit;

      if (g_str_equal (term, "*"))
        hit = TRUE;
      else if (term[0] == '@')
        hit = g_str_equal (wnid, term + 1) || wn_is_under (wnid, term + 1);
      else
        hit = g_str_equal (wnid, term);
      if (hit && remove)
        g_hash_table_remove (set, wnid);
      else if (hit)
        g_hash_table_add (set, g_strdup (wnid));
    }
}

static GHashTable *
expected_classes (Universe   *u,
                  const char *spec)
{
  GHashTable *set = new_set ();
  g_auto(GStrv) terms = g_strsplit (spec, " ", -1);

  for (guint i = 0; terms[i]; i++)
    if (terms[i][0] != '\0')
      add_class_term (u, set, terms[i][0] == '-' ? terms[i] + 1 : terms[i], terms[i][0] == '-');
  return set;
}

/* Adds (or removes) a corruption name, family, "none", "corrupted" or "*". */
static void
add_corruption_term (Universe   *u,
                     GHashTable *set,
                     const char *term,
                     gboolean    remove)
{
  gboolean known = FALSE;

  for (guint i = 0; i < u->corruptions->len; i++)
    {
      const char *name = u->corruptions->pdata[i];
      const char *family = dd_corruption_family_of (name);
      gboolean hit;

      hit = g_str_equal (term, "*") || g_str_equal (term, name)
            || (g_str_equal (term, "corrupted") && !g_str_equal (name, "none"))
            || (family != NULL && g_str_equal (term, family) && dd_is_corruption_family (term));
      if (hit && remove)
        g_hash_table_remove (set, name);
      else if (hit)
        g_hash_table_add (set, g_strdup (name));
      known |= hit;
    }
  if (!known && !remove)
    g_hash_table_add (set, g_strdup (term));   /* a name the catalog lacks: never matches */
}

static void
add_severity_spec (GHashTable *set,
                   const char *spec)
{
  g_auto(GStrv) parts = g_strsplit (spec, ",", -1);

  for (guint i = 0; parts[i]; i++)
    {
      char *dash = strchr (parts[i], '-');
      guint lo = g_ascii_strtoull (parts[i], NULL, 10);
      guint hi = dash ? g_ascii_strtoull (dash + 1, NULL, 10) : lo;

      for (guint s = lo; s <= hi && s <= 5; s++)
        g_hash_table_add (set, g_strdup_printf ("%u", s));
    }
}

/* Clean samples are selected only when both "none" and severity 0 are allowed. */
static void
normalise_clean (GHashTable *corruptions,
                 GHashTable *severities)
{
  if (!g_hash_table_contains (severities, "0"))
    g_hash_table_remove (corruptions, "none");
  if (!g_hash_table_contains (corruptions, "none"))
    g_hash_table_remove (severities, "0");
}

/* The eight comparable fields of a recipe: what it selects, written down. */
typedef struct {
  char *field[DD_EVAL_N_FIELDS - 1];
} Fields;

static void
fields_clear (Fields *f)
{
  for (guint i = 0; i < G_N_ELEMENTS (f->field); i++)
    g_clear_pointer (&f->field[i], g_free);
}

/* The fields of @out but the quota and the seed, from what a recipe selects. */
static void
fields_from_sets (Universe   *u,
                  GHashTable *classes,
                  GHashTable *corruptions,
                  GHashTable *severities,
                  GHashTable *splits,
                  GHashTable *flags,
                  Fields     *out)
{
  normalise_clean (corruptions, severities);
  out->field[DD_EVAL_CLASSES] = set_to_string (classes, u->classes);
  out->field[DD_EVAL_CORRUPTIONS] = set_to_string (corruptions, u->corruptions);
  out->field[DD_EVAL_SEVERITIES] = set_to_string (severities, u->severities);
  out->field[DD_EVAL_SPLITS] = set_to_string (splits, u->splits);
  out->field[DD_EVAL_FLAGS] = set_to_string (flags, NULL);
}

/* The names of the comma-separated @list, into @set. */
static void
add_list (GHashTable *set,
          const char *list)
{
  g_auto(GStrv) names = g_strsplit (list, ",", -1);

  for (guint i = 0; names[i]; i++)
    g_hash_table_add (set, g_strdup (names[i]));
}

static void
fields_from_columns (Universe    *u,
                     char       **col,
                     Fields      *out)
{
  g_autoptr(GHashTable) classes = NULL;
  g_autoptr(GHashTable) corruptions = new_set ();
  g_autoptr(GHashTable) severities = new_set ();
  g_autoptr(GHashTable) splits = new_set ();
  g_autoptr(GHashTable) flags = new_set ();
  g_auto(GStrv) corr_terms = g_strsplit (col[2], " ", -1);

  if (g_str_equal (col[1], "*"))
    {
      classes = new_set ();
      add_all (classes, u->classes);
    }
  else
    classes = expected_classes (u, col[1]);
  for (guint i = 0; corr_terms[i]; i++)
    if (corr_terms[i][0] != '\0')
      add_corruption_term (u, corruptions, corr_terms[i] + (corr_terms[i][0] == '-'),
                           corr_terms[i][0] == '-');
  add_severity_spec (severities, g_str_equal (col[3], "*") ? "0-5" : col[3]);
  if (g_str_equal (col[4], "*"))
    add_all (splits, u->splits);
  else
    add_list (splits, col[4]);
  if (!g_str_equal (col[7], "-"))
    add_list (flags, col[7]);
  fields_from_sets (u, classes, corruptions, severities, splits, flags, out);
  out->field[DD_EVAL_QUOTA] = g_strdup (g_str_equal (col[5], "-") ? "0" : col[5]);
  out->field[DD_EVAL_SEED] = g_strdup (g_str_equal (col[6], "-") ? "0" : col[6]);
}

/* A recipe's class entry is a wnid or a class name. */
static const char *
class_wnid (Universe   *u,
            const char *entry)
{
  for (guint i = 0; i < u->class_info->len; i++)
    {
      DdClassInfo *info = u->class_info->pdata[i];
      if (g_str_equal (info->wnid, entry) || g_ascii_strcasecmp (info->name, entry) == 0)
        return info->wnid;
    }
  return entry;
}

static void
fields_from_recipe (Universe *u,
                    DdRecipe *recipe,
                    Fields   *out)
{
  g_autoptr(GHashTable) classes = new_set ();
  g_autoptr(GHashTable) corruptions = new_set ();
  g_autoptr(GHashTable) severities = new_set ();
  g_autoptr(GHashTable) splits = new_set ();
  g_autoptr(GHashTable) flags = new_set ();
  const char * const *v;
  int mask = dd_recipe_get_severity_mask (recipe);

  if ((v = dd_recipe_get_classes (recipe)) == NULL)
    add_all (classes, u->classes);
  for (guint i = 0; v && v[i]; i++)
    g_hash_table_add (classes, g_strdup (class_wnid (u, v[i])));
  if ((v = dd_recipe_get_corruptions (recipe)) == NULL)
    add_all (corruptions, u->corruptions);
  for (guint i = 0; v && v[i]; i++)
    add_corruption_term (u, corruptions, v[i], FALSE);
  for (guint s = 0; s <= 5; s++)
    if (mask < 0 || (mask & (1 << s)))
      g_hash_table_add (severities, g_strdup_printf ("%u", s));
  if ((v = dd_recipe_get_splits (recipe)) == NULL)
    add_all (splits, u->splits);
  for (guint i = 0; v && v[i]; i++)
    g_hash_table_add (splits, g_strdup (v[i]));
  for (v = dd_recipe_get_exclude_flags (recipe); v && *v; v++)
    g_hash_table_add (flags, g_strdup (*v));
  fields_from_sets (u, classes, corruptions, severities, splits, flags, out);
  out->field[DD_EVAL_QUOTA] = g_strdup_printf ("%u", dd_recipe_get_per_class_limit (recipe));
  out->field[DD_EVAL_SEED] = g_strdup_printf ("%" G_GUINT64_FORMAT, dd_recipe_get_seed (recipe));
}

/* ---- the run ------------------------------------------------------------------------- */

static void
score_line (Universe    *u,
            char       **col,
            DdEvalScore *score)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdProposal) proposal = NULL;
  g_autoptr(GString) miss = g_string_new (NULL);
  Fields want = { 0 }, got = { 0 };
  gboolean whole = TRUE;
  gint64 t0 = g_get_monotonic_time ();

  proposal = dd_prompt_interpret (u->catalog, col[0], NULL, &error);
  g_assert_no_error (error);
  score->max_ms = MAX (score->max_ms, (g_get_monotonic_time () - t0) / 1000.0);
  fields_from_columns (u, col, &want);
  fields_from_recipe (u, proposal->recipe, &got);
  for (guint k = 0; k < G_N_ELEMENTS (want.field); k++)
    {
      if (g_str_equal (want.field[k], got.field[k]))
        {
          score->hits[k]++;
          continue;
        }
      whole = FALSE;
      g_string_append_printf (miss, "; %s %s, wanted %s", field_names[k], got.field[k],
                              want.field[k]);
    }
  score->n++;
  score->hits[DD_EVAL_WHOLE] += whole;
  if (!whole)
    g_ptr_array_add (score->misses, g_strdup_printf ("“%s”%s", col[0], miss->str));
  fields_clear (&want);
  fields_clear (&got);
}

gboolean
dd_eval_run_file (const char  *path,
                  DdCatalog   *tiny,
                  DdCatalog   *demo,
                  DdEvalScore *score,
                  GError     **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  Universe tiny_u = { 0 }, demo_u = { 0 };
  Universe *u = &tiny_u;

  if (!g_file_get_contents (path, &text, NULL, error))
    return FALSE;
  if (!wn_load ())
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "WordNet data.noun is not installed");
      return FALSE;
    }
  if (score->misses == NULL)
    score->misses = g_ptr_array_new_with_free_func (g_free);
  universe_init (&tiny_u, tiny);
  if (demo != NULL)
    universe_init (&demo_u, demo);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) col = NULL;

      if (g_str_has_prefix (lines[i], "#@catalog "))
        u = g_str_equal (lines[i] + 10, "demo") && demo ? &demo_u : &tiny_u;
      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      col = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (col) != 8)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s:%u: 8 columns expected",
                       path, i + 1);
          break;
        }
      score_line (u, col, score);
    }
  universe_clear (&tiny_u);
  universe_clear (&demo_u);
  return error == NULL || *error == NULL;
}
