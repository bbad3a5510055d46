/* Tests of DdCatalog: opening, refusing what is not a catalog, and every query over a
 * hand-made fixture whose counts are known. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "dd-catalog-db.h"
#include "dd-recipe.h"
#include "dd-recipe-store.h"
#include "dd-test-damage.h"
#include "dd-test-util.h"

typedef DdTestFixture Fixture;

static guint
count (Fixture  *f,
       DdFilter *filter)
{
  g_autoptr(GError) error = NULL;
  guint n = dd_catalog_count (f->catalog, filter, NULL, &error);
  g_assert_no_error (error);
  return n;
}

static void
test_open_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalog) catalog = dd_catalog_open ("/nonexistent/dir/x.ddcat", 0, &error);

  g_assert_null (catalog);
  g_assert_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/dir/x.ddcat"));
}

static void
test_open_not_a_catalog (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dd-catalog-XXXXXX", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *other = g_build_filename (dir, "other.sqlite", NULL);
  g_autoptr(DdCatalog) catalog = NULL;

  g_assert_true (g_file_set_contents (text, "hello, this is not SQLite at all, not even close\n"
                                            "more text to fill a page of it.................", -1,
                                      NULL));
  catalog = dd_catalog_open (text, 0, &error);
  g_assert_null (catalog);
  g_assert_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_A_CATALOG);
  g_clear_error (&error);
  /* The file was not touched. */
  {
    g_autofree char *contents = NULL;
    g_assert_true (g_file_get_contents (text, &contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (contents, "hello"));
  }

  /* A SQLite database of another application. */
  dd_test_damage_sql (other, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  catalog = dd_catalog_open (other, DD_CATALOG_OPEN_CREATE, &error);
  g_assert_null (catalog);
  g_assert_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_A_CATALOG);
  g_clear_error (&error);

  /* A folder. */
  catalog = dd_catalog_open (dir, 0, &error);
  g_assert_null (catalog);
  g_assert_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_A_CATALOG);

  g_unlink (text);
  g_unlink (other);
  g_rmdir (dir);
}

static void
test_open_newer_version (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalog) again = NULL;

  g_clear_object (&f->catalog);
  dd_test_damage_sql (f->catalog_path, "UPDATE meta SET value = '99' WHERE key = 'schema_version'");

  again = dd_catalog_open (f->catalog_path, 0, &error);
  g_assert_null (again);
  g_assert_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NEWER_VERSION);
  g_assert_nonnull (strstr (error->message, "newer"));
}

static void
test_reopen_keeps_data (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalog) again = NULL;

  g_clear_object (&f->catalog);
  again = dd_catalog_open (f->catalog_path, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_catalog_get_n_samples (again), ==, 111);
  f->catalog = g_steal_pointer (&again);
}

static void
test_vocabulary (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) classes = dd_catalog_list_classes (f->catalog);
  g_autoptr(GPtrArray) corruptions = dd_catalog_list_corruptions (f->catalog);
  g_autoptr(GPtrArray) splits = dd_catalog_list_splits (f->catalog);
  g_autoptr(GPtrArray) sources = dd_catalog_list_sources (f->catalog);
  DdCorruptionInfo *fog;

  g_assert_cmpuint (classes->len, ==, 3);
  g_assert_cmpuint (corruptions->len, ==, 4);
  g_assert_cmpuint (splits->len, ==, 3);
  g_assert_cmpuint (sources->len, ==, 2);
  g_assert_cmpstr (((DdClassInfo *) classes->pdata[1])->parent_name, ==, "domestic cat");
  fog = corruptions->pdata[2];
  g_assert_cmpstr (fog->name, ==, "fog");
  g_assert_cmpstr (fog->family, ==, "weather");

  g_assert_cmpuint (dd_catalog_lookup_class (f->catalog, "n02123045"), ==, 2);
  g_assert_cmpuint (dd_catalog_lookup_class (f->catalog, "Tabby Cat"), ==, 2);
  g_assert_cmpuint (dd_catalog_lookup_class (f->catalog, "carassius auratus"), ==, 1);
  g_assert_cmpuint (dd_catalog_lookup_class (f->catalog, "school bus"), ==, 3);
  g_assert_cmpuint (dd_catalog_lookup_class (f->catalog, "unicorn"), ==, 0);
  g_assert_cmpuint (dd_catalog_lookup_corruption (f->catalog, "none"), ==, 0);
  g_assert_cmpuint (dd_catalog_lookup_split (f->catalog, "val"), !=, G_MAXUINT);
  g_assert_cmpint (dd_catalog_lookup_key (f->catalog, "tiny/test/images/test_2.JPEG", NULL),
                   ==, 111);
  g_assert_cmpint (dd_catalog_lookup_key (f->catalog, "no/such/key", NULL), ==, 0);
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdFilter) all = dd_filter_new ();
  g_autoptr(DdFilter) filter = NULL;

  g_assert_cmpuint (count (f, all), ==, 111);

  /* by class, by wnid and by name; unknown names are an error that names them */
  filter = dd_filter_new ();
  g_assert_true (dd_catalog_filter_add_class_name (f->catalog, filter, "goldfish", &error));
  /* goldfish: 4 train + 2 val clean + 2 × 15 corrupted */
  g_assert_cmpuint (count (f, filter), ==, 36);
  g_assert_true (dd_catalog_filter_add_class_name (f->catalog, filter, "n04146614", &error));
  g_assert_cmpuint (count (f, filter), ==, 36 + 35);  /* val_5 of school bus is unlabeled */
  g_assert_false (dd_catalog_filter_add_class_name (f->catalog, filter, "unicorn", &error));
  g_assert_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "unicorn"));
  g_clear_error (&error);
  g_clear_pointer (&filter, dd_filter_free);

  /* corruption families expand; "none" is clean */
  filter = dd_filter_new ();
  g_assert_true (dd_catalog_filter_add_corruption_name (f->catalog, filter, "weather", &error));
  g_assert_cmpuint (count (f, filter), ==, 30);
  g_assert_true (dd_catalog_filter_add_corruption_name (f->catalog, filter, "none", &error));
  g_assert_cmpuint (count (f, filter), ==, 30 + 21);
  g_assert_false (dd_catalog_filter_add_corruption_name (f->catalog, filter, "rain", &error));
  g_assert_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&filter, dd_filter_free);

  /* A standard corruption this dataset lacks selects nothing, rather than failing. */
  filter = dd_filter_new ();
  g_assert_true (dd_catalog_filter_add_corruption_name (f->catalog, filter, "frost", &error));
  g_assert_cmpuint (count (f, filter), ==, 0);
  g_clear_pointer (&filter, dd_filter_free);

  /* severities 4 and 5 of blur on val */
  filter = dd_filter_new ();
  g_assert_true (dd_catalog_filter_add_corruption_name (f->catalog, filter, "blur", &error));
  dd_filter_add_severity (filter, 4);
  dd_filter_add_severity (filter, 5);
  g_assert_true (dd_catalog_filter_add_split_name (f->catalog, filter, "val", &error));
  g_assert_cmpuint (count (f, filter), ==, 12);
  g_clear_pointer (&filter, dd_filter_free);

  /* splits; labeled; flags */
  filter = dd_filter_new ();
  g_assert_true (dd_catalog_filter_add_split_name (f->catalog, filter, "test", &error));
  g_assert_cmpuint (count (f, filter), ==, 3);
  g_assert_false (dd_catalog_filter_add_split_name (f->catalog, filter, "holdout", &error));
  g_clear_error (&error);
  g_clear_pointer (&filter, dd_filter_free);

  filter = dd_filter_new ();
  filter->labeled = 0;
  g_assert_cmpuint (count (f, filter), ==, 4);
  filter->labeled = 1;
  g_assert_cmpuint (count (f, filter), ==, 107);
  filter->labeled = -1;
  filter->require_flags = DD_HEALTH_FLAG (DD_HEALTH_UNDECODABLE) |
                          DD_HEALTH_FLAG (DD_HEALTH_MISSING_LABEL);
  g_assert_cmpuint (count (f, filter), ==, 2);
  filter->require_flags = 0;
  filter->exclude_flags = DD_HEALTH_FLAG (DD_HEALTH_UNDECODABLE);
  g_assert_cmpuint (count (f, filter), ==, 110);
}

