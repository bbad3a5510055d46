/* DdCatalogJob: a long job on a catalog — its catalog, its progress, its worker thread. */
#define G_LOG_DOMAIN "datadive-catalog"
#include "config.h"

#include "dd-catalog-job.h"

typedef struct
{
  DdCatalog  *catalog;
  DdProgress  progress;
} DdCatalogJobPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (DdCatalogJob, dd_catalog_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_FRACTION,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

DdCatalog *
dd_catalog_job_get_catalog (DdCatalogJob *self)
{
  DdCatalogJobPrivate *priv = dd_catalog_job_get_instance_private (self);

  g_return_val_if_fail (DD_IS_CATALOG_JOB (self), NULL);
  return priv->catalog;
}

DdProgress *
dd_catalog_job_get_progress (DdCatalogJob *self)
{
  DdCatalogJobPrivate *priv = dd_catalog_job_get_instance_private (self);

  g_return_val_if_fail (DD_IS_CATALOG_JOB (self), NULL);
  return &priv->progress;
}

double
dd_catalog_job_get_fraction (DdCatalogJob *self)
{
  g_return_val_if_fail (DD_IS_CATALOG_JOB (self), -1);
  return dd_progress_get_fraction (dd_catalog_job_get_progress (self));
}

const char *
dd_catalog_job_get_text (DdCatalogJob *self)
{
  g_return_val_if_fail (DD_IS_CATALOG_JOB (self), NULL);
  return dd_progress_get_text (dd_catalog_job_get_progress (self));
}

void
dd_catalog_job_report (DdCatalogJob   *self,
                       double          fraction,
                       const char     *text,
                       DdProgressFunc  func,
                       gpointer        func_data)
{
  g_return_if_fail (DD_IS_CATALOG_JOB (self));
  dd_progress_report (dd_catalog_job_get_progress (self), fraction, text, func, func_data);
}

void
dd_catalog_job_run_in_thread (DdCatalogJob    *self,
                              GTask           *task,
                              GTaskThreadFunc  func)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();

  g_return_if_fail (DD_IS_CATALOG_JOB (self));
  dd_progress_set_context (dd_catalog_job_get_progress (self), context);
  g_task_run_in_thread (task, func);
}

static void
dd_catalog_job_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DdCatalogJob *self = DD_CATALOG_JOB (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, dd_catalog_job_get_catalog (self));
      break;
    case PROP_FRACTION:
      g_value_set_double (value, dd_catalog_job_get_fraction (self));
      break;
    case PROP_TEXT:
      g_value_set_string (value, dd_catalog_job_get_text (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_catalog_job_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DdCatalogJobPrivate *priv = dd_catalog_job_get_instance_private (DD_CATALOG_JOB (object));

  switch (prop_id)
    {
    case PROP_CATALOG:
      priv->catalog = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_catalog_job_finalize (GObject *object)
{
  DdCatalogJobPrivate *priv = dd_catalog_job_get_instance_private (DD_CATALOG_JOB (object));

  g_clear_object (&priv->catalog);
  dd_progress_clear (&priv->progress);
  G_OBJECT_CLASS (dd_catalog_job_parent_class)->finalize (object);
}

static void
dd_catalog_job_class_init (DdCatalogJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = dd_catalog_job_get_property;
  object_class->set_property = dd_catalog_job_set_property;
  object_class->finalize = dd_catalog_job_finalize;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, DD_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, -1, 1, -1,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_catalog_job_init (DdCatalogJob *self)
{
  DdCatalogJobPrivate *priv = dd_catalog_job_get_instance_private (self);

  dd_progress_init (&priv->progress, G_OBJECT (self), properties[PROP_FRACTION],
                    properties[PROP_TEXT]);
}
