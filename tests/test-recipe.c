/* Tests of DdRecipe: JSON round trips and canonical form, every parse error, evaluation
 * against the hand-counted fixture catalog, named recipes, undo/redo and the CLI. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "dd-recipe.h"
#include "dd-recipe-store.h"
#include "dd-recipe-history.h"
#include "dd-test-util.h"

typedef DdTestFixture Fixture;

static DdRecipe *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  DdRecipe *recipe = dd_recipe_new_from_json (json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (recipe);
  return recipe;
}

static void
assert_parse_error (const char *json,
                    int         code,
                    const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdRecipe) recipe = dd_recipe_new_from_json (json, -1, &error);

  g_assert_null (recipe);
  g_assert_error (error, DD_RECIPE_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("error “%s” does not mention “%s”", error->message, needle);
  g_assert_null (strchr (error->message, '\n'));
}

/* Samples the recipe selects in the fixture catalog. */
static guint
count (Fixture  *f,
       DdRecipe *recipe)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdSelection) sel = dd_recipe_evaluate (recipe, f->catalog, NULL, NULL, &error);

  g_assert_no_error (error);
  return dd_selection_get_n (sel);
}

static guint
count_json (Fixture    *f,
            const char *json)
{
  g_autoptr(DdRecipe) recipe = parse (json);
  return count (f, recipe);
}

/* A recipe in JSON and the number of samples of the fixture catalog it selects. */
typedef struct {
  const char *json;
  guint       count;
} CountCase;

/* Each of the @n_cases recipes selects its count. */
static void
assert_counts (Fixture         *f,
               const CountCase *cases,
               gsize            n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      guint n = count_json (f, cases[i].json);

      if (n != cases[i].count)
        g_error ("%s selects %u samples, not %u", cases[i].json, n, cases[i].count);
    }
}

/* ---- parsing and serialising ------------------------------------------------------ */

static void
test_empty (void)
{
  g_autoptr(DdRecipe) a = dd_recipe_new ();
  g_autoptr(DdRecipe) b = parse ("{}");
  g_autoptr(DdRecipe) c = parse ("{\"version\": 1, \"seed\": 0, \"exclude_flags\": [],"
                                 " \"include\": [], \"classes\": null}");
  g_autofree char *json = dd_recipe_to_json (a);

  g_assert_cmpstr (json, ==, "{\n  \"version\" : 1\n}\n");
  g_assert_true (dd_recipe_equal (a, b));
  g_assert_true (dd_recipe_equal (a, c));
  g_assert_null (dd_recipe_get_classes (a));
  g_assert_cmpint (dd_recipe_get_severity_mask (a), ==, -1);
  g_assert_cmpuint (dd_recipe_get_n_include (a), ==, 0);
}

static void
test_round_trip (void)
{
  const char *text =
    "{\"version\": 1, \"exclude\": [\"b/2.JPEG\", \"a/1.JPEG\"], \"seed\": 7,"
    " \"classes\": [\"tabby\", \"n01443537\", \"tabby\"], \"severities\": [5, 0, 4, 4],"
    " \"splits\": [\"val\"], \"corruptions\": [\"none\", \"blur\"],"
    " \"exclude_flags\": [\"undecodable\"], \"per_class_limit\": 100,"
    " \"include\": [\"c/3.JPEG\"]}";
  const char *canonical =
    "{\n"
    "  \"version\" : 1,\n"
    "  \"classes\" : [\n    \"n01443537\",\n    \"tabby\"\n  ],\n"
    "  \"corruptions\" : [\n    \"blur\",\n    \"none\"\n  ],\n"
    "  \"severities\" : [\n    0,\n    4,\n    5\n  ],\n"
    "  \"splits\" : [\n    \"val\"\n  ],\n"
    "  \"exclude_flags\" : [\n    \"undecodable\"\n  ],\n"
    "  \"per_class_limit\" : 100,\n"
    "  \"seed\" : 7,\n"
    "  \"include\" : [\n    \"c/3.JPEG\"\n  ],\n"
    "  \"exclude\" : [\n    \"a/1.JPEG\",\n    \"b/2.JPEG\"\n  ]\n"
    "}\n";
  g_autoptr(DdRecipe) recipe = parse (text);
  g_autofree char *json = dd_recipe_to_json (recipe);
  g_autoptr(DdRecipe) again = parse (json);
  g_autofree char *json2 = dd_recipe_to_json (again);

  g_assert_cmpstr (json, ==, canonical);
  g_assert_cmpstr (json2, ==, canonical);
  g_assert_true (dd_recipe_equal (recipe, again));
  g_assert_cmpuint (dd_recipe_hash (recipe), ==, dd_recipe_hash (again));
  g_assert_cmpint (dd_recipe_get_severity_mask (recipe), ==, 0x31);
  g_assert_cmpuint (dd_recipe_get_per_class_limit (recipe), ==, 100);
  g_assert_cmpuint (dd_recipe_get_seed (recipe), ==, 7);
  g_assert_cmpint (dd_recipe_get_override (recipe, "c/3.JPEG"), ==, DD_RECIPE_OVERRIDE_INCLUDE);
  g_assert_cmpint (dd_recipe_get_override (recipe, "a/1.JPEG"), ==, DD_RECIPE_OVERRIDE_EXCLUDE);
  g_assert_cmpint (dd_recipe_get_override (recipe, "zzz"), ==, DD_RECIPE_OVERRIDE_NONE);

  /* An empty set is kept: it selects nothing, which is not "all". */
  {
    g_autoptr(DdRecipe) none = parse ("{\"classes\": [], \"severities\": []}");
    g_autofree char *t = dd_recipe_to_json (none);
    g_autoptr(DdRecipe) all = dd_recipe_new ();

    g_autoptr(DdRecipe) back = parse (t);

    g_assert_nonnull (strstr (t, "\"classes\""));
    g_assert_true (dd_recipe_equal (none, back));
    g_assert_nonnull (dd_recipe_get_classes (back));
    g_assert_null (dd_recipe_get_classes (back)[0]);
    g_assert_cmpint (dd_recipe_get_severity_mask (none), ==, 0);
    g_assert_false (dd_recipe_equal (none, all));
  }
}