static void
test_quota (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(DdFilter) filter = dd_filter_new ();
  g_autoptr(DdSelection) a = NULL;
  g_autoptr(DdSelection) b = NULL;
  g_autoptr(DdSelection) c = NULL;
  g_autoptr(DdFacets) facets = NULL;
  gboolean differ = FALSE;

  filter->per_class_limit = 5;
  filter->seed = 7;
  a = dd_catalog_select (f->catalog, filter, NULL, NULL);
  /* 3 labeled classes × 5 + the unlabeled group (4) capped at 5 */
  g_assert_cmpuint (dd_selection_get_n (a), ==, 3 * 5 + 4);
  facets = dd_catalog_facets (f->catalog, a);
  g_assert_cmpuint (facets->classes[1], ==, 5);
  g_assert_cmpuint (facets->classes[2], ==, 5);
  g_assert_cmpuint (facets->classes[3], ==, 5);

  /* counted in parts, one per thread, the sums are the same */
  {
    g_autoptr(DdSelection) all = dd_catalog_select (f->catalog, NULL, NULL, NULL);
    g_autoptr(DdFacets) whole = dd_catalog_facets (f->catalog, all);
    g_autoptr(DdFacets) parts = NULL;
    gsize cells = (gsize) whole->n_classes * whole->n_corruptions * 6;

    dd_facets_set_rows_per_part (7);
    parts = dd_catalog_facets (f->catalog, all);
    dd_facets_set_rows_per_part (500000);
    g_assert_cmpuint (parts->total, ==, 111);
    g_assert_cmpuint (parts->n_classes, ==, whole->n_classes);
    g_assert_cmpuint (parts->n_corruptions, ==, whole->n_corruptions);
    g_assert_cmpuint (parts->n_splits, ==, whole->n_splits);
    g_assert_cmpmem (parts->classes, parts->n_classes * sizeof (guint),
                     whole->classes, whole->n_classes * sizeof (guint));
    g_assert_cmpmem (parts->corruptions, parts->n_corruptions * sizeof (guint),
                     whole->corruptions, whole->n_corruptions * sizeof (guint));
    g_assert_cmpmem (parts->severities, 6 * sizeof (guint), whole->severities, 6 * sizeof (guint));
    g_assert_cmpmem (parts->splits, parts->n_splits * sizeof (guint),
                     whole->splits, whole->n_splits * sizeof (guint));
    g_assert_cmpmem (parts->cube, cells * sizeof (guint), whole->cube, cells * sizeof (guint));
    g_assert_cmpmem (parts->flags, sizeof parts->flags, whole->flags, sizeof whole->flags);
    for (guint i = 0, sum = 0; i < parts->n_classes; i++)
      if ((sum += parts->classes[i]) && i + 1 == parts->n_classes)
        g_assert_cmpuint (sum, ==, 111);
  }

  /* tried in parts, one per thread, the rows are the same and in the same order */
  {
    g_autoptr(DdFilter) some = dd_filter_new ();
    DdFilter *filters[] = { filter, some };

    dd_filter_add_class (some, 2);
    dd_filter_add_class (some, 3);
    some->exclude_flags = DD_HEALTH_FLAG (DD_HEALTH_NEAR_DUPLICATE) | DD_HEALTH_FLAG (DD_HEALTH_UNKNOWN_CLASS);
    for (guint k = 0; k < G_N_ELEMENTS (filters); k++)
      {
        g_autoptr(DdSelection) whole = dd_catalog_select (f->catalog, filters[k], NULL, NULL);
        g_autoptr(DdSelection) parts = NULL;

        dd_selection_set_rows_per_part (7);
        parts = dd_catalog_select (f->catalog, filters[k], NULL, NULL);
        dd_selection_set_rows_per_part (1000000);
        g_assert_cmpuint (dd_selection_get_n (parts), ==, dd_selection_get_n (whole));
        g_assert_cmpuint (dd_selection_get_n (parts), >, 0);
        g_assert_cmpmem (parts->rows, parts->n * sizeof (guint32),
                         whole->rows, whole->n * sizeof (guint32));
      }
  }

  b = dd_catalog_select (f->catalog, filter, NULL, NULL);
  g_assert_cmpuint (dd_selection_get_n (b), ==, dd_selection_get_n (a));
  for (guint i = 0; i < dd_selection_get_n (a); i++)
    g_assert_cmpint (dd_selection_get_id (a, i), ==, dd_selection_get_id (b, i));

  /* Another seed picks another sample. */
  filter->seed = 8;
  c = dd_catalog_select (f->catalog, filter, NULL, NULL);
  g_assert_cmpuint (dd_selection_get_n (c), ==, dd_selection_get_n (a));
  for (guint i = 0; i < dd_selection_get_n (a); i++)
    if (dd_selection_get_id (a, i) != dd_selection_get_id (c, i))
      differ = TRUE;
  g_assert_true (differ);

  /* A quota above every class keeps everything. */
  filter->per_class_limit = 1000;
  g_assert_cmpuint (count (f, filter), ==, 111);
}

