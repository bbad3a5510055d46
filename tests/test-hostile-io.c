/* Hostile input to recipes, LLM replies, the content pass, exports and the CLI:
 * nesting that overflows json-glib's parser, devices and FIFOs where files were, huge
 * values, interrupted and killed runs, a password in a URL. Each case once crashed,
 * hung or leaked; each must now end promptly with one clear line and lose nothing. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dd-content.h"
#include "dd-export.h"
#include "dd-json-guard.h"
#include "dd-llm-client.h"
#include "dd-recipe.h"
#include "dd-scanner.h"
#include "dd-test-util.h"
#include "dd-text.h"
#include "dd-thumbnailer.h"
#include "dd-tmpdir.h"

/* How long any one hostile case may take before it counts as a hang. */
#define DEADLINE_S 20

/* ---- running the CLI with a deadline ------------------------------------------------- */

static void
umask_002 (gpointer data)
{
  umask (002);
}

/* datadive-cli with the arguments listed; a run that has not ended after DEADLINE_S
 * fails the test as a hang. */
#define cli(r, ...) \
  dd_test_run_cli_full ((r), NULL, NULL, DEADLINE_S, (const char *[]) { __VA_ARGS__, NULL })

/* ---- fixtures ------------------------------------------------------------------------ */

typedef DdTestFixture Fixture;   /* data: an ImageFolder, cat/ and dog/ */

static GBytes *
jpeg_bytes (guint32 rgb)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 16, 16);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize len = 0;

  gdk_pixbuf_fill (pixbuf, rgb << 8 | 0xff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &len, "jpeg", &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, len);
}

/* @n images per class in @data/{cat,dog}/ */
static void
write_imagefolder (const char *data,
                   guint       n)
{
  const char *classes[] = { "cat", "dog" };

  for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
    {
      g_autofree char *dir = g_build_filename (data, classes[c], NULL);
      g_autoptr(GBytes) jpeg = jpeg_bytes (c ? 0x2040c0 : 0xc04020);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *name = g_strdup_printf ("%s_%04u.jpg", classes[c], i);
          g_autofree char *path = g_build_filename (dir, name, NULL);
          gsize len;
          const char *bytes = g_bytes_get_data (jpeg, &len);

          g_assert_true (g_file_set_contents (path, bytes, len, NULL));
        }
    }
}

static void
setup_with (Fixture *f,
            guint    per_class)
{
  dd_test_fixture_init (f, NULL);
  write_imagefolder (f->data, per_class);
  dd_test_fixture_index (f);
  g_assert_cmpuint (dd_catalog_get_n_samples (f->catalog), >, 0);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  setup_with (f, 3);
}

/* Enough files that an export takes a moment: time to interrupt it. */
static void
setup_many (Fixture       *f,
            gconstpointer  data)
{
  setup_with (f, 400);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *text,
            gssize      len)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, len, NULL));
  return path;
}

/* Replaces the files of the first two samples with a FIFO and a link to /dev/zero
 * (the third, when @grow, with a file far larger than it was); returns their keys. */
