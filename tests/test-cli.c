/* Tests of datadive-cli as a script sees it: exit codes, one-line errors and JSON
 * shapes. The binary comes from the build (DATADIVE_CLI). */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "dd-test-util.h"

typedef struct {
  char      *dir;
  char      *catalog_path;
} Fixture;

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs datadive-cli with the NULL-terminated arguments. */
static void
cli (Run        *r,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *exe = g_getenv ("DATADIVE_CLI");
  const char *arg;
  va_list args;
  int wait_status = 0;

  g_assert_nonnull (exe);
  g_ptr_array_add (argv, (char *) exe);
  va_start (args, first);
  for (arg = first; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &r->out, &r->err, &wait_status, &error));
  g_assert_no_error (error);
  r->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : 128 + WTERMSIG (wait_status);
}

/* A user error: exit 1, exactly one line on stderr naming @needle, nothing on stdout. */
static void
assert_user_error (Run        *r,
                   const char *needle)
{
  g_assert_cmpint (r->status, ==, 1);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_true (g_str_has_prefix (r->err, "datadive-cli: "));
  g_assert_true (g_str_has_suffix (r->err, "\n"));
  g_assert_true (strchr (r->err, '\n') == r->err + strlen (r->err) - 1);   /* one line */
  if (needle)
    g_assert_nonnull (strstr (r->err, needle));
}

static JsonObject *
parse_object (const char *text,
              JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalog) catalog = NULL;

  f->dir = g_dir_make_tmp ("dd-cli-XXXXXX", &error);
  f->catalog_path = g_build_filename (f->dir, "c.ddcat", NULL);
  catalog = dd_catalog_open (f->catalog_path, DD_CATALOG_OPEN_CREATE, &error);
  g_assert_no_error (error);
  dd_test_fill_catalog (catalog);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  dd_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->catalog_path);
}

static void
test_usage (void)
{
  g_auto(Run) r = { 0 };
  g_auto(Run) help = { 0 };
  g_auto(Run) unknown = { 0 };

  cli (&r, NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli (&help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "query"));
  cli (&unknown, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "frobnicate"));
}

