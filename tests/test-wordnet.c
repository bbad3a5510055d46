/* Tests of the WordNet reader on known ImageNet wnids, and of the taxonomy's closure over
 * every hypernym path as the relations, the class list's groups and `query --class`
 * see it (skipped without wordnet-base). */
#include "config.h"

#include <string.h>

#include "dd-relations.h"
#include "dd-taxonomy.h"
#include "dd-test-util.h"
#include "dd-wordnet.h"

static DdWordnet *
wordnet_or_skip (void)
{
  DdWordnet *wn = dd_wordnet_get_default ();
  if (wn == NULL)
    g_test_skip ("WordNet data.noun is not installed");
  return wn;
}

static void
test_names (void)
{
  DdWordnet *wn = wordnet_or_skip ();
  g_autofree char *goldfish = NULL;
  g_autofree char *dog = NULL;
  g_auto(GStrv) tabby = NULL;
  g_autofree char *gloss = NULL;

  if (wn == NULL)
    return;
  goldfish = dd_wordnet_get_name (wn, "n01443537");
  g_assert_cmpstr (goldfish, ==, "goldfish");
  dog = dd_wordnet_get_name (wn, "n02084071");
  g_assert_cmpstr (dog, ==, "dog");
  tabby = dd_wordnet_get_names (wn, "n02123045");
  g_assert_cmpstr (tabby[0], ==, "tabby");
  g_assert_cmpstr (tabby[1], ==, "tabby cat");
  gloss = dd_wordnet_get_gloss (wn, "n01443537");
  g_assert_true (g_str_has_prefix (gloss, "small golden or orange-red"));
}

/* The position of @wnid in @list, or -1. */
static int
index_of (GPtrArray  *list,
          const char *wnid)
{
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (list->pdata[i], wnid) == 0)
      return i;
  return -1;
}

static gboolean
contains (GPtrArray  *list,
          const char *wnid)
{
  return list != NULL && index_of (list, wnid) >= 0;
}

static void
test_ancestry (void)
{
  DdWordnet *wn = wordnet_or_skip ();
  g_autoptr(GPtrArray) chain = NULL;
  g_autofree char *parent = NULL;

  if (wn == NULL)
    return;
  parent = dd_wordnet_get_parent (wn, "n01443537");
  g_assert_cmpstr (parent, ==, "n01439121");    /* cyprinid */
  chain = dd_wordnet_get_ancestors (wn, "n01443537");
  g_assert_cmpuint (chain->len, >, 5);
  g_assert_true (contains (chain, "n02512053"));   /* fish */
  g_assert_cmpstr (chain->pdata[chain->len - 1], ==, "n00001740");   /* entity */
  g_clear_pointer (&chain, g_ptr_array_unref);
  chain = dd_wordnet_get_ancestors (wn, "n00001740");
  g_assert_cmpuint (chain->len, ==, 0);
}

static void
test_unknown (void)
{
  DdWordnet *wn = wordnet_or_skip ();

  if (wn == NULL)
    return;
  /* not at a line start, not digits, out of range, not a noun id */
  g_assert_false (dd_wordnet_has (wn, "n01443538"));
  g_assert_false (dd_wordnet_has (wn, "nabcdefgh"));
  g_assert_false (dd_wordnet_has (wn, "n99999999"));
  g_assert_false (dd_wordnet_has (wn, "cat"));
  g_assert_false (dd_wordnet_has (wn, NULL));
  g_assert_null (dd_wordnet_get_name (wn, "n00000042"));
  g_assert_true (dd_wordnet_has (wn, "n04146614"));   /* school bus */
}

/* A synset's direct hypernyms: every "@" pointer, the first one first. */
static void
test_hypernyms (void)
{
  DdWordnet *wn = wordnet_or_skip ();
  g_autoptr(GPtrArray) edible = NULL;
  g_autoptr(GPtrArray) scoreboard = NULL;
  g_autoptr(GPtrArray) root = NULL;
  g_autofree char *parent = NULL;

  if (wn == NULL)
    return;
  edible = dd_wordnet_get_hypernyms (wn, "n07705931");          /* edible fruit */
  g_assert_cmpuint (edible->len, ==, 2);
  g_assert_true (contains (edible, "n07705711"));               /* produce */
  g_assert_true (contains (edible, "n13134947"));               /* fruit */
  scoreboard = dd_wordnet_get_hypernyms (wn, "n04149813");
  g_assert_cmpuint (scoreboard->len, ==, 2);
  g_assert_cmpstr (scoreboard->pdata[0], ==, "n02856463");       /* board */
  g_assert_cmpstr (scoreboard->pdata[1], ==, "n04217882");       /* signboard */
  parent = dd_wordnet_get_parent (wn, "n04149813");
  g_assert_cmpstr (parent, ==, scoreboard->pdata[0]);
  root = dd_wordnet_get_hypernyms (wn, "n00001740");
  g_assert_cmpuint (root->len, ==, 0);
}