static GPtrArray *
swap_samples (Fixture  *f,
              gboolean  grow)
{
  g_autoptr(DdSelection) all = dd_catalog_select (f->catalog, NULL, NULL, NULL);
  g_autoptr(GPtrArray) page = dd_catalog_get_page (f->catalog, all, 0, 3, NULL, NULL);
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  DdSampleInfo *fifo = page->pdata[0], *zero = page->pdata[1], *big = page->pdata[2];

  g_assert_cmpint (g_unlink (fifo->path), ==, 0);
  g_assert_cmpint (mkfifo (fifo->path, 0644), ==, 0);
  g_assert_cmpint (g_unlink (zero->path), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", zero->path), ==, 0);
  g_ptr_array_add (keys, g_strdup (fifo->key));
  g_ptr_array_add (keys, g_strdup (zero->key));
  if (grow)
    {
      /* 300 MB of holes: more than any sample is read */
      int fd = open (big->path, O_WRONLY | O_TRUNC);

      g_assert_cmpint (fd, >=, 0);
      g_assert_cmpint (ftruncate (fd, (off_t) 300 * 1000 * 1000), ==, 0);
      close (fd);
      g_ptr_array_add (keys, g_strdup (big->key));
    }
  return keys;
}

/* ---- recipes ------------------------------------------------------------------------- */

static char *
nested (guint depth,
        const char *before)
{
  GString *s = g_string_new (before);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

/* python3 -c "print('['*100000+']'*100000)": a stack overflow in json-glib before */
static void
test_recipe_deep_nesting (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *deep = nested (100000, "");
  g_autofree char *path = write_file (f, "deep.json", deep, -1);
  g_auto(DdTestRun) query = { 0 };
  g_auto(DdTestRun) save = { 0 };

  cli (&query, "query", "--catalog", f->catalog_path, "--recipe", path, "--count");
  dd_test_assert_one_line_error (&query, "nested");
  cli (&save, "recipe", "save", "deep", "--catalog", f->catalog_path, "--from", path);
  dd_test_assert_one_line_error (&save, "nested");
}

/* What json-glib's scanner skips must be skipped by the guard too, or nesting hides in
 * it: brackets after a comment or a quote that json-glib does not see as one. */
static void
test_recipe_nesting_disguised (void)
{
  /* json-glib 1.6: a comment runs from one slash to the next (so a C comment ends at
   * its first slash), '…' is a string without escapes, "…" one with them */
  const char *prefixes[] = {
    "",                               /* plain */
    "{\"classes\": ",                  /* inside a recipe */
    "/* a / ",                        /* a C comment json-glib ends at the first '/' */
    "/ \" / ",                        /* a quote inside a comment */
    "{\"a\": '\"', \"b\": ",           /* a double quote in a single-quoted string */
    "{\"a\\\"\": ",                   /* an escaped quote */
    "{\"a\": \"\\\\\", \"b\": ",        /* an escaped backslash before the closing quote */
  };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autofree char *text = nested (50000, prefixes[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(DdRecipe) recipe = dd_recipe_new_from_json (text, -1, &error);

      g_assert_null (recipe);
      g_assert_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "nested"));
    }

  /* brackets inside strings and comments do not count: a legitimate recipe passes */
  {
    const char *text = "{\"version\": 1, / [[[[[[[[[[[[ / \"classes\": [\"[[[[[[[[[[[[[[\","
                       " \"{{{{{{{{{{{{\\\"[[[[[[[[[[[[\"]}\n";
    g_autoptr(GError) error = NULL;
    g_autoptr(DdRecipe) recipe = dd_recipe_new_from_json (text, -1, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length ((char **) dd_recipe_get_classes (recipe)), ==, 2);
  }
  g_assert_true (dd_json_guard_check ("[[[]]]", -1, 3, 0, NULL));
  g_assert_false (dd_json_guard_check ("[[[[]]]]", -1, 3, 0, NULL));
  g_assert_false (dd_json_guard_check ("[]", -1, 3, 1, NULL));
}

static gboolean
make_sparse (const char *path,
             gint64      size)
{
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  gboolean ok = fd >= 0 && ftruncate (fd, size) == 0;

  if (fd >= 0)
    close (fd);
  return ok;
}

/* /dev/zero, a FIFO nobody writes to, a 10 GB file: one line at once, not a hang or
 * a read without end; a pipe (a shell's <(…), /dev/stdin) still works. */
static void
test_recipe_special_files (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "fifo.json", NULL);
  g_autofree char *huge = g_build_filename (f->dir, "huge.json", NULL);
  g_auto(DdTestRun) zero = { 0 };
  g_auto(DdTestRun) from_fifo = { 0 };
  g_auto(DdTestRun) from_huge = { 0 };
  g_auto(DdTestRun) save_zero = { 0 };
  g_auto(DdTestRun) from_pipe = { 0 };

  cli (&zero, "query", "--catalog", f->catalog_path, "--recipe", "/dev/zero", "--count");
  dd_test_assert_one_line_error (&zero, "/dev/zero");
  cli (&save_zero, "recipe", "save", "z", "--catalog", f->catalog_path, "--from", "/dev/zero");
  dd_test_assert_one_line_error (&save_zero, "not a regular file");

  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  cli (&from_fifo, "query", "--catalog", f->catalog_path, "--recipe", fifo, "--count");
  dd_test_assert_one_line_error (&from_fifo, "fifo.json");

  g_assert_true (make_sparse (huge, G_GINT64_CONSTANT (10) * 1000 * 1000 * 1000));
  cli (&from_huge, "query", "--catalog", f->catalog_path, "--recipe", huge, "--count");
  dd_test_assert_one_line_error (&from_huge, "huge.json");

  dd_test_run_cli_full (&from_pipe, "{\"classes\": [\"cat\"]}", NULL, DEADLINE_S,
            (const char *[]) { "query", "--catalog", f->catalog_path, "--recipe", "/dev/stdin",
                               "--count", NULL });
  g_assert_cmpint (from_pipe.status, ==, 0);
  g_assert_cmpstr (from_pipe.out, ==, "3\n");
}