static void
test_overrides (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdFilter) filter = dd_filter_new ();
  g_autoptr(DdSelection) sel = NULL;
  gint64 test0 = dd_catalog_lookup_key (f->catalog, "tiny/test/images/test_0.JPEG", NULL);
  gint64 train0 = dd_catalog_lookup_key (f->catalog,
                                         "tiny/train/n01443537/images/n01443537_1.JPEG", NULL);
  gint64 missing = 999999;

  g_assert_true (dd_catalog_filter_add_class_name (f->catalog, filter, "goldfish", &error));
  filter->include_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  filter->exclude_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (filter->include_ids, test0);
  g_array_append_val (filter->include_ids, missing);
  g_array_append_val (filter->exclude_ids, train0);
  sel = dd_catalog_select (f->catalog, filter, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_selection_get_n (sel), ==, 36 + 1 - 1);
  g_assert_cmpint (dd_selection_find (sel, test0), >=, 0);
  g_assert_cmpint (dd_selection_find (sel, train0), ==, -1);
  /* Stable order: ascending ids. */
  for (guint i = 1; i < dd_selection_get_n (sel); i++)
    g_assert_cmpint (dd_selection_get_id (sel, i - 1), <, dd_selection_get_id (sel, i));
  /* Exclusion wins over inclusion of the same sample. */
  g_array_append_val (filter->exclude_ids, test0);
  g_clear_pointer (&sel, dd_selection_unref);
  sel = dd_catalog_select (f->catalog, filter, NULL, &error);
  g_assert_cmpint (dd_selection_find (sel, test0), ==, -1);
}

static void
test_facets (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(DdSelection) all = dd_catalog_select (f->catalog, NULL, NULL, NULL);
  g_autoptr(DdFacets) facets = dd_catalog_facets (f->catalog, all);
  guint fog = dd_catalog_lookup_corruption (f->catalog, "fog");
  guint val = dd_catalog_lookup_split (f->catalog, "val");
  guint sum = 0;

  g_assert_cmpuint (facets->total, ==, 111);
  g_assert_cmpuint (facets->classes[0], ==, 4);      /* 3 test + 1 missing label */
  g_assert_cmpuint (facets->classes[1], ==, 36);
  g_assert_cmpuint (facets->classes[3], ==, 35);     /* one of its val images is unlabeled */
  g_assert_cmpuint (facets->corruptions[0], ==, 21);
  g_assert_cmpuint (facets->corruptions[fog], ==, 30);
  g_assert_cmpuint (facets->severities[0], ==, 21);
  for (guint s = 1; s <= 5; s++)
    g_assert_cmpuint (facets->severities[s], ==, 18);
  g_assert_cmpuint (facets->splits[val], ==, 96);
  g_assert_cmpuint (facets->flags[DD_HEALTH_UNDECODABLE], ==, 1);
  g_assert_cmpuint (facets->flags[DD_HEALTH_MISSING_LABEL], ==, 1);
  /* the cube: class 2 × fog × severity 3 = 2 val images */
  g_assert_cmpuint (facets->cube[(2 * facets->n_corruptions + fog) * 6 + 3], ==, 2);
  for (gsize i = 0; i < (gsize) facets->n_classes * facets->n_corruptions * 6; i++)
    sum += facets->cube[i];
  g_assert_cmpuint (sum, ==, 111);
}

static void
test_pages (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdFilter) filter = dd_filter_new ();
  g_autoptr(DdSelection) sel = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) tail = NULL;
  DdSampleInfo *first;

  g_assert_true (dd_catalog_filter_add_split_name (f->catalog, filter, "train", &error));
  sel = dd_catalog_select (f->catalog, filter, NULL, &error);
  page = dd_catalog_get_page (f->catalog, sel, 0, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 5);
  first = page->pdata[0];
  g_assert_cmpstr (first->key, ==, "tiny/train/n01443537/images/n01443537_0.JPEG");
  g_assert_cmpstr (first->path, ==, "/data/tiny/train/n01443537/images/n01443537_0.JPEG");
  g_assert_cmpstr (first->wnid, ==, "n01443537");
  g_assert_cmpstr (first->class_name, ==, "goldfish");
  g_assert_cmpstr (first->corruption, ==, "none");
  g_assert_cmpstr (first->split, ==, "train");
  g_assert_cmpuint (first->flags, ==, DD_HEALTH_FLAG (DD_HEALTH_UNDECODABLE));
  g_assert_cmpint (first->file_size, ==, -1);

  tail = dd_catalog_get_page (f->catalog, sel, 10, 100, NULL, &error);
  g_assert_cmpuint (tail->len, ==, 2);
  g_clear_pointer (&tail, g_ptr_array_unref);
  tail = dd_catalog_get_page (f->catalog, sel, 12, 100, NULL, &error);
  g_assert_cmpuint (tail->len, ==, 0);

  {
    g_autoptr(DdSampleInfo) boxed = dd_catalog_get_sample (f->catalog, 13, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (boxed->boxes->len, ==, 1);
    g_assert_cmpint (g_array_index (boxed->boxes, DdBox, 0).x1, ==, 30);
    g_assert_null (dd_catalog_get_sample (f->catalog, 424242, &error));
    g_assert_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_FOUND);
  }
}

