/* DdSampleItem: one sample of a DdSampleModel; its details arrive with its page. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include "dd-sample-item.h"

struct _DdSampleItem
{
  GObject parent_instance;

  gint64 id;
  guint position;
  gboolean loaded;
  char *key;
  char *path;
  char *class_name;
  char *wnid;
  char *corruption;
  char *split;
  guint severity;
  guint32 flags;
};

G_DEFINE_FINAL_TYPE (DdSampleItem, dd_sample_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_POSITION,
  PROP_LOADED,
  PROP_KEY,
  PROP_PATH,
  PROP_CLASS_NAME,
  PROP_CORRUPTION,
  PROP_SEVERITY,
  PROP_FLAGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dd_sample_item_finalize (GObject *object)
{
  DdSampleItem *self = DD_SAMPLE_ITEM (object);

  g_free (self->key);
  g_free (self->path);
  g_free (self->class_name);
  g_free (self->wnid);
  g_free (self->corruption);
  g_free (self->split);

  G_OBJECT_CLASS (dd_sample_item_parent_class)->finalize (object);
}

static void
dd_sample_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DdSampleItem *self = DD_SAMPLE_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_CLASS_NAME:
      g_value_set_string (value, self->class_name);
      break;
    case PROP_CORRUPTION:
      g_value_set_string (value, self->corruption);
      break;
    case PROP_SEVERITY:
      g_value_set_uint (value, self->severity);
      break;
    case PROP_FLAGS:
      g_value_set_uint (value, self->flags);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_sample_item_class_init (DdSampleItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dd_sample_item_finalize;
  object_class->get_property = dd_sample_item_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_POSITION] = g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE, flags);
  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, flags);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, flags);
  properties[PROP_CLASS_NAME] = g_param_spec_string ("class-name", NULL, NULL, NULL, flags);
  properties[PROP_CORRUPTION] = g_param_spec_string ("corruption", NULL, NULL, NULL, flags);
  properties[PROP_SEVERITY] = g_param_spec_uint ("severity", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_FLAGS] = g_param_spec_uint ("flags", NULL, NULL, 0, G_MAXUINT32, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_sample_item_init (DdSampleItem *self)
{
}

DdSampleItem *
dd_sample_item_new (gint64 id,
                    guint  position)
{
  DdSampleItem *self = g_object_new (DD_TYPE_SAMPLE_ITEM, NULL);

  self->id = id;
  self->position = position;
  return self;
}

void
dd_sample_item_set_info (DdSampleItem       *self,
                         const DdSampleInfo *info)
{
  g_return_if_fail (DD_IS_SAMPLE_ITEM (self));
  g_return_if_fail (info != NULL);

  g_free (self->key);
  self->key = g_strdup (info->key);
  g_free (self->path);
  self->path = g_strdup (info->path);
  g_free (self->class_name);
  self->class_name = g_strdup (info->class_name);
  g_free (self->wnid);
  self->wnid = g_strdup (info->wnid);
  g_free (self->corruption);
  self->corruption = g_strdup (info->corruption);
  g_free (self->split);
  self->split = g_strdup (info->split);
  self->severity = info->severity;
  self->flags = info->flags;
  self->loaded = TRUE;
  /* one notification for all the fields, not nine: each is a signal emission, for
   * every item of a page, watched or not */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

gint64
dd_sample_item_get_id (DdSampleItem *self)
{
  g_return_val_if_fail (DD_IS_SAMPLE_ITEM (self), 0);
  return self->id;
}

guint
dd_sample_item_get_position (DdSampleItem *self)
{
  g_return_val_if_fail (DD_IS_SAMPLE_ITEM (self), 0);
  return self->position;
}

void
dd_sample_item_set_position (DdSampleItem *self,
                             guint         position)
{
  g_return_if_fail (DD_IS_SAMPLE_ITEM (self));
  if (self->position == position)
    return;
  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

gboolean
dd_sample_item_get_loaded (DdSampleItem *self)
{
  g_return_val_if_fail (DD_IS_SAMPLE_ITEM (self), FALSE);
  return self->loaded;
}

const char *
dd_sample_item_get_key (DdSampleItem *self)
{
  g_return_val_if_fail (DD_IS_SAMPLE_ITEM (self), NULL);
  return self->key;
}

const char *
dd_sample_item_get_path (DdSampleItem *self)
{
  g_return_val_if_fail (DD_IS_SAMPLE_ITEM (self), NULL);
  return self->path;
}

const char *
dd_sample_item_get_class_name (DdSampleItem *self)
{
  g_return_val_if_fail (DD_IS_SAMPLE_ITEM (self), NULL);
  return self->class_name;
}

const char *
dd_sample_item_get_corruption (DdSampleItem *self)
{
  g_return_val_if_fail (DD_IS_SAMPLE_ITEM (self), NULL);
  return self->corruption;
}

const char *
dd_sample_item_get_split (DdSampleItem *self)
{
  g_return_val_if_fail (DD_IS_SAMPLE_ITEM (self), NULL);
  return self->split;
}

guint
dd_sample_item_get_severity (DdSampleItem *self)
{
  g_return_val_if_fail (DD_IS_SAMPLE_ITEM (self), 0);
  return self->severity;
}

guint32
dd_sample_item_get_flags (DdSampleItem *self)
{
  g_return_val_if_fail (DD_IS_SAMPLE_ITEM (self), 0);
  return self->flags;
}