/* @text: @prefix, a 10 MB word ("abcdefgh" over and over), @suffix. */
static void
set_long_value (GString    *text,
                const char *prefix,
                const char *suffix)
{
  g_string_assign (text, prefix);
  for (guint i = 0; i < 10 * 1000 * 1000 / 8; i++)
    g_string_append (text, "abcdefgh");
  g_string_append (text, suffix);
}

/* `query --recipe FILE --count`, FILE being @len bytes of @text (-1: up to its end)
 * written to @name in the test's folder. */
static void
query_recipe_text (Fixture    *f,
                   DdTestRun  *run,
                   const char *name,
                   const char *text,
                   gssize      len)
{
  g_autofree char *path = write_file (f, name, text, len);

  cli (run, "query", "--catalog", f->catalog_path, "--recipe", path, "--count");
}

/* A 10 MB key, a 10 MB class name, 5,000 unknown classes: the message names them, cut. */
static void
test_recipe_long_values (Fixture       *f,
                         gconstpointer  data)
{
  GString *text = g_string_new (NULL);
  g_auto(DdTestRun) key = { 0 };
  g_auto(DdTestRun) klass = { 0 };
  g_auto(DdTestRun) many = { 0 };

  set_long_value (text, "{\"", "\": 1}");
  query_recipe_text (f, &key, "key.json", text->str, text->len);
  dd_test_assert_one_line_error (&key, "Unknown key “abcdefgh");
  g_assert_nonnull (strstr (key.err, "…"));

  set_long_value (text, "{\"classes\": [\"", "\"]}");
  query_recipe_text (f, &klass, "class.json", text->str, text->len);
  dd_test_assert_one_line_error (&klass, "unknown class “abcdefgh");

  g_string_assign (text, "{\"classes\": [");
  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (text, "%s\"no-such-class-%u\"", i ? ", " : "", i);
  g_string_append (text, "]}");
  query_recipe_text (f, &many, "many.json", text->str, text->len);
  dd_test_assert_one_line_error (&many, "and 4990 more");
  g_string_free (text, TRUE);

  {
    g_autofree char *echo = dd_text_echo ("line one\nline two", 80);
    g_autofree char *cut = dd_text_echo ("ééééé", 3);

    g_assert_cmpstr (echo, ==, "line one line two");
    g_assert_cmpstr (cut, ==, "ééé…");
  }
}

/* "per_class_limit": 0 once meant "no limit" without a word */
static void
test_recipe_per_class_limit_zero (Fixture       *f,
                                  gconstpointer  data)
{
  g_auto(DdTestRun) r = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(DdRecipe) all = dd_recipe_new ();
  g_autoptr(DdRecipe) quota0 = NULL;
  g_autoptr(DdRecipe) back = NULL;
  g_autofree char *json = NULL;

  query_recipe_text (f, &r, "zero.json", "{\"per_class_limit\": 0}", -1);
  dd_test_assert_one_line_error (&r, "per_class_limit");
  /* the editing helpers' 0 means "no limit" and is never written */
  quota0 = dd_recipe_with_quota (all, 0, 7);
  json = dd_recipe_to_json (quota0);
  g_assert_null (strstr (json, "per_class_limit"));
  back = dd_recipe_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (dd_recipe_equal (back, quota0));
}

/* ---- unlabeled samples ---------------------------------------------------------------- */

static guint
count_recipe (DdCatalog *catalog,
              DdRecipe  *recipe)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdSelection) selection = dd_recipe_evaluate (recipe, catalog, NULL, NULL, &error);

  g_assert_no_error (error);
  return dd_selection_get_n (selection);
}

