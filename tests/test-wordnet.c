/* Tests of the WordNet reader on known ImageNet wnids (skipped without wordnet-base). */
#include "config.h"

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

static void
test_ancestry (void)
{
  DdWordnet *wn = wordnet_or_skip ();
  g_autoptr(GPtrArray) chain = NULL;
  g_autofree char *parent = NULL;
  gboolean has_fish = FALSE;

  if (wn == NULL)
    return;
  parent = dd_wordnet_get_parent (wn, "n01443537");
  g_assert_cmpstr (parent, ==, "n01439121");    /* cyprinid */
  chain = dd_wordnet_get_ancestors (wn, "n01443537");
  g_assert_cmpuint (chain->len, >, 5);
  for (guint i = 0; i < chain->len; i++)
    if (g_strcmp0 (chain->pdata[i], "n02512053") == 0)   /* fish */
      has_fish = TRUE;
  g_assert_true (has_fish);
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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/wordnet/names", test_names);
  g_test_add_func ("/wordnet/ancestry", test_ancestry);
  g_test_add_func ("/wordnet/unknown", test_unknown);
  return g_test_run ();
}
