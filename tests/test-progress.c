/* DdProgress: values readable from any thread, notifications only on the context's
 * thread, folded when reports come faster, and forwarded to an owner's properties. */
#include "config.h"

#include "dd-progress.h"
#include "dd-scanner.h"
#include "dd-test-util.h"

typedef struct {
  GThread *thread;        /* where the notifications ran */
  guint    fractions;
  guint    texts;
  double   last_fraction;
  char    *last_text;
} Seen;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           Seen       *seen)
{
  seen->thread = g_thread_self ();
  if (g_str_equal (pspec->name, "fraction"))
    {
      seen->fractions++;
      g_object_get (object, "fraction", &seen->last_fraction, NULL);
    }
  else
    {
      seen->texts++;
      g_free (seen->last_text);
      g_object_get (object, "text", &seen->last_text, NULL);
    }
}

static void
count_calls (double      fraction,
             const char *text,
             gpointer    user_data)
{
  (*(guint *) user_data)++;
}

typedef struct {
  DdProgress *progress;
  guint       calls;
} Worker;

static gpointer
report_many (gpointer data)
{
  Worker *w = data;

  for (guint i = 1; i <= 1000; i++)
    {
      g_autofree char *text = g_strdup_printf ("step %u", i);
      dd_progress_report (w->progress, i / 1000.0, text, count_calls, &w->calls);
    }
  return NULL;
}

static void
test_notified_on_context (void)
{
  g_autoptr(DdProgress) progress = dd_progress_new ();
  g_autoptr(GMainContext) context = g_main_context_new ();
  Seen seen = { 0 };
  Worker w = { progress, 0 };

  g_main_context_push_thread_default (context);
  dd_progress_set_context (progress, context);
  g_signal_connect (progress, "notify", G_CALLBACK (on_notify), &seen);
  g_assert_cmpfloat (dd_progress_get_fraction (progress), ==, -1);
  g_assert_null (dd_progress_get_text (progress));

  g_thread_join (g_thread_new ("worker", report_many, &w));
  /* every report reached the callback on the worker; nothing was notified there */
  g_assert_cmpuint (w.calls, ==, 1000);
  g_assert_cmpuint (seen.fractions, ==, 0);
  g_assert_cmpfloat (dd_progress_get_fraction (progress), ==, 1.0);
  /* the text is the context's copy: not yet refreshed */
  g_assert_null (dd_progress_get_text (progress));

  while (g_main_context_iteration (context, FALSE))
    ;
  /* 1000 reports while the context did not run: one notification, the latest values */
  g_assert_cmpuint (seen.fractions, ==, 1);
  g_assert_cmpuint (seen.texts, ==, 1);
  g_assert_true (seen.thread == g_thread_self ());
  g_assert_cmpfloat (seen.last_fraction, ==, 1.0);
  g_assert_cmpstr (seen.last_text, ==, "step 1000");
  g_assert_cmpstr (dd_progress_get_text (progress), ==, "step 1000");

  dd_progress_report (progress, 0.5, "again", NULL, NULL);
  while (g_main_context_iteration (context, FALSE))
    ;
  g_assert_cmpuint (seen.fractions, ==, 2);
  g_assert_cmpstr (seen.last_text, ==, "again");
  g_main_context_pop_thread_default (context);
  g_free (seen.last_text);
}

static void
test_no_context_no_notification (void)
{
  g_autoptr(DdProgress) progress = dd_progress_new ();
  Seen seen = { 0 };
  guint calls = 0;

  g_signal_connect (progress, "notify", G_CALLBACK (on_notify), &seen);
  dd_progress_report (progress, 0.25, "synchronous", count_calls, &calls);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (calls, ==, 1);
  g_assert_cmpuint (seen.fractions, ==, 0);
  g_assert_cmpfloat (dd_progress_get_fraction (progress), ==, 0.25);
}

/* A job's own "fraction" and "text" (DdCatalogJob's) follow its progress. */
static void
test_forwarded (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dd-progress-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "c.ddcat", NULL);
  g_autoptr(DdCatalog) catalog = dd_catalog_open (path, DD_CATALOG_OPEN_CREATE, &error);
  g_autoptr(DdScanner) scanner = NULL;
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  Seen seen = { 0 };

  g_assert_no_error (error);
  scanner = dd_scanner_new (catalog);
  g_signal_connect (scanner, "notify", G_CALLBACK (on_notify), &seen);
  dd_progress_set_context (dd_catalog_job_get_progress (DD_CATALOG_JOB (scanner)), context);
  dd_progress_report (dd_catalog_job_get_progress (DD_CATALOG_JOB (scanner)), 0.75, "forwarded", NULL, NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (seen.fractions, ==, 1);
  g_assert_cmpuint (seen.texts, ==, 1);
  g_assert_cmpfloat (dd_scanner_get_fraction (scanner), ==, 0.75);
  g_assert_cmpstr (dd_scanner_get_text (scanner), ==, "forwarded");
  g_free (seen.last_text);
  g_clear_object (&scanner);
  g_clear_object (&catalog);
  dd_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/progress/notified-on-context", test_notified_on_context);
  g_test_add_func ("/progress/no-context", test_no_context_no_notification);
  g_test_add_func ("/progress/forwarded", test_forwarded);
  return g_test_run ();
}
