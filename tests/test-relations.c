/* Tests of the relations graph over the hand-counted fixture (dd-test-util.c). */
#include "config.h"

#include <string.h>

#include "dd-relations.h"
#include "dd-relations-scope.h"
#include "dd-test-catalog.h"
#include "dd-taxonomy.h"
#include "dd-test-util.h"

typedef DdTestFixture Fixture;

static GPtrArray *
neighbours (Fixture    *f,
            const char *node,
            guint       limit)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  DdNodeKind kind;
  GPtrArray *out;

  g_assert_true (dd_node_parse (node, &kind, &id, &error));
  out = dd_relations_neighbours (f->catalog, kind, id, limit, &error);
  g_assert_no_error (error);
  return out;
}

/* The first neighbour with this edge and kind:id, or NULL. */
static DdNode *
find (GPtrArray  *nodes,
      const char *edge,
      const char *kind_id)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      DdNode *n = g_ptr_array_index (nodes, i);
      g_autofree char *text = g_strdup_printf ("%s:%s", dd_node_kind_to_string (n->kind), n->id);
      if (g_strcmp0 (n->edge, edge) == 0 && (kind_id == NULL || strcmp (text, kind_id) == 0))
        return n;
    }
  return NULL;
}

static guint
count_edge (GPtrArray  *nodes,
            const char *edge,
            DdNodeKind  kind)
{
  guint n = 0;
  for (guint i = 0; i < nodes->len; i++)
    {
      DdNode *node = g_ptr_array_index (nodes, i);
      if (g_strcmp0 (node->edge, edge) == 0 && node->kind == kind)
        n++;
    }
  return n;
}

static void
test_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  DdNodeKind kind;

  g_assert_true (dd_node_parse ("sample:tiny/val/images/val_1.JPEG", &kind, &id, &error));
  g_assert_cmpint (kind, ==, DD_NODE_SAMPLE);
  g_assert_cmpstr (id, ==, "tiny/val/images/val_1.JPEG");
  g_clear_pointer (&id, g_free);
  g_assert_true (dd_node_parse ("dataset", &kind, &id, &error));
  g_assert_cmpint (kind, ==, DD_NODE_DATASET);
  g_clear_pointer (&id, g_free);
  g_assert_false (dd_node_parse ("planet:mars", &kind, &id, &error));
  g_assert_error (error, DD_RELATIONS_ERROR, DD_RELATIONS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "planet:mars"));
}

static void
test_unknown (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (dd_relations_describe (f->catalog, DD_NODE_CLASS, "n99999999", &error));
  g_assert_error (error, DD_RELATIONS_ERROR, DD_RELATIONS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "class:n99999999"));
  g_clear_error (&error);
  g_assert_null (dd_relations_neighbours (f->catalog, DD_NODE_SAMPLE, "no/such.JPEG", 10, &error));
  g_assert_error (error, DD_RELATIONS_ERROR, DD_RELATIONS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (dd_relations_neighbours (f->catalog, DD_NODE_SEVERITY, "fog/9", 10, &error));
  g_assert_error (error, DD_RELATIONS_ERROR, DD_RELATIONS_ERROR_NOT_FOUND);
}

static void
test_dataset (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) n = neighbours (f, "dataset", 50);
  g_autoptr(DdNode) self = dd_relations_describe (f->catalog, DD_NODE_DATASET, "", NULL);

  g_assert_cmpuint (self->count, ==, 111);
  g_assert_cmpuint (find (n, "source", "source:1")->count, ==, 21);
  g_assert_cmpuint (find (n, "source", "source:2")->count, ==, 90);
  g_assert_cmpuint (find (n, "split", "split:train")->count, ==, 12);
  g_assert_cmpuint (find (n, "split", "split:val")->count, ==, 96);
  g_assert_cmpuint (find (n, "family", "family:weather")->count, ==, 30);
  g_assert_cmpuint (find (n, "family", "family:none")->count, ==, 21);
  g_assert_null (find (n, "family", "family:digital"));
  g_assert_cmpuint (find (n, "finding", "health:undecodable")->count, ==, 1);
}