static guint
class_count (DdCatalog *catalog,
             guint      class_id)
{
  g_autoptr(DdSelection) all = dd_catalog_select (catalog, NULL, NULL, NULL);
  g_autoptr(DdFacets) facets = dd_catalog_facets (catalog, all);

  return class_id < facets->n_classes ? facets->classes[class_id] : 0;
}

/* Unchecking one class dropped every unlabeled sample with it. */
static void
test_recipe_unlabeled (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(DdRecipe) all = dd_recipe_new ();
  g_autoptr(DdRecipe) but_goldfish = NULL;
  g_autoptr(DdRecipe) but_both = NULL;
  g_autoptr(DdRecipe) back = NULL;
  g_autoptr(DdRecipe) only_unlabeled = NULL;
  g_autoptr(DdRecipe) labeled = NULL;
  g_autofree char *describe = NULL;
  g_autofree char *json = NULL;
  const char *unlabeled_only[] = { DD_RECIPE_UNLABELED, NULL };
  guint n_all = dd_catalog_get_n_samples (f->catalog);
  guint n_unlabeled = class_count (f->catalog, 0);
  guint n_goldfish = class_count (f->catalog, 1);
  guint n_tabby = class_count (f->catalog, 2);
  g_auto(DdTestRun) cli_unlabeled = { 0 };

  g_assert_cmpuint (n_unlabeled, ==, 4);
  but_goldfish = dd_recipe_toggle_class (all, f->catalog, "n01443537");
  g_assert_cmpuint (count_recipe (f->catalog, but_goldfish), ==, n_all - n_goldfish);
  describe = dd_recipe_describe_in (but_goldfish, f->catalog);
  g_assert_cmpstr (describe, ==, "all classes but goldfish");
  /* by name, one class after another */
  but_both = dd_recipe_toggle_class (but_goldfish, f->catalog, "tabby");
  g_assert_cmpuint (count_recipe (f->catalog, but_both), ==, n_all - n_goldfish - n_tabby);
  /* the unlabeled row unchecked too: only then do they go */
  labeled = dd_recipe_toggle_class (but_goldfish, f->catalog, DD_RECIPE_UNLABELED);
  g_assert_cmpuint (count_recipe (f->catalog, labeled), ==, n_all - n_goldfish - n_unlabeled);
  /* everything back: "all" again */
  back = dd_recipe_toggle_class (but_goldfish, f->catalog, "goldfish");
  g_assert_null (dd_recipe_get_classes (back));
  g_assert_true (dd_recipe_equal (back, all));

  only_unlabeled = dd_recipe_with_classes (all, unlabeled_only);
  g_assert_cmpuint (count_recipe (f->catalog, only_unlabeled), ==, n_unlabeled);
  json = dd_recipe_to_json (only_unlabeled);
  g_assert_nonnull (strstr (json, "\"unlabeled\""));

  cli (&cli_unlabeled, "query", "--catalog", f->catalog_path, "--class", "unlabeled", "--count");
  g_assert_cmpint (cli_unlabeled.status, ==, 0);
  g_assert_cmpstr (cli_unlabeled.out, ==, "4\n");
}

/* ---- LLM replies ------------------------------------------------------------------------ */

typedef struct {
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  guint         port;
  GMutex        lock;
  GCond         ready;
} Server;

static void
reply_deep (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  char *deep = nested (200000, "{\"choices\": ");

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, deep, strlen (deep));
}

