/* DdProgress: a long job's fraction and text, written by a worker, notified as its
 * owner's properties on the reader's main context. */
#define G_LOG_DOMAIN "datadive-core"
#include "config.h"

#include <string.h>

#include "dd-progress.h"

void
dd_progress_init (DdProgress *self,
                  GObject    *owner,
                  GParamSpec *fraction_pspec,
                  GParamSpec *text_pspec)
{
  memset (self, 0, sizeof *self);
  g_mutex_init (&self->lock);
  self->fraction = -1;
  self->owner = owner;
  self->fraction_pspec = fraction_pspec;
  self->text_pspec = text_pspec;
}

void
dd_progress_clear (DdProgress *self)
{
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->shown_text, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->lock);
}

void
dd_progress_set_context (DdProgress   *self,
                         GMainContext *context)
{
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = context ? g_main_context_ref (context) : NULL;
  g_mutex_unlock (&self->lock);
}

/* A notification on its way: it holds the owner, in which the struct lives. */
typedef struct {
  GObject    *owner;
  DdProgress *progress;
} Post;

static void
post_free (Post *post)
{
  g_object_unref (post->owner);
  g_free (post);
}

/* On the context's thread: the latest values become the shown ones. */
static gboolean
notify_on_context (gpointer data)
{
  DdProgress *self = ((Post *) data)->progress;

  g_mutex_lock (&self->lock);
  g_free (self->shown_text);
  self->shown_text = g_strdup (self->text);
  self->pending = FALSE;
  g_mutex_unlock (&self->lock);
  g_object_notify_by_pspec (self->owner, self->fraction_pspec);
  g_object_notify_by_pspec (self->owner, self->text_pspec);
  return G_SOURCE_REMOVE;
}

/* Under the lock: the latest values, and a notification posted unless one is on its way. */
static void
store_and_post (DdProgress *self,
                double      fraction,
                const char *text)
{
  self->fraction = fraction;
  if (g_strcmp0 (self->text, text) != 0)
    {
      g_free (self->text);
      self->text = g_strdup (text);
    }
  if (self->context && !self->pending)
    {
      Post *post = g_new (Post, 1);

      post->owner = g_object_ref (self->owner);
      post->progress = self;
      self->pending = TRUE;
      dd_post_to_context (self->context, notify_on_context, post, (GDestroyNotify) post_free);
    }
}

void
dd_progress_report (DdProgress     *self,
                    double          fraction,
                    const char     *text,
                    DdProgressFunc  func,
                    gpointer        func_data)
{
  g_mutex_lock (&self->lock);
  store_and_post (self, fraction, text);
  g_mutex_unlock (&self->lock);
  if (func)
    func (fraction, text, func_data);
}

double
dd_progress_get_fraction (DdProgress *self)
{
  double fraction;

  g_mutex_lock (&self->lock);
  fraction = self->fraction;
  g_mutex_unlock (&self->lock);
  return fraction;
}

const char *
dd_progress_get_text (DdProgress *self)
{
  return self->shown_text;
}

void
dd_progress_restart (DdProgress *self,
                     double      fraction,
                     const char *text)
{
  gboolean fraction_changed, text_changed;

  g_mutex_lock (&self->lock);
  self->generation++;
  fraction_changed = self->fraction != fraction;
  text_changed = g_strcmp0 (self->shown_text, text) != 0;
  self->fraction = fraction;
  if (g_strcmp0 (self->text, text) != 0)
    {
      g_free (self->text);
      self->text = g_strdup (text);
    }
  if (text_changed)
    {
      g_free (self->shown_text);
      self->shown_text = g_strdup (text);
    }
  g_mutex_unlock (&self->lock);
  if (fraction_changed)
    g_object_notify_by_pspec (self->owner, self->fraction_pspec);
  if (text_changed)
    g_object_notify_by_pspec (self->owner, self->text_pspec);
}

struct _DdProgressReporter {
  GObject    *owner;
  DdProgress *progress;
  guint       generation;
};

DdProgressReporter *
dd_progress_reporter_new (DdProgress *self)
{
  DdProgressReporter *reporter = g_new (DdProgressReporter, 1);

  reporter->owner = g_object_ref (self->owner);
  reporter->progress = self;
  g_mutex_lock (&self->lock);
  reporter->generation = self->generation;
  g_mutex_unlock (&self->lock);
  return reporter;
}

void
dd_progress_reporter_report (double      fraction,
                             const char *text,
                             gpointer    data)
{
  DdProgressReporter *reporter = data;
  DdProgress *self = reporter->progress;

  g_mutex_lock (&self->lock);
  if (reporter->generation == self->generation)
    store_and_post (self, fraction, text);
  g_mutex_unlock (&self->lock);
}

void
dd_progress_reporter_free (gpointer data)
{
  DdProgressReporter *reporter = data;

  g_object_unref (reporter->owner);
  g_free (reporter);
}
