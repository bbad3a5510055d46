/* DdSession: resolving what to open, the demo, opening the catalog, the scan → image
 * check pipeline under the index lock, and the recent datasets (see the header). */
#define G_LOG_DOMAIN "datadive-session"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-index-run.h"
#include "dd-model.h"
#include "dd-paths.h"
#include "dd-progress.h"
#include "dd-selection-type.h"
#include "dd-session-private.h"
#include "dd-text.h"
#include "dd-task.h"

#define MAX_RECENT 8

G_DEFINE_QUARK (dd-session-error-quark, dd_session_error)

G_DEFINE_ENUM_TYPE (DdSessionState, dd_session_state,
  G_DEFINE_ENUM_VALUE (DD_SESSION_STATE_EMPTY, "empty"),
  G_DEFINE_ENUM_VALUE (DD_SESSION_STATE_PREPARING, "preparing"),
  G_DEFINE_ENUM_VALUE (DD_SESSION_STATE_OPENING, "opening"),
  G_DEFINE_ENUM_VALUE (DD_SESSION_STATE_INDEXING, "indexing"),
  G_DEFINE_ENUM_VALUE (DD_SESSION_STATE_READY, "ready"),
  G_DEFINE_ENUM_VALUE (DD_SESSION_STATE_ERROR, "error"))

typedef enum {
  JOB_NONE,
  JOB_FIRST_INDEX,   /* a new catalog, built under a temporary name */
  JOB_SCAN,          /* the open catalog re-indexed */
  JOB_CHECK,         /* the content pass (image check) */
} JobKind;

struct _DdSession
{
  GObject         parent_instance;

  DdSessionState  state;
  char           *title;
  char           *target;
  char           *folder;
  char           *catalog_path;
  DdCatalog      *catalog;
  DdDocument     *document;
  DdSelection    *all_samples;
  gboolean        read_only;
  GError         *error;
  DdProgress      progress;          /* "fraction" and "text" */
  JobKind         job;
  gboolean        job_foreground;
  char           *last_dataset;
  GStrv           recent;

  GCancellable   *cancellable;       /* everything done for the current dataset */
  GCancellable   *job_cancellable;   /* the running index or image check */
};

G_DEFINE_FINAL_TYPE (DdSession, dd_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_TITLE,
  PROP_TARGET,
  PROP_FOLDER,
  PROP_CATALOG,
  PROP_DOCUMENT,
  PROP_ALL_SAMPLES,
  PROP_READ_ONLY,
  PROP_ERROR,
  PROP_FRACTION,
  PROP_TEXT,
  PROP_INDEXING,
  PROP_CAN_REINDEX,
  PROP_CAN_CHECK_IMAGES,
  PROP_LAST_DATASET,
  PROP_RECENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void show_catalog (DdSession *self);
static void start_job    (DdSession *self, JobKind kind, gboolean foreground);

static void
notify (DdSession *self,
        guint      prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  /* both follow the catalog, its folder, read-only and the running job */
  if (prop == PROP_CAN_REINDEX)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_CHECK_IMAGES]);
}

static void
set_string (DdSession   *self,
            char       **field,
            const char  *value,
            guint        prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  notify (self, prop);
}

static void
set_state (DdSession      *self,
           DdSessionState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  notify (self, PROP_STATE);
}

void
dd_session_fail (DdSession    *self,
                 const GError *error)
{
  g_return_if_fail (DD_IS_SESSION (self));
  g_return_if_fail (error != NULL);

  g_clear_error (&self->error);
  self->error = g_error_copy (error);
  notify (self, PROP_ERROR);
  set_state (self, DD_SESSION_STATE_ERROR);
}

static void
fail_new (DdSession  *self,
          GQuark      domain,
          int         code,
          const char *format,
          ...) G_GNUC_PRINTF (4, 5);

static void
fail_new (DdSession  *self,
          GQuark      domain,
          int         code,
          const char *format,
          ...)
{
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, format);
  error = g_error_new_valist (domain, code, format, args);
  va_end (args);
  dd_session_fail (self, error);
}