static void
test_info_json (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Run) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o, *splits, *corruptions, *severities, *source;

  cli (&r, "info", "--catalog", f->catalog_path, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  o = parse_object (r.out, parser);
  g_assert_cmpint (json_object_get_int_member (o, "samples"), ==, 111);
  g_assert_cmpint (json_object_get_int_member (o, "labeled"), ==, 107);
  g_assert_cmpint (json_object_get_int_member (o, "unlabeled"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (o, "classes"), ==, 3);
  splits = json_object_get_object_member (o, "splits");
  g_assert_cmpint (json_object_get_int_member (splits, "train"), ==, 12);
  g_assert_cmpint (json_object_get_int_member (splits, "val"), ==, 96);
  g_assert_cmpint (json_object_get_int_member (splits, "test"), ==, 3);
  corruptions = json_object_get_object_member (o, "corruptions");
  g_assert_cmpint (json_object_get_int_member (corruptions, "none"), ==, 21);
  g_assert_cmpint (json_object_get_int_member (corruptions, "fog"), ==, 30);
  severities = json_object_get_object_member (o, "severities");
  g_assert_cmpint (json_object_get_int_member (severities, "0"), ==, 21);
  g_assert_cmpint (json_object_get_int_member (severities, "5"), ==, 18);
  source = json_array_get_object_element (json_object_get_array_member (o, "sources"), 0);
  g_assert_cmpstr (json_object_get_string_member (source, "root"), ==, "/data/tiny");
  g_assert_cmpstr (json_object_get_string_member (source, "layout"), ==, "tiny-imagenet");
}

static void
test_query (Fixture       *f,
            gconstpointer  data)
{
  g_auto(Run) count = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) paths = { 0 };
  g_auto(Run) human = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o, *s;
  JsonArray *samples;
  g_auto(GStrv) lines = NULL;

  cli (&count, "query", "--catalog", f->catalog_path, "--class", "goldfish",
       "--corruption", "blur", "--severity", "4", "--severity", "5", "--count", NULL);
  g_assert_cmpint (count.status, ==, 0);
  g_assert_cmpstr (count.out, ==, "4\n");

  cli (&json, "query", "--catalog", f->catalog_path, "--split", "train", "--class", "n02123045",
       "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  o = parse_object (json.out, parser);
  g_assert_cmpint (json_object_get_int_member (o, "count"), ==, 4);
  samples = json_object_get_array_member (o, "samples");
  g_assert_cmpuint (json_array_get_length (samples), ==, 4);
  s = json_array_get_object_element (samples, 0);
  g_assert_cmpstr (json_object_get_string_member (s, "path"), ==,
                   "/data/tiny/train/n02123045/images/n02123045_0.JPEG");
  g_assert_cmpstr (json_object_get_string_member (s, "key"), ==,
                   "tiny/train/n02123045/images/n02123045_0.JPEG");
  g_assert_cmpstr (json_object_get_string_member (s, "class"), ==, "n02123045");
  g_assert_cmpstr (json_object_get_string_member (s, "class_name"), ==, "tabby");
  g_assert_cmpstr (json_object_get_string_member (s, "corruption"), ==, "none");
  g_assert_cmpint (json_object_get_int_member (s, "severity"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (s, "split"), ==, "train");

  cli (&paths, "query", "--catalog", f->catalog_path, "--split", "test", "--paths", NULL);
  g_assert_cmpint (paths.status, ==, 0);
  lines = g_strsplit (g_strstrip (paths.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[0], "/data/tiny/test/images/"));

  cli (&human, "query", "--catalog", f->catalog_path, "--flag", "missing_label", NULL);
  g_assert_cmpint (human.status, ==, 0);
  g_assert_nonnull (strstr (human.out, "val_5.JPEG"));
  g_assert_nonnull (strstr (human.out, "1 sample"));
}

static void
test_query_limit (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Run) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;

  cli (&r, "query", "--catalog", f->catalog_path, "--json", "--limit", "7", NULL);
  g_assert_cmpint (r.status, ==, 0);
  o = parse_object (r.out, parser);
  g_assert_cmpint (json_object_get_int_member (o, "count"), ==, 111);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "samples")), ==, 7);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *absent = g_build_filename (f->dir, "absent.ddcat", NULL);
  g_auto(Run) a = { 0 };
  g_auto(Run) b = { 0 };
  g_auto(Run) c = { 0 };
  g_auto(Run) d = { 0 };
  g_auto(Run) e = { 0 };
  g_auto(Run) g = { 0 };

  g_assert_true (g_file_set_contents (text, "this is not a catalog, just words in a file\n"
                                            "padding padding padding padding padding\n", -1, NULL));
  cli (&a, "info", "--catalog", text, NULL);
  assert_user_error (&a, "not a DataDive catalog");
  cli (&b, "info", "--catalog", absent, NULL);
  assert_user_error (&b, "does not exist");
  g_assert_false (g_file_test (absent, G_FILE_TEST_EXISTS));
  cli (&c, "query", "--catalog", f->catalog_path, "--class", "unicorn", "--count", NULL);
  assert_user_error (&c, "unicorn");
  cli (&d, "query", "--catalog", f->catalog_path, "--severity", "7", NULL);
  assert_user_error (&d, "7");
  cli (&e, "query", "--catalog", f->catalog_path, "--flag", "sparkly", NULL);
  assert_user_error (&e, "sparkly");
  cli (&g, "info", NULL);
  assert_user_error (&g, "--catalog");
}

