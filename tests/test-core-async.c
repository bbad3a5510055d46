/* Tests of the core calls the window makes instead of running catalog queries on its own
 * threads: samples by ids and keys, the explorer's expansion and node filter, a sample's
 * details for the viewer, the Fine tab's views, a finding's filter and the drag folder.
 * Over a small generated demo, indexed once. */
#define G_LOG_DOMAIN "datadive-test"
#include "config.h"

#include <glib/gstdio.h>
#include <utime.h>

#include "dd-catalog-lookup.h"
#include "dd-document-views.h"
#include "dd-drag-folder.h"
#include "dd-health-filter.h"
#include "dd-recipe-store.h"
#include "dd-relations-async.h"
#include "dd-sample-details.h"
#include "dd-task.h"
#include "dd-test-util.h"

static DdTestFixture fixture;   /* the demo, indexed */
static DdCatalog *catalog;
static DdSelection *all;

/* A corrupted sample of a class, with a clean image. */
static DdSampleInfo *
corrupted_sample (void)
{
  g_autoptr(GPtrArray) page = dd_catalog_get_page (catalog, all, 0, dd_selection_get_n (all),
                                                   NULL, NULL);

  for (guint i = 0; i < page->len; i++)
    {
      DdSampleInfo *s = g_ptr_array_index (page, i);

      if (s->corruption_id != 0 && s->clean_key && s->wnid)
        return g_ptr_array_steal_index (page, i);
    }
  g_assert_not_reached ();
}