static void
test_is_word (void)
{
  DdWordnet *wn = wordnet_or_skip ();

  if (wn == NULL)
    return;
  g_assert_true (dd_wordnet_is_word (wn, "breed"));
  g_assert_true (dd_wordnet_is_word (wn, "tigers"));
  g_assert_true (dd_wordnet_is_word (wn, "wanted"));
  g_assert_true (dd_wordnet_is_word (wn, "aah"));          /* the first verb */
  g_assert_true (dd_wordnet_is_word (wn, "zymurgy"));      /* a last noun */
  g_assert_false (dd_wordnet_is_word (wn, "gausian"));
  g_assert_false (dd_wordnet_is_word (wn, "severty"));
  g_assert_false (dd_wordnet_is_word (wn, "compresion"));
  g_assert_false (dd_wordnet_is_word (wn, ""));
}

/* Five classes, the samples of each a different number so every sum tells who is in it:
 * orange 3 (edible fruit: produce and fruit), lemon 5, scoreboard 7 (board and signboard,
 * a structure), comic book 11 (magazine: a medium and a publication, both artifacts),
 * goldfish 13. */
static const struct { const char *wnid, *name; guint samples; } closure_classes[] = {
  { "n07747607", "orange", 3 }, { "n07749582", "lemon", 5 }, { "n04149813", "scoreboard", 7 },
  { "n06596364", "comic book", 11 }, { "n01443537", "goldfish", 13 },
};

static DdCatalog *
closure_catalog (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "closure.ddcat", NULL);
  DdCatalog *catalog = dd_catalog_open (path, DD_CATALOG_OPEN_CREATE, &error);
  DdCatalogWriter *writer;
  guint source, val;

  g_assert_no_error (error);
  writer = dd_test_writer (catalog);
  source = dd_test_add_source (writer, "/data/c", "imagefolder");
  val = dd_catalog_writer_ensure_split (writer, "val", &error);
  g_assert_no_error (error);
  for (guint c = 0; c < G_N_ELEMENTS (closure_classes); c++)
    {
      guint id = dd_test_add_class (writer, closure_classes[c].wnid, closure_classes[c].name,
                                    closure_classes[c].name, NULL, NULL);

      for (guint i = 0; i < closure_classes[c].samples; i++)
        {
          g_autofree char *key = g_strdup_printf ("c/%s/%u.JPEG", closure_classes[c].wnid, i);
          dd_test_add_sample (writer, source, key, id, 0, 0, val, 0, NULL);
        }
    }
  dd_test_finish_source (writer, source, "/data/c", "imagefolder");
  dd_test_commit (writer);
  return catalog;
}

static guint
neighbour_count (GPtrArray  *nodes,
                 const char *edge,
                 const char *id)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      DdNode *n = nodes->pdata[i];
      if (g_strcmp0 (n->edge, edge) == 0 && g_strcmp0 (n->id, id) == 0)
        return n->count ? n->count : 1;
    }
  return 0;
}

/* Membership follows every hypernym path, and a class reachable by two paths is
 * counted once: in the taxonomy, the class list's groups, the explorer and the CLI. */