static void
on_changed (DdCatalog *catalog,
            gpointer   user_data)
{
  (*(guint *) user_data)++;
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(DdFilter) filter = dd_filter_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DdSelection *sel;
  GPtrArray *page;
  guint changed = 0;
  guint64 generation = dd_catalog_get_generation (f->catalog);
  GThread *self_thread = g_thread_self ();

  dd_filter_add_severity (filter, 5);
  dd_catalog_select_async (f->catalog, filter, NULL, dd_test_keep_result, &result);
  sel = dd_catalog_select_finish (f->catalog, dd_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_selection_get_n (sel), ==, 18);
  g_assert_true (g_thread_self () == self_thread);

  g_clear_object (&result);
  dd_catalog_get_page_async (f->catalog, sel, 0, 100, NULL, dd_test_keep_result, &result);
  page = dd_catalog_get_page_finish (f->catalog, dd_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 18);
  g_ptr_array_unref (page);

  /* A reload bumps the generation and emits ::changed on this main context;
   * the old selection stays valid on its snapshot. */
  g_signal_connect (f->catalog, "changed", G_CALLBACK (on_changed), &changed);
  g_assert_true (dd_catalog_reload (f->catalog, NULL));
  g_assert_cmpuint (dd_catalog_get_generation (f->catalog), ==, generation + 1);
  while (changed == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (dd_selection_get_n (sel), ==, 18);
  g_signal_handlers_disconnect_by_func (f->catalog, on_changed, &changed);
  dd_selection_unref (sel);
}

typedef struct {
  const char   *path;
  GMainContext *context;
  DdCatalog    *catalog;   /* out of open_in_thread */
} ContextOpen;

static gpointer
open_in_thread (gpointer data)
{
  ContextOpen *open = data;
  g_autoptr(GError) error = NULL;

  open->catalog = dd_catalog_open_for_context (open->path, 0, open->context, &error);
  g_assert_no_error (error);
  return NULL;
}

static gpointer
reload_in_thread (gpointer data)
{
  g_assert_true (dd_catalog_reload (data, NULL));
  return NULL;
}

/* A catalog opened on a worker for another thread's context (what the session's first
 * step does) emits ::changed on that context, not on the worker's or the global one. */
static void
test_open_for_context (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  ContextOpen open = { f->catalog_path, context, NULL };
  g_autoptr(DdCatalog) catalog = NULL;
  guint changed = 0;
  gint64 end;

  g_main_context_push_thread_default (context);
  g_thread_join (g_thread_new ("open", open_in_thread, &open));
  catalog = g_steal_pointer (&open.catalog);
  g_assert_cmpuint (dd_catalog_get_n_samples (catalog), ==, 111);
  g_signal_connect (catalog, "changed", G_CALLBACK (on_changed), &changed);

  g_thread_join (g_thread_new ("reload", reload_in_thread, catalog));
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (changed == 0 && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (context, FALSE))
      g_usleep (1000);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_false (g_main_context_pending (g_main_context_default ()));
  g_main_context_pop_thread_default (context);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DdSelection) sel = NULL;

  g_cancellable_cancel (cancellable);
  sel = dd_catalog_select (f->catalog, NULL, cancellable, &error);
  g_assert_null (sel);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static guint
flagged (DdCatalog *catalog)
{
  g_autoptr(DdFilter) filter = dd_filter_new ();

  filter->require_flags = DD_HEALTH_FLAG (DD_HEALTH_GRAYSCALE);
  return dd_catalog_count (catalog, filter, NULL, NULL);
}

/* The stored snapshot speeds up opening and is never stale: a writer invalidates it. */
static void
test_snapshot_cache (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalog) again = NULL;
  g_autoptr(DdCatalog) third = NULL;
  DdCatalogWriter *writer;

  g_clear_object (&f->catalog);
  again = dd_catalog_open (f->catalog_path, 0, &error);       /* from the cache written at reload */
  g_assert_no_error (error);
  g_assert_cmpuint (dd_catalog_get_n_samples (again), ==, 111);
  g_assert_cmpuint (flagged (again), ==, 0);

  /* Recipes leave the samples alone: saving and reading one keeps the stored snapshot. */
  {
    g_autoptr(DdRecipe) recipe = dd_recipe_new ();
    g_autoptr(DdRecipe) loaded = NULL;

    g_assert_true (dd_catalog_save_recipe (again, "kept", recipe, DD_RECIPE_SAVE_DEFAULT, &error));
    g_assert_no_error (error);
    loaded = dd_catalog_load_recipe (again, "kept", &error);
    g_assert_no_error (error);
    g_assert_nonnull (loaded);
    g_assert_true (dd_catalog_has_stored_snapshot (again));
  }

  /* A writer changes flags; until the reload the old snapshot is what queries see. */
  writer = dd_catalog_writer_begin (again, DD_CATALOG_WRITE_SAMPLES, &error);
  g_assert_no_error (error);
  g_assert_false (dd_catalog_has_stored_snapshot (again));
  for (gint64 id = 1; id <= 5; id++)
    {
      g_autoptr(DdSampleInfo) info = dd_catalog_get_sample (again, id, &error);

      g_assert_no_error (error);
      g_assert_true (dd_catalog_writer_relabel_sample (writer, id, info->class_id,
                                                       info->flags | 128, &error));
      g_assert_no_error (error);
    }
  g_assert_true (dd_catalog_writer_commit (writer, &error));
  g_assert_no_error (error);
  /* Reopened before any reload: the cache was dropped, the rows are read. */
  third = dd_catalog_open (f->catalog_path, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (flagged (third), ==, 5);
  g_clear_object (&third);

  g_assert_true (dd_catalog_reload (again, &error));
  g_assert_cmpuint (flagged (again), ==, 5);
  g_clear_object (&again);

  /* A damaged cache is ignored. */
  dd_test_damage_sql (f->catalog_path, "UPDATE snapshot_cache SET data = x'00112233'");
  f->catalog = dd_catalog_open (f->catalog_path, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_catalog_get_n_samples (f->catalog), ==, 111);
  g_assert_cmpuint (flagged (f->catalog), ==, 5);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdSnapshot, dd_snapshot_unref)

/* The snapshot as @catalog holds it, referenced. */
static DdSnapshot *
snapshot_of (DdCatalog *catalog)
{
  g_autoptr(DdCatalogState) st = dd_catalog_get_state (catalog);

  return dd_snapshot_ref (st->snapshot);
}

static void
assert_same_snapshot (DdSnapshot *a,
                      DdSnapshot *b)
{
  g_assert_cmpuint (a->n, ==, b->n);
  g_assert_cmpmem (a->ids, a->n * sizeof *a->ids, b->ids, b->n * sizeof *b->ids);
  g_assert_cmpmem (a->classes, a->n * sizeof *a->classes, b->classes, b->n * sizeof *b->classes);
  g_assert_cmpmem (a->corruptions, a->n, b->corruptions, b->n);
  g_assert_cmpmem (a->severities, a->n, b->severities, b->n);
  g_assert_cmpmem (a->splits, a->n, b->splits, b->n);
  g_assert_cmpmem (a->sources, a->n * sizeof *a->sources, b->sources, b->n * sizeof *b->sources);
  g_assert_cmpmem (a->flags, a->n * sizeof *a->flags, b->flags, b->n * sizeof *b->flags);
  g_assert_cmpmem (a->keyhashes, a->n * sizeof *a->keyhashes, b->keyhashes,
                   b->n * sizeof *b->keyhashes);
}

/* Reopened from the stored snapshot: @catalog's snapshot again, read from the blob. */
static void
assert_stored_reads_back (Fixture   *f,
                          DdCatalog *catalog)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdSnapshot) want = snapshot_of (catalog);
  g_autoptr(DdCatalog) again = dd_catalog_open (f->catalog_path, DD_CATALOG_OPEN_READONLY, &error);
  g_autoptr(DdSnapshot) got = NULL;

  g_assert_no_error (error);
  g_assert_true (again->cache_on_disk);   /* read from the blob, not the rows */
  got = snapshot_of (again);
  assert_same_snapshot (want, got);
}

