/* DdFindingItem: a finding of the health report, for the report window's lists. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include "dd-finding-item.h"

struct _DdFindingItem
{
  GObject      parent_instance;

  DdHealthKind kind;
  char        *key;
  char        *detail;
  gint64       sample_id;
  char        *path;
  DdFindingResolution resolution;
  guint        n_copies;
};

G_DEFINE_FINAL_TYPE (DdFindingItem, dd_finding_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_RESOLUTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dd_finding_item_finalize (GObject *object)
{
  DdFindingItem *self = DD_FINDING_ITEM (object);

  g_free (self->key);
  g_free (self->detail);
  g_free (self->path);
  G_OBJECT_CLASS (dd_finding_item_parent_class)->finalize (object);
}

static void
dd_finding_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, DD_FINDING_ITEM (object)->path);
      break;
    case PROP_RESOLUTION:
      g_value_set_int (value, DD_FINDING_ITEM (object)->resolution);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_finding_item_class_init (DdFindingItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_finding_item_finalize;
  object_class->get_property = dd_finding_item_get_property;
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                               G_PARAM_STATIC_STRINGS);
  properties[PROP_RESOLUTION] = g_param_spec_int ("resolution", NULL, NULL,
                                                  DD_FINDING_NOT_IN_GROUP,
                                                  DD_FINDING_GROUP_EXCLUDED,
                                                  DD_FINDING_NOT_IN_GROUP,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_finding_item_init (DdFindingItem *self)
{
}

DdFindingItem *
dd_finding_item_new (DdHealthKind  kind,
                     const char   *key,
                     const char   *detail,
                     gint64        sample_id)
{
  DdFindingItem *self = g_object_new (DD_TYPE_FINDING_ITEM, NULL);

  self->kind = kind;
  self->key = g_strdup (key);
  self->detail = g_strdup (detail);
  self->sample_id = sample_id;
  return self;
}

DdHealthKind
dd_finding_item_get_kind (DdFindingItem *self)
{
  g_return_val_if_fail (DD_IS_FINDING_ITEM (self), DD_HEALTH_N_KINDS);
  return self->kind;
}

const char *
dd_finding_item_get_key (DdFindingItem *self)
{
  g_return_val_if_fail (DD_IS_FINDING_ITEM (self), NULL);
  return self->key;
}

const char *
dd_finding_item_get_detail (DdFindingItem *self)
{
  g_return_val_if_fail (DD_IS_FINDING_ITEM (self), NULL);
  return self->detail;
}

gint64
dd_finding_item_get_sample_id (DdFindingItem *self)
{
  g_return_val_if_fail (DD_IS_FINDING_ITEM (self), 0);
  return self->sample_id;
}

const char *
dd_finding_item_get_path (DdFindingItem *self)
{
  g_return_val_if_fail (DD_IS_FINDING_ITEM (self), NULL);
  return self->path;
}

void
dd_finding_item_set_path (DdFindingItem *self,
                          const char    *path)
{
  g_return_if_fail (DD_IS_FINDING_ITEM (self));
  if (g_strcmp0 (self->path, path) == 0)
    return;
  g_free (self->path);
  self->path = g_strdup (path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

DdFindingResolution
dd_finding_item_get_resolution (DdFindingItem *self)
{
  g_return_val_if_fail (DD_IS_FINDING_ITEM (self), DD_FINDING_NOT_IN_GROUP);
  return self->resolution;
}

void
dd_finding_item_set_resolution (DdFindingItem       *self,
                                DdFindingResolution  resolution)
{
  g_return_if_fail (DD_IS_FINDING_ITEM (self));
  if (self->resolution == resolution)
    return;
  self->resolution = resolution;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLUTION]);
}

guint
dd_finding_item_get_n_copies (DdFindingItem *self)
{
  g_return_val_if_fail (DD_IS_FINDING_ITEM (self), 0);
  return self->n_copies;
}

void
dd_finding_item_set_n_copies (DdFindingItem *self,
                              guint          n_copies)
{
  g_return_if_fail (DD_IS_FINDING_ITEM (self));
  self->n_copies = n_copies;
}