static void
test_closure (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dd-closure-XXXXXX", NULL);
  g_autoptr(DdCatalog) catalog = NULL;
  g_autoptr(DdTaxonomy) tax = NULL;
  g_autoptr(GArray) fruit = NULL, produce = NULL, structure = NULL, artifact = NULL;
  g_autoptr(GPtrArray) up = NULL, parents = NULL, groups = NULL;
  g_autoptr(GPtrArray) scoreboard = NULL, artifact_node = NULL;
  g_autoptr(DdNode) described = NULL;
  g_autoptr(GError) error = NULL;

  if (wordnet_or_skip () == NULL)
    {
      dd_test_rm_rf (dir);
      return;
    }
  catalog = closure_catalog (dir);
  tax = dd_taxonomy_new (catalog);

  /* orange (edible fruit) is under fruit and under produce */
  fruit = dd_taxonomy_get_classes_under (tax, "n13134947");
  produce = dd_taxonomy_get_classes_under (tax, "n07705711");
  g_assert_nonnull (fruit);
  g_assert_nonnull (produce);
  g_assert_cmpuint (fruit->len, ==, 2);                 /* orange, lemon */
  g_assert_cmpuint (g_array_index (fruit, guint, 0), ==, 1);
  g_assert_cmpuint (produce->len, ==, 2);
  g_assert_cmpuint (dd_taxonomy_get_count (tax, "n13134947"), ==, 8);
  g_assert_cmpuint (dd_taxonomy_get_count (tax, "n07705711"), ==, 8);

  /* scoreboard is a structure through signboard; its first parent stays board */
  structure = dd_taxonomy_get_classes_under (tax, "n04341686");
  g_assert_nonnull (structure);
  g_assert_cmpuint (structure->len, ==, 1);
  g_assert_cmpuint (g_array_index (structure, guint, 0), ==, 3);
  g_assert_cmpstr (dd_taxonomy_get_parent (tax, "n04149813"), ==, "n02856463");
  parents = dd_taxonomy_get_parents (tax, "n04149813");
  g_assert_cmpuint (parents->len, ==, 2);
  up = dd_taxonomy_get_ancestors (tax, "n04149813");
  g_assert_cmpint (index_of (up, "n04217882"), >=, 0);
  g_assert_cmpint (index_of (up, "n04217882"), <, index_of (up, "n04341686"));
  g_assert_cmpstr (up->pdata[up->len - 1], ==, "n00001740");
  for (guint i = 0; i < up->len; i++)
    g_assert_cmpint (index_of (up, up->pdata[i]), ==, i);   /* each once */

  /* two paths, counted once: comic book and scoreboard each reach artifact twice */
  artifact = dd_taxonomy_get_classes_under (tax, "n00021939");
  g_assert_cmpuint (artifact->len, ==, 2);
  g_assert_cmpuint (dd_taxonomy_get_count (tax, "n00021939"), ==, 18);
  g_assert_cmpuint (dd_taxonomy_get_count (tax, "n00001740"), ==, 39);
  g_assert_cmpuint (dd_taxonomy_get_count (tax, "n00001930"), ==, 39);

  /* the class list's "Keep the classes under…" offers: each group's classes once */
  groups = dd_taxonomy_list_groups (tax, 2);
  g_assert_true (contains (groups, "n00021939"));
  g_assert_true (contains (groups, "n13134947"));
  g_assert_false (contains (groups, "n00001740"));      /* every class: not a choice */
  for (guint i = 0; i < groups->len; i++)
    {
      g_autoptr(GArray) ids = dd_taxonomy_get_classes_under (tax, groups->pdata[i]);
      guint64 sum = 0;

      for (guint k = 0; k < ids->len; k++)
        {
          if (k > 0)
            g_assert_cmpuint (g_array_index (ids, guint, k - 1), <, g_array_index (ids, guint, k));
          sum += closure_classes[g_array_index (ids, guint, k) - 1].samples;
        }
      g_assert_cmpuint (sum, ==, dd_taxonomy_get_count (tax, groups->pdata[i]));
    }

  /* the explorer: a class links to each of its parents; counts are the same */
  scoreboard = dd_relations_neighbours (catalog, DD_NODE_CLASS, "n04149813", 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (neighbour_count (scoreboard, "hypernym", "n02856463"), >, 0);
  g_assert_cmpuint (neighbour_count (scoreboard, "hypernym", "n04217882"), ==, 7);
  described = dd_relations_describe (catalog, DD_NODE_SYNSET, "n00021939", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (described->count, ==, 18);
  artifact_node = dd_relations_neighbours (catalog, DD_NODE_SYNSET, "n00003553", 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (neighbour_count (artifact_node, "hyponym", "n00021939"), ==, 18);

  /* query --class with a category, by wnid or by name */
  g_clear_object (&catalog);
  {
    g_autofree char *path = g_build_filename (dir, "closure.ddcat", NULL);

    g_assert_cmpuint (dd_test_cli_count (path, "n00021939"), ==, 18);
    g_assert_cmpuint (dd_test_cli_count (path, "artifact"), ==, 18);
    g_assert_cmpuint (dd_test_cli_count (path, "fruit"), ==, 8);
    g_assert_cmpuint (dd_test_cli_count (path, "n00001930"), ==, 39);   /* physical entity */
    g_assert_cmpuint (dd_test_cli_count (path, "lemon"), ==, 5);
  }
  dd_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/wordnet/names", test_names);
  g_test_add_func ("/wordnet/ancestry", test_ancestry);
  g_test_add_func ("/wordnet/unknown", test_unknown);
  g_test_add_func ("/wordnet/hypernyms", test_hypernyms);
  g_test_add_func ("/wordnet/is-word", test_is_word);
  g_test_add_func ("/taxonomy/closure-counted-once", test_closure);
  return g_test_run ();
}