static void
test_index (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *demo = g_build_filename (f->dir, "demo", NULL);
  g_autofree char *catalog = g_build_filename (f->dir, "demo.ddcat", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", NULL);
  g_autofree char *bad_place = g_build_filename (f->dir, "no-such-folder", "x.ddcat", NULL);
  g_autofree char *text = g_build_filename (f->dir, "words.ddcat", NULL);
  g_auto(Run) gen = { 0 };
  g_auto(Run) first = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) info = { 0 };
  g_auto(Run) e1 = { 0 };
  g_auto(Run) e2 = { 0 };
  g_auto(Run) e3 = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  g_autoptr(JsonParser) parser3 = json_parser_new ();
  JsonObject *o, *src;
  JsonArray *sources;
  gint64 samples;

  cli (&gen, "demo", demo, "--classes", "3", "--per-class", "2", NULL);
  g_assert_cmpint (gen.status, ==, 0);

  cli (&first, "index", demo, "--catalog", catalog, "--json", NULL);
  g_assert_cmpint (first.status, ==, 0);
  o = parse_object (first.out, parser);
  samples = json_object_get_int_member (o, "samples");
  g_assert_cmpint (samples, >, 3 * 2 * 75);
  g_assert_true (json_object_has_member (o, "seconds"));
  sources = json_object_get_array_member (o, "sources");
  g_assert_cmpuint (json_array_get_length (sources), ==, 2);
  src = json_array_get_object_element (sources, 0);
  g_assert_cmpstr (json_object_get_string_member (src, "layout"), ==, "tiny-imagenet");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (src, "root"), "/tiny-imagenet-200"));
  src = json_array_get_object_element (sources, 1);
  g_assert_cmpstr (json_object_get_string_member (src, "layout"), ==, "imagenet-c");
  /* no temporary file is left next to the catalog */
  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (dir)))
      g_assert_false (g_str_has_prefix (name, ".demo.ddcat.tmp"));
  }

  cli (&again, "index", demo, "--catalog", catalog, "--json", NULL);
  g_assert_cmpint (again.status, ==, 0);
  o = parse_object (again.out, parser2);
  g_assert_cmpint (json_object_get_int_member (o, "samples"), ==, samples);
  src = json_array_get_object_element (json_object_get_array_member (o, "sources"), 1);
  g_assert_cmpint (json_object_get_int_member (src, "added"), ==, 0);

  cli (&info, "info", "--catalog", catalog, "--json", NULL);
  o = parse_object (info.out, parser3);
  g_assert_cmpint (json_object_get_int_member (o, "samples"), ==, samples);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "severities"), "5"), >, 0);

  /* bad input: one line, exit 1, nothing half-written */
  cli (&e1, "index", missing, "--catalog", catalog, NULL);
  assert_user_error (&e1, "does not exist");
  cli (&e2, "index", demo, "--catalog", bad_place, NULL);
  assert_user_error (&e2, "no-such-folder");
  g_assert_false (g_file_test (bad_place, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_set_contents (text, "plain words, not a catalog at all ......................"
                                            "................................................", -1, NULL));
  cli (&e3, "index", demo, "--catalog", text, NULL);
  assert_user_error (&e3, "not a DataDive catalog");
}