static void
test_describe (void)
{
  g_autoptr(DdRecipe) all = dd_recipe_new ();
  g_autoptr(DdRecipe) some = parse ("{\"classes\": [\"tabby\", \"goldfish\"],"
                                    " \"corruptions\": [\"blur\"], \"severities\": [5, 4],"
                                    " \"splits\": [\"val\"], \"exclude_flags\": [\"truncated\"],"
                                    " \"per_class_limit\": 100, \"seed\": 7,"
                                    " \"include\": [\"a\", \"b\"], \"exclude\": [\"c\"]}");
  g_autofree char *a = dd_recipe_describe (all);
  g_autofree char *b = dd_recipe_describe (some);

  g_assert_cmpstr (a, ==, "All samples");
  g_assert_cmpstr (b, ==, "goldfish, tabby · blur · severities 4, 5 · val · without truncated"
                          " · 100 per class (seed 7) · 2 included · 1 excluded");
}

/* With the catalog, classes are named and a few left out are named instead. */
static void
test_describe_in (Fixture       *f,
                  gconstpointer  data)
{
  struct { const char *json; const char *want; } cases[] = {
    { "{}", "All samples" },
    { "{\"classes\": [\"n01443537\"]}", "goldfish" },
    { "{\"classes\": [\"n01443537\", \"tabby\", \"unlabeled\"], \"corruptions\": [\"fog\"]}",
      "all classes but school bus · fog" },
    { "{\"classes\": [\"n01443537\", \"n02123045\", \"school bus\", \"unlabeled\"]}",
      "All samples" },
    /* without the token the fixture's 4 unlabeled samples are left out, and it says so */
    { "{\"classes\": [\"n01443537\", \"tabby\"], \"corruptions\": [\"fog\"]}",
      "all classes but school bus, unlabeled · fog" },
    { "{\"classes\": [\"n01443537\", \"n02123045\", \"school bus\"]}", "labeled only" },
    { "{\"classes\": [\"unlabeled\"]}", "unlabeled" },
    { "{\"classes\": []}", "no class" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DdRecipe) recipe = parse (cases[i].json);
      g_autofree char *text = dd_recipe_describe_in (recipe, f->catalog);

      g_assert_cmpstr (text, ==, cases[i].want);
    }
  /* without a catalog, wnids as they are */
  {
    g_autoptr(DdRecipe) recipe = parse ("{\"classes\": [\"n01443537\"]}");
    g_autofree char *text = dd_recipe_describe (recipe);

    g_assert_cmpstr (text, ==, "n01443537");
  }
}

static void
test_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dd-recipe-file-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "r.json", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
  g_autoptr(DdRecipe) recipe = parse ("{\"classes\": [\"goldfish\"], \"per_class_limit\": 3}");
  g_autoptr(DdRecipe) loaded = NULL;
  g_autoptr(DdRecipe) missing = NULL;
  g_autoptr(DdRecipe) broken = NULL;

  g_assert_true (dd_recipe_save_to_file (recipe, path, &error));
  g_assert_no_error (error);
  loaded = dd_recipe_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (dd_recipe_equal (recipe, loaded));

  missing = dd_recipe_new_from_file ("/nonexistent/r.json", &error);
  g_assert_null (missing);
  g_assert_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/r.json"));
  g_clear_error (&error);

  /* Malformed JSON: the message names the file, line and column. */
  g_assert_true (g_file_set_contents (bad, "{\n  \"classes\": [\"a\",]\n}\n", -1, NULL));
  broken = dd_recipe_new_from_file (bad, &error);
  g_assert_null (broken);
  g_assert_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "bad.json:2:"));
  g_assert_null (strstr (error->message, "<data>"));

  dd_test_rm_rf (dir);
}