static void
test_class (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) n = neighbours (f, "class:n01443537", 10);
  g_autoptr(DdNode) self = dd_relations_describe (f->catalog, DD_NODE_CLASS, "n01443537", NULL);
  DdNode *more;

  g_assert_cmpstr (self->label, ==, "goldfish");
  g_assert_cmpuint (self->count, ==, 36);
  g_assert_nonnull (find (n, "hypernym", NULL));
  g_assert_cmpuint (find (n, "split", "split:train")->count, ==, 4);
  g_assert_cmpuint (find (n, "split", "split:val")->count, ==, 32);
  g_assert_cmpuint (find (n, "corruption", "corruption:fog")->count, ==, 10);
  g_assert_cmpuint (find (n, "finding", "health:undecodable")->count, ==, 1);
  /* 36 samples, a page of 10 and a summary of the 26 left */
  g_assert_cmpuint (count_edge (n, "sample", DD_NODE_SAMPLE), ==, 10);
  more = find (n, "sample", NULL);
  for (guint i = 0; i < n->len; i++)
    if (((DdNode *) n->pdata[i])->kind == DD_NODE_MORE)
      more = n->pdata[i];
  g_assert_cmpint (more->kind, ==, DD_NODE_MORE);
  g_assert_cmpuint (more->count, ==, 26);

  /* The next page continues where the first stopped, without repeating. */
  {
    g_autofree char *next_node = g_strdup_printf ("more:%s", more->id);
    g_autoptr(GPtrArray) page2 = neighbours (f, next_node, 10);
    DdNode *first_page_last = NULL;

    for (guint i = 0; i < n->len; i++)
      if (((DdNode *) n->pdata[i])->kind == DD_NODE_SAMPLE)
        first_page_last = n->pdata[i];
    g_assert_cmpuint (count_edge (page2, "sample", DD_NODE_SAMPLE), ==, 10);
    g_assert_null (find (page2, "split", NULL));
    g_assert_cmpstr (((DdNode *) page2->pdata[0])->id, !=, first_page_last->id);
  }
}

static void
test_corruption_cells (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) fog = neighbours (f, "corruption:fog", 50);
  g_autoptr(GPtrArray) cell = neighbours (f, "severity:fog/3", 50);
  g_autoptr(GPtrArray) sev = neighbours (f, "severity:3", 50);
  g_autoptr(GPtrArray) family = neighbours (f, "family:noise", 50);

  g_assert_nonnull (find (fog, "family", "family:weather"));
  for (guint s = 1; s <= 5; s++)
    {
      g_autofree char *id = g_strdup_printf ("severity:fog/%u", s);
      g_assert_cmpuint (find (fog, "severity", id)->count, ==, 6);
    }
  /* the cell fog/3 holds 2 val images of each class */
  g_assert_nonnull (find (cell, "corruption", "corruption:fog"));
  g_assert_cmpuint (find (cell, "cell", "class:n01443537")->count, ==, 2);
  g_assert_cmpuint (find (cell, "cell", "class:n04146614")->count, ==, 2);
  g_assert_cmpuint (count_edge (cell, "cell", DD_NODE_CLASS), ==, 3);
  /* severity 3 across corruptions */
  g_assert_cmpuint (count_edge (sev, "cell", DD_NODE_SEVERITY), ==, 3);
  g_assert_cmpuint (find (sev, "cell", "severity:motion_blur/3")->count, ==, 6);
  g_assert_cmpuint (find (family, "corruption", "corruption:gaussian_noise")->count, ==, 30);
  g_assert_cmpuint (count_edge (family, "corruption", DD_NODE_CORRUPTION), ==, 1);
}

