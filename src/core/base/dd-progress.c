/* DdProgress: a long job's fraction and text, written by a worker, notified on the
 * reader's main context. */
#define G_LOG_DOMAIN "datadive-core"
#include "config.h"

#include "dd-progress.h"

struct _DdProgress
{
  GObject       parent_instance;

  GMutex        lock;
  double        fraction;
  char         *text;          /* the latest report, under the lock */
  char         *shown_text;    /* the copy the context's thread reads */
  GMainContext *context;       /* under the lock */
  gboolean      pending;       /* a notification is posted and has not run yet */
};

G_DEFINE_FINAL_TYPE (DdProgress, dd_progress, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FRACTION,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

DdProgress *
dd_progress_new (void)
{
  return g_object_new (DD_TYPE_PROGRESS, NULL);
}

void
dd_progress_set_context (DdProgress   *self,
                         GMainContext *context)
{
  g_return_if_fail (DD_IS_PROGRESS (self));

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = context ? g_main_context_ref (context) : NULL;
  g_mutex_unlock (&self->lock);
}

static gboolean
notify_on_context (gpointer data)
{
  DdProgress *self = data;

  g_mutex_lock (&self->lock);
  g_free (self->shown_text);
  self->shown_text = g_strdup (self->text);
  self->pending = FALSE;
  g_mutex_unlock (&self->lock);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  return G_SOURCE_REMOVE;
}

void
dd_progress_report (DdProgress     *self,
                    double          fraction,
                    const char     *text,
                    DdProgressFunc  func,
                    gpointer        func_data)
{
  g_return_if_fail (DD_IS_PROGRESS (self));

  g_mutex_lock (&self->lock);
  self->fraction = fraction;
  if (g_strcmp0 (self->text, text) != 0)
    {
      g_free (self->text);
      self->text = g_strdup (text);
    }
  if (self->context && !self->pending)
    {
      self->pending = TRUE;
      dd_post_to_context (self->context, notify_on_context, g_object_ref (self),
                          g_object_unref);
    }
  g_mutex_unlock (&self->lock);
  if (func)
    func (fraction, text, func_data);
}

double
dd_progress_get_fraction (DdProgress *self)
{
  double fraction;

  g_return_val_if_fail (DD_IS_PROGRESS (self), -1);
  g_mutex_lock (&self->lock);
  fraction = self->fraction;
  g_mutex_unlock (&self->lock);
  return fraction;
}

const char *
dd_progress_get_text (DdProgress *self)
{
  g_return_val_if_fail (DD_IS_PROGRESS (self), NULL);
  return self->shown_text;
}

static void
forward_notify (DdProgress *self,
                GParamSpec *pspec,
                GObject    *owner)
{
  g_object_notify (owner, g_param_spec_get_name (pspec));
}

void
dd_progress_forward (DdProgress *self,
                     GObject    *owner)
{
  g_return_if_fail (DD_IS_PROGRESS (self));
  g_return_if_fail (G_IS_OBJECT (owner));
  g_signal_connect_object (self, "notify", G_CALLBACK (forward_notify), owner, 0);
}

static void
dd_progress_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DdProgress *self = DD_PROGRESS (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, dd_progress_get_fraction (self));
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->shown_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_progress_finalize (GObject *object)
{
  DdProgress *self = DD_PROGRESS (object);

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->shown_text, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (dd_progress_parent_class)->finalize (object);
}

static void
dd_progress_class_init (DdProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = dd_progress_get_property;
  object_class->finalize = dd_progress_finalize;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, -1, 1, -1,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_progress_init (DdProgress *self)
{
  g_mutex_init (&self->lock);
  self->fraction = -1;
}
