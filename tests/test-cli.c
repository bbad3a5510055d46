/* Tests of datadive-cli as a script sees it: exit codes, one-line errors and JSON
 * shapes. The binary comes from the build (DATADIVE_CLI). */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "dd-test-util.h"

typedef DdTestFixture Fixture;

/* The hand-counted catalog, closed: datadive-cli opens it. */
static void
setup (Fixture       *f,
       gconstpointer  data)
{
  dd_test_setup_counted (f, data);
  g_clear_object (&f->catalog);
}

static void
test_usage (void)
{
  g_auto(DdTestRun) r = { 0 };

  dd_test_run_cli_full (&r, NULL, NULL, 120, (const char *[]) { NULL });   /* no command */
  g_assert_cmpint (r.status, ==, 2);
  dd_test_run_cli (&r, "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "query"));
  dd_test_run_cli (&r, "frobnicate", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "frobnicate"));
}

static void
test_info_json (Fixture       *f,
                gconstpointer  data)
{
  g_auto(DdTestRun) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o, *splits, *corruptions, *severities, *source;

  dd_test_run_cli (&r, "info", "--catalog", f->catalog_path, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  o = dd_test_parse_object (parser, r.out);
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
  g_auto(DdTestRun) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o, *s;
  JsonArray *samples;
  g_auto(GStrv) lines = NULL;

  dd_test_run_cli (&r, "query", "--catalog", f->catalog_path, "--class", "goldfish",
                   "--corruption", "blur", "--severity", "4", "--severity", "5", "--count", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "4\n");

  dd_test_run_cli (&r, "query", "--catalog", f->catalog_path, "--split", "train", "--class",
                   "n02123045", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  o = dd_test_parse_object (parser, r.out);
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

  dd_test_run_cli (&r, "query", "--catalog", f->catalog_path, "--split", "test", "--paths",
                   NULL);
  g_assert_cmpint (r.status, ==, 0);
  lines = g_strsplit (g_strstrip (r.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[0], "/data/tiny/test/images/"));

  dd_test_run_cli (&r, "query", "--catalog", f->catalog_path, "--flag", "missing_label", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "val_5.JPEG"));
  g_assert_nonnull (strstr (r.out, "1 sample"));
}

static void
test_query_limit (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(DdTestRun) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;

  dd_test_run_cli (&r, "query", "--catalog", f->catalog_path, "--json", "--limit", "7", NULL);
  g_assert_cmpint (r.status, ==, 0);
  o = dd_test_parse_object (parser, r.out);
  g_assert_cmpint (json_object_get_int_member (o, "count"), ==, 111);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "samples")), ==, 7);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_auto(DdTestRun) r = { 0 };
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *absent = g_build_filename (f->dir, "absent.ddcat", NULL);

  g_assert_true (g_file_set_contents (text, "this is not a catalog, just words in a file\n"
                                            "padding padding padding padding padding\n", -1, NULL));
  dd_test_run_cli (&r, "info", "--catalog", text, NULL);
  dd_test_assert_one_line_error (&r, "not a DataDive catalog");
  dd_test_run_cli (&r, "info", "--catalog", absent, NULL);
  dd_test_assert_one_line_error (&r, "does not exist");
  g_assert_false (g_file_test (absent, G_FILE_TEST_EXISTS));
  dd_test_run_cli (&r, "query", "--catalog", f->catalog_path, "--class", "unicorn", "--count",
                   NULL);
  dd_test_assert_one_line_error (&r, "unicorn");
  dd_test_run_cli (&r, "query", "--catalog", f->catalog_path, "--severity", "7", NULL);
  dd_test_assert_one_line_error (&r, "7");
  dd_test_run_cli (&r, "query", "--catalog", f->catalog_path, "--flag", "sparkly", NULL);
  dd_test_assert_one_line_error (&r, "sparkly");
  dd_test_run_cli (&r, "info", NULL);
  dd_test_assert_one_line_error (&r, "--catalog");
}