static gpointer
server_thread (gpointer data)
{
  Server *s = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (s->context);
  s->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (s->server, "/v1", reply_deep, NULL, NULL);
  g_assert_true (soup_server_listen_local (s->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (s->server);
  g_mutex_lock (&s->lock);
  s->port = g_uri_get_port (uris->data);
  g_cond_signal (&s->ready);
  g_mutex_unlock (&s->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_main_loop_run (s->loop);
  soup_server_disconnect (s->server);
  g_clear_object (&s->server);
  g_main_context_pop_thread_default (s->context);
  return NULL;
}

/* A reply nested 200,000 deep, in the envelope and in the content: an error, no crash. */
static void
test_llm_deep_reply (Fixture       *f,
                     gconstpointer  data)
{
  Server s = { 0 };
  GThread *thread;
  g_autofree char *url = NULL;
  g_autofree char *content = nested (200000, "Here you are: {\"classes\": ");
  g_autoptr(DdLlmClient) client = NULL;
  g_autoptr(GError) error = NULL;
  DdProposal *proposal;

  proposal = dd_prompt_parse_reply (f->catalog, content, NULL, &error);
  g_assert_null (proposal);
  g_assert_error (error, DD_PROMPT_ERROR, DD_PROMPT_ERROR_NOT_JSON);
  g_clear_error (&error);

  s.context = g_main_context_new ();
  s.loop = g_main_loop_new (s.context, FALSE);
  g_mutex_init (&s.lock);
  g_cond_init (&s.ready);
  g_mutex_lock (&s.lock);
  thread = g_thread_new ("server", server_thread, &s);
  while (s.port == 0)
    g_cond_wait (&s.ready, &s.lock);
  g_mutex_unlock (&s.lock);

  url = g_strdup_printf ("http://127.0.0.1:%u/v1", s.port);
  client = dd_llm_client_new (url, NULL, NULL, 10);
  proposal = dd_prompt_propose (f->catalog, "cats", NULL, client, FALSE, NULL, &error);
  g_assert_null (proposal);
  g_assert_error (error, DD_PROMPT_ERROR, DD_PROMPT_ERROR_NOT_JSON);

  g_main_loop_quit (s.loop);
  g_main_context_wakeup (s.context);
  g_thread_join (thread);
  g_main_loop_unref (s.loop);
  g_main_context_unref (s.context);
  g_mutex_clear (&s.lock);
  g_cond_clear (&s.ready);
}

/* http://user:KEY@host: the key never shows in a message. */
static void
test_llm_password_redacted (Fixture       *f,
                            gconstpointer  data)
{
  g_auto(DdTestRun) r = { 0 };
  g_auto(DdTestRun) bad = { 0 };

  /* port 9 (discard): nobody listens */
  cli (&r, "prompt", "--catalog", f->catalog_path, "cats", "--endpoint",
       "http://alice:sk-SECRET-KEY@127.0.0.1:9/v1", "--timeout", "5");
  dd_test_assert_one_line_error (&r, "127.0.0.1:9");
  g_assert_null (strstr (r.err, "SECRET"));
  g_assert_null (strstr (r.err, "alice"));
  cli (&bad, "prompt", "--catalog", f->catalog_path, "cats", "--endpoint",
       "ftp://alice:sk-SECRET-KEY@127.0.0.1/v1");
  dd_test_assert_one_line_error (&bad, "http");
  g_assert_null (strstr (bad.err, "SECRET"));

  {
    g_autofree char *a = dd_uri_redact ("https://user:pw@example.com:8080/v1?x=1");
    g_autofree char *b = dd_uri_redact ("http://token@example.com/v1");
    g_autofree char *c = dd_uri_redact ("not a url user:pw@host");

    g_assert_cmpstr (a, ==, "https://example.com:8080/v1?x=1");
    g_assert_cmpstr (b, ==, "http://example.com/v1");
    g_assert_null (strstr (c, "pw"));
  }
}

/* ---- the content pass and the viewers ------------------------------------------------- */

typedef struct {
  GMutex           lock;
  GCond            cond;
  gboolean         done;
  DdContentPass   *pass;
  DdContentReport  report;
  gboolean         ok;
  GError          *error;
} PassRun;

static gpointer
pass_thread (gpointer data)
{
  PassRun *run = data;
  gboolean ok = dd_content_pass_run (run->pass, &run->report, NULL, NULL, NULL, &run->error);

  g_mutex_lock (&run->lock);
  run->ok = ok;
  run->done = TRUE;
  g_cond_signal (&run->cond);
  g_mutex_unlock (&run->lock);
  return NULL;
}

/* A sample swapped for a FIFO, a link to /dev/zero or a 300 MB file after the scan:
 * the content pass blocked for good (or read without end). */
static void
test_content_special_files (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) keys = swap_samples (f, TRUE);
  PassRun run = { 0 };
  GThread *thread;
  gint64 deadline = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;

  g_mutex_init (&run.lock);
  g_cond_init (&run.cond);
  run.pass = dd_content_pass_new (f->catalog);
  thread = g_thread_new ("pass", pass_thread, &run);
  g_mutex_lock (&run.lock);
  while (!run.done)
    if (!g_cond_wait_until (&run.cond, &run.lock, deadline))
      g_error ("the content pass did not end within %d s", DEADLINE_S);
  g_mutex_unlock (&run.lock);
  g_thread_join (thread);
  g_assert_no_error (run.error);
  g_assert_true (run.ok);

  for (guint i = 0; i < keys->len; i++)
    {
      gint64 id = dd_catalog_lookup_key (f->catalog, keys->pdata[i], NULL);
      g_autoptr(DdSampleInfo) info = dd_catalog_get_sample (f->catalog, id, NULL);

      g_test_message ("%s: %s", (char *) keys->pdata[i], info->decode_error);
      g_assert_true (info->flags & DD_HEALTH_FLAG (DD_HEALTH_UNDECODABLE));
      g_assert_nonnull (info->decode_error);
      g_assert_nonnull (strstr (info->decode_error, i == 0 ? "FIFO" : i == 1 ? "device" : "MB"));
    }
  g_object_unref (run.pass);
  g_mutex_clear (&run.lock);
  g_cond_clear (&run.cond);
}

static void
on_thumbnail (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr(GdkTexture) texture = dd_thumbnailer_load_finish (DD_THUMBNAILER (object), result, error);

  g_assert_null (texture);
  g_assert_nonnull (*error);
}

/* gdk-pixbuf opening a FIFO blocked a thumbnail worker (and the viewer) for good. */
static gboolean
error_set (gpointer data)
{
  return *(GError **) data != NULL;
}

static void
test_content_display (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) keys = swap_samples (f, FALSE);
  g_autoptr(DdThumbnailer) thumbnailer = dd_thumbnailer_new (64, 1 << 20);

  for (guint i = 0; i < keys->len; i++)
    {
      gint64 id = dd_catalog_lookup_key (f->catalog, keys->pdata[i], NULL);
      g_autoptr(DdSampleInfo) info = dd_catalog_get_sample (f->catalog, id, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkPixbuf) pixbuf = dd_content_load_pixbuf (info->path, 0, info->file_size, &error);

      g_assert_null (pixbuf);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
    }

  for (guint i = 0; i < keys->len; i++)
    {
      gint64 id = dd_catalog_lookup_key (f->catalog, keys->pdata[i], NULL);
      g_autoptr(DdSampleInfo) info = dd_catalog_get_sample (f->catalog, id, NULL);
      g_autoptr(GError) error = NULL;

      dd_thumbnailer_load_async (thumbnailer, info->path, NULL, on_thumbnail, &error);
      dd_test_wait_for (error_set, &error, DEADLINE_S, "a thumbnail of a FIFO or /dev/zero");
      g_assert_error (error, DD_THUMBNAILER_ERROR, DD_THUMBNAILER_ERROR_BROKEN);
    }
}

/* ---- exports ------------------------------------------------------------------------- */

static char *
recipe_all (Fixture *f)
{
  return write_file (f, "all.json", "{\"version\": 1}", -1);
}

/* Copy, hard link, symbolic link and WebDataset exports of a catalog whose samples
 * became a FIFO, a link to /dev/zero and a 300 MB file: the copy blocked for good or
 * read 4.7 GB; links to them would hang whoever reads the export. */
static void
test_export_special_files (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) keys = swap_samples (f, TRUE);
  g_autofree char *recipe = recipe_all (f);
  const char *modes[][2] = { { "copy", "imagefolder" }, { "hardlink", "csv" },
                             { "symlink", "original" }, { "copy", "webdataset" } };

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_autofree char *name = g_strdup_printf ("out-%s-%s", modes[m][0], modes[m][1]);
      g_autofree char *to = g_build_filename (f->dir, name, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_auto(DdTestRun) r = { 0 };
      JsonObject *o;
      JsonArray *refused;

      cli (&r, "export", "--catalog", f->catalog_path, "--recipe", recipe, "--to", to,
           "--mode", modes[m][0], "--layout", modes[m][1], "--json");
      g_test_message ("%s %s: %s", modes[m][0], modes[m][1], r.err);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
      o = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpint (json_object_get_int_member (o, "exported"), ==, 6 - keys->len);
      refused = json_object_get_array_member (o, "refused");
      g_assert_cmpuint (json_array_get_length (refused), ==, keys->len);
      for (guint i = 0; i < keys->len; i++)
        g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (refused, i), "key"),
                         ==, keys->pdata[i]);
      /* one warning line each, nothing else */
      {
        g_auto(GStrv) lines = g_strsplit (r.err, "\n", -1);

        g_assert_cmpuint (g_strv_length (lines) - 1, ==, keys->len);
      }
    }
}