static void
test_samples_by_keys (void)
{
  g_autoptr(GPtrArray) page = dd_catalog_get_page (catalog, all, 10, 3, NULL, NULL);
  const char *keys[] = { ((DdSampleInfo *) page->pdata[2])->key, "no/such/key.JPEG",
                         ((DdSampleInfo *) page->pdata[0])->key, NULL };
  gint64 ids[] = { ((DdSampleInfo *) page->pdata[1])->id, G_MAXINT64,
                   ((DdSampleInfo *) page->pdata[0])->id };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) by_ids = NULL;
  g_autoptr(GPtrArray) samples = NULL;
  g_autoptr(GError) error = NULL;

  /* in the order asked, the missing one skipped */
  dd_catalog_get_samples_by_keys_async (catalog, keys, -1, NULL, dd_test_keep_result, &result);
  samples = dd_catalog_get_samples_by_keys_finish (catalog, dd_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (samples->len, ==, 2);
  g_assert_cmpstr (((DdSampleInfo *) samples->pdata[0])->key, ==, keys[0]);
  g_assert_cmpstr (((DdSampleInfo *) samples->pdata[1])->key, ==, keys[2]);
  g_clear_pointer (&samples, g_ptr_array_unref);
  samples = dd_catalog_get_samples_by_keys (catalog, keys, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (samples->len, ==, 1);
  g_clear_pointer (&samples, g_ptr_array_unref);

  dd_catalog_get_samples_async (catalog, ids, G_N_ELEMENTS (ids), NULL, dd_test_keep_result,
                                &by_ids);
  samples = dd_catalog_get_samples_finish (catalog, dd_test_await (&by_ids), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (samples->len, ==, 2);
  g_assert_cmpint (((DdSampleInfo *) samples->pdata[0])->id, ==, ids[0]);
  g_assert_cmpint (((DdSampleInfo *) samples->pdata[1])->id, ==, ids[2]);
  g_clear_pointer (&samples, g_ptr_array_unref);

  /* parallel to the keys (the viewer's similar samples, the explorer's thumbnails): NULL
   * for a NULL key, a key the catalog does not hold and a key asked again (the first
   * has it) */
  {
    const char *at[] = { keys[2], NULL, keys[1], keys[0], keys[2], keys[0] };

    samples = dd_catalog_get_samples_at_keys (catalog, at, G_N_ELEMENTS (at), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (samples->len, ==, G_N_ELEMENTS (at));
    g_assert_cmpstr (((DdSampleInfo *) samples->pdata[0])->key, ==, keys[2]);
    g_assert_null (samples->pdata[1]);
    g_assert_null (samples->pdata[2]);
    g_assert_cmpstr (((DdSampleInfo *) samples->pdata[3])->key, ==, keys[0]);
    g_assert_null (samples->pdata[4]);
    g_assert_null (samples->pdata[5]);
    g_clear_pointer (&samples, g_ptr_array_unref);
    /* no key at all, or none but NULL ones: as many NULLs */
    samples = dd_catalog_get_samples_at_keys (catalog, at, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (samples->len, ==, 0);
    g_clear_pointer (&samples, g_ptr_array_unref);
    samples = dd_catalog_get_samples_at_keys (catalog, at + 1, 1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (samples->len, ==, 1);
    g_assert_null (samples->pdata[0]);
  }
}

/* A clean image's neighbours come with the files of its variants, other nodes without. */
static void
test_expand (void)
{
  g_autoptr(DdSampleInfo) sample = corrupted_sample ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DdExpansion) root = dd_relations_expand (catalog, DD_NODE_SAMPLE, sample->clean_key,
                                                     TRUE, 24, NULL);
  g_autoptr(DdExpansion) expansion = NULL;
  g_autoptr(GError) error = NULL;
  guint with_path = 0;

  /* the root alone, with its file */
  g_assert_cmpuint (root->nodes->len, ==, 1);
  g_assert_nonnull (root->paths->pdata[0]);

  dd_relations_expand_async (catalog, DD_NODE_SAMPLE, sample->clean_key, FALSE, 24, NULL,
                             dd_test_keep_result, &result);
  expansion = dd_relations_expand_finish (catalog, dd_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expansion->paths->len, ==, expansion->nodes->len);
  for (guint i = 0; i < expansion->nodes->len; i++)
    {
      DdNode *node = g_ptr_array_index (expansion->nodes, i);
      const char *path = expansion->paths->pdata[i];

      if (node->kind == DD_NODE_SAMPLE)
        {
          g_assert_nonnull (path);
          g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
          with_path++;
        }
      else
        g_assert_null (path);
    }
  g_assert_cmpuint (with_path, >, 5);
}

static void
test_node_filter (void)
{
  g_autoptr(DdSampleInfo) sample = corrupted_sample ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) bad = NULL;
  g_autoptr(DdFilter) filter = NULL;
  g_autoptr(DdSelection) selection = NULL;
  g_autoptr(DdFacets) facets = dd_catalog_facets (catalog, all);
  g_autoptr(GError) error = NULL;

  dd_relations_node_filter_async (catalog, DD_NODE_CLASS, sample->wnid, NULL, dd_test_keep_result,
                                  &result);
  filter = dd_relations_node_filter_finish (catalog, dd_test_await (&result), &error);
  g_assert_no_error (error);
  selection = dd_catalog_select (catalog, filter, NULL, &error);
  g_assert_cmpuint (dd_selection_get_n (selection), ==, facets->classes[sample->class_id]);

  dd_relations_node_filter_async (catalog, DD_NODE_CLASS, "n99999999", NULL, dd_test_keep_result,
                                  &bad);
  g_assert_null (dd_relations_node_filter_finish (catalog, dd_test_await (&bad), &error));
  g_assert_nonnull (error);
}

/* A class finding shows the class; a cell finding its class under its corruption; a
 * finding about one file has no set of samples. */
static void
test_finding_filter (void)
{
  g_autoptr(DdSampleInfo) sample = corrupted_sample ();
  g_autofree char *cell = g_strdup_printf ("1/%s/3/%s", sample->corruption, sample->wnid);
  g_autoptr(DdFilter) klass = NULL;
  g_autoptr(DdFilter) cells = NULL;
  g_autoptr(GError) error = NULL;

  klass = dd_health_finding_filter (catalog, DD_HEALTH_UNKNOWN_CLASS, sample->wnid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (klass->classes->len, ==, 1);
  g_assert_cmpuint (g_array_index (klass->classes, guint, 0), ==, sample->class_id);
  g_assert_null (klass->corruptions);

  cells = dd_health_finding_filter (catalog, DD_HEALTH_MISSING_CELL, cell, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_array_index (cells->classes, guint, 0), ==, sample->class_id);
  g_assert_cmpuint (g_array_index (cells->corruptions, guint, 0), ==, sample->corruption_id);

  g_assert_null (dd_health_finding_filter (catalog, DD_HEALTH_UNNAMED_CLASS, "n99999999", &error));
  g_assert_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (dd_health_finding_filter (catalog, DD_HEALTH_MISSING_CELL, "fog", &error));
  g_assert_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (dd_health_finding_filter (catalog, DD_HEALTH_TRUNCATED, sample->key, &error));
  g_assert_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_INVALID);
}

/* A corrupted sample: its picture, its clean image's box, WordNet when installed, and
 * the matrix of its clean image's variants with itself marked. */
static void
test_sample_details (void)
{
  g_autoptr(DdSampleInfo) sample = corrupted_sample ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) missing = NULL;
  g_autoptr(DdSampleDetails) details = NULL;
  g_autoptr(GError) error = NULL;
  guint current = 0;

  dd_sample_details_load_async (catalog, sample->id, NULL, dd_test_keep_result, &result);
  details = dd_sample_details_load_finish (catalog, dd_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (details->info->id, ==, sample->id);
  g_assert_nonnull (details->pixbuf);
  g_assert_cmpuint (details->variants->len, >, 5);
  g_assert_cmpstr (((DdSampleVariant *) details->variants->pdata[0])->corruption, ==, "none");
  g_assert_cmpstr (((DdSampleVariant *) details->variants->pdata[0])->key, ==, sample->clean_key);
  for (guint i = 0; i < details->variants->len; i++)
    current += ((DdSampleVariant *) details->variants->pdata[i])->current;
  g_assert_cmpuint (current, ==, 1);
  g_assert_true (details->clean_boxes == (details->info->boxes->len > 0));

  dd_sample_details_load_async (catalog, G_MAXINT64, NULL, dd_test_keep_result, &missing);
  g_assert_null (dd_sample_details_load_finish (catalog, dd_test_await (&missing), &error));
  g_assert_nonnull (error);
}

/* What the document's notifications saw: a selection and its facets change together
 * (no notification sees one with the facets of another), busy until both are set. */
typedef struct {
  guint selections;
  guint facets;
  guint total;
} Notified;

static void
saw_selection (DdDocument *document,
               GParamSpec *pspec,
               Notified   *seen)
{
  g_assert_nonnull (dd_document_get_selection (document));
  g_assert_nonnull (dd_document_get_facets (document));
  g_assert_cmpuint (dd_document_get_facets (document)->total, ==,
                    dd_selection_get_n (dd_document_get_selection (document)));
  g_assert_cmpuint (seen->selections, ==, seen->facets);
  seen->selections++;
}

static void
saw_facets (DdDocument *document,
            GParamSpec *pspec,
            Notified   *seen)
{
  DdFacets *facets = dd_document_get_facets (document);

  g_assert_nonnull (facets);
  g_assert_cmpuint (facets->total, ==, dd_selection_get_n (dd_document_get_selection (document)));
  g_assert_cmpuint (seen->facets + 1, ==, seen->selections);
  seen->facets++;
  seen->total = facets->total;
}

static void
test_document_selection_with_facets (void)
{
  g_autoptr(DdDocument) document = dd_document_new (catalog);
  g_autoptr(GPtrArray) classes = dd_catalog_list_classes (catalog);
  g_autoptr(DdRecipe) every_class = NULL;
  g_autoptr(DdRecipe) one_class = NULL;
  Notified seen = { 0, };
  const char *keep[2] = { NULL, NULL };

  g_signal_connect (document, "notify::selection", G_CALLBACK (saw_selection), &seen);
  g_signal_connect (document, "notify::facets", G_CALLBACK (saw_facets), &seen);
  dd_test_wait_for (dd_test_document_ready, document, 30, "the first evaluation");
  g_assert_cmpuint (seen.selections, ==, 1);
  g_assert_cmpuint (seen.facets, ==, 1);
  g_assert_cmpuint (seen.total, ==, dd_selection_get_n (dd_document_get_selection (document)));

  /* each change: its selection with its facets (the handlers check them) */
  keep[0] = ((DdClassInfo *) g_ptr_array_index (classes, 0))->wnid;
  one_class = dd_recipe_with_classes (dd_document_get_recipe (document), keep);
  every_class = dd_recipe_with_classes (one_class, NULL);
  for (guint i = 0; i < 2; i++)
    {
      DdRecipe *next = i == 0 ? one_class : every_class;

      dd_test_apply_recipe (document, next);
      g_assert_cmpuint (seen.selections, ==, 2 + i);
      g_assert_cmpuint (seen.facets, ==, 2 + i);
      g_assert_cmpuint (seen.total, ==,
                        dd_selection_get_n (dd_document_get_selection (document)));
    }
  g_assert_cmpuint (seen.total, >, 0);
  g_signal_handlers_disconnect_by_data (document, &seen);
}

/* The catalog's working recipe is @recipe. */
static gboolean
working_recipe_is (gpointer recipe)
{
  g_autoptr(DdRecipe) saved = dd_catalog_load_recipe (catalog, DD_DOCUMENT_WORKING_RECIPE, NULL);

  return saved && dd_recipe_equal (saved, recipe);
}

/* A change applied while the document still reads the catalog's working recipe comes on
 * top of that recipe. Before, it was compared with the empty recipe the document starts
 * from (this one, every class, equals it and was dropped: 3 of 3 runs) and saved at once,
 * so the read could return it as the start, without its undo step, or replace it
 * (test-near-dup's undo once timed out so on a loaded machine). */
static void
test_document_apply_while_loading (void)
{
  g_autoptr(GPtrArray) classes = dd_catalog_list_classes (catalog);
  const char *keep[2] = { ((DdClassInfo *) g_ptr_array_index (classes, 0))->wnid, NULL };
  g_autoptr(DdRecipe) empty = dd_recipe_new ();
  g_autoptr(DdRecipe) stored = dd_recipe_with_classes (empty, keep);
  g_autoptr(DdRecipe) change = dd_recipe_with_classes (stored, NULL);
  g_autoptr(DdRecipe) saved = NULL;
  g_autoptr(DdDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (dd_recipe_equal (stored, change));
  g_assert_true (dd_catalog_save_recipe (catalog, DD_DOCUMENT_WORKING_RECIPE, stored,
                                         DD_RECIPE_SAVE_DEFAULT, &error));
  g_assert_no_error (error);

  document = dd_document_new (catalog);
  dd_document_apply (document, change);
  /* the main loop has not run, so the document has not taken its read yet */
  g_usleep (200 * G_TIME_SPAN_MILLISECOND);
  saved = dd_catalog_load_recipe (catalog, DD_DOCUMENT_WORKING_RECIPE, &error);
  g_assert_no_error (error);
  g_assert_true (dd_recipe_equal (saved, stored));

  dd_test_wait_for ((DdTestCondition) dd_document_get_can_undo, document, 30, "the change");
  dd_test_wait_for (dd_test_document_ready, document, 30, "the change evaluated");
  g_assert_true (dd_recipe_equal (dd_document_get_recipe (document), change));
  g_assert_true (dd_document_undo (document));
  dd_test_wait_for (dd_test_document_ready, document, 30, "the undo evaluated");
  g_assert_true (dd_recipe_equal (dd_document_get_recipe (document), stored));
  g_assert_false (dd_document_get_can_undo (document));
  dd_test_wait_for (working_recipe_is, stored, 30, "the undo saved");

  /* the other cases start from no working recipe */
  g_assert_true (dd_catalog_save_recipe (catalog, DD_DOCUMENT_WORKING_RECIPE, empty,
                                         DD_RECIPE_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
}

/* Changes applied one after the other, faster than they are saved: the last one is
 * the document's and the catalog's (saved side by side, an earlier one won: 8 of 8
 * runs), and each is an undo step; quick undos and redos go back and forth over them
 * (saved undos were pushed again: 6 of 6 runs did not end at the start). */
static void
test_document_apply_quickly (void)
{
  g_autoptr(GPtrArray) page = dd_catalog_get_page (catalog, all, 0, 8, NULL, NULL);
  g_autoptr(DdDocument) document = dd_document_new (catalog);
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_recipe_unref);
  g_autoptr(DdRecipe) empty = dd_recipe_new ();
  g_autoptr(GError) error = NULL;
  guint undone = 0, redone = 0;
  DdRecipe *last;

  dd_test_wait_for (dd_test_document_ready, document, 30, "the document");
  g_assert_cmpuint (page->len, ==, 8);
  for (guint i = 0; i < page->len; i++)
    {
      const char *key = ((DdSampleInfo *) g_ptr_array_index (page, i))->key;
      DdRecipe *prev = i ? g_ptr_array_index (steps, i - 1) : dd_document_get_recipe (document);

      g_ptr_array_add (steps, dd_recipe_with_override (prev, &key, 1, DD_RECIPE_OVERRIDE_EXCLUDE));
      dd_document_apply (document, g_ptr_array_index (steps, i));
    }
  last = g_ptr_array_index (steps, steps->len - 1);
  dd_test_wait_recipe (document, last);
  dd_test_wait_for (working_recipe_is, last, 30, "the last change saved");
  /* no change came after it */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_usleep (100 * G_TIME_SPAN_MILLISECOND);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (dd_recipe_equal (dd_document_get_recipe (document), last));
  g_assert_true (working_recipe_is (last));
  while (dd_document_undo (document))
    undone++;
  g_assert_cmpuint (undone, ==, steps->len);
  dd_test_wait_for (working_recipe_is, empty, 30, "the undo saved");
  g_assert_true (dd_recipe_equal (dd_document_get_recipe (document), empty));
  while (dd_document_redo (document))
    redone++;
  g_assert_cmpuint (redone, ==, steps->len);
  dd_test_wait_recipe (document, last);
  dd_test_wait_for (working_recipe_is, last, 30, "the redo saved");
  while (dd_document_undo (document))
    ;
  dd_test_wait_for (working_recipe_is, empty, 30, "the undo saved again");
  g_assert_true (dd_catalog_save_recipe (catalog, DD_DOCUMENT_WORKING_RECIPE, empty,
                                         DD_RECIPE_SAVE_DEFAULT, &error));
}

/* Applies quick changes to a document and drops it, as a window closed at once does. */
static void
apply_and_close (GApplication *app,
                 gpointer      steps)
{
  g_autoptr(DdDocument) document = dd_document_new (catalog);

  for (guint i = 0; i < ((GPtrArray *) steps)->len; i++)
    dd_document_apply (document, g_ptr_array_index ((GPtrArray *) steps, i));
}

/* The application does not end before the document's changes are saved. */
static void
test_document_saves_before_quit (void)
{
  g_autoptr(GPtrArray) page = dd_catalog_get_page (catalog, all, 0, 8, NULL, NULL);
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_recipe_unref);
  g_autoptr(GApplication) app = g_application_new (NULL, G_APPLICATION_DEFAULT_FLAGS);
  g_autoptr(DdRecipe) empty = dd_recipe_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < page->len; i++)
    {
      const char *key = ((DdSampleInfo *) g_ptr_array_index (page, i))->key;

      g_ptr_array_add (steps, dd_recipe_with_override (i ? g_ptr_array_index (steps, i - 1)
                                                         : empty,
                                                       &key, 1, DD_RECIPE_OVERRIDE_EXCLUDE));
    }
  g_application_set_default (app);
  g_signal_connect (app, "activate", G_CALLBACK (apply_and_close), steps);
  g_assert_cmpint (g_application_run (app, 0, NULL), ==, 0);
  g_application_set_default (NULL);
  g_assert_true (working_recipe_is (g_ptr_array_index (steps, steps->len - 1)));
  g_assert_true (dd_catalog_save_recipe (catalog, DD_DOCUMENT_WORKING_RECIPE, empty,
                                         DD_RECIPE_SAVE_DEFAULT, &error));
}

/* Excluded by hand: the recipe's excluded keys; with findings: the subset's flagged. */
static void
test_document_views (void)
{
  g_autoptr(DdDocument) document = dd_document_new (catalog);
  g_autoptr(GPtrArray) page = dd_catalog_get_page (catalog, all, 0, 2, NULL, NULL);
  const char *keys[] = { ((DdSampleInfo *) page->pdata[0])->key,
                         ((DdSampleInfo *) page->pdata[1])->key, "no/such/key.JPEG", NULL };
  g_autoptr(DdRecipe) excluded = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) flagged_result = NULL;
  g_autoptr(DdSelection) view = NULL;
  g_autoptr(DdSelection) flagged = NULL;
  g_autoptr(GError) error = NULL;
  guint n_flagged = 0;

  dd_test_wait_for (dd_test_document_ready, document, 30, "the first evaluation");
  excluded = dd_recipe_toggle_exclude (dd_document_get_recipe (document), keys, -1);
  dd_test_apply_recipe (document, excluded);

  dd_document_select_view_async (document, DD_DOCUMENT_VIEW_EXCLUDED, NULL, dd_test_keep_result,
                                 &result);
  view = dd_document_select_view_finish (document, dd_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_selection_get_n (view), ==, 2);

  dd_document_select_view_async (document, DD_DOCUMENT_VIEW_FLAGGED, NULL, dd_test_keep_result,
                                 &flagged_result);
  flagged = dd_document_select_view_finish (document, dd_test_await (&flagged_result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < dd_selection_get_n (dd_document_get_selection (document)); i++)
    {
      g_autoptr(DdSampleInfo) s = dd_catalog_get_sample (catalog,
        dd_selection_get_id (dd_document_get_selection (document), i), NULL);

      n_flagged += s->flags != 0;
    }
  g_assert_cmpuint (n_flagged, >, 0);
  g_assert_cmpuint (dd_selection_get_n (flagged), ==, n_flagged);
}

/* A class's samples as an ImageFolder of hard links; an earlier drag's folder older
 * than an hour is removed, a recent one stays. */
static void
test_drag_folder (void)
{
  g_autoptr(DdSampleInfo) sample = corrupted_sample ();
  g_autofree char *parent = g_build_filename (fixture.dir, "drag", NULL);
  g_autofree char *stale = g_build_filename (parent, "old", NULL);
  g_autofree char *recent = g_build_filename (parent, "recent", NULL);
  g_autofree char *folder = g_build_filename (parent, "subset", NULL);
  g_autofree char *class_dir = NULL;
  g_autoptr(DdFilter) filter = dd_filter_new ();
  g_autoptr(DdSelection) selection = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  struct utimbuf old = { time (NULL) - 3 * 3600, time (NULL) - 3 * 3600 };

  g_assert_cmpint (g_mkdir_with_parents (stale, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (recent, 0755), ==, 0);
  g_assert_cmpint (utime (stale, &old), ==, 0);
  dd_filter_add_class (filter, sample->class_id);
  selection = dd_catalog_select (catalog, filter, NULL, &error);
  dd_drag_folder_build_async (catalog, selection, folder, NULL, dd_test_keep_result, &result);
  g_assert_true (dd_drag_folder_build_finish (catalog, dd_test_await (&result), &error));
  g_assert_no_error (error);
  class_dir = g_build_filename (folder, "val", sample->wnid, NULL);
  g_assert_true (g_file_test (class_dir, G_FILE_TEST_IS_DIR));
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (recent, G_FILE_TEST_IS_DIR));
}

static gpointer
count_call (gpointer   source,
            GError   **error)
{
  g_atomic_int_inc ((int *) g_object_get_data (source, "calls"));
  return g_strdup ("made");
}

/* A call cancelled before its thread starts returns the cancellation and is not made
 * (dd-recipe-list.c's listing, which reads and evaluates every recipe, relies on it). */
static void
test_task_call_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  int calls = 0;

  g_object_set_data (G_OBJECT (catalog), "calls", &calls);
  g_cancellable_cancel (cancellable);
  dd_task_run_call (catalog, count_call, g_free, test_task_call_cancelled, cancellable,
                    dd_test_keep_result, &result);
  value = g_task_propagate_pointer (G_TASK (dd_test_await (&result)), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (value);
  g_assert_cmpint (g_atomic_int_get (&calls), ==, 0);

  /* not cancelled: made once, its value returned */
  g_clear_object (&result);
  g_clear_error (&error);
  dd_task_run_call (catalog, count_call, g_free, test_task_call_cancelled, NULL,
                    dd_test_keep_result, &result);
  value = g_task_propagate_pointer (G_TASK (dd_test_await (&result)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "made");
  g_assert_cmpint (g_atomic_int_get (&calls), ==, 1);
  g_object_set_data (G_OBJECT (catalog), "calls", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdFilter) filter = dd_filter_new ();
  int status;

  g_test_init (&argc, &argv, NULL);
  dd_test_fixture_init (&fixture, "demo");
  dd_test_fixture_demo (&fixture, 2, 2);
  catalog = fixture.catalog;
  all = dd_catalog_select (catalog, filter, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/core-async/samples-by-keys", test_samples_by_keys);
  g_test_add_func ("/core-async/relations-expand", test_expand);
  g_test_add_func ("/core-async/node-filter", test_node_filter);
  g_test_add_func ("/core-async/finding-filter", test_finding_filter);
  g_test_add_func ("/core-async/sample-details", test_sample_details);
  g_test_add_func ("/core-async/document-views", test_document_views);
  g_test_add_func ("/core-async/document-selection-with-facets",
                   test_document_selection_with_facets);
  g_test_add_func ("/core-async/document-apply-while-loading",
                   test_document_apply_while_loading);
  g_test_add_func ("/core-async/document-apply-quickly", test_document_apply_quickly);
  g_test_add_func ("/core-async/document-saves-before-quit", test_document_saves_before_quit);
  g_test_add_func ("/core-async/drag-folder", test_drag_folder);
  g_test_add_func ("/core-async/task-call-cancelled", test_task_call_cancelled);
  status = g_test_run ();

  g_clear_pointer (&all, dd_selection_unref);
  dd_test_fixture_clear (&fixture);
  return status;
}