static void
test_index (Fixture       *f,
            gconstpointer  data)
{
  g_auto(DdTestRun) r = { 0 };
  g_autofree char *demo = g_build_filename (f->dir, "demo", NULL);
  g_autofree char *catalog = g_build_filename (f->dir, "demo.ddcat", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", NULL);
  g_autofree char *bad_place = g_build_filename (f->dir, "no-such-folder", "x.ddcat", NULL);
  g_autofree char *text = g_build_filename (f->dir, "words.ddcat", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  g_autoptr(JsonParser) parser3 = json_parser_new ();
  JsonObject *o, *src;
  JsonArray *sources;
  gint64 samples;

  dd_test_run_cli (&r, "demo", demo, "--classes", "3", "--per-class", "2", NULL);
  g_assert_cmpint (r.status, ==, 0);

  dd_test_run_cli (&r, "index", demo, "--catalog", catalog, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  o = dd_test_parse_object (parser, r.out);
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
  g_assert_cmpuint (dd_test_count_prefixed (f->dir, ".demo.ddcat.tmp"), ==, 0);

  dd_test_run_cli (&r, "index", demo, "--catalog", catalog, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  o = dd_test_parse_object (parser2, r.out);
  g_assert_cmpint (json_object_get_int_member (o, "samples"), ==, samples);
  src = json_array_get_object_element (json_object_get_array_member (o, "sources"), 1);
  g_assert_cmpint (json_object_get_int_member (src, "added"), ==, 0);

  dd_test_run_cli (&r, "info", "--catalog", catalog, "--json", NULL);
  o = dd_test_parse_object (parser3, r.out);
  g_assert_cmpint (json_object_get_int_member (o, "samples"), ==, samples);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "severities"), "5"), >, 0);

  /* bad input: one line, exit 1, nothing half-written */
  dd_test_run_cli (&r, "index", missing, "--catalog", catalog, NULL);
  dd_test_assert_one_line_error (&r, "does not exist");
  dd_test_run_cli (&r, "index", demo, "--catalog", bad_place, NULL);
  dd_test_assert_one_line_error (&r, "no-such-folder");
  g_assert_false (g_file_test (bad_place, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_set_contents (text, "plain words, not a catalog at all ......................"
                                            "................................................", -1, NULL));
  dd_test_run_cli (&r, "index", demo, "--catalog", text, NULL);
  dd_test_assert_one_line_error (&r, "not a DataDive catalog");
}

/* health, relations, prompt and export from a script's point of view, on a demo. */
static void
test_subset_commands (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(DdTestRun) r = { 0 };
  g_autofree char *demo = g_build_filename (f->dir, "demo", NULL);
  g_autofree char *catalog = g_build_filename (f->dir, "demo.ddcat", NULL);
  g_autofree char *recipe = g_build_filename (f->dir, "r.json", NULL);
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  g_autoptr(JsonParser) p1 = json_parser_new ();
  g_autoptr(JsonParser) p2 = json_parser_new ();
  g_autoptr(JsonParser) p3 = json_parser_new ();
  g_autoptr(JsonParser) p4 = json_parser_new ();
  JsonObject *o;
  JsonArray *findings;

  dd_test_run_cli (&r, "demo", demo, "--classes", "3", "--per-class", "2", NULL);
  g_assert_cmpint (r.status, ==, 0);
  dd_test_run_cli (&r, "index", demo, "--catalog", catalog, "--deep", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);

  dd_test_run_cli (&r, "health", "--catalog", catalog, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  o = dd_test_parse_object (p1, r.out);
  g_assert_true (json_object_has_member (json_object_get_object_member (o, "counts"), "missing_label"));
  findings = json_object_get_array_member (o, "findings");
  g_assert_cmpuint (json_array_get_length (findings), >, 5);
  {
    JsonObject *first = json_array_get_object_element (findings, 0);
    g_assert_true (json_object_has_member (first, "kind"));
    g_assert_true (json_object_has_member (first, "key"));
    g_assert_true (json_object_has_member (first, "detail"));
  }

  dd_test_run_cli (&r, "relations", "--catalog", catalog, "class:n01443537", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  o = dd_test_parse_object (p2, r.out);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "node"), "label"), ==, "goldfish");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "neighbours")), >, 3);
  dd_test_run_cli (&r, "relations", "--catalog", catalog, "class:n99999999", NULL);
  dd_test_assert_one_line_error (&r, "n99999999");

  dd_test_run_cli (&r, "prompt", "--catalog", catalog, "--offline", "--json",
                   "goldfish at severity 5", NULL);
  g_assert_cmpint (r.status, ==, 0);
  o = dd_test_parse_object (p3, r.out);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (o, "classes"), 0), ==, "n01443537");
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (o, "severities"), 0), ==, 5);
  /* how the sentence was read: under "proposal", which recipes ignore */
  o = json_object_get_object_member (o, "proposal");
  g_assert_true (json_object_has_member (o, "explanation"));
  g_assert_true (json_object_has_member (o, "unplaced"));
  g_assert_cmpstr (json_object_get_string_member (o, "engine"), ==, "offline");
  /* an explicit endpoint that does not answer is an error, not a silent fallback */
  dd_test_run_cli (&r, "prompt", "--catalog", catalog, "--endpoint", "http://127.0.0.1:9/v1",
                   "--timeout", "3", "goldfish", NULL);
  dd_test_assert_one_line_error (&r, "127.0.0.1:9");

  g_assert_true (g_file_set_contents (recipe, "{\"version\": 1, \"classes\": [\"goldfish\"], \"splits\": [\"train\"]}", -1, NULL));
  dd_test_run_cli (&r, "export", "--catalog", catalog, "--recipe", recipe, "--to", out,
                   "--mode", "hardlink", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  o = dd_test_parse_object (p4, r.out);
  g_assert_cmpint (json_object_get_int_member (o, "exported"), >, 0);
  g_assert_cmpstr (json_object_get_string_member (o, "layout"), ==, "imagefolder");
  g_assert_cmpstr (json_object_get_string_member (o, "mode"), ==, "hardlink");
  dd_test_run_cli (&r, "export", "--catalog", catalog, "--recipe", recipe, "--to", out, NULL);
  dd_test_assert_one_line_error (&r, "not empty");
  dd_test_run_cli (&r, "export", "--catalog", catalog, "--recipe", recipe, "--to", out,
                   "--layout", "zip", NULL);
  dd_test_assert_one_line_error (&r, "zip");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/cli/" path, Fixture, NULL, setup, func, dd_test_teardown)
  g_test_add_func ("/cli/usage", test_usage);
  ADD ("info/json", test_info_json);
  ADD ("query/modes", test_query);
  ADD ("query/limit", test_query_limit);
  ADD ("errors", test_errors);
  ADD ("index", test_index);
  ADD ("health-relations-prompt-export", test_subset_commands);

  return g_test_run ();
}