/* ---- progress from worker threads ---------------------------------------------------- */

/* A job's worker reports through a DdProgressReporter of self->progress: what a job
 * cancelled by a newer one still reports no longer shows. */
static void
progress_waiting (const char *path,
                  gpointer    user_data)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *text = g_strdup_printf (_("Waiting for another index of “%s” to finish…"),
                                           display);

  dd_progress_reporter_report (-1, text, user_data);
}

/* ---- recent datasets --------------------------------------------------------------- */

/* A dataset that opened well comes first in "recent" and is the next start's. */
static void
remember (DdSession  *self,
          const char *target)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  guint n = 1;

  set_string (self, &self->last_dataset, target, PROP_LAST_DATASET);
  if (self->recent && self->recent[0] && g_str_equal (self->recent[0], target))
    return;
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, target);
  for (guint i = 0; self->recent && self->recent[i] && n < MAX_RECENT; i++)
    if (!g_str_equal (self->recent[i], target))
      {
        g_strv_builder_add (builder, self->recent[i]);
        n++;
      }
  g_strfreev (self->recent);
  self->recent = g_strv_builder_end (builder);
  notify (self, PROP_RECENT);
}

/* ---- opening -------------------------------------------------------------------------- */

typedef struct {
  DdSession *session;
  gboolean   exists;        /* the catalog existed before this opening */
  gboolean   indexed;       /* just built by a first index: the image check follows */
} Opening;

/* The catalog opened (or why not): shown, then re-indexed or checked when asked. */
static void
catalog_ready (DdSession    *self,
               DdCatalog    *catalog,
               const GError *error,
               gboolean      exists,
               gboolean      indexed)
{
  if (catalog == NULL)
    {
      dd_session_fail (self, error);
      return;
    }
  g_set_object (&self->catalog, catalog);
  self->read_only = dd_catalog_is_read_only (catalog);
  /* A catalog on a read-only place is shown, not updated: no re-index, and the working
   * recipe is not kept. */
  if (self->read_only)
    set_string (self, &self->folder, NULL, PROP_FOLDER);
  notify (self, PROP_READ_ONLY);
  notify (self, PROP_CATALOG);
  notify (self, PROP_CAN_REINDEX);

  if (indexed)
    {
      show_catalog (self);
      start_job (self, JOB_CHECK, FALSE);
    }
  else if (exists && dd_catalog_get_n_samples (catalog) > 0)
    {
      show_catalog (self);
      if (self->folder)
        start_job (self, JOB_SCAN, FALSE);
    }
  else if (self->folder)
    start_job (self, JOB_SCAN, TRUE);
  else
    fail_new (self, DD_SESSION_ERROR, DD_SESSION_ERROR_EMPTY_CATALOG,
              _("The catalog “%s” holds no samples."), self->catalog_path);
}

static void
catalog_opened (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Opening *opening = user_data;
  g_autoptr(DdSession) self = opening->session;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalog) catalog = dd_catalog_open_finish (result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    catalog_ready (self, catalog, error, opening->exists, opening->indexed);
  g_free (opening);
}

static void
open_catalog (DdSession *self,
              gboolean   exists,
              gboolean   indexed)
{
  Opening *opening = g_new0 (Opening, 1);

  opening->session = g_object_ref (self);
  opening->exists = exists;
  opening->indexed = indexed;
  dd_catalog_open_async (self->catalog_path,
                         exists ? DD_CATALOG_OPEN_READONLY_FALLBACK : DD_CATALOG_OPEN_CREATE,
                         self->cancellable, catalog_opened, opening);
}