/* The size of the stored snapshot blob, in bytes. */
static gint64
stored_length (Fixture *f)
{
  return dd_test_damage_query_int (f->catalog_path, "SELECT length (data) FROM snapshot_cache");
}

/* The stored snapshot keeps ids in order without gaps, and a column whose rows all
 * have one value, in a few bytes (DDSNAP02); it reads back the same whatever it
 * holds; the whole columns of DDSNAP01 (catalogs before) still read. */
static void
test_snapshot_encodings (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdSnapshot) fixture = snapshot_of (f->catalog);
  DdCatalogWriter *writer;

  /* the fixture: ids 1–111 (8 bytes for them all), flags on some */
  g_assert_cmpint (dd_test_damage_query_int (f->catalog_path, "SELECT hex (substr (data, 1, 8))"
                                             " = hex ('DDSNAP02') FROM snapshot_cache"), ==, 1);
  g_assert_cmpint (stored_length (f), <=, 20 + 8 + 111 * (25 - 8));
  assert_stored_reads_back (f, f->catalog);

  /* no flags: 4 bytes for them all */
  writer = dd_test_writer (f->catalog);
  for (gint64 id = 1; id <= 111; id++)
    g_assert_true (dd_catalog_writer_relabel_sample (writer, id, fixture->classes[id - 1], 0,
                                                     &error));
  dd_test_commit (writer);
  g_assert_cmpint (stored_length (f), <=, 20 + 8 + 4 + 111 * (25 - 8 - 4));
  assert_stored_reads_back (f, f->catalog);

  /* a gap in the ids, flags on a few: both whole */
  writer = dd_test_writer (f->catalog);
  g_assert_true (dd_catalog_writer_delete_sample (writer, 50, &error));
  for (gint64 id = 60; id <= 62; id++)
    g_assert_true (dd_catalog_writer_relabel_sample (writer, id, fixture->classes[id - 1], 128,
                                                     &error));
  dd_test_commit (writer);
  g_assert_cmpint (stored_length (f), >=, 20 + 110 * (8 + 4));
  assert_stored_reads_back (f, f->catalog);

  /* the first format, every column whole */
  {
    g_autoptr(DdSnapshot) s = snapshot_of (f->catalog);
    g_autoptr(GString) sql = g_string_new ("UPDATE snapshot_cache SET data = X'");
    g_autoptr(GByteArray) blob = g_byte_array_new ();
    guint32 n = s->n;
    const struct { gconstpointer v; gsize w; } cols[] = {
      { s->ids, 8 }, { s->classes, 4 }, { s->corruptions, 1 }, { s->severities, 1 },
      { s->splits, 1 }, { s->sources, 2 }, { s->flags, 4 }, { s->keyhashes, 4 },
    };

    g_byte_array_append (blob, (const guint8 *) "DDSNAP01", 8);
    g_byte_array_append (blob, (const guint8 *) &n, 4);
    for (guint c = 0; c < G_N_ELEMENTS (cols); c++)
      g_byte_array_append (blob, cols[c].v, n * cols[c].w);
    for (guint i = 0; i < blob->len; i++)
      g_string_append_printf (sql, "%02X", blob->data[i]);
    g_string_append (sql, "'");
    dd_test_damage_sql (f->catalog_path, sql->str);
    assert_stored_reads_back (f, f->catalog);
  }
}

/* A writer is one transaction: dropped unfinished, nothing it wrote stays; committed,
 * a reload shows it. A writer of samples drops the stored snapshot as it begins, one of
 * metadata keeps it. */
