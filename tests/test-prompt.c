/* Tests of the prompt engine: a table of sentences with the recipes they should give
 * (exact-match accuracy per field, over a 200-class Tiny-ImageNet catalog and the demo),
 * and the LLM client against a real HTTP server on 127.0.0.1. */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "dd-demo.h"
#include "dd-prompt.h"
#include "dd-scanner.h"
#include "dd-taxonomy.h"
#include "dd-test-util.h"
#include "dd-tiny-imagenet-classes.h"
#include "dd-wordnet.h"

static char *tmpdir;
static DdCatalog *tiny;    /* the 200 real classes */
static DdCatalog *demo;    /* a generated demo, indexed */

/* A catalog with the 200 Tiny-ImageNet classes (names from the embedded table,
 * parents from WordNet), the 15 corruptions and the three splits. */
static DdCatalog *
make_tiny_catalog (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "tiny.ddcat", NULL);
  DdCatalog *catalog = dd_catalog_open (path, DD_CATALOG_OPEN_CREATE, &error);
  sqlite3 *db = dd_catalog_get_db (catalog);
  sqlite3_stmt *stmt;
  const char * const *corr = dd_standard_corruptions ();
  DdWordnet *wn = dd_wordnet_get_default ();

  g_assert_no_error (error);
  dd_catalog_lock (catalog);
  dd_catalog_exec (catalog, "BEGIN", NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO classes (wnid, name, names, parent_wnid, parent_name, name_source)"
                          " VALUES (?, ?, ?, ?, ?, 'words')", -1, &stmt, NULL);
  for (guint i = 0; i < DD_TINY_IMAGENET_N_CLASSES; i++)
    {
      const char *wnid = dd_tiny_imagenet_wnid (i);
      g_auto(GStrv) names = g_strsplit (dd_tiny_imagenet_names (i), ",", 2);
      g_autofree char *parent = wn ? dd_wordnet_get_parent (wn, wnid) : NULL;
      g_autofree char *parent_name = parent ? dd_wordnet_get_name (wn, parent) : NULL;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, wnid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, g_strstrip (names[0]), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, dd_tiny_imagenet_names (i), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, parent, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, parent_name, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    }
  sqlite3_finalize (stmt);
  for (guint k = 0; k < 15; k++)
    dd_catalog_ensure_corruption (catalog, corr[k], NULL);
  dd_catalog_ensure_split (catalog, "train", NULL);
  dd_catalog_ensure_split (catalog, "val", NULL);
  dd_catalog_ensure_split (catalog, "test", NULL);
  dd_catalog_exec (catalog, "COMMIT", NULL);
  dd_catalog_unlock (catalog);
  g_assert_true (dd_catalog_reload (catalog, NULL));
  return catalog;
}