static void
resolved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(DdSession) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdSessionTarget) resolve = dd_session_resolve_finish (result, &error);

  if (resolve == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        dd_session_fail (self, error);
      return;
    }
  set_string (self, &self->title, resolve->name, PROP_TITLE);
  set_string (self, &self->target, resolve->target, PROP_TARGET);
  set_string (self, &self->folder, resolve->folder, PROP_FOLDER);
  g_free (self->catalog_path);
  self->catalog_path = g_strdup (resolve->catalog_path);
  /* a folder seen for the first time: its catalog is built before anything shows */
  if (!resolve->catalog_exists && self->folder)
    start_job (self, JOB_FIRST_INDEX, TRUE);
  else if (resolve->catalog || resolve->open_error)
    catalog_ready (self, resolve->catalog, resolve->open_error, TRUE, FALSE);
  else
    {
      /* the open's upgrade takes a while at scale: the loading page says so */
      if (resolve->upgrade)
        dd_progress_restart (&self->progress, -1,
                             _("Upgrading the catalog for this version of DataDive (once)…"));
      open_catalog (self, resolve->catalog_exists, FALSE);
    }
}

/* Every sample, for the window to show while the document has no subset. */
static void
all_samples_ready (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DdSession) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdSelection) selection = dd_catalog_select_finish (DD_CATALOG (object), result,
                                                               &error);

  if (selection == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        dd_session_fail (self, error);
      return;
    }
  if (DD_CATALOG (object) != self->catalog)
    return;
  g_clear_pointer (&self->all_samples, dd_selection_unref);
  self->all_samples = g_steal_pointer (&selection);
  notify (self, PROP_ALL_SAMPLES);
  set_state (self, DD_SESSION_STATE_READY);
  if (self->target)
    remember (self, self->target);
}

/* The catalog as it now is: its document (made once per catalog) and every sample. */
static void
show_catalog (DdSession *self)
{
  g_autoptr(DdFilter) filter = dd_filter_new ();

  if (self->document == NULL || dd_document_get_catalog (self->document) != self->catalog)
    {
      g_set_object (&self->document, NULL);
      self->document = dd_document_new (self->catalog);
      notify (self, PROP_DOCUMENT);
    }
  dd_catalog_select_async (self->catalog, filter, self->cancellable, all_samples_ready,
                           g_object_ref (self));
}

/* ---- indexing --------------------------------------------------------------------------- */

typedef struct {
  JobKind             kind;
  gboolean            foreground;
  char               *path;       /* JOB_FIRST_INDEX */
  DdCatalog          *catalog;    /* JOB_SCAN, JOB_CHECK */
  char               *root;
  DdProgressReporter *progress;
  DdScanReport       *report;     /* out */
  DdContentReport     content;    /* out */
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_clear_object (&job->catalog);
  g_free (job->root);
  dd_progress_reporter_free (job->progress);
  g_clear_pointer (&job->report, dd_scan_report_free);
  g_free (job);
}

/* The demo's first index also imports the model run written beside it (as "demo"): a
 * run that does not import is said in the log and the demo opens without it. */
static void
import_demo_run (const char *catalog_path,
                 const char *root)
{
  g_autofree char *demo_dir = dd_paths_demo_dir ();
  g_autofree char *predictions = g_build_filename (root, "predictions.jsonl", NULL);
  g_autofree char *labels = g_build_filename (root, "classes.txt", NULL);
  g_autoptr(DdCatalog) catalog = NULL;
  g_autoptr(DdModelImport) imported = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (root, demo_dir) != 0 || !g_file_test (predictions, G_FILE_TEST_IS_REGULAR))
    return;
  if (!(catalog = dd_catalog_open (catalog_path, DD_CATALOG_OPEN_DEFAULT, &error)) ||
      !(imported = dd_model_import (catalog, "demo", predictions, labels, NULL, &error)))
    g_warning ("The demo's model run was not imported: %s", error->message);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  const char *roots[] = { job->root, NULL };
  DdIndexOptions options = { 0 };
  GError *error = NULL;
  gboolean ok;

  options.progress = dd_progress_reporter_report;
  options.progress_data = job->progress;
  options.on_wait = progress_waiting;
  options.wait_data = job->progress;
  /* leave a core to the interface */
  options.threads = MAX (1, g_get_num_processors () - 1);
  if (job->kind == JOB_FIRST_INDEX)
    {
      ok = (job->report = dd_index_run_file (job->path, roots, &options, NULL, cancellable,
                                             &error)) != NULL;
      if (ok)
        import_demo_run (job->path, job->root);
    }
  else if (job->kind == JOB_SCAN)
    ok = (job->report = dd_index_run_catalog (job->catalog, roots, &options, NULL,
                                              cancellable, &error)) != NULL;
  else
    ok = dd_index_run_check (job->catalog, &options, &job->content, cancellable, &error);
  dd_task_return_boolean_or_error (task, ok, error);
}

