/* DdGrowModel: all of another list model, or its first items while a view grows into it.
 * GtkSliceListModel (GTK 4.8) announces a change in its middle as the change of all that
 * follows, even when it shows everything: a class of 3 samples toggled then re-bound the
 * 860k cells after it (300 ms). This model passes changes through as they come unless it
 * is limited, which a grid is only for the few frames of a first fill. It wraps a selection
 * model and is one too, whose selection is all of that model's: "select all" while it
 * grows selects every item, not those shown so far. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <gtk/gtk.h>

#include "dd-grow-model.h"

struct _DdGrowModel
{
  GObject parent_instance;

  GtkSelectionModel *model;
  guint limit;
  guint n_shown;   /* what the last announcement said */
};

static GType
dd_grow_model_get_item_type (GListModel *list)
{
  return g_list_model_get_item_type (G_LIST_MODEL (DD_GROW_MODEL (list)->model));
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
  return g_list_model_get_item (G_LIST_MODEL (self->model), position);
}

static void
dd_grow_model_list_init (GListModelInterface *iface)
{
  iface->get_item_type = dd_grow_model_get_item_type;
  iface->get_n_items = dd_grow_model_get_n_items;
  iface->get_item = dd_grow_model_get_item;
}

static gboolean
dd_grow_model_is_selected (GtkSelectionModel *model,
                           guint              position)
{
  DdGrowModel *self = DD_GROW_MODEL (model);

  return position < self->n_shown && gtk_selection_model_is_selected (self->model, position);
}

static GtkBitset *
dd_grow_model_get_selection_in_range (GtkSelectionModel *model,
                                      guint              position,
                                      guint              n_items)
{
  return gtk_selection_model_get_selection_in_range (DD_GROW_MODEL (model)->model, position,
                                                     n_items);
}

static gboolean
dd_grow_model_select_item (GtkSelectionModel *model,
                           guint              position,
                           gboolean           unselect_rest)
{
  return gtk_selection_model_select_item (DD_GROW_MODEL (model)->model, position, unselect_rest);
}

static gboolean
dd_grow_model_unselect_item (GtkSelectionModel *model,
                             guint              position)
{
  return gtk_selection_model_unselect_item (DD_GROW_MODEL (model)->model, position);
}

static gboolean
dd_grow_model_select_range (GtkSelectionModel *model,
                            guint              position,
                            guint              n_items,
                            gboolean           unselect_rest)
{
  return gtk_selection_model_select_range (DD_GROW_MODEL (model)->model, position, n_items,
                                           unselect_rest);
}

static gboolean
dd_grow_model_unselect_range (GtkSelectionModel *model,
                              guint              position,
                              guint              n_items)
{
  return gtk_selection_model_unselect_range (DD_GROW_MODEL (model)->model, position, n_items);
}

/* All of the model's items, shown or not yet. */
static gboolean
dd_grow_model_select_all (GtkSelectionModel *model)
{
  return gtk_selection_model_select_all (DD_GROW_MODEL (model)->model);
}

static gboolean
dd_grow_model_unselect_all (GtkSelectionModel *model)
{
  return gtk_selection_model_unselect_all (DD_GROW_MODEL (model)->model);
}

static gboolean
dd_grow_model_set_selection (GtkSelectionModel *model,
                             GtkBitset         *selected,
                             GtkBitset         *mask)
{
  return gtk_selection_model_set_selection (DD_GROW_MODEL (model)->model, selected, mask);
}

static void
dd_grow_model_selection_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = dd_grow_model_is_selected;
  iface->get_selection_in_range = dd_grow_model_get_selection_in_range;
  iface->select_item = dd_grow_model_select_item;
  iface->unselect_item = dd_grow_model_unselect_item;
  iface->select_range = dd_grow_model_select_range;
  iface->unselect_range = dd_grow_model_unselect_range;
  iface->select_all = dd_grow_model_select_all;
  iface->unselect_all = dd_grow_model_unselect_all;
  iface->set_selection = dd_grow_model_set_selection;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (DdGrowModel, dd_grow_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, dd_grow_model_list_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      dd_grow_model_selection_init))

/* The model's selection changed: what of it is shown. */
static void
selection_changed (GtkSelectionModel *model,
                   guint              position,
                   guint              n_items,
                   DdGrowModel       *self)
{
  if (position < self->n_shown)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position,
                                           MIN (n_items, self->n_shown - position));
}

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
    {
      g_signal_handlers_disconnect_by_func (self->model, model_changed, self);
      g_signal_handlers_disconnect_by_func (self->model, selection_changed, self);
    }
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
dd_grow_model_new (GtkSelectionModel *model)
{
  DdGrowModel *self;

  g_return_val_if_fail (GTK_IS_SELECTION_MODEL (model), NULL);

  self = g_object_new (DD_TYPE_GROW_MODEL, NULL);
  self->model = g_object_ref (model);
  self->n_shown = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_signal_connect (model, "items-changed", G_CALLBACK (model_changed), self);
  g_signal_connect (model, "selection-changed", G_CALLBACK (selection_changed), self);
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
  after = MIN (limit, g_list_model_get_n_items (G_LIST_MODEL (self->model)));
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