static void
test_errors (void)
{
  /* a recipe, the error it is refused with and words its message must hold */
  static const struct {
    const char *json;
    int         code;
    const char *needle;
  } cases[] = {
    { "{\"clases\": [\"x\"]}", DD_RECIPE_ERROR_INVALID, "Unknown key “clases” in recipe" },
    { "{\"clases\": [\"x\"]}", DD_RECIPE_ERROR_INVALID, "“classes”" },
    { "{\"colour\": 1}", DD_RECIPE_ERROR_INVALID, "“colour”" },
    { "{\"severities\": [1, 6]}", DD_RECIPE_ERROR_INVALID,
      "“severities” must be an array of numbers 0–5" },
    { "{\"severities\": [\"1\"]}", DD_RECIPE_ERROR_INVALID, "“severities”" },
    { "{\"severities\": [1.5]}", DD_RECIPE_ERROR_INVALID, "“severities”" },
    { "{\"severities\": 3}", DD_RECIPE_ERROR_INVALID, "“severities”" },
    { "{\"classes\": \"goldfish\"}", DD_RECIPE_ERROR_INVALID, "“classes”" },
    { "{\"corruptions\": [1]}", DD_RECIPE_ERROR_INVALID, "“corruptions”" },
    { "{\"splits\": [\"\"]}", DD_RECIPE_ERROR_INVALID, "“splits”" },
    { "{\"exclude_flags\": [true]}", DD_RECIPE_ERROR_INVALID, "“exclude_flags”" },
    { "{\"include\": [3]}", DD_RECIPE_ERROR_INVALID, "“include”" },
    { "{\"exclude\": {}}", DD_RECIPE_ERROR_INVALID, "“exclude”" },
    { "{\"per_class_limit\": -1}", DD_RECIPE_ERROR_INVALID, "“per_class_limit”" },
    { "{\"per_class_limit\": \"10\"}", DD_RECIPE_ERROR_INVALID, "“per_class_limit”" },
    { "{\"seed\": 1.5}", DD_RECIPE_ERROR_INVALID, "“seed”" },
    { "{\"version\": 2, \"shiny_new_key\": 1}", DD_RECIPE_ERROR_NEWER_VERSION, "newer" },
    { "{\"version\": 0}", DD_RECIPE_ERROR_INVALID, "“version”" },
    { "{\"version\": \"1\"}", DD_RECIPE_ERROR_INVALID, "“version”" },
    { "[1, 2]", DD_RECIPE_ERROR_INVALID, "JSON object" },
    { "", DD_RECIPE_ERROR_INVALID, "empty" },
    { "{\"classes\": [\"a\",", DD_RECIPE_ERROR_INVALID, "not valid JSON" },
    { "{\n\"classes\": [\"a\"]\n,,}", DD_RECIPE_ERROR_INVALID, ":3:" },
    { "{\"include\": [\"k\"], \"exclude\": [\"k\"]}", DD_RECIPE_ERROR_INVALID, "“k”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_parse_error (cases[i].json, cases[i].code, cases[i].needle);
}

static void
test_editing (void)
{
  g_autoptr(DdRecipe) base = dd_recipe_new ();
  const char *classes[] = { "tabby", "goldfish", "tabby", NULL };
  const char *keys[] = { "k2", "k1", NULL };
  const char *with_empty[] = { "", "k3", NULL };
  g_autoptr(DdRecipe) a = dd_recipe_with_classes (base, classes);
  g_autoptr(DdRecipe) b = dd_recipe_with_severities (a, (1 << 4) | (1 << 5));
  g_autoptr(DdRecipe) c = dd_recipe_with_quota (b, 10, 3);
  g_autoptr(DdRecipe) d = dd_recipe_toggle_include (c, keys, -1);
  g_autoptr(DdRecipe) e = dd_recipe_toggle_exclude (d, keys, 1);
  g_autoptr(DdRecipe) g = dd_recipe_toggle_include (e, keys, -1);
  g_autoptr(DdRecipe) h = dd_recipe_toggle_include (g, keys, -1);
  g_autoptr(DdRecipe) i = dd_recipe_without_overrides (e);
  g_autoptr(DdRecipe) j = dd_recipe_with_classes (i, NULL);
  g_autoptr(DdRecipe) expected = parse ("{\"classes\": [\"goldfish\", \"tabby\"],"
                                        " \"severities\": [4, 5], \"per_class_limit\": 10,"
                                        " \"seed\": 3, \"include\": [\"k1\"],"
                                        " \"exclude\": [\"k2\"]}");
  const char * const *got;

  /* The originals are untouched. */
  g_assert_null (dd_recipe_get_classes (base));
  g_assert_cmpint (dd_recipe_get_severity_mask (a), ==, -1);

  got = dd_recipe_get_classes (a);
  g_assert_cmpstr (got[0], ==, "goldfish");
  g_assert_cmpstr (got[1], ==, "tabby");
  g_assert_null (got[2]);
  g_assert_cmpuint (dd_recipe_get_n_include (d), ==, 2);
  g_assert_cmpint (dd_recipe_get_override (d, "k1"), ==, DD_RECIPE_OVERRIDE_INCLUDE);
  /* Excluding moves a key out of include. */
  g_assert_cmpint (dd_recipe_get_override (e, "k2"), ==, DD_RECIPE_OVERRIDE_EXCLUDE);
  g_assert_cmpint (dd_recipe_get_override (e, "k1"), ==, DD_RECIPE_OVERRIDE_INCLUDE);
  g_assert_true (dd_recipe_equal (e, expected));
  /* Not all included → include all; all included → clear. */
  g_assert_cmpuint (dd_recipe_get_n_include (g), ==, 2);
  g_assert_cmpuint (dd_recipe_get_n_exclude (g), ==, 0);
  g_assert_cmpuint (dd_recipe_get_n_include (h), ==, 0);
  g_assert_cmpuint (dd_recipe_get_n_exclude (h), ==, 0);
  g_assert_cmpuint (dd_recipe_get_n_include (i) + dd_recipe_get_n_exclude (i), ==, 0);
  g_assert_null (dd_recipe_get_classes (j));
  {
    g_autoptr(DdRecipe) k = dd_recipe_with_override (j, with_empty, -1,
                                                     DD_RECIPE_OVERRIDE_INCLUDE);
    g_autoptr(DdRecipe) l = dd_recipe_with_severities (k, -1);
    g_autofree char *text = dd_recipe_to_json (l);
    g_autoptr(DdRecipe) back = parse (text);

    g_assert_cmpuint (dd_recipe_get_n_include (k), ==, 1);
    g_assert_cmpint (dd_recipe_get_severity_mask (l), ==, -1);
    g_assert_true (dd_recipe_equal (l, back));
  }
  g_assert_cmpuint (dd_recipe_get_per_class_limit (j), ==, 10);
}

/* ---- evaluation ------------------------------------------------------------------- */

static void
test_evaluate_rules (Fixture       *f,
                     gconstpointer  data)
{
  static const CountCase cases[] = {
    { "{}", 111 },
    /* classes by wnid and by name (and a synonym) */
    { "{\"classes\": [\"n01443537\"]}", 36 },
    { "{\"classes\": [\"goldfish\"]}", 36 },
    { "{\"classes\": [\"tabby cat\"]}", 36 },
    { "{\"classes\": [\"school bus\", \"goldfish\"]}", 71 },
    { "{\"classes\": [\"goldfish\", \"n01443537\"]}", 36 },
    { "{\"classes\": []}", 0 },
    /* corruptions, families expanded */
    { "{\"corruptions\": [\"none\"]}", 21 },
    { "{\"corruptions\": [\"blur\"]}", 30 },
    { "{\"corruptions\": [\"noise\", \"weather\"]}", 60 },
    { "{\"corruptions\": [\"none\", \"fog\"]}", 51 },
    /* a standard corruption this dataset lacks selects nothing, without an error */
    { "{\"corruptions\": [\"frost\"]}", 0 },
    /* severities */
    { "{\"severities\": [0]}", 21 },
    { "{\"severities\": [4, 5]}", 36 },
    /* splits */
    { "{\"splits\": [\"val\"]}", 96 },
    { "{\"splits\": [\"train\", \"test\"]}", 15 },
    /* health flags */
    { "{\"exclude_flags\": [\"undecodable\"]}", 110 },
    { "{\"exclude_flags\": [\"undecodable\", \"missing_label\"]}", 109 },
    /* everything together */
    { "{\"classes\": [\"goldfish\"], \"corruptions\": [\"blur\"],"
      " \"severities\": [4, 5], \"splits\": [\"val\"]}", 4 },
  };

  assert_counts (f, cases, G_N_ELEMENTS (cases));
}

static void
test_evaluate_overrides (Fixture       *f,
                         gconstpointer  data)
{
  /* include wins over the rules, exclude over everything */
  static const CountCase include_wins[] = {
    { "{\"classes\": [\"goldfish\"],"
      " \"include\": [\"tiny/test/images/test_0.JPEG\"]}", 37 },
    { "{\"classes\": [\"goldfish\"], \"exclude\":"
      " [\"tiny/train/n01443537/images/n01443537_1.JPEG\"]}", 35 },
    { "{\"exclude_flags\": [\"undecodable\"], \"include\":"
      " [\"tiny/train/n01443537/images/n01443537_0.JPEG\"]}", 111 },
    { "{\"classes\": [], \"include\":"
      " [\"tiny/test/images/test_0.JPEG\","
      " \"tiny/test/images/test_1.JPEG\"]}", 2 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(DdRecipe) recipe = NULL;
  g_autoptr(DdSelection) sel = NULL;

  assert_counts (f, include_wins, G_N_ELEMENTS (include_wins));

  /* A vanished file is a warning, not an error. */
  recipe = parse ("{\"classes\": [\"goldfish\"], \"include\": [\"gone/a.JPEG\","
                  " \"tiny/test/images/test_0.JPEG\"], \"exclude\": [\"gone/b.JPEG\"]}");
  sel = dd_recipe_evaluate (recipe, f->catalog, warnings, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_selection_get_n (sel), ==, 37);
  g_assert_cmpuint (warnings->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "gone/a.JPEG"));
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 1), "gone/b.JPEG"));

  /* Cached ids follow the catalog: a removed sample turns into a warning. */
  g_ptr_array_set_size (warnings, 0);
  dd_test_delete_key (f->catalog, "tiny/test/images/test_0.JPEG");
  g_clear_pointer (&sel, dd_selection_unref);
  sel = dd_recipe_evaluate (recipe, f->catalog, warnings, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_selection_get_n (sel), ==, 36);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "2 included samples"));
}