static void
end_job (DdSession *self)
{
  self->job = JOB_NONE;
  g_clear_object (&self->job_cancellable);
  notify (self, PROP_INDEXING);
  notify (self, PROP_CAN_REINDEX);
}

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A background scan that changed nothing goes straight on to the image check; one that
 * added samples says how many. */
static gboolean
scan_changed (DdSession    *self,
              DdScanReport *report)
{
  guint64 added = 0, removed = 0;

  for (guint i = 0; i < report->sources->len; i++)
    {
      DdScanSourceReport *source = g_ptr_array_index (report->sources, i);

      added += source->added;
      removed += source->removed;
    }
  if (added > 0)
    {
      g_autofree char *count = dd_format_count (added);
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s new sample", "%s new samples",
                                      (gulong) added), count);

      g_signal_emit (self, signals[MESSAGE], 0, text);
    }
  return added > 0 || removed > 0;
}

/* An index that failed: in the foreground it is what the window shows. */
static gboolean
scan_failed (DdSession    *self,
             const GError *error,
             gboolean      foreground)
{
  if (is_cancelled (error))
    {
      g_signal_emit (self, signals[MESSAGE], 0, _("Indexing stopped"));
      if (foreground && (self->catalog == NULL || dd_catalog_get_n_samples (self->catalog) == 0))
        {
          set_state (self, DD_SESSION_STATE_EMPTY);
          return FALSE;
        }
      return TRUE;
    }
  if (foreground)
    {
      dd_session_fail (self, error);
      return FALSE;
    }
  g_signal_emit (self, signals[MESSAGE], 0, error->message);
  return TRUE;
}

static void
scan_done (DdSession    *self,
           Job          *job,
           const GError *error)
{
  if (job->report == NULL)
    {
      if (scan_failed (self, error, job->foreground))
        show_catalog (self);
      return;
    }
  if (job->report->samples == 0 && job->foreground)
    {
      fail_new (self, DD_SESSION_ERROR, DD_SESSION_ERROR_NO_IMAGES,
                _("No images were found in “%s”."), self->folder);
      return;
    }
  if (job->kind == JOB_FIRST_INDEX)
    {
      open_catalog (self, TRUE, TRUE);
      return;
    }
  if (!job->foreground && !scan_changed (self, job->report))
    {
      start_job (self, JOB_CHECK, FALSE);
      return;
    }
  show_catalog (self);
  start_job (self, JOB_CHECK, FALSE);
}

static void
check_done (DdSession    *self,
            Job          *job,
            const GError *error)
{
  if (error)
    g_signal_emit (self, signals[MESSAGE], 0,
                   is_cancelled (error) ? _("Image check stopped") : error->message);
  /* newly decoded images may have new findings: show them */
  else if (job->content.decoded > 0)
    show_catalog (self);
}

static void
job_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  DdSession *self = DD_SESSION (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  if (g_task_get_cancellable (G_TASK (result)) != self->job_cancellable)
    return;   /* the dataset was closed meanwhile */
  end_job (self);
  if (job->kind == JOB_CHECK)
    check_done (self, job, error);
  else
    scan_done (self, job, error);
}