static DdCatalog *
make_demo_catalog (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_build_filename (tmpdir, "demo", NULL);
  g_autofree char *path = g_build_filename (tmpdir, "demo.ddcat", NULL);
  g_autoptr(DdScanner) scanner = NULL;
  g_autoptr(DdScanReport) report = NULL;
  DdCatalog *catalog;
  DdDemoOptions options;
  const char *roots[] = { root, NULL };

  dd_demo_options_init (&options);
  options.classes = 10;
  options.per_class = 2;
  options.train_per_class = 2;
  options.test_per_class = 2;
  g_assert_true (dd_demo_generate (root, &options, NULL, NULL, NULL, &error));
  catalog = dd_catalog_open (path, DD_CATALOG_OPEN_CREATE, &error);
  scanner = dd_scanner_new (catalog);
  report = dd_scanner_run (scanner, roots, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return catalog;
}

/* ---- the sentence table ----------------------------------------------------------- */

/* classes: NULL = all; "a,b" wnids; "@synset" every class under it; "@s1+@s2"
 * union; "@synset-wnid" minus one; "!wnid" all classes but one.
 * corruptions: NULL = all; names and families (expanded) separated by commas.
 * severities: bit mask, -1 = all. splits: NULL = all, else "a,b". */
typedef struct {
  const char *text;
  const char *classes;
  const char *corruptions;
  int         severities;
  const char *splits;
} Case;

#define ALL -1

static const Case tiny_cases[] = {
  { "goldfish", "n01443537", NULL, ALL, NULL },
  { "Goldfish!", "n01443537", NULL, ALL, NULL },
  { "tabby cat", "n02123045", NULL, ALL, NULL },
  { "tabby cats and persian cats", "n02123045,n02123394", NULL, ALL, NULL },
  { "school buses", "n04146614", NULL, ALL, NULL },
  { "golden retrievers and labrador retrievers", "n02099601,n02099712", NULL, ALL, NULL },
  { "dogs", "@n02084071", NULL, ALL, NULL },
  { "birds", "@n01503061", NULL, ALL, NULL },
  { "vehicles", "@n04524313", NULL, ALL, NULL },
  { "furniture", "@n03405725", NULL, ALL, NULL },
  { "insects", "@n02159955", NULL, ALL, NULL },
  { "all animals", "@n00015388", NULL, ALL, NULL },
  { "dogs but not poodles", "@n02084071-n02113799", NULL, ALL, NULL },
  { "every class except goldfish", "!n01443537", NULL, ALL, NULL },
  { "vehicles without school buses", "@n04524313-n04146614", NULL, ALL, NULL },
  { "dogs and birds", "@n02084071+@n01503061", NULL, ALL, NULL },
  { "foggy images", NULL, "fog", ALL, NULL },
  { "blurry images", NULL, "blur", ALL, NULL },
  { "noisy goldfish", "n01443537", "noise", ALL, NULL },
  { "weather corruptions", NULL, "weather", ALL, NULL },
  { "jpeg compression artifacts", NULL, "jpeg_compression", ALL, NULL },
  { "pixelated and motion blur", NULL, "pixelate,motion_blur", ALL, NULL },
  { "snow and frost", NULL, "snow,frost", ALL, NULL },
  { "only clean images", NULL, "none", 0x1, NULL },
  { "uncorrupted validation images", NULL, "none", 0x1, "val" },
  { "everything except fog", NULL, "none,gaussian_noise,shot_noise,impulse_noise,defocus_blur,glass_blur,motion_blur,zoom_blur,snow,frost,brightness,contrast,elastic_transform,pixelate,jpeg_compression", ALL, NULL },
  { "blur but no motion blur", NULL, "defocus_blur,glass_blur,zoom_blur", ALL, NULL },
  { "severity 3", NULL, NULL, 0x8, NULL },
  { "severities 3 to 5", NULL, NULL, 0x38, NULL },
  { "levels 2-4", NULL, NULL, 0x1c, NULL },
  { "fog at severity at least 4", NULL, "fog", 0x30, NULL },
  { "the two highest severities", NULL, NULL, 0x30, NULL },
  { "highest severity", NULL, NULL, 0x20, NULL },
  { "mild blur", NULL, "blur", 0x6, NULL },
  { "severe noise", NULL, "noise", 0x30, NULL },
  { "moderate contrast", NULL, "contrast", 0x8, NULL },
  { "severity 4 or more", NULL, NULL, 0x30, NULL },
  { "all severities except 1", NULL, NULL, 0x3d, NULL },
  { "training split", NULL, NULL, ALL, "train" },
  { "val and test", NULL, NULL, ALL, "test,val" },
  { "no test images", NULL, NULL, ALL, "train,val" },
  { "dogs and cats, only blur corruptions at the two highest severities, validation split",
    "@n02084071+@n02121620+@n02127808", "blur", 0x30, "val" },
  { "Goldfish without fog, severity 3 to 5", "n01443537",
    "gaussian_noise,shot_noise,impulse_noise,defocus_blur,glass_blur,motion_blur,zoom_blur,snow,frost,brightness,contrast,elastic_transform,pixelate,jpeg_compression", 0x38, NULL },
  { "clean training images of birds, 20 per class", "@n01503061", "none", 0x1, "train" },
  { "100 per class of insects, no broken images", "@n02159955", NULL, ALL, NULL },
  { "zoom blur on sports cars at levels 1 and 2", "n04285008", "zoom_blur", 0x6, NULL },
};

static const Case demo_cases[] = {
  { "goldfish", "n01443537", NULL, ALL, NULL },
  { "goldfish with gaussian noise, severity 5", "n01443537", "gaussian_noise", 0x20, NULL },
  { "clean val", NULL, "none", 0x1, "val" },
  { "animals", "@n00015388", NULL, ALL, NULL },
  { "fog, frost and snow at the highest severity", NULL, "fog,frost,snow", 0x20, NULL },
  { "digital corruptions except jpeg", NULL, "contrast,elastic_transform,pixelate", ALL, NULL },
  { "train split, skip goldfish", "!n01443537", NULL, ALL, "train" },
  { "severity 2 through 4", NULL, NULL, 0x1c, NULL },
};

/* Expected class wnids of a spec, sorted, or NULL for "all". */
static GPtrArray *
expected_classes (DdCatalog  *catalog,
                  const char *spec)
{
  g_autoptr(DdTaxonomy) tax = dd_taxonomy_new (catalog);
  g_autoptr(GPtrArray) classes = dd_catalog_list_classes (catalog);
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *out;
  GHashTableIter iter;
  gpointer key;

  if (spec == NULL)
    return NULL;
  if (spec[0] == '!')
    {
      for (guint i = 0; i < classes->len; i++)
        if (g_strcmp0 (((DdClassInfo *) classes->pdata[i])->wnid, spec + 1) != 0)
          g_hash_table_add (set, g_strdup (((DdClassInfo *) classes->pdata[i])->wnid));
    }
  else
    {
      g_auto(GStrv) parts = g_strsplit_set (spec, ",+", -1);
      for (guint i = 0; parts[i]; i++)
        {
          char *minus = strchr (parts[i], '-');
          if (parts[i][0] == '@')
            {
              g_autoptr(GArray) ids = NULL;
              if (minus)
                *minus = '\0';
              ids = dd_taxonomy_get_classes_under (tax, parts[i] + 1);
              for (guint k = 0; ids && k < ids->len; k++)
                for (guint m = 0; m < classes->len; m++)
                  if (((DdClassInfo *) classes->pdata[m])->id == g_array_index (ids, guint, k))
                    g_hash_table_add (set, g_strdup (((DdClassInfo *) classes->pdata[m])->wnid));
              if (minus)
                g_hash_table_remove (set, minus + 1);
            }
          else
            g_hash_table_add (set, g_strdup (parts[i]));
        }
    }
  out = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (out, g_strdup (key));
  return out;
}

static int
cmp_str (gconstpointer a,
         gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
join_sorted (GPtrArray *list)
{
  g_autoptr(GPtrArray) copy = g_ptr_array_new ();

  if (list == NULL)
    return g_strdup ("(all)");
  for (guint i = 0; i < list->len; i++)
    g_ptr_array_add (copy, list->pdata[i]);
  g_ptr_array_sort (copy, cmp_str);
  g_ptr_array_add (copy, NULL);
  return g_strjoinv (",", (char **) copy->pdata);
}

static GPtrArray *
strv_to_array (const char * const *v)
{
  GPtrArray *out;

  if (v == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; v[i]; i++)
    g_ptr_array_add (out, g_strdup (v[i]));
  return out;
}

/* Corruption names of a recipe or a spec, families expanded against the catalog. */
static GPtrArray *
expand_corruptions (DdCatalog          *catalog,
                    const char * const *names)
{
  g_autoptr(GPtrArray) all = dd_catalog_list_corruptions (catalog);
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *out;
  GHashTableIter iter;
  gpointer key;

  if (names == NULL)
    return NULL;
  for (guint i = 0; names[i]; i++)
    {
      if (dd_is_corruption_family (names[i]))
        {
          for (guint k = 0; k < all->len; k++)
            if (g_strcmp0 (((DdCorruptionInfo *) all->pdata[k])->family, names[i]) == 0)
              g_hash_table_add (set, g_strdup (((DdCorruptionInfo *) all->pdata[k])->name));
        }
      else
        g_hash_table_add (set, g_strdup (names[i]));
    }
  out = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (out, g_strdup (key));
  return out;
}

static void
run_cases (DdCatalog  *catalog,
           const Case *cases,
           guint       n,
           const char *name,
           guint       hits[4])
{
  for (guint i = 0; i < n; i++)
    {
      const Case *c = &cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(DdProposal) p = NULL;
      g_autoptr(GPtrArray) want_cls = expected_classes (catalog, c->classes);
      g_autoptr(GPtrArray) got_cls = NULL;
      g_auto(GStrv) want_corr_v = c->corruptions ? g_strsplit (c->corruptions, ",", -1) : NULL;
      g_autoptr(GPtrArray) want_corr = expand_corruptions (catalog, (const char * const *) want_corr_v);
      g_autoptr(GPtrArray) got_corr = NULL;
      g_auto(GStrv) want_split_v = c->splits ? g_strsplit (c->splits, ",", -1) : NULL;
      g_autoptr(GPtrArray) want_split = strv_to_array ((const char * const *) want_split_v);
      g_autoptr(GPtrArray) got_split = NULL;
      g_autofree char *a = NULL, *b = NULL, *cc = NULL, *d = NULL, *e = NULL, *f = NULL;
      int sev;
      gint64 t0 = g_get_monotonic_time ();

      p = dd_prompt_interpret (catalog, c->text, NULL, &error);
      g_assert_no_error (error);
      /* under 50 ms per prompt on a 200-class catalog */
      g_assert_cmpint (g_get_monotonic_time () - t0, <, 50 * 1000 * (g_test_slow () ? 1 : 4));
      got_cls = strv_to_array (dd_recipe_get_classes (p->recipe));
      got_corr = expand_corruptions (catalog, dd_recipe_get_corruptions (p->recipe));
      got_split = strv_to_array (dd_recipe_get_splits (p->recipe));
      sev = dd_recipe_get_severity_mask (p->recipe);

      a = join_sorted (want_cls);
      b = join_sorted (got_cls);
      cc = join_sorted (want_corr);
      d = join_sorted (got_corr);
      e = join_sorted (want_split);
      f = join_sorted (got_split);
      hits[0] += g_strcmp0 (a, b) == 0;
      hits[1] += g_strcmp0 (cc, d) == 0;
      hits[2] += sev == c->severities;
      hits[3] += g_strcmp0 (e, f) == 0;
      if (g_strcmp0 (a, b) || g_strcmp0 (cc, d) || sev != c->severities || g_strcmp0 (e, f))
        g_test_message ("%s: “%s”: classes %s vs %s; corruptions %s vs %s; severities %d vs %d;"
                        " splits %s vs %s", name, c->text, b, a, d, cc, sev, c->severities, f, e);
    }
}

static void
test_accuracy (void)
{
  guint hits[4] = { 0 };
  guint n = G_N_ELEMENTS (tiny_cases) + G_N_ELEMENTS (demo_cases);
  static const char *fields[] = { "classes", "corruptions", "severities", "splits" };

  if (dd_wordnet_get_default () == NULL)
    {
      g_test_skip ("WordNet data.noun is not installed (categories need it)");
      return;
    }
  run_cases (tiny, tiny_cases, G_N_ELEMENTS (tiny_cases), "tiny-imagenet", hits);
  run_cases (demo, demo_cases, G_N_ELEMENTS (demo_cases), "demo", hits);
  for (guint k = 0; k < 4; k++)
    {
      g_test_message ("offline exact match, %s: %u/%u = %.1f %%", fields[k], hits[k], n,
                      100.0 * hits[k] / n);
      g_assert_cmpfloat (100.0 * hits[k] / n, >=, 95.0);
    }
  g_assert_cmpuint (n, >=, 40);
}

static void
test_details (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdProposal) p = dd_prompt_interpret (tiny, "goldfish and unicorns, 50 per class, seed 9, no duplicates", NULL, &error);
  g_autoptr(DdRecipe) current = NULL;
  g_autoptr(DdProposal) refined = NULL;
  const char * const *flags;

  g_assert_no_error (error);
  g_assert_cmpuint (dd_recipe_get_per_class_limit (p->recipe), ==, 50);
  g_assert_cmpuint (dd_recipe_get_seed (p->recipe), ==, 9);
  flags = dd_recipe_get_exclude_flags (p->recipe);
  g_assert_nonnull (flags);
  g_assert_true (g_strv_contains (flags, "duplicate_conflict"));
  g_assert_cmpuint (p->unplaced->len, ==, 1);
  g_assert_cmpstr (p->unplaced->pdata[0], ==, "unicorns");
  g_assert_cmpstr (p->engine, ==, "offline");
  g_assert_nonnull (p->explanation);

  /* a field the sentence does not mention keeps the current value */
  current = dd_recipe_new_from_json ("{\"version\": 1, \"splits\": [\"val\"]}", -1, &error);
  g_assert_no_error (error);
  refined = dd_prompt_interpret (tiny, "only foggy goldfish", current, &error);
  g_assert_cmpstr (dd_recipe_get_splits (refined->recipe)[0], ==, "val");
  g_assert_cmpstr (dd_recipe_get_classes (refined->recipe)[0], ==, "n01443537");
}

/* ---- the LLM client against a real server ------------------------------------------- */

static const char *good = "{\"classes\": [\"goldfish\", \"n99999999\", \"tabby\"], \"corruptions\": [\"fog\", \"rain\"],"
                          " \"severities\": [4, 5], \"splits\": [\"val\"], \"explanation\": \"two classes in fog\"}";
static char *last_authorization;

static gboolean
unpause (gpointer data)
{
  SoupServerMessage *msg = data;
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
  soup_server_message_unpause (msg);
  g_object_unref (msg);
  return G_SOURCE_REMOVE;
}

static void
reply (SoupServerMessage *msg,
       const char        *content)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "choices");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "message");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, "assistant");
  json_builder_set_member_name (b, "content");
  json_builder_add_string_value (b, content);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  text = json_to_string (node, FALSE);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, text, strlen (text));
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           data)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *model;

  g_free (last_authorization);
  last_authorization = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                               "Authorization"));
  g_assert_cmpstr (path, ==, "/v1/chat/completions");
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), -1, NULL));
  model = json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "model");

  if (g_str_equal (model, "good"))
    reply (msg, good);
  else if (g_str_equal (model, "prose"))
    {
      g_autofree char *c = g_strdup_printf ("Sure! Here is the subset you asked for: %s. Enjoy.", good);
      reply (msg, c);
    }
  else if (g_str_equal (model, "fence"))
    {
      g_autofree char *c = g_strdup_printf ("```json\n%s\n```", good);
      reply (msg, c);
    }
  else if (g_str_equal (model, "malformed"))
    reply (msg, "{\"classes\": [\"goldfish\", }");
  else if (g_str_equal (model, "wrongtypes"))
    reply (msg, "{\"severities\": \"very high\"}");
  else if (g_str_equal (model, "refusal"))
    reply (msg, "I am sorry, but I cannot help with that request.");
  else if (g_str_equal (model, "401"))
    soup_server_message_set_status (msg, 401, NULL);
  else if (g_str_equal (model, "429"))
    soup_server_message_set_status (msg, 429, NULL);
  else if (g_str_equal (model, "500"))
    soup_server_message_set_status (msg, 500, NULL);
  else if (g_str_equal (model, "slow"))
    {
      soup_server_message_pause (msg);
      g_timeout_add (3000, unpause, g_object_ref (msg));
    }
  else if (g_str_equal (model, "drop"))
    {
      GIOStream *stream = soup_server_message_steal_connection (msg);
      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
    }
  else
    soup_server_message_set_status (msg, 400, NULL);
}