static void
test_evaluate_edited_overrides (Fixture       *f,
                                gconstpointer  data)
{
  const char *first[] = { "tiny/test/images/test_0.JPEG", NULL };
  const char *second[] = { "tiny/test/images/test_1.JPEG", "gone.JPEG", NULL };
  g_autoptr(DdRecipe) base = parse ("{\"classes\": []}");
  g_autoptr(DdRecipe) a = dd_recipe_toggle_include (base, first, -1);
  g_autoptr(DdRecipe) b = NULL;
  g_autoptr(DdRecipe) c = NULL;

  g_assert_cmpuint (count (f, a), ==, 1);
  /* b inherits a's resolved ids and looks up only the new keys */
  b = dd_recipe_toggle_include (a, second, -1);
  g_assert_cmpuint (count (f, b), ==, 2);
  c = dd_recipe_toggle_exclude (b, first, -1);
  g_assert_cmpuint (count (f, c), ==, 1);
}

static void
test_evaluate_unknown (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdRecipe) recipe = parse ("{\"classes\": [\"nope\", \"n01443537\", \"zebra\"],"
                                      " \"corruptions\": [\"frost_bite\"],"
                                      " \"splits\": [\"holdout\"],"
                                      " \"exclude_flags\": [\"ugly\"]}");
  g_autoptr(DdFilter) filter = dd_recipe_to_filter (recipe, f->catalog, NULL, &error);
  const char *names[] = { "“nope”", "“zebra”", "“frost_bite”", "“holdout”", "“ugly”" };

  g_assert_null (filter);
  g_assert_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_NOT_FOUND);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_nonnull (strstr (error->message, names[i]));
  g_assert_null (strstr (error->message, "n01443537"));
}

