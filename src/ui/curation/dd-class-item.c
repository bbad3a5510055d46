/* DdClassItem: a class row's data. Setters notify only what changed, so a subset that
 * leaves a class's numbers alone does not touch its row. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include "dd-text.h"
#include "dd-class-item.h"

struct _DdClassItem
{
  GObject parent_instance;

  guint    id;
  char    *wnid;
  char    *name;
  char    *parent_name;
  char    *search;
  gboolean checked;
  guint    in_subset;
  guint    total;
  guint    findings;
  char    *count_text;
  char    *findings_text;
};

G_DEFINE_FINAL_TYPE (DdClassItem, dd_class_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WNID,
  PROP_NAME,
  PROP_PARENT_NAME,
  PROP_CHECKED,
  PROP_IN_SUBSET,
  PROP_TOTAL,
  PROP_FINDINGS,
  PROP_COUNT_TEXT,
  PROP_FINDINGS_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dd_class_item_finalize (GObject *object)
{
  DdClassItem *self = DD_CLASS_ITEM (object);

  g_free (self->wnid);
  g_free (self->name);
  g_free (self->parent_name);
  g_free (self->search);
  g_free (self->count_text);
  g_free (self->findings_text);
  G_OBJECT_CLASS (dd_class_item_parent_class)->finalize (object);
}

static void
dd_class_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DdClassItem *self = DD_CLASS_ITEM (object);

  switch (prop_id)
    {
    case PROP_WNID:          g_value_set_string (value, self->wnid); break;
    case PROP_NAME:          g_value_set_string (value, self->name); break;
    case PROP_PARENT_NAME:   g_value_set_string (value, self->parent_name); break;
    case PROP_CHECKED:       g_value_set_boolean (value, self->checked); break;
    case PROP_IN_SUBSET:     g_value_set_uint (value, self->in_subset); break;
    case PROP_TOTAL:         g_value_set_uint (value, self->total); break;
    case PROP_FINDINGS:      g_value_set_uint (value, self->findings); break;
    case PROP_COUNT_TEXT:    g_value_set_string (value, self->count_text); break;
    case PROP_FINDINGS_TEXT: g_value_set_string (value, self->findings_text); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_class_item_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DdClassItem *self = DD_CLASS_ITEM (object);

  switch (prop_id)
    {
    case PROP_CHECKED:
      dd_class_item_set_checked (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_class_item_class_init (DdClassItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dd_class_item_finalize;
  object_class->get_property = dd_class_item_get_property;
  object_class->set_property = dd_class_item_set_property;

  properties[PROP_WNID] = g_param_spec_string ("wnid", NULL, NULL, NULL, ro);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  properties[PROP_PARENT_NAME] = g_param_spec_string ("parent-name", NULL, NULL, NULL, ro);
  properties[PROP_CHECKED] =
    g_param_spec_boolean ("checked", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IN_SUBSET] = g_param_spec_uint ("in-subset", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_TOTAL] = g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_FINDINGS] = g_param_spec_uint ("findings", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_COUNT_TEXT] = g_param_spec_string ("count-text", NULL, NULL, NULL, ro);
  properties[PROP_FINDINGS_TEXT] = g_param_spec_string ("findings-text", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_class_item_init (DdClassItem *self)
{
  self->count_text = g_strdup ("");
  self->findings_text = g_strdup ("");
}

DdClassItem *
dd_class_item_new (const DdClassInfo *info)
{
  DdClassItem *self;
  g_autofree char *search = NULL;

  g_return_val_if_fail (info != NULL, NULL);

  self = g_object_new (DD_TYPE_CLASS_ITEM, NULL);
  self->id = info->id;
  self->wnid = g_strdup (info->wnid);
  self->name = g_strdup (info->name ? info->name : info->wnid);
  self->parent_name = g_strdup (info->parent_name ? info->parent_name : "");
  search = g_strdup_printf ("%s %s %s", info->names ? info->names : self->name, self->wnid,
                            self->parent_name);
  self->search = g_utf8_strdown (search, -1);
  return self;
}

guint
dd_class_item_get_id (DdClassItem *self)
{
  g_return_val_if_fail (DD_IS_CLASS_ITEM (self), 0);
  return self->id;
}

const char *
dd_class_item_get_wnid (DdClassItem *self)
{
  g_return_val_if_fail (DD_IS_CLASS_ITEM (self), NULL);
  return self->wnid;
}

const char *
dd_class_item_get_name (DdClassItem *self)
{
  g_return_val_if_fail (DD_IS_CLASS_ITEM (self), NULL);
  return self->name;
}

const char *
dd_class_item_get_search (DdClassItem *self)
{
  g_return_val_if_fail (DD_IS_CLASS_ITEM (self), NULL);
  return self->search;
}

gboolean
dd_class_item_get_checked (DdClassItem *self)
{
  g_return_val_if_fail (DD_IS_CLASS_ITEM (self), FALSE);
  return self->checked;
}

void
dd_class_item_set_checked (DdClassItem *self,
                           gboolean     checked)
{
  g_return_if_fail (DD_IS_CLASS_ITEM (self));

  checked = !!checked;
  if (self->checked == checked)
    return;
  self->checked = checked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED]);
}

guint
dd_class_item_get_total (DdClassItem *self)
{
  g_return_val_if_fail (DD_IS_CLASS_ITEM (self), 0);
  return self->total;
}

void
dd_class_item_set_counts (DdClassItem *self,
                          guint        in_subset,
                          guint        total,
                          guint        findings)
{
  g_return_if_fail (DD_IS_CLASS_ITEM (self));

  if (self->in_subset == in_subset && self->total == total && self->findings == findings &&
      *self->count_text != '\0')
    return;
  g_object_freeze_notify (G_OBJECT (self));
  if (self->in_subset != in_subset || self->total != total || *self->count_text == '\0')
    {
      g_autofree char *a = dd_format_count (in_subset);
      g_autofree char *b = dd_format_count (total);

      g_free (self->count_text);
      self->count_text = g_strdup_printf ("%s / %s", a, b);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT_TEXT]);
    }
  if (self->in_subset != in_subset)
    {
      self->in_subset = in_subset;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IN_SUBSET]);
    }
  if (self->total != total)
    {
      self->total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
    }
  if (self->findings != findings)
    {
      self->findings = findings;
      g_free (self->findings_text);
      self->findings_text = findings ? dd_format_count (findings) : g_strdup ("");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINDINGS]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINDINGS_TEXT]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}