typedef struct {
  DdProposal *proposal;
  GError     *error;
  gboolean    done;
} Wait;

static void
on_proposed (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  Wait *w = data;
  w->proposal = dd_prompt_propose_finish (result, &w->error);
  w->done = TRUE;
}

static char *base_url;

static void
ask (const char *model,
     gboolean    no_fallback,
     guint       timeout,
     Wait       *w)
{
  DdPromptSettings s = { 0 };

  s.endpoint = base_url;
  s.model = (char *) model;
  s.api_key = (char *) "sk-secret-123";
  s.timeout = timeout;
  s.no_fallback = no_fallback;
  memset (w, 0, sizeof *w);
  /* the settings are copied: the caller's strings stay the caller's */
  dd_prompt_propose_async (tiny, "goldfish in fog", NULL, &s, NULL, on_proposed, w);
  while (!w->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
assert_fails (const char *model,
              int         code,
              guint       timeout)
{
  Wait w;

  ask (model, TRUE, timeout, &w);
  g_assert_null (w.proposal);
  g_assert_error (w.error, DD_PROMPT_ERROR, code);
  g_assert_null (strstr (w.error->message, "sk-secret"));
  g_assert_null (strchr (w.error->message, '\n'));
  g_test_message ("%s → %s", model, w.error->message);
  g_clear_error (&w.error);
}

static void
test_llm (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  const char *replies[] = { "good", "prose", "fence" };
  Wait w;

  soup_server_add_handler (server, "/v1", handler, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (server);
  base_url = g_strdup_printf ("http://127.0.0.1:%d/v1/", g_uri_get_port (uris->data));

  for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
    {
      const char * const *classes;

      ask (replies[i], TRUE, 10, &w);
      g_assert_no_error (w.error);
      g_assert_nonnull (w.proposal);
      classes = dd_recipe_get_classes (w.proposal->recipe);
      g_assert_cmpuint (g_strv_length ((char **) classes), ==, 2);
      g_assert_cmpstr (classes[0], ==, "n01443537");
      g_assert_cmpstr (classes[1], ==, "n02123045");
      g_assert_cmpstr (dd_recipe_get_corruptions (w.proposal->recipe)[0], ==, "fog");
      g_assert_cmpint (dd_recipe_get_severity_mask (w.proposal->recipe), ==, 0x30);
      /* unknown names are reported and dropped, not applied */
      g_assert_cmpuint (w.proposal->unplaced->len, ==, 2);
      g_assert_true (g_str_has_prefix (w.proposal->engine, "llm"));
      g_assert_cmpstr (w.proposal->explanation, ==, "two classes in fog");
      g_assert_cmpstr (last_authorization, ==, "Bearer sk-secret-123");
      dd_proposal_free (w.proposal);
    }

  assert_fails ("malformed", DD_PROMPT_ERROR_NOT_JSON, 10);
  assert_fails ("wrongtypes", DD_PROMPT_ERROR_BAD_REPLY, 10);
  assert_fails ("refusal", DD_PROMPT_ERROR_REFUSED, 10);
  assert_fails ("401", DD_PROMPT_ERROR_HTTP, 10);
  assert_fails ("429", DD_PROMPT_ERROR_HTTP, 10);
  assert_fails ("500", DD_PROMPT_ERROR_HTTP, 10);
  assert_fails ("slow", DD_PROMPT_ERROR_TIMEOUT, 1);
  assert_fails ("drop", DD_PROMPT_ERROR_UNREACHABLE, 10);

  /* without an explicit endpoint the offline interpreter answers, and says why */
  ask ("500", FALSE, 10, &w);
  g_assert_no_error (w.error);
  g_assert_cmpstr (w.proposal->engine, ==, "offline");
  g_assert_nonnull (w.proposal->fallback);
  g_assert_nonnull (strstr (w.proposal->fallback, "500"));
  g_assert_cmpstr (dd_recipe_get_classes (w.proposal->recipe)[0], ==, "n01443537");
  dd_proposal_free (w.proposal);

  /* an endpoint nobody listens on */
  g_free (base_url);
  base_url = g_strdup ("http://127.0.0.1:9/v1");
  assert_fails ("good", DD_PROMPT_ERROR_UNREACHABLE, 5);
  g_clear_pointer (&base_url, g_free);
  soup_server_disconnect (server);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("http_proxy");
  g_unsetenv ("HTTP_PROXY");
  tmpdir = g_dir_make_tmp ("dd-prompt-XXXXXX", NULL);
  tiny = make_tiny_catalog ();
  demo = make_demo_catalog ();

  g_test_add_func ("/prompt/offline/accuracy", test_accuracy);
  g_test_add_func ("/prompt/offline/quota-seed-flags-unplaced", test_details);
  g_test_add_func ("/prompt/llm/replies-and-errors", test_llm);
  status = g_test_run ();

  g_clear_object (&tiny);
  g_clear_object (&demo);
  dd_test_rm_rf (tmpdir);
  g_free (tmpdir);
  g_free (last_authorization);
  return status;
}