static void
start_job (DdSession *self,
           JobKind    kind,
           gboolean   foreground)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (self->job == JOB_NONE);
  g_return_if_fail (self->folder != NULL || kind == JOB_CHECK);

  job = g_new0 (Job, 1);
  job->kind = kind;
  job->foreground = foreground;
  job->root = g_strdup (self->folder);
  job->path = g_strdup (self->catalog_path);
  job->catalog = self->catalog ? g_object_ref (self->catalog) : NULL;
  self->job = kind;
  self->job_foreground = foreground;
  self->job_cancellable = g_cancellable_new ();
  dd_progress_restart (&self->progress, 0, NULL);
  job->progress = dd_progress_reporter_new (&self->progress);
  if (foreground)
    set_state (self, DD_SESSION_STATE_INDEXING);
  notify (self, PROP_INDEXING);
  notify (self, PROP_CAN_REINDEX);

  task = g_task_new (self, self->job_cancellable, job_done, NULL);
  dd_task_run_in_thread (task, start_job, job, (GDestroyNotify) job_free, job_thread);
}

/* ---- public ------------------------------------------------------------------------------ */

/* Closes what is open: every job stops, nothing of it stays. */
static void
reset (DdSession *self)
{
  if (self->job_cancellable)
    g_cancellable_cancel (self->job_cancellable);
  if (self->job != JOB_NONE)
    end_job (self);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->document)
    {
      g_clear_object (&self->document);
      notify (self, PROP_DOCUMENT);
    }
  if (self->all_samples)
    {
      g_clear_pointer (&self->all_samples, dd_selection_unref);
      notify (self, PROP_ALL_SAMPLES);
    }
  if (self->catalog)
    {
      g_clear_object (&self->catalog);
      notify (self, PROP_CATALOG);
    }
  set_string (self, &self->folder, NULL, PROP_FOLDER);
  if (self->read_only)
    {
      self->read_only = FALSE;
      notify (self, PROP_READ_ONLY);
    }
  g_clear_error (&self->error);
  /* what the jobs stopped above still report no longer shows */
  dd_progress_restart (&self->progress, 0, NULL);
  notify (self, PROP_CAN_REINDEX);
}

void
dd_session_open (DdSession  *self,
                 const char *target)
{
  const char *last;

  g_return_if_fail (DD_IS_SESSION (self));

  reset (self);
  self->cancellable = g_cancellable_new ();
  /* before the setting existed, the last dataset was the first of the recent ones */
  last = self->last_dataset && *self->last_dataset ? self->last_dataset
         : self->recent ? self->recent[0] : NULL;
  set_state (self, target ? DD_SESSION_STATE_OPENING : DD_SESSION_STATE_PREPARING);
  dd_session_resolve_async (target, last, dd_progress_reporter_report,
                            dd_progress_reporter_new (&self->progress), dd_progress_reporter_free,
                            self->cancellable, resolved, g_object_ref (self));
}

void
dd_session_close (DdSession *self)
{
  g_return_if_fail (DD_IS_SESSION (self));

  reset (self);
  set_string (self, &self->title, NULL, PROP_TITLE);
  set_string (self, &self->target, NULL, PROP_TARGET);
  set_state (self, DD_SESSION_STATE_EMPTY);
}

void
dd_session_cancel (DdSession *self)
{
  g_return_if_fail (DD_IS_SESSION (self));

  if (self->job != JOB_NONE && self->job_foreground)
    g_cancellable_cancel (self->job_cancellable);
  else
    dd_session_close (self);
}

void
dd_session_reindex (DdSession *self)
{
  g_return_if_fail (DD_IS_SESSION (self));

  if (dd_session_get_can_reindex (self))
    start_job (self, JOB_SCAN, FALSE);
}

void
dd_session_check_images (DdSession *self)
{
  g_return_if_fail (DD_IS_SESSION (self));

  if (dd_session_get_can_check_images (self))
    start_job (self, JOB_CHECK, FALSE);
}

void
dd_session_stop_indexing (DdSession *self)
{
  g_return_if_fail (DD_IS_SESSION (self));

  if (self->job_cancellable)
    g_cancellable_cancel (self->job_cancellable);
}