/* Starts datadive-cli @argv and returns once a temporary named @prefix… exists in
 * @parent: the run is writing. */
static GSubprocess *
start_until_temporary (const char         *parent,
                       const char         *prefix,
                       const char * const *argv)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;
  gint64 deadline = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;

  g_ptr_array_add (args, (char *) g_getenv ("DATADIVE_CLI"));
  for (guint i = 0; argv[i]; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);
  proc = g_subprocess_newv ((const char * const *) args->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error);
  g_assert_no_error (error);
  while (dd_test_count_prefixed (parent, prefix) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (500);
    }
  return proc;
}

static int
wait_exit (GSubprocess *proc)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_subprocess_wait (proc, NULL, &error));
  return g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc)
                                           : 128 + g_subprocess_get_term_sig (proc);
}

/* Ctrl+C or SIGTERM during an export left .DIR.tmp-XXXXXX behind. */
static void
test_export_interrupted (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *recipe = recipe_all (f);
  g_autofree char *to = g_build_filename (f->dir, "out", NULL);
  int signals[] = { SIGINT, SIGTERM };

  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      g_autoptr(GSubprocess) proc =
        start_until_temporary (f->dir, ".out.tmp-",
                               (const char *[]) { "export", "--catalog", f->catalog_path, "--recipe",
                                                  recipe, "--to", to, "--mode", "copy", NULL });

      g_subprocess_send_signal (proc, signals[i]);
      g_assert_cmpint (wait_exit (proc), ==, 1);
      g_assert_cmpuint (dd_test_count_prefixed (f->dir, ".out.tmp-"), ==, 0);
      g_assert_false (g_file_test (to, G_FILE_TEST_EXISTS));
    }
}