/* health, relations, prompt and export from a script's point of view, on a demo. */
static void
test_subset_commands (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *demo = g_build_filename (f->dir, "demo", NULL);
  g_autofree char *catalog = g_build_filename (f->dir, "demo.ddcat", NULL);
  g_autofree char *recipe = g_build_filename (f->dir, "r.json", NULL);
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  g_auto(Run) gen = { 0 };
  g_auto(Run) idx = { 0 };
  g_auto(Run) health = { 0 };
  g_auto(Run) rel = { 0 };
  g_auto(Run) bad_node = { 0 };
  g_auto(Run) prompt = { 0 };
  g_auto(Run) exported = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) bad_layout = { 0 };
  g_auto(Run) no_llm = { 0 };
  g_autoptr(JsonParser) p1 = json_parser_new ();
  g_autoptr(JsonParser) p2 = json_parser_new ();
  g_autoptr(JsonParser) p3 = json_parser_new ();
  g_autoptr(JsonParser) p4 = json_parser_new ();
  JsonObject *o;
  JsonArray *findings;

  cli (&gen, "demo", demo, "--classes", "3", "--per-class", "2", NULL);
  g_assert_cmpint (gen.status, ==, 0);
  cli (&idx, "index", demo, "--catalog", catalog, "--deep", "--json", NULL);
  g_assert_cmpint (idx.status, ==, 0);

  cli (&health, "health", "--catalog", catalog, "--json", NULL);
  g_assert_cmpint (health.status, ==, 0);
  o = parse_object (health.out, p1);
  g_assert_true (json_object_has_member (json_object_get_object_member (o, "counts"), "missing_label"));
  findings = json_object_get_array_member (o, "findings");
  g_assert_cmpuint (json_array_get_length (findings), >, 5);
  {
    JsonObject *first = json_array_get_object_element (findings, 0);
    g_assert_true (json_object_has_member (first, "kind"));
    g_assert_true (json_object_has_member (first, "key"));
    g_assert_true (json_object_has_member (first, "detail"));
  }

  cli (&rel, "relations", "--catalog", catalog, "class:n01443537", "--json", NULL);
  g_assert_cmpint (rel.status, ==, 0);
  o = parse_object (rel.out, p2);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "node"), "label"), ==, "goldfish");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "neighbours")), >, 3);
  cli (&bad_node, "relations", "--catalog", catalog, "class:n99999999", NULL);
  assert_user_error (&bad_node, "n99999999");

  cli (&prompt, "prompt", "--catalog", catalog, "--offline", "--json", "goldfish at severity 5", NULL);
  g_assert_cmpint (prompt.status, ==, 0);
  o = parse_object (prompt.out, p3);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (o, "classes"), 0), ==, "n01443537");
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (o, "severities"), 0), ==, 5);
  /* how the sentence was read: under "proposal", which recipes ignore */
  o = json_object_get_object_member (o, "proposal");
  g_assert_true (json_object_has_member (o, "explanation"));
  g_assert_true (json_object_has_member (o, "unplaced"));
  g_assert_cmpstr (json_object_get_string_member (o, "engine"), ==, "offline");
  /* an explicit endpoint that does not answer is an error, not a silent fallback */
  cli (&no_llm, "prompt", "--catalog", catalog, "--endpoint", "http://127.0.0.1:9/v1",
       "--timeout", "3", "goldfish", NULL);
  assert_user_error (&no_llm, "127.0.0.1:9");

  g_assert_true (g_file_set_contents (recipe, "{\"version\": 1, \"classes\": [\"goldfish\"], \"splits\": [\"train\"]}", -1, NULL));
  cli (&exported, "export", "--catalog", catalog, "--recipe", recipe, "--to", out, "--mode", "hardlink", "--json", NULL);
  g_assert_cmpint (exported.status, ==, 0);
  o = parse_object (exported.out, p4);
  g_assert_cmpint (json_object_get_int_member (o, "exported"), >, 0);
  g_assert_cmpstr (json_object_get_string_member (o, "layout"), ==, "imagefolder");
  g_assert_cmpstr (json_object_get_string_member (o, "mode"), ==, "hardlink");
  cli (&again, "export", "--catalog", catalog, "--recipe", recipe, "--to", out, NULL);
  assert_user_error (&again, "not empty");
  cli (&bad_layout, "export", "--catalog", catalog, "--recipe", recipe, "--to", out, "--layout", "zip", NULL);
  assert_user_error (&bad_layout, "zip");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/cli/" path, Fixture, NULL, setup, func, teardown)
  g_test_add_func ("/cli/usage", test_usage);
  ADD ("info/json", test_info_json);
  ADD ("query/modes", test_query);
  ADD ("query/limit", test_query_limit);
  ADD ("errors", test_errors);
  ADD ("index", test_index);
  ADD ("health-relations-prompt-export", test_subset_commands);

  return g_test_run ();
}