DdSessionState
dd_session_get_state (DdSession *self)
{
  g_return_val_if_fail (DD_IS_SESSION (self), DD_SESSION_STATE_EMPTY);
  return self->state;
}

const char *
dd_session_get_title (DdSession *self)
{
  g_return_val_if_fail (DD_IS_SESSION (self), NULL);
  return self->title;
}

const char *
dd_session_get_target (DdSession *self)
{
  g_return_val_if_fail (DD_IS_SESSION (self), NULL);
  return self->target;
}

const char *
dd_session_get_folder (DdSession *self)
{
  g_return_val_if_fail (DD_IS_SESSION (self), NULL);
  return self->folder;
}

DdCatalog *
dd_session_get_catalog (DdSession *self)
{
  g_return_val_if_fail (DD_IS_SESSION (self), NULL);
  return self->catalog;
}

DdDocument *
dd_session_get_document (DdSession *self)
{
  g_return_val_if_fail (DD_IS_SESSION (self), NULL);
  return self->document;
}

DdSelection *
dd_session_get_all_samples (DdSession *self)
{
  g_return_val_if_fail (DD_IS_SESSION (self), NULL);
  return self->all_samples;
}

gboolean
dd_session_get_read_only (DdSession *self)
{
  g_return_val_if_fail (DD_IS_SESSION (self), FALSE);
  return self->read_only;
}

const GError *
dd_session_get_error (DdSession *self)
{
  g_return_val_if_fail (DD_IS_SESSION (self), NULL);
  return self->error;
}

double
dd_session_get_fraction (DdSession *self)
{
  g_return_val_if_fail (DD_IS_SESSION (self), 0);
  return dd_progress_get_fraction (&self->progress);
}

const char *
dd_session_get_text (DdSession *self)
{
  g_return_val_if_fail (DD_IS_SESSION (self), NULL);
  return dd_progress_get_text (&self->progress);
}

gboolean
dd_session_get_indexing (DdSession *self)
{
  g_return_val_if_fail (DD_IS_SESSION (self), FALSE);
  return self->job != JOB_NONE;
}

gboolean
dd_session_get_can_reindex (DdSession *self)
{
  g_return_val_if_fail (DD_IS_SESSION (self), FALSE);
  return self->folder != NULL && self->catalog != NULL && !self->read_only &&
         self->job == JOB_NONE;
}

gboolean
dd_session_get_can_check_images (DdSession *self)
{
  g_return_val_if_fail (DD_IS_SESSION (self), FALSE);
  return self->catalog != NULL && !self->read_only && self->job == JOB_NONE;
}

const char *
dd_session_get_reindex_note (DdSession *self)
{
  g_return_val_if_fail (DD_IS_SESSION (self), NULL);
  if (self->catalog == NULL)
    return NULL;
  if (self->read_only)
    return _("the catalog is read-only");
  if (self->folder == NULL)
    return _("opened as a catalog file, without its dataset folder");
  if (self->job != JOB_NONE)
    return _("an index or image check is running");
  return NULL;
}

const char *
dd_session_get_last_dataset (DdSession *self)
{
  g_return_val_if_fail (DD_IS_SESSION (self), NULL);
  return self->last_dataset;
}

const char * const *
dd_session_get_recent (DdSession *self)
{
  g_return_val_if_fail (DD_IS_SESSION (self), NULL);
  return (const char * const *) self->recent;
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
dd_session_dispose (GObject *object)
{
  DdSession *self = DD_SESSION (object);

  if (self->job_cancellable)
    g_cancellable_cancel (self->job_cancellable);
  g_clear_object (&self->job_cancellable);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->document);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->all_samples, dd_selection_unref);
  G_OBJECT_CLASS (dd_session_parent_class)->dispose (object);
}

static void
dd_session_finalize (GObject *object)
{
  DdSession *self = DD_SESSION (object);

  g_free (self->title);
  g_free (self->target);
  g_free (self->folder);
  g_free (self->catalog_path);
  dd_progress_clear (&self->progress);
  g_free (self->last_dataset);
  g_strfreev (self->recent);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (dd_session_parent_class)->finalize (object);
}