static void
test_sample_variants (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) clean = neighbours (f, "sample:tiny/val/images/val_0.JPEG", 100);
  g_autoptr(GPtrArray) corrupted = neighbours (f, "sample:C/fog/2/n01443537/val_0.JPEG", 100);
  g_autoptr(GPtrArray) few = neighbours (f, "sample:tiny/val/images/val_0.JPEG", 5);
  g_autoptr(GPtrArray) unlabeled = neighbours (f, "sample:tiny/val/images/val_5.JPEG", 100);

  /* all 3 corruptions × 5 severities exist for val_0 */
  g_assert_cmpuint (count_edge (clean, "variant", DD_NODE_SAMPLE), ==, 15);
  g_assert_nonnull (find (clean, "class", "class:n01443537"));
  g_assert_nonnull (find (clean, "split", "split:val"));
  g_assert_null (find (clean, "clean", NULL));
  g_assert_cmpuint (count_edge (few, "variant", DD_NODE_SAMPLE), ==, 5);
  g_assert_cmpuint (count_edge (few, "variant", DD_NODE_MORE), ==, 1);

  g_assert_nonnull (find (corrupted, "clean", "sample:tiny/val/images/val_0.JPEG"));
  g_assert_nonnull (find (corrupted, "severity", "severity:fog/2"));
  g_assert_cmpuint (count_edge (corrupted, "variant", DD_NODE_SAMPLE), ==, 0);

  g_assert_null (find (unlabeled, "class", NULL));
  g_assert_nonnull (find (unlabeled, "finding", "health:missing_label"));
}

static void
test_health (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) n = neighbours (f, "health:undecodable", 10);

  g_assert_cmpuint (n->len, ==, 1);
  g_assert_nonnull (find (n, "sample", "sample:tiny/train/n01443537/images/n01443537_0.JPEG"));
}

static void
test_node_filter (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdFilter) cell = dd_relations_node_filter (f->catalog, DD_NODE_SEVERITY, "fog/3", &error);
  g_autoptr(DdFilter) sample = dd_relations_node_filter (f->catalog, DD_NODE_SAMPLE,
                                                         "tiny/test/images/test_1.JPEG", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (dd_catalog_count (f->catalog, cell, NULL, NULL), ==, 6);
  g_assert_cmpuint (dd_catalog_count (f->catalog, sample, NULL, NULL), ==, 1);
}