/* kill -9 cannot be cleaned up after: the next export into the same folder removes
 * what a dead exporter left, and only that. */
static void
test_export_killed (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *recipe = recipe_all (f);
  g_autofree char *to = g_build_filename (f->dir, "out", NULL);
  g_autofree char *again = g_build_filename (f->dir, "again", NULL);
  g_autofree char *live = g_strdup_printf ("%s/.other.tmp-%d-AbC123", f->dir, (int) getpid ());
  g_autofree char *locked = NULL;
  g_autofree char *stranger = g_build_filename (f->dir, ".notours.tmp-x", NULL);
  g_autoptr(GSubprocess) proc = NULL;
  g_auto(DdTestRun) r = { 0 };
  pid_t dead;
  int lock_fd;

  proc = start_until_temporary (f->dir, ".out.tmp-",
                                (const char *[]) { "export", "--catalog", f->catalog_path, "--recipe",
                                                   recipe, "--to", to, NULL });
  g_subprocess_force_exit (proc);
  g_assert_cmpint (wait_exit (proc), ==, 128 + SIGKILL);
  g_assert_cmpuint (dd_test_count_prefixed (f->dir, ".out.tmp-"), ==, 1);

  /* a live writer's folder (this process), one whose writer holds its lock (another
   * machine on a shared folder) and one of a name that is not ours stay */
  g_assert_cmpint (g_mkdir (live, 0700), ==, 0);
  dead = fork ();
  if (dead == 0)
    _exit (0);
  waitpid (dead, NULL, 0);
  locked = g_strdup_printf ("%s/.shared.tmp-%d-XyZ789", f->dir, (int) dead);
  g_assert_cmpint (g_mkdir (locked, 0700), ==, 0);
  lock_fd = open (locked, O_RDONLY | O_DIRECTORY);
  g_assert_cmpint (flock (lock_fd, LOCK_EX), ==, 0);
  g_assert_cmpint (g_mkdir (stranger, 0700), ==, 0);

  cli (&r, "export", "--catalog", f->catalog_path, "--recipe", recipe, "--to", again);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (dd_test_count_prefixed (f->dir, ".out.tmp-"), ==, 0);
  g_assert_true (g_file_test (live, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (locked, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (stranger, G_FILE_TEST_IS_DIR));
  close (lock_fd);
  /* its writer gone and its lock free: swept by the next run */
  g_assert_cmpuint (dd_tmpdir_sweep (f->dir, NULL, TRUE), ==, 1);
  g_assert_false (g_file_test (locked, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (live, G_FILE_TEST_IS_DIR));
}

/* The demo's OUT.tmp-XXXXXX after kill -9, the same way. */
static void
test_demo_killed (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "demo", NULL);
  g_autoptr(GSubprocess) proc = NULL;
  g_auto(DdTestRun) r = { 0 };

  proc = start_until_temporary (f->dir, "demo.tmp-",
                                (const char *[]) { "demo", out, "--classes", "2", "--per-class", "4",
                                                   NULL });
  g_subprocess_force_exit (proc);
  g_assert_cmpint (wait_exit (proc), ==, 128 + SIGKILL);
  g_assert_cmpuint (dd_test_count_prefixed (f->dir, "demo.tmp-"), ==, 1);
  cli (&r, "demo", out, "--classes", "2", "--per-class", "2");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (dd_test_count_prefixed (f->dir, "demo.tmp-"), ==, 0);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_DIR));
}