static void
test_evaluate_quota (Fixture       *f,
                     gconstpointer  data)
{
  static const CountCase limits[] = {
    /* a quota at or above the class size keeps everything */
    { "{\"per_class_limit\": 36, \"seed\": 1}", 111 },
    { "{\"per_class_limit\": 1000}", 111 },
    /* quota after the rules, then overrides */
    { "{\"classes\": [\"goldfish\"], \"per_class_limit\": 5}", 5 },
    { "{\"classes\": [\"goldfish\"], \"per_class_limit\": 5,"
      " \"include\": [\"tiny/test/images/test_0.JPEG\"]}", 6 },
  };
  g_autoptr(DdRecipe) q7 = parse ("{\"per_class_limit\": 2, \"seed\": 7}");
  g_autoptr(DdRecipe) q7b = parse ("{\"seed\": 7, \"per_class_limit\": 2}");
  g_autoptr(DdSelection) s1 = dd_recipe_evaluate (q7, f->catalog, NULL, NULL, NULL);
  g_autoptr(DdSelection) s2 = dd_recipe_evaluate (q7b, f->catalog, NULL, NULL, NULL);
  gboolean differs = FALSE;

  /* 3 classes + the unlabeled group, 2 each */
  g_assert_cmpuint (dd_selection_get_n (s1), ==, 8);
  g_assert_cmpuint (dd_selection_get_n (s2), ==, 8);
  for (guint i = 0; i < 8; i++)
    g_assert_cmpint (dd_selection_get_id (s1, i), ==, dd_selection_get_id (s2, i));

  /* other seeds pick other samples */
  for (guint seed = 8; seed < 12 && !differs; seed++)
    {
      g_autoptr(DdRecipe) other = dd_recipe_with_quota (q7, 2, seed);
      g_autoptr(DdSelection) s3 = dd_recipe_evaluate (other, f->catalog, NULL, NULL, NULL);

      g_assert_cmpuint (dd_selection_get_n (s3), ==, 8);
      for (guint i = 0; i < 8; i++)
        if (dd_selection_get_id (s1, i) != dd_selection_get_id (s3, i))
          differs = TRUE;
    }
  g_assert_true (differs);

  assert_counts (f, limits, G_N_ELEMENTS (limits));
}

static void
test_evaluate_async (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DdRecipe) recipe = parse ("{\"splits\": [\"val\"], \"include\": [\"gone\"]}");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  DdSelection *sel;

  dd_recipe_evaluate_async (recipe, f->catalog, NULL, dd_test_keep_result, &result);
  sel = dd_recipe_evaluate_finish (dd_test_await (&result), &warnings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (warnings);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_cmpuint (dd_selection_get_n (sel), ==, 96);
  dd_selection_unref (sel);
}

/* ---- named recipes ------------------------------------------------------------------ */

