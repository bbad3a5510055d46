/* DdGrowModel: all of another list model, or its first items while a view grows into it.
 * GtkSliceListModel (GTK 4.8) announces a change in its middle as the change of all that
 * follows, even when it shows everything: a class of 3 samples toggled then re-bound the
 * 860k cells after it (300 ms). This model passes changes through as they come unless it
 * is limited, which a grid is only for the few frames of a first fill. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include "dd-grow-model.h"

struct _DdGrowModel
{
  GObject parent_instance;

  GListModel *model;
  guint limit;
  guint n_shown;   /* what the last announcement said */
};

static GType
dd_grow_model_get_item_type (GListModel *list)
{
  return g_list_model_get_item_type (DD_GROW_MODEL (list)->model);
}

static guint
dd_grow_model_get_n_items (GListModel *list)
{
  return DD_GROW_MODEL (list)->n_shown;
}

static gpointer
dd_grow_model_get_item (GListModel *list,
                        guint       position)
{
  DdGrowModel *self = DD_GROW_MODEL (list);

  if (position >= self->n_shown)
    return NULL;
  return g_list_model_get_item (self->model, position);
}

static void
dd_grow_model_list_init (GListModelInterface *iface)
{
  iface->get_item_type = dd_grow_model_get_item_type;
  iface->get_n_items = dd_grow_model_get_n_items;
  iface->get_item = dd_grow_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (DdGrowModel, dd_grow_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, dd_grow_model_list_init))

static void
model_changed (GListModel  *model,
               guint        position,
               guint        removed,
               guint        added,
               DdGrowModel *self)
{
  guint before = self->n_shown;
  guint after = MIN (self->limit, g_list_model_get_n_items (model));

  self->n_shown = after;
  if (self->limit == G_MAXUINT)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }
  if (position >= before && position >= after)
    return;   /* past what is shown */
  g_list_model_items_changed (G_LIST_MODEL (self), position, before - MIN (position, before),
                              after - MIN (position, after));
}

static void
dd_grow_model_dispose (GObject *object)
{
  DdGrowModel *self = DD_GROW_MODEL (object);

  if (self->model)
    g_signal_handlers_disconnect_by_func (self->model, model_changed, self);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (dd_grow_model_parent_class)->dispose (object);
}

static void
dd_grow_model_class_init (DdGrowModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dd_grow_model_dispose;
}

static void
dd_grow_model_init (DdGrowModel *self)
{
  self->limit = G_MAXUINT;
}

DdGrowModel *
dd_grow_model_new (GListModel *model)
{
  DdGrowModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (DD_TYPE_GROW_MODEL, NULL);
  self->model = g_object_ref (model);
  self->n_shown = g_list_model_get_n_items (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (model_changed), self);
  return self;
}

void
dd_grow_model_set_limit (DdGrowModel *self,
                         guint        limit)
{
  guint before, after;

  g_return_if_fail (DD_IS_GROW_MODEL (self));

  self->limit = limit;
  before = self->n_shown;
  after = MIN (limit, g_list_model_get_n_items (self->model));
  self->n_shown = after;
  if (after > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, after - before);
  else if (after < before)
    g_list_model_items_changed (G_LIST_MODEL (self), after, before - after, 0);
}

guint
dd_grow_model_get_limit (DdGrowModel *self)
{
  g_return_val_if_fail (DD_IS_GROW_MODEL (self), 0);
  return self->limit;
}