static guint
mode_of (const char *path)
{
  struct stat st;

  g_assert_cmpint (lstat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

/* Every folder 0777 and file 0666 less the umask, links aside. */
static void
assert_modes (const char *path,
              guint       umask_bits,
              guint      *n_files)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_cmpuint (mode_of (path), ==, 0777 & ~umask_bits);
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        assert_modes (child, umask_bits, n_files);
      else
        {
          g_assert_cmpuint (mode_of (child), ==, 0666 & ~umask_bits);
          (*n_files)++;
        }
    }
}

/* Exports were always 0700 (mkdtemp): another user's training job could not read them. */
static void
test_export_umask (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *recipe = recipe_all (f);
  const char *layouts[] = { "imagefolder", "webdataset" };

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      g_autofree char *to = g_build_filename (f->dir, layouts[i], NULL);
      g_auto(DdTestRun) r = { 0 };
      guint n_files = 0;

      dd_test_run_cli_full (&r, NULL, umask_002, DEADLINE_S,
                            (const char *[]) { "export", "--catalog", f->catalog_path,
                                               "--recipe", recipe, "--to", to,
                                               "--layout", layouts[i], NULL });
      g_assert_cmpint (r.status, ==, 0);
      assert_modes (to, 002, &n_files);
      g_assert_cmpuint (n_files, >=, 2);   /* a shard, recipe.json */
    }
}

int
main (int    argc,
      char **argv)
{
#ifndef __SANITIZE_ADDRESS__
  /* a read without end (the bug) fails the test instead of eating the machine (not
   * under AddressSanitizer, whose shadow memory takes terabytes of address space) */
  struct rlimit limit = { (rlim_t) 4 << 30, (rlim_t) 4 << 30 };

  setrlimit (RLIMIT_AS, &limit);
#endif
  g_test_init (&argc, &argv, NULL);

#define ADD(path, setup_func, func) \
  g_test_add ("/hostile/" path, Fixture, NULL, setup_func, func, dd_test_teardown)

  ADD ("recipe/deep-nesting", setup, test_recipe_deep_nesting);
  g_test_add_func ("/hostile/recipe/nesting-disguised", test_recipe_nesting_disguised);
  ADD ("recipe/special-files", setup, test_recipe_special_files);
  ADD ("recipe/long-values", setup, test_recipe_long_values);
  ADD ("recipe/per-class-limit-zero", setup, test_recipe_per_class_limit_zero);
  ADD ("recipe/unlabeled", dd_test_setup_counted, test_recipe_unlabeled);
  ADD ("recipe/llm-deep-reply", dd_test_setup_counted, test_llm_deep_reply);
  ADD ("recipe/llm-password-redacted", dd_test_setup_counted, test_llm_password_redacted);
  ADD ("content/special-files", setup, test_content_special_files);
  ADD ("content/display", setup, test_content_display);
  ADD ("export/special-files", setup, test_export_special_files);
  ADD ("export/interrupted", setup_many, test_export_interrupted);
  ADD ("export/killed", setup_many, test_export_killed);
  ADD ("export/demo-killed", setup, test_demo_killed);
  ADD ("export/umask", setup, test_export_umask);
  return g_test_run ();
}