static void
dd_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DdSession *self = DD_SESSION (object);

  switch (prop_id)
    {
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_TARGET: g_value_set_string (value, self->target); break;
    case PROP_FOLDER: g_value_set_string (value, self->folder); break;
    case PROP_CATALOG: g_value_set_object (value, self->catalog); break;
    case PROP_DOCUMENT: g_value_set_object (value, self->document); break;
    case PROP_ALL_SAMPLES: g_value_set_boxed (value, self->all_samples); break;
    case PROP_READ_ONLY: g_value_set_boolean (value, self->read_only); break;
    case PROP_ERROR: g_value_set_boxed (value, self->error); break;
    case PROP_FRACTION: g_value_set_double (value, dd_session_get_fraction (self)); break;
    case PROP_TEXT: g_value_set_string (value, dd_session_get_text (self)); break;
    case PROP_INDEXING: g_value_set_boolean (value, dd_session_get_indexing (self)); break;
    case PROP_CAN_REINDEX: g_value_set_boolean (value, dd_session_get_can_reindex (self)); break;
    case PROP_CAN_CHECK_IMAGES:
      g_value_set_boolean (value, dd_session_get_can_check_images (self));
      break;
    case PROP_LAST_DATASET: g_value_set_string (value, self->last_dataset); break;
    case PROP_RECENT: g_value_set_boxed (value, self->recent); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  DdSession *self = DD_SESSION (object);

  switch (prop_id)
    {
    case PROP_LAST_DATASET:
      set_string (self, &self->last_dataset, g_value_get_string (value), PROP_LAST_DATASET);
      break;
    case PROP_RECENT:
      g_strfreev (self->recent);
      self->recent = g_value_dup_boxed (value);
      notify (self, PROP_RECENT);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_session_class_init (DdSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = dd_session_dispose;
  object_class->finalize = dd_session_finalize;
  object_class->get_property = dd_session_get_property;
  object_class->set_property = dd_session_set_property;

  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, DD_TYPE_SESSION_STATE,
                                              DD_SESSION_STATE_EMPTY, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties[PROP_TARGET] = g_param_spec_string ("target", NULL, NULL, NULL, ro);
  properties[PROP_FOLDER] = g_param_spec_string ("folder", NULL, NULL, NULL, ro);
  properties[PROP_CATALOG] = g_param_spec_object ("catalog", NULL, NULL, DD_TYPE_CATALOG, ro);
  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, DD_TYPE_DOCUMENT, ro);
  properties[PROP_ALL_SAMPLES] = g_param_spec_boxed ("all-samples", NULL, NULL,
                                                     DD_TYPE_SELECTION, ro);
  properties[PROP_READ_ONLY] = g_param_spec_boolean ("read-only", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, -1, 1, 0, ro);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, ro);
  properties[PROP_INDEXING] = g_param_spec_boolean ("indexing", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REINDEX] = g_param_spec_boolean ("can-reindex", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_CHECK_IMAGES] = g_param_spec_boolean ("can-check-images", NULL, NULL, FALSE,
                                                            ro);
  properties[PROP_LAST_DATASET] = g_param_spec_string ("last-dataset", NULL, NULL, NULL, rw);
  properties[PROP_RECENT] = g_param_spec_boxed ("recent", NULL, NULL, G_TYPE_STRV, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DdSession::message:
   * @text: one line, translated
   *
   * News worth a line and no dialog: an index stopped or failed in the background, new
   * samples found.
   */
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
dd_session_init (DdSession *self)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();

  dd_progress_init (&self->progress, G_OBJECT (self), properties[PROP_FRACTION],
                    properties[PROP_TEXT]);
  dd_progress_set_context (&self->progress, context);
  /* no job yet: nothing done */
  dd_progress_restart (&self->progress, 0, NULL);
}

DdSession *
dd_session_new (void)
{
  return g_object_new (DD_TYPE_SESSION, NULL);
}