static void
test_store (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdRecipe) r1 = parse ("{\"classes\": [\"goldfish\"]}");
  g_autoptr(DdRecipe) r2 = parse ("{\"classes\": [\"tabby\"], \"severities\": [5]}");
  g_autoptr(DdRecipe) loaded = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) history = NULL;
  DdRecipeInfo *info;

  g_assert_true (dd_catalog_save_recipe (f->catalog, "  cats  ", r1, DD_RECIPE_SAVE_CREATE_ONLY,
                                         &error));
  g_assert_no_error (error);
  /* duplicate name */
  g_assert_false (dd_catalog_save_recipe (f->catalog, "cats", r2, DD_RECIPE_SAVE_CREATE_ONLY,
                                          &error));
  g_assert_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“cats” already exists"));
  g_clear_error (&error);
  /* update-only of an unknown name */
  g_assert_false (dd_catalog_save_recipe (f->catalog, "dogs", r2, DD_RECIPE_SAVE_UPDATE_ONLY,
                                          &error));
  g_assert_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* empty name */
  g_assert_false (dd_catalog_save_recipe (f->catalog, "  ", r2, 0, &error));
  g_assert_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (dd_catalog_save_recipe (f->catalog, "cats", r2, 0, &error));
  g_assert_true (dd_catalog_save_recipe (f->catalog, "fish", r1, 0, &error));
  g_assert_no_error (error);

  list = dd_catalog_list_recipes (f->catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  info = g_ptr_array_index (list, 0);
  g_assert_cmpstr (info->name, ==, "cats");
  g_assert_cmpuint (info->n_saves, ==, 2);
  g_assert_cmpint (info->modified, >=, info->created);
  g_assert_cmpint (info->created, >, 0);

  loaded = dd_catalog_load_recipe (f->catalog, "cats", &error);
  g_assert_no_error (error);
  g_assert_true (dd_recipe_equal (loaded, r2));

  history = dd_catalog_recipe_history (f->catalog, "cats", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_true (dd_recipe_equal (((DdRecipeRevision *) g_ptr_array_index (history, 0))->recipe,
                                  r1));
  g_assert_true (dd_recipe_equal (((DdRecipeRevision *) g_ptr_array_index (history, 1))->recipe,
                                  r2));

  /* rename: unknown source, taken target, then fine */
  g_assert_false (dd_catalog_rename_recipe (f->catalog, "dogs", "x", &error));
  g_assert_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“dogs”"));
  g_clear_error (&error);
  g_assert_false (dd_catalog_rename_recipe (f->catalog, "cats", "fish", &error));
  g_assert_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (dd_catalog_rename_recipe (f->catalog, "cats", "tabbies", &error));
  g_assert_no_error (error);

  /* persistence across reopening */
  g_clear_object (&f->catalog);
  f->catalog = dd_catalog_open (f->catalog_path, 0, &error);
  g_assert_no_error (error);
  g_clear_pointer (&loaded, dd_recipe_unref);
  loaded = dd_catalog_load_recipe (f->catalog, "tabbies", &error);
  g_assert_no_error (error);
  g_assert_true (dd_recipe_equal (loaded, r2));
  g_clear_pointer (&history, g_ptr_array_unref);
  history = dd_catalog_recipe_history (f->catalog, "tabbies", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_null (dd_catalog_load_recipe (f->catalog, "cats", &error));
  g_assert_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* delete takes the history along */
  g_assert_true (dd_catalog_delete_recipe (f->catalog, "tabbies", &error));
  g_assert_no_error (error);
  g_assert_false (dd_catalog_delete_recipe (f->catalog, "tabbies", &error));
  g_assert_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (dd_catalog_recipe_history (f->catalog, "tabbies", &error));
  g_assert_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = dd_catalog_list_recipes (f->catalog, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpuint (((DdRecipeInfo *) g_ptr_array_index (list, 0))->n_saves, ==, 1);
  /* No history outlives its recipe: with both gone, a new recipe gets the first id
   * again and starts with its own save alone. */
  g_assert_true (dd_catalog_delete_recipe (f->catalog, "fish", &error));
  g_assert_true (dd_catalog_save_recipe (f->catalog, "again", r1, 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&history, g_ptr_array_unref);
  history = dd_catalog_recipe_history (f->catalog, "again", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
}

static void
test_store_async (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdRecipe) r1 = parse ("{\"splits\": [\"val\"]}");
  g_autoptr(DdRecipe) loaded = NULL;
  g_autoptr(GPtrArray) list = NULL;
  GAsyncResult *result = NULL;

  dd_catalog_save_recipe_async (f->catalog, "val only", r1, DD_RECIPE_SAVE_CREATE_ONLY, NULL,
                                dd_test_keep_result, &result);
  g_assert_true (dd_catalog_save_recipe_finish (f->catalog, dd_test_await (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  dd_catalog_save_recipe_async (f->catalog, "val only", r1, DD_RECIPE_SAVE_CREATE_ONLY, NULL,
                                dd_test_keep_result, &result);
  g_assert_false (dd_catalog_save_recipe_finish (f->catalog, dd_test_await (&result), &error));
  g_assert_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&result);

  dd_catalog_rename_recipe_async (f->catalog, "val only", "validation", NULL, dd_test_keep_result, &result);
  g_assert_true (dd_catalog_rename_recipe_finish (f->catalog, dd_test_await (&result), &error));
  g_clear_object (&result);

  dd_catalog_list_recipes_async (f->catalog, NULL, dd_test_keep_result, &result);
  list = dd_catalog_list_recipes_finish (f->catalog, dd_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((DdRecipeInfo *) g_ptr_array_index (list, 0))->name, ==, "validation");
  g_clear_object (&result);

  dd_catalog_load_recipe_async (f->catalog, "validation", NULL, dd_test_keep_result, &result);
  loaded = dd_catalog_load_recipe_finish (f->catalog, dd_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_true (dd_recipe_equal (loaded, r1));
  g_clear_object (&result);

  dd_catalog_delete_recipe_async (f->catalog, "validation", NULL, dd_test_keep_result, &result);
  g_assert_true (dd_catalog_delete_recipe_finish (f->catalog, dd_test_await (&result), &error));
  g_clear_object (&result);
  dd_catalog_load_recipe_async (f->catalog, "validation", NULL, dd_test_keep_result, &result);
  g_assert_null (dd_catalog_load_recipe_finish (f->catalog, dd_test_await (&result), &error));
  g_assert_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_NOT_FOUND);
  g_clear_object (&result);
}

/* ---- undo / redo ------------------------------------------------------------------- */

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_history (void)
{
  g_autoptr(DdRecipe) r0 = dd_recipe_new ();
  g_autoptr(DdRecipeHistory) history = dd_recipe_history_new (r0);
  const char *classes[] = { "goldfish", NULL };
  g_autoptr(DdRecipe) r1 = dd_recipe_with_classes (r0, classes);
  g_autoptr(DdRecipe) r2 = dd_recipe_with_severities (r1, 1 << 5);
  g_autoptr(DdRecipe) r3 = dd_recipe_with_quota (r1, 4, 0);
  g_autoptr(DdRecipe) same = dd_recipe_with_classes (r1, classes);
  guint can_undo_notes = 0, current_notes = 0;
  gboolean can_undo;
  DdRecipe *current = NULL;

  g_signal_connect (history, "notify::can-undo", G_CALLBACK (count_notify), &can_undo_notes);
  g_signal_connect (history, "notify::current", G_CALLBACK (count_notify), &current_notes);

  g_assert_false (dd_recipe_history_get_can_undo (history));
  g_assert_false (dd_recipe_history_get_can_redo (history));
  g_assert_false (dd_recipe_history_undo (history));

  g_assert_true (dd_recipe_history_push (history, r1));
  g_assert_true (dd_recipe_history_push (history, r2));
  g_assert_cmpuint (can_undo_notes, ==, 1);
  g_assert_cmpuint (current_notes, ==, 2);
  /* an equal value records nothing */
  g_assert_false (dd_recipe_history_push (history, r2));
  g_assert_cmpuint (current_notes, ==, 2);

  g_assert_true (dd_recipe_history_undo (history));
  g_assert_true (dd_recipe_history_get_current (history) == r1);
  g_assert_true (dd_recipe_history_get_can_redo (history));
  g_assert_true (dd_recipe_history_redo (history));
  g_assert_true (dd_recipe_history_get_current (history) == r2);
  g_assert_false (dd_recipe_history_redo (history));

  g_assert_true (dd_recipe_history_undo (history));
  g_assert_true (dd_recipe_history_undo (history));
  g_assert_true (dd_recipe_history_get_current (history) == r0);
  g_assert_false (dd_recipe_history_get_can_undo (history));
  g_assert_true (dd_recipe_history_redo (history));
  /* a push drops the redo side */
  g_assert_true (dd_recipe_history_push (history, r3));
  g_assert_false (dd_recipe_history_get_can_redo (history));
  g_assert_true (dd_recipe_history_undo (history));
  g_assert_true (dd_recipe_equal (dd_recipe_history_get_current (history), same));

  /* properties */
  g_object_get (history, "can-undo", &can_undo, "current", &current, NULL);
  g_assert_true (can_undo);
  g_assert_true (current == r1);
  dd_recipe_unref (current);
  g_object_set (history, "current", r2, NULL);
  g_assert_true (dd_recipe_history_get_current (history) == r2);

  /* limit */
  dd_recipe_history_set_max_steps (history, 1);
  g_assert_true (dd_recipe_history_undo (history));
  g_assert_false (dd_recipe_history_undo (history));

  dd_recipe_history_reset (history, r3);
  g_assert_false (dd_recipe_history_get_can_undo (history));
  g_assert_false (dd_recipe_history_get_can_redo (history));
  g_assert_true (dd_recipe_history_get_current (history) == r3);
}

/* ---- the command line ------------------------------------------------------------- */

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *recipe = g_build_filename (f->dir, "r.json", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.json", NULL);
  g_autofree char *unknown = g_build_filename (f->dir, "unknown.json", NULL);
  const char *catalog = f->catalog_path;
  g_auto(DdTestRun) r = { 0 };

  if (dd_test_skip_without_cli ())
    return;
  /* The CLI opens the file itself. */
  g_clear_object (&f->catalog);
  g_assert_true (g_file_set_contents (recipe,
                                      "{\"classes\": [\"goldfish\"], \"include\": [\"gone\"]}",
                                      -1, NULL));
  g_assert_true (g_file_set_contents (bad, "{\"clases\": []}", -1, NULL));
  g_assert_true (g_file_set_contents (unknown, "{\"classes\": [\"zebra\", \"okapi\"]}", -1, NULL));

  dd_test_run_cli (&r, "query", "--catalog", catalog, "--recipe", recipe, "--count", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "36\n");
  g_assert_nonnull (strstr (r.err, "warning"));
  /* further options intersect */
  dd_test_run_cli (&r, "query", "--catalog", catalog, "--recipe", recipe, "--corruption", "blur",
                   "--severity", "5", "--count", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "2\n");

  dd_test_run_cli (&r, "query", "--catalog", catalog, "--recipe", bad, "--count", NULL);
  dd_test_assert_one_line_error (&r, "“clases”");
  dd_test_run_cli (&r, "query", "--catalog", catalog, "--recipe", unknown, "--count", NULL);
  dd_test_assert_one_line_error (&r, "“okapi”");
  dd_test_run_cli (&r, "query", "--catalog", catalog, "--recipe", "/nonexistent.json", NULL);
  dd_test_assert_one_line_error (&r, "/nonexistent.json");

  /* named recipes */
  dd_test_run_cli (&r, "recipe", "save", "fish", "--catalog", catalog, "--from", recipe, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "36"));
  dd_test_run_cli (&r, "recipe", "save", "zoo", "--catalog", catalog, "--from", unknown, NULL);
  dd_test_assert_one_line_error (&r, "“zebra”");
  dd_test_run_cli (&r, "recipe", "save", "zoo", "--catalog", catalog, NULL);
  dd_test_assert_one_line_error (&r, "--from");
  dd_test_run_cli (&r, "recipe", "list", "--catalog", catalog, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"name\":\"fish\""));
  g_assert_nonnull (strstr (r.out, "\"samples\":36"));
  dd_test_run_cli (&r, "recipe", "show", "fish", "--catalog", catalog, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"goldfish\""));
  dd_test_run_cli (&r, "recipe", "save", "fish", "--catalog", catalog, "--from", recipe, "--json",
                   NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"samples\":36"));
  dd_test_run_cli (&r, "recipe", "history", "fish", "--catalog", catalog, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"history\":[{\"saved_at\""));
  g_assert_nonnull (strstr (r.out, "},{\"saved_at\""));
  dd_test_run_cli (&r, "recipe", "show", "nope", "--catalog", catalog, NULL);
  dd_test_assert_one_line_error (&r, "“nope”");
  dd_test_run_cli (&r, "recipe", "rename", "fish", "--catalog", catalog, NULL);
  dd_test_assert_one_line_error (&r, "--to");
  dd_test_run_cli (&r, "recipe", "rename", "fish", "--to", "goldfish", "--catalog", catalog, NULL);
  g_assert_cmpint (r.status, ==, 0);
  dd_test_run_cli (&r, "recipe", "delete", "fish", "--catalog", catalog, NULL);
  dd_test_assert_one_line_error (&r, "“fish”");
  dd_test_run_cli (&r, "recipe", "delete", "goldfish", "--catalog", catalog, NULL);
  g_assert_cmpint (r.status, ==, 0);
  dd_test_run_cli (&r, "recipe", "frobnicate", "--catalog", catalog, NULL);
  dd_test_assert_one_line_error (&r, "frobnicate");
  dd_test_run_cli (&r, "recipe", "show", "--catalog", catalog, NULL);
  dd_test_assert_one_line_error (&r, "NAME");
  dd_test_run_cli (&r, "recipe", "list", NULL);
  dd_test_assert_one_line_error (&r, "--catalog");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/recipe/" path, Fixture, NULL, dd_test_setup_counted, func, dd_test_teardown)

  g_test_add_func ("/recipe/json/empty", test_empty);
  g_test_add_func ("/recipe/json/round-trip-canonical", test_round_trip);
  g_test_add_func ("/recipe/json/files", test_files);
  g_test_add_func ("/recipe/describe", test_describe);
  g_test_add_func ("/recipe/json/errors", test_errors);
  g_test_add_func ("/recipe/editing", test_editing);
  g_test_add_func ("/recipe/undo-redo", test_history);
  ADD ("describe-in", test_describe_in);
  ADD ("evaluate/rules", test_evaluate_rules);
  ADD ("evaluate/overrides", test_evaluate_overrides);
  ADD ("evaluate/edited-overrides", test_evaluate_edited_overrides);
  ADD ("evaluate/unknown-names", test_evaluate_unknown);
  ADD ("evaluate/quota", test_evaluate_quota);
  ADD ("evaluate/async", test_evaluate_async);
  ADD ("store/crud-history-persistence", test_store);
  ADD ("store/async", test_store_async);
  ADD ("cli", test_cli);

  return g_test_run ();
}