static void
test_writer (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalogWriter) writer = NULL;
  g_autoptr(DdCatalog) reader = NULL;
  guint val = dd_catalog_lookup_split (f->catalog, "val");

  g_assert_true (dd_catalog_has_stored_snapshot (f->catalog));
  writer = dd_catalog_writer_begin (f->catalog, DD_CATALOG_WRITE_METADATA, &error);
  g_assert_no_error (error);
  g_assert_true (dd_catalog_has_stored_snapshot (f->catalog));
  g_assert_cmpuint (dd_catalog_writer_ensure_split (writer, "holdout", &error), ==, 4);
  g_assert_cmpuint (dd_catalog_writer_ensure_split (writer, "val", &error), ==, val);
  g_clear_pointer (&writer, dd_catalog_writer_rollback);
  g_assert_true (dd_catalog_reload (f->catalog, &error));
  g_assert_cmpuint (dd_catalog_lookup_split (f->catalog, "holdout"), ==, G_MAXUINT);

  writer = dd_test_writer (f->catalog);
  g_assert_false (dd_catalog_has_stored_snapshot (f->catalog));
  dd_test_add_sample (writer, 1, "tiny/val/images/extra.JPEG", 2, 0, 0, val, 0, NULL);
  g_clear_pointer (&writer, dd_catalog_writer_rollback);
  g_assert_true (dd_catalog_reload (f->catalog, &error));
  g_assert_cmpuint (dd_catalog_get_n_samples (f->catalog), ==, 111);
  g_assert_cmpint (dd_catalog_lookup_key (f->catalog, "tiny/val/images/extra.JPEG", NULL), ==, 0);

  writer = dd_test_writer (f->catalog);
  dd_test_add_sample (writer, 1, "tiny/val/images/extra.JPEG", 2, 0, 0, val, 0, NULL);
  dd_test_commit (g_steal_pointer (&writer));
  g_assert_cmpuint (dd_catalog_get_n_samples (f->catalog), ==, 112);

  /* a read-only catalog has no writer */
  reader = dd_catalog_open (f->catalog_path, DD_CATALOG_OPEN_READONLY, &error);
  g_assert_no_error (error);
  g_assert_null (dd_catalog_writer_begin (reader, DD_CATALOG_WRITE_METADATA, &error));
  g_assert_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_READ_ONLY);
}

/* @n rows of keys "<prefix>/a/NN.JPEG" (the first 40) and "<prefix>/b/NN.JPEG" (the rest)
 * for add_samples; @keys (owned by the caller) holds the keys. */
static DdSampleRow *
batch_rows (const char *prefix,
            guint       n,
            guint       split,
            GPtrArray  *keys)
{
  DdSampleRow *rows = g_new0 (DdSampleRow, n);

  for (guint i = 0; i < n; i++)
    {
      char *key = g_strdup_printf ("%s/%s/%02u.JPEG", prefix, i < 40 ? "a" : "b", i);

      g_ptr_array_add (keys, key);
      rows[i] = (DdSampleRow) { .source_id = 1, .key = key, .class_id = 1 + i % 3,
                                .split_id = split };
    }
  return rows;
}

/* add_samples writes as many add_sample calls would: ids one past the largest on, in
 * order, through a sample added one at a time before and after; a key clash inside
 * one call fails it, and the transaction keeps nothing. */
static void
test_writer_add_samples (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  guint val = dd_catalog_lookup_split (f->catalog, "val");
  g_autofree DdSampleRow *rows = batch_rows ("tiny/batch", 70, val, keys);
  gint64 ids[70];
  DdCatalogWriter *writer = dd_test_writer (f->catalog);
  gint64 before = dd_test_add_sample (writer, 1, "tiny/batch/one.JPEG", 2, 0, 0, val, 0, NULL);
  gint64 after;
  DdSampleRow clash[2] = {
    { .source_id = 1, .key = "tiny/batch/caf\\xE9.JPEG", .raw_key = "tiny/batch/caf\xe9.JPEG",
      .class_id = 1, .split_id = val },
    { .source_id = 1, .key = "tiny/batch/caf\\xE9.JPEG", .class_id = 1, .split_id = val },
  };

  g_assert_true (dd_catalog_writer_add_samples (writer, rows, 70, ids, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 70; i++)
    g_assert_cmpint (ids[i], ==, before + 1 + i);
  after = dd_test_add_sample (writer, 1, "tiny/batch/two.JPEG", 2, 0, 0, val, 0, NULL);
  g_assert_cmpint (after, ==, before + 71);
  dd_test_commit (writer);
  g_assert_cmpuint (dd_catalog_get_n_samples (f->catalog), ==, 111 + 72);
  for (guint i = 0; i < 70; i++)
    {
      g_autoptr(DdSampleInfo) info = NULL;

      g_assert_cmpint (dd_catalog_lookup_key (f->catalog, keys->pdata[i], NULL), ==, ids[i]);
      info = dd_catalog_get_sample (f->catalog, ids[i], NULL);
      g_assert_nonnull (info);
      g_assert_cmpstr (info->key, ==, keys->pdata[i]);
      g_assert_cmpuint (info->class_id, ==, 1 + i % 3);
    }

  writer = dd_test_writer (f->catalog);
  g_assert_false (dd_catalog_writer_add_samples (writer, clash, 2, ids, &error));
  g_assert_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_INVALID);
  dd_catalog_writer_rollback (writer);
  g_assert_true (dd_catalog_reload (f->catalog, NULL));
  g_assert_cmpuint (dd_catalog_get_n_samples (f->catalog), ==, 111 + 72);
}

static void
test_keys (void)
{
  char *key = NULL;
  const char raw[] = "dir/caf\xe9 au lait.JPEG";

  g_assert_true (dd_catalog_make_key ("a/b c.JPEG", 10, &key));
  g_assert_cmpstr (key, ==, "a/b c.JPEG");
  g_free (key);
  g_assert_false (dd_catalog_make_key (raw, strlen (raw), &key));
  g_assert_cmpstr (key, ==, "dir/caf\\xE9 au lait.JPEG");
  g_assert_true (g_utf8_validate (key, -1, NULL));
  g_free (key);
  g_assert_cmpuint (dd_catalog_key_hash ("a"), !=, dd_catalog_key_hash ("b"));
  g_assert_cmpuint (dd_catalog_key_hash ("abc"), ==, dd_catalog_key_hash ("abc"));
  /* FNV-1a, as catalogs since version 1 store it */
  g_assert_cmpuint (dd_catalog_key_hash (""), ==, 2166136261u);
  g_assert_cmpuint (dd_catalog_key_hash ("a"), ==, 0xe40c292cu);
  g_assert_cmpuint (dd_catalog_key_hash_more (dd_catalog_key_hash ("tiny/val/"), "x.JPEG"), ==,
                    dd_catalog_key_hash ("tiny/val/x.JPEG"));
}

