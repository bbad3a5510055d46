/* DdProgress, through DdCatalogJob: values readable from any thread, notifications only
 * on the context's thread, folded when reports come faster, none without a context;
 * jobs one after another through reporters that a restart silences. */
#include "config.h"

#include "dd-scanner.h"
#include "dd-test-util.h"

typedef struct {
  GThread *thread;        /* where the notifications ran */
  guint    fractions;
  guint    texts;
  double   last_fraction;
  char    *last_text;
} Seen;

typedef struct {
  DD_TEST_FIXTURE_FIELDS
  DdScanner *job;
  Seen       seen;
} Fixture;

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
  else if (g_str_equal (pspec->name, "text"))
    {
      seen->texts++;
      g_free (seen->last_text);
      g_object_get (object, "text", &seen->last_text, NULL);
    }
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  dd_test_setup_empty ((DdTestFixture *) f, data);
  f->job = dd_scanner_new (f->catalog);
  g_signal_connect (f->job, "notify", G_CALLBACK (on_notify), &f->seen);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->job);
  g_free (f->seen.last_text);
  dd_test_teardown ((DdTestFixture *) f, data);
}

static void
count_calls (double      fraction,
             const char *text,
             gpointer    user_data)
{
  (*(guint *) user_data)++;
}

typedef struct {
  DdCatalogJob *job;
  guint         calls;
} Worker;

static gpointer
report_many (gpointer data)
{
  Worker *w = data;

  for (guint i = 1; i <= 1000; i++)
    {
      g_autofree char *text = g_strdup_printf ("step %u", i);
      dd_catalog_job_report (w->job, i / 1000.0, text, count_calls, &w->calls);
    }
  return NULL;
}

static void
iterate (GMainContext *context)
{
  while (g_main_context_iteration (context, FALSE))
    ;
}

static void
test_notified_on_context (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  DdCatalogJob *job = DD_CATALOG_JOB (f->job);
  Worker w = { job, 0 };

  g_main_context_push_thread_default (context);
  dd_progress_set_context (dd_catalog_job_get_progress (job), context);
  g_assert_cmpfloat (dd_catalog_job_get_fraction (job), ==, -1);
  g_assert_null (dd_catalog_job_get_text (job));

  g_thread_join (g_thread_new ("worker", report_many, &w));
  /* every report reached the callback on the worker; nothing was notified there */
  g_assert_cmpuint (w.calls, ==, 1000);
  g_assert_cmpuint (f->seen.fractions, ==, 0);
  g_assert_cmpfloat (dd_scanner_get_fraction (f->job), ==, 1.0);
  /* the text is the context's copy: not yet refreshed */
  g_assert_null (dd_scanner_get_text (f->job));

  iterate (context);
  /* 1000 reports while the context did not run: one notification, the latest values */
  g_assert_cmpuint (f->seen.fractions, ==, 1);
  g_assert_cmpuint (f->seen.texts, ==, 1);
  g_assert_true (f->seen.thread == g_thread_self ());
  g_assert_cmpfloat (f->seen.last_fraction, ==, 1.0);
  g_assert_cmpstr (f->seen.last_text, ==, "step 1000");
  g_assert_cmpstr (dd_scanner_get_text (f->job), ==, "step 1000");

  dd_catalog_job_report (job, 0.5, "again", NULL, NULL);
  iterate (context);
  g_assert_cmpuint (f->seen.fractions, ==, 2);
  g_assert_cmpstr (f->seen.last_text, ==, "again");
  g_main_context_pop_thread_default (context);
}

static void
test_no_context_no_notification (Fixture       *f,
                                 gconstpointer  data)
{
  guint calls = 0;

  dd_catalog_job_report (DD_CATALOG_JOB (f->job), 0.25, "synchronous", count_calls, &calls);
  iterate (NULL);
  g_assert_cmpuint (calls, ==, 1);
  g_assert_cmpuint (f->seen.fractions, ==, 0);
  g_assert_cmpfloat (dd_scanner_get_fraction (f->job), ==, 0.25);
}

typedef struct {
  DdProgressReporter *reporter;
  double              fraction;
  const char         *text;
} Report;

static gpointer
report_from_worker (gpointer data)
{
  Report *r = data;

  dd_progress_reporter_report (r->fraction, r->text, r->reporter);
  return NULL;
}

static void
report_on_thread (DdProgressReporter *reporter,
                  double              fraction,
                  const char         *text)
{
  Report r = { reporter, fraction, text };

  g_thread_join (g_thread_new ("worker", report_from_worker, &r));
}

/* Jobs one after another on one progress: a restart shows its values at once, and a
 * reporter of an earlier job no longer shows; the reporter keeps the owner alive. */
static void
test_restart_and_reporters (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  DdProgress *progress = dd_catalog_job_get_progress (DD_CATALOG_JOB (f->job));
  DdProgressReporter *first, *second;
  gpointer job = f->job;

  g_main_context_push_thread_default (context);
  dd_progress_set_context (progress, context);
  first = dd_progress_reporter_new (progress);
  report_on_thread (first, 0.5, "first job");
  iterate (context);
  g_assert_cmpuint (f->seen.fractions, ==, 1);
  g_assert_cmpstr (f->seen.last_text, ==, "first job");

  /* a new job: shown at once, without a main loop, and only what changed */
  dd_progress_restart (progress, 0, "second job");
  g_assert_cmpuint (f->seen.fractions, ==, 2);
  g_assert_cmpuint (f->seen.texts, ==, 2);
  g_assert_cmpfloat (f->seen.last_fraction, ==, 0);
  g_assert_cmpstr (dd_progress_get_text (progress), ==, "second job");
  dd_progress_restart (progress, 0, "second job");
  g_assert_cmpuint (f->seen.fractions + f->seen.texts, ==, 4);

  /* the first job, cancelled but still running, is not heard any more */
  report_on_thread (first, 0.9, "first job, late");
  iterate (context);
  g_assert_cmpuint (f->seen.fractions, ==, 2);
  g_assert_cmpfloat (dd_progress_get_fraction (progress), ==, 0);
  g_assert_cmpstr (dd_progress_get_text (progress), ==, "second job");

  second = dd_progress_reporter_new (progress);
  report_on_thread (second, 0.25, "second job, a quarter");
  iterate (context);
  g_assert_cmpuint (f->seen.fractions, ==, 3);
  g_assert_cmpstr (f->seen.last_text, ==, "second job, a quarter");

  /* the owner let go while a worker still holds its reporter */
  g_object_add_weak_pointer (G_OBJECT (job), &job);
  g_clear_object (&f->job);
  g_assert_nonnull (job);
  report_on_thread (second, 0.75, "after the owner was let go");
  dd_progress_reporter_free (first);
  dd_progress_reporter_free (second);
  iterate (context);
  g_assert_null (job);
  g_main_context_pop_thread_default (context);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/progress/notified-on-context", Fixture, NULL, setup, test_notified_on_context,
              teardown);
  g_test_add ("/progress/no-context", Fixture, NULL, setup, test_no_context_no_notification,
              teardown);
  g_test_add ("/progress/restart-and-reporters", Fixture, NULL, setup,
              test_restart_and_reporters, teardown);
  return g_test_run ();
}