static void
test_taxonomy (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(DdTaxonomy) tax = dd_taxonomy_new (f->catalog);
  const char *root = dd_taxonomy_get_root (tax);
  g_autoptr(GArray) all = NULL;
  g_autoptr(GPtrArray) cat_ancestors = NULL;
  gboolean has_feline = FALSE;

  if (!g_file_test (WORDNET_DIR "/data.noun", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("WordNet data.noun is not installed");
      return;
    }
  g_assert_cmpstr (root, ==, "n00001740");   /* entity */
  g_assert_cmpuint (dd_taxonomy_get_count (tax, root), ==, 107);  /* every labeled sample */
  all = dd_taxonomy_get_classes_under (tax, root);
  g_assert_cmpuint (all->len, ==, 3);
  cat_ancestors = dd_taxonomy_get_ancestors (tax, "n02123045");
  for (guint i = 0; i < cat_ancestors->len; i++)
    if (strcmp (g_ptr_array_index (cat_ancestors, i), "n02120997") == 0)  /* feline */
      has_feline = TRUE;
  g_assert_true (has_feline);
  g_assert_cmpstr (g_ptr_array_index (cat_ancestors, cat_ancestors->len - 1), ==, "n00001740");

  /* synset nodes: children lead down to classes, counts add up */
  {
    g_autoptr(GPtrArray) n = neighbours (f, "synset:n00001740", 50);
    g_autoptr(GPtrArray) feline = neighbours (f, "synset:n02120997", 50);
    g_autoptr(DdFilter) filter = dd_relations_node_filter (f->catalog, DD_NODE_SYNSET,
                                                           "n02120997", NULL);
    guint64 sum = 0;

    for (guint i = 0; i < n->len; i++)
      sum += ((DdNode *) n->pdata[i])->count;
    g_assert_cmpuint (sum, ==, 107);
    g_assert_nonnull (find (feline, "hypernym", NULL));
    g_assert_cmpuint (dd_catalog_count (f->catalog, filter, NULL, NULL), ==, 36);
  }
}

/* Classes of equal counts under a path come by name whatever their case: on the full
 * demo "Yorkshire terrier" came before "abacus", every capitalised name first. */
static void
test_path_classes_by_name (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) path = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_node_free);
  g_autoptr(DdExpansion) expansion = NULL;
  const char *names[] = { "Yorkshire terrier", "abacus", "Bee", "cougar" };
  const char *expected[] = { "abacus", "Bee", "cougar", "Yorkshire terrier" };
  DdCatalogWriter *w = dd_test_writer (f->catalog);
  guint source, val, seen = 0;

  source = dd_test_add_source (w, "/data/tiny", "tiny-imagenet");
  val = dd_catalog_writer_ensure_split (w, "val", &error);
  g_assert_no_error (error);
  for (guint c = 0; c < G_N_ELEMENTS (names); c++)
    {
      g_autofree char *wnid = g_strdup_printf ("n0000010%u", c);
      guint id = dd_test_add_class (w, wnid, names[c], names[c], NULL, NULL);

      for (guint i = 0; i < 2; i++)
        {
          g_autofree char *key = g_strdup_printf ("tiny/val/%s_%u.JPEG", wnid, i);

          dd_test_add_sample (w, source, key, id, 0, 0, val, 0, NULL);
        }
    }
  dd_test_finish_source (w, source, "/data/tiny", "tiny-imagenet");
  dd_test_commit (w);

  /* dataset › val (the whole split), then dataset › the source › val (narrowed to the
   * source's samples: the path's own order) */
  for (int narrowed = 0; narrowed < 2; narrowed++)
    {
      g_autofree char *sid = g_strdup_printf ("%u", source);

      g_ptr_array_set_size (path, 0);
      g_ptr_array_add (path, dd_node_new (DD_NODE_DATASET, "", "tiny", 0, NULL));
      if (narrowed)
        g_ptr_array_add (path, dd_node_new (DD_NODE_SOURCE, sid, "tiny", 0, "source"));
      g_ptr_array_add (path, dd_node_new (DD_NODE_SPLIT, "val", "val", 0, "split"));
      g_clear_pointer (&expansion, dd_expansion_free);
      expansion = dd_relations_expand_path (f->catalog, path, 10, &error);
      g_assert_no_error (error);
      seen = 0;
      for (guint i = 0; i < expansion->nodes->len; i++)
        {
          DdNode *n = g_ptr_array_index (expansion->nodes, i);

          if (n->kind != DD_NODE_CLASS)
            continue;
          g_test_message ("%s %" G_GUINT64_FORMAT, n->label, n->count);
          g_assert_cmpuint (seen, <, G_N_ELEMENTS (expected));
          g_assert_cmpstr (n->label, ==, expected[seen]);
          seen++;
        }
      g_assert_cmpuint (seen, ==, G_N_ELEMENTS (expected));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/relations/" path, Fixture, NULL, dd_test_setup_counted, func, dd_test_teardown)
  g_test_add_func ("/relations/parse", test_parse);
  ADD ("unknown-nodes", test_unknown);
  ADD ("dataset", test_dataset);
  ADD ("class-paged", test_class);
  ADD ("corruption-cells", test_corruption_cells);
  ADD ("sample-variants", test_sample_variants);
  ADD ("health", test_health);
  ADD ("node-filter", test_node_filter);
  ADD ("taxonomy", test_taxonomy);
  g_test_add ("/relations/path-classes-by-name", Fixture, NULL, dd_test_setup_empty,
              test_path_classes_by_name, dd_test_teardown);

  return g_test_run ();
}