/* A first writer's snapshot (made from what it inserted) is taken by the next reload
 * without counting the rows, so only while nobody wrote since: a relabel (the same
 * count, the same last id) by the next writer of the same connection, or by another
 * connection, before the reload is seen. */
static guint
class_of (DdCatalog *catalog,
          gint64     id)
{
  g_autoptr(DdSampleInfo) info = dd_catalog_get_sample (catalog, id, NULL);
  g_autoptr(DdFilter) filter = dd_filter_new ();
  g_autoptr(DdSelection) sel = NULL;
  g_autoptr(DdFacets) facets = NULL;

  /* the snapshot's answer: facets count from it, details read the row */
  g_assert_nonnull (info);
  filter->within_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (filter->within_ids, id);
  sel = dd_catalog_select (catalog, filter, NULL, NULL);
  facets = dd_catalog_facets (catalog, sel);
  for (guint c = 0; c < facets->n_classes; c++)
    if (facets->classes[c] > 0)
      return c;
  return G_MAXUINT;
}

static void
test_written_before_reload (Fixture       *f,
                            gconstpointer  data)
{
  for (guint by_other = 0; by_other < 2; by_other++)
    {
      g_autofree char *path = g_strdup_printf ("%s/relabel-%u.ddcat", f->dir, by_other);
      g_autoptr(GError) error = NULL;
      g_autoptr(DdCatalog) catalog = dd_catalog_open (path, DD_CATALOG_OPEN_CREATE, &error);
      g_autoptr(DdCatalog) other = NULL;
      DdCatalogWriter *writer;
      guint source, a, b, split;
      gint64 id;

      g_assert_no_error (error);
      writer = dd_catalog_writer_begin (catalog, DD_CATALOG_WRITE_METADATA | DD_CATALOG_WRITE_BULK,
                                        &error);
      g_assert_no_error (error);
      source = dd_test_add_source (writer, "/data/r", "imagefolder");
      a = dd_test_add_class (writer, "n00000001", "a", "a", NULL, NULL);
      b = dd_test_add_class (writer, "n00000002", "b", "b", NULL, NULL);
      split = dd_catalog_writer_ensure_split (writer, "train", &error);
      g_assert_no_error (error);
      id = dd_test_add_sample (writer, source, "r/a/1.JPEG", a, 0, 0, split, 0, NULL);
      dd_test_add_sample (writer, source, "r/a/2.JPEG", a, 0, 0, split, 0, NULL);
      g_assert_true (dd_catalog_writer_commit (writer, &error));
      g_assert_no_error (error);

      if (by_other)
        {
          other = dd_catalog_open (path, 0, &error);
          g_assert_no_error (error);
          writer = dd_test_writer (other);
        }
      else
        writer = dd_test_writer (catalog);
      g_assert_true (dd_catalog_writer_relabel_sample (writer, id, b, 0, &error));
      g_assert_no_error (error);
      g_assert_true (dd_catalog_writer_commit (writer, &error));
      g_assert_no_error (error);

      if (!dd_catalog_reload (catalog, &error))
        g_error ("reload: %s", error->message);
      g_assert_cmpuint (class_of (catalog, id), ==, b);
    }
}

static void
test_empty_catalog (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DdSelection) sel = dd_catalog_select (f->catalog, NULL, NULL, NULL);
  g_autoptr(DdFacets) facets = dd_catalog_facets (f->catalog, sel);
  g_autoptr(GPtrArray) page = dd_catalog_get_page (f->catalog, sel, 0, 10, NULL, NULL);

  g_assert_cmpuint (dd_selection_get_n (sel), ==, 0);
  g_assert_cmpuint (facets->total, ==, 0);
  g_assert_cmpuint (page->len, ==, 0);
}

static GArray *
selection_ids (DdSelection *sel)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < dd_selection_get_n (sel); i++)
    {
      gint64 id = dd_selection_get_id (sel, i);
      g_array_append_val (ids, id);
    }
  return ids;
}

/* Applying the changes, last first, to the old ids gives the new ids. */
static guint
check_diff (DdSelection *old,
            DdSelection *new_)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (DdSelectionChange));
  g_autoptr(GArray) ids = selection_ids (old);
  g_autoptr(GArray) want = selection_ids (new_);

  g_assert_true (dd_selection_diff (old, new_, G_MAXUINT, changes));
  for (guint k = changes->len; k-- > 0;)
    {
      DdSelectionChange *c = &g_array_index (changes, DdSelectionChange, k);

      g_assert_cmpuint (c->removed + c->added, >, 0);
      /* positions before an unapplied change are the same in both */
      if (k > 0)
        {
          DdSelectionChange *p = &g_array_index (changes, DdSelectionChange, k - 1);
          g_assert_cmpuint (p->old_position + p->removed, <, c->old_position);
          g_assert_cmpuint (p->new_position + p->added, <, c->new_position);
        }
      g_array_remove_range (ids, c->old_position, c->removed);
      /* (no address into an empty array: NULL + 0 is undefined behaviour to UBSan) */
      g_array_insert_vals (ids, c->old_position,
                           c->added ? &g_array_index (want, gint64, c->new_position) : NULL,
                           c->added);
    }
  g_assert_cmpuint (ids->len, ==, want->len);
  g_assert_cmpmem (ids->data, ids->len * sizeof (gint64), want->data, want->len * sizeof (gint64));
  return changes->len;
}

static void
assert_facets_equal (const DdFacets *a,
                     const DdFacets *b)
{
  gsize cells = (gsize) a->n_classes * a->n_corruptions * a->n_severities;

  g_assert_cmpuint (a->total, ==, b->total);
  g_assert_cmpuint (a->n_classes, ==, b->n_classes);
  g_assert_cmpuint (a->n_corruptions, ==, b->n_corruptions);
  g_assert_cmpuint (a->n_severities, ==, b->n_severities);
  g_assert_cmpuint (a->n_splits, ==, b->n_splits);
  g_assert_cmpmem (a->classes, a->n_classes * sizeof (guint), b->classes, b->n_classes * sizeof (guint));
  g_assert_cmpmem (a->corruptions, a->n_corruptions * sizeof (guint),
                   b->corruptions, b->n_corruptions * sizeof (guint));
  g_assert_cmpmem (a->severities, a->n_severities * sizeof (guint),
                   b->severities, b->n_severities * sizeof (guint));
  g_assert_cmpmem (a->splits, a->n_splits * sizeof (guint), b->splits, b->n_splits * sizeof (guint));
  g_assert_cmpmem (a->cube, cells * sizeof (guint), b->cube, cells * sizeof (guint));
  g_assert_cmpmem (a->flags, sizeof a->flags, b->flags, sizeof b->flags);
}

/* The facets of a changed selection, from the old ones and the rows that changed, are
 * those a count gives; where that cannot be right it says so (NULL). */
static void
test_facets_update (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DdSelection) all = dd_catalog_select (f->catalog, NULL, NULL, NULL);
  g_autoptr(DdFacets) all_facets = dd_catalog_facets (f->catalog, all);
  g_autoptr(DdFilter) without = dd_filter_new ();
  g_autoptr(DdFilter) clean = dd_filter_new ();
  g_autoptr(DdFilter) sound = dd_filter_new ();
  DdFilter *filters[] = { without, clean, sound };

  dd_filter_add_class (without, 1);
  dd_filter_add_class (without, 3);
  dd_filter_add_class (without, 0);           /* all but class 2: a toggled class */
  g_assert_true (dd_catalog_filter_add_corruption_name (f->catalog, clean, "none", NULL));
  sound->exclude_flags = DD_HEALTH_FLAG (DD_HEALTH_UNDECODABLE);

  for (guint k = 0; k < G_N_ELEMENTS (filters); k++)
    {
      g_autoptr(DdSelection) some = dd_catalog_select (f->catalog, filters[k], NULL, NULL);
      g_autoptr(DdFacets) counted = dd_catalog_facets (f->catalog, some);
      g_autoptr(DdFacets) down = dd_catalog_facets_update (f->catalog, all_facets, all, some);
      g_autoptr(DdFacets) up = dd_catalog_facets_update (f->catalog, counted, some, all);

      g_assert_cmpuint (dd_selection_get_n (some), <, dd_selection_get_n (all));
      if (k == 0 || down)   /* a class less is few rows: updated, not counted */
        {
          g_assert_nonnull (down);
          assert_facets_equal (down, counted);
        }
      if (up)
        assert_facets_equal (up, all_facets);

      /* facets that are not the old selection's */
      g_assert_null (dd_catalog_facets_update (f->catalog, counted, all, some));
    }
}

static void
test_selection_diff (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdFilter) no_goldfish = dd_filter_new ();
  g_autoptr(DdFilter) fog = dd_filter_new ();
  g_autoptr(DdFilter) blur = dd_filter_new ();
  g_autoptr(DdFilter) nothing = dd_filter_new ();
  g_autoptr(DdSelection) all = dd_catalog_select (f->catalog, NULL, NULL, NULL);
  g_autoptr(DdSelection) all2 = dd_catalog_select (f->catalog, NULL, NULL, NULL);
  g_autoptr(DdSelection) a = NULL, b = NULL, c = NULL, none = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (DdSelectionChange));
  GPtrArray *classes = dd_catalog_list_classes (f->catalog);

  for (guint i = 0; i < classes->len; i++)
    {
      DdClassInfo *info = g_ptr_array_index (classes, i);
      if (info && g_strcmp0 (info->wnid, "n01443537") != 0)
        dd_filter_add_class (no_goldfish, info->id);
    }
  g_ptr_array_unref (classes);
  g_assert_true (dd_catalog_filter_add_corruption_name (f->catalog, fog, "fog", &error));
  g_assert_true (dd_catalog_filter_add_corruption_name (f->catalog, blur, "blur", &error));
  dd_filter_add_severity (nothing, 99);
  a = dd_catalog_select (f->catalog, no_goldfish, NULL, &error);
  b = dd_catalog_select (f->catalog, fog, NULL, &error);
  c = dd_catalog_select (f->catalog, blur, NULL, &error);
  none = dd_catalog_select (f->catalog, nothing, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_selection_get_n (a), <, dd_selection_get_n (all));
  g_assert_cmpuint (dd_selection_get_n (none), ==, 0);

  g_assert_cmpuint (check_diff (all, all2), ==, 0);
  g_assert_cmpuint (check_diff (all, a), >, 0);
  g_assert_cmpuint (check_diff (a, all), >, 0);
  check_diff (b, c);
  check_diff (c, b);
  g_assert_cmpuint (check_diff (none, all), ==, 1);
  g_assert_cmpuint (check_diff (all, none), ==, 1);
  g_assert_cmpuint (check_diff (none, none), ==, 0);

  /* more changes than allowed */
  if (check_diff (b, c) > 1)
    {
      g_assert_false (dd_selection_diff (b, c, 1, changes));
      g_assert_cmpuint (changes->len, ==, 1);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/catalog/" path, Fixture, NULL, dd_test_setup_counted, func, dd_test_teardown)

  g_test_add_func ("/catalog/open/missing", test_open_missing);
  g_test_add_func ("/catalog/open/not-a-catalog", test_open_not_a_catalog);
  g_test_add_func ("/catalog/keys", test_keys);
  ADD ("open/newer-version-refused", test_open_newer_version);
  ADD ("open/reopen-keeps-data", test_reopen_keeps_data);
  ADD ("vocabulary", test_vocabulary);
  ADD ("open/snapshot-cache", test_snapshot_cache);
  ADD ("open/snapshot-encodings", test_snapshot_encodings);
  ADD ("writer/transaction", test_writer);
  ADD ("writer/written-before-reload", test_written_before_reload);
  ADD ("writer/add-samples", test_writer_add_samples);
  ADD ("query/filters", test_filters);
  ADD ("query/per-class-limit", test_quota);
  ADD ("query/overrides", test_overrides);
  ADD ("query/facets", test_facets);
  ADD ("query/pages", test_pages);
  ADD ("query/async", test_async);
  ADD ("open/for-context", test_open_for_context);
  ADD ("query/selection-diff", test_selection_diff);
  ADD ("query/facets-update", test_facets_update);
  ADD ("query/cancelled", test_cancelled);
  g_test_add ("/catalog/query/empty", Fixture, NULL, dd_test_setup_empty, test_empty_catalog,
              dd_test_teardown);

  return g_test_run ();
}
