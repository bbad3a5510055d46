/* DdThumbnailGrid: a GtkGridView over a DdSampleModel with DdThumbnailCell cells. The
 * grid's max-columns follows the width: GtkGridView 4.8 creates about max-columns × 32
 * cells whatever the width, so a loose bound halves the frame rate. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <adwaita.h>

#include "dd-selection-type.h"
#include "dd-drag-provider.h"
#include "dd-grow-model.h"
#include "dd-thumbnail-cell.h"
#include "dd-thumbnail-grid.h"
#include "dd-thumbnailer.h"

/* Cell width beyond the thumbnail: cell margins and the grid's child padding. */
#define CELL_EXTRA_WIDTH 16

struct _DdThumbnailGrid
{
  GtkWidget parent_instance;

  GtkStack *stack;
  GtkGridView *grid_view;
  AdwStatusPage *empty_page;

  DdThumbnailer *thumbnailer;
  DdCatalog *catalog;
  DdSampleModel *model;
  DdGrowModel *grown;         /* all of the model but while a first fill grows */
  guint grow_tick;
  guint grow_ticks;
  GtkMultiSelection *selection_model;
  guint n_selected;
  GHashTable *include;     /* sample keys forced in by the recipe */
  GHashTable *exclude;     /* sample keys left out by the recipe */
  DdModelLookup *predictions;   /* the run imported last, or NULL */
};

G_DEFINE_FINAL_TYPE (DdThumbnailGrid, dd_thumbnail_grid, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_SELECTION,
  PROP_N_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAMPLE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
grid_activated (GtkGridView     *view,
                guint            position,
                DdThumbnailGrid *self)
{
  g_signal_emit (self, signals[SAMPLE_ACTIVATED], 0, position);
}

/* Dragging a thumbnail out: the selection when the thumbnail is part of it, else the
 * thumbnail alone, as files for a file manager. */
static GdkContentProvider *
drag_prepare (GtkDragSource   *source,
              double           x,
              double           y,
              DdThumbnailGrid *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->grid_view), x, y, GTK_PICK_DEFAULT);
  GtkWidget *cell = picked ? gtk_widget_get_ancestor (picked, DD_TYPE_THUMBNAIL_CELL) : NULL;
  DdSampleItem *item = cell ? dd_thumbnail_cell_get_item (DD_THUMBNAIL_CELL (cell)) : NULL;
  DdSelection *selection = dd_sample_model_get_selection (self->model);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GdkPaintable) icon = NULL;
  gint64 position;

  if (item == NULL || selection == NULL || self->catalog == NULL)
    return NULL;
  /* the item may predate the last change of the selection: find it again */
  position = dd_selection_find (selection, dd_sample_item_get_id (item));
  if (position >= 0 &&
      gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection_model), (guint) position))
    {
      g_autoptr(GtkBitset) selected =
        gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection_model));
      GtkBitsetIter iter;
      guint pos;

      for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &pos); ok;
           ok = gtk_bitset_iter_next (&iter, &pos))
        {
          gint64 id = dd_selection_get_id (selection, pos);

          g_array_append_val (ids, id);
        }
    }
  else
    {
      gint64 id = dd_sample_item_get_id (item);

      g_array_append_val (ids, id);
    }
  icon = gtk_widget_paintable_new (cell);
  gtk_drag_source_set_icon (source, icon, gtk_widget_get_width (cell) / 2,
                            gtk_widget_get_height (cell) / 2);
  return dd_drag_provider_new_samples (self->catalog, (gint64 *) ids->data, ids->len);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            DdThumbnailGrid          *self)
{
  GtkWidget *cell = dd_thumbnail_cell_new (self->thumbnailer);

  dd_thumbnail_cell_set_overrides (DD_THUMBNAIL_CELL (cell), self->include, self->exclude);
  dd_thumbnail_cell_set_predictions (DD_THUMBNAIL_CELL (cell), self->predictions);
  gtk_list_item_set_child (list_item, cell);
}

static GHashTable *
key_set (const char * const *keys)
{
  GHashTable *set;

  if (keys == NULL || keys[0] == NULL)
    return NULL;
  set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; keys[i]; i++)
    g_hash_table_add (set, g_strdup (keys[i]));
  return set;
}

static void
set_cell_overrides (GtkWidget       *widget,
                    DdThumbnailGrid *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      if (DD_IS_THUMBNAIL_CELL (child))
        {
          dd_thumbnail_cell_set_overrides (DD_THUMBNAIL_CELL (child), self->include, self->exclude);
          dd_thumbnail_cell_set_predictions (DD_THUMBNAIL_CELL (child), self->predictions);
        }
      else
        set_cell_overrides (child, self);
    }
}

void
dd_thumbnail_grid_set_overrides (DdThumbnailGrid    *self,
                                 const char * const *include,
                                 const char * const *exclude)
{
  g_return_if_fail (DD_IS_THUMBNAIL_GRID (self));

  g_clear_pointer (&self->include, g_hash_table_unref);
  g_clear_pointer (&self->exclude, g_hash_table_unref);
  self->include = key_set (include);
  self->exclude = key_set (exclude);
  /* the cells alive are the few on screen and a margin: walk them */
  set_cell_overrides (GTK_WIDGET (self->grid_view), self);
}

void
dd_thumbnail_grid_set_predictions (DdThumbnailGrid *self,
                                   DdModelLookup   *predictions)
{
  g_return_if_fail (DD_IS_THUMBNAIL_GRID (self));

  g_clear_pointer (&self->predictions, dd_model_lookup_unref);
  self->predictions = predictions ? dd_model_lookup_ref (predictions) : NULL;
  set_cell_overrides (GTK_WIDGET (self->grid_view), self);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           DdThumbnailGrid          *self)
{
  dd_thumbnail_cell_set_item (DD_THUMBNAIL_CELL (gtk_list_item_get_child (list_item)),
                              gtk_list_item_get_item (list_item));
}

/* Nothing to do: GTK 4.8 unbinds and binds again every cell after a change of the
 * model even when its item stays, so the cell lets go of its item only when it is bound
 * to another one (dd_thumbnail_cell_set_item() ignores the same item) or torn down. */
static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             DdThumbnailGrid          *self)
{
}

static void
teardown_cell (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               DdThumbnailGrid          *self)
{
  gtk_list_item_set_child (list_item, NULL);
}

static void
dd_thumbnail_grid_count_selected (DdThumbnailGrid *self)
{
  guint n = 0;

  if (self->selection_model)
    {
      g_autoptr(GtkBitset) selected =
        gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection_model));

      n = (guint) gtk_bitset_get_size (selected);
    }
  if (n != self->n_selected)
    {
      self->n_selected = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
    }
}

static void
dd_thumbnail_grid_update_stack (DdThumbnailGrid *self)
{
  guint n = self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "grid" : "empty");
}

static void
dd_thumbnail_grid_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  DdThumbnailGrid *self = DD_THUMBNAIL_GRID (widget);
  guint cell_width = dd_thumbnailer_get_size (self->thumbnailer) + CELL_EXTRA_WIDTH;
  guint columns = MAX (1, (guint) width / cell_width);

  if (gtk_grid_view_get_max_columns (self->grid_view) != columns)
    gtk_grid_view_set_max_columns (self->grid_view, columns);

  GTK_WIDGET_CLASS (dd_thumbnail_grid_parent_class)->size_allocate (widget, width, height,
                                                                    baseline);
}

/* A grid filled from empty (a catalog opened) gets its cells GROW_CELLS a frame: GTK
 * 4.8 makes and binds about 30 rows of cells for a grid whatever shows, and making them
 * all in the frame that first shows the subset held the window 34–62 ms at 860k
 * samples; the first frame now makes the 8 rows a window shows, the next ones the rest. */
#define GROW_CELLS 64
#define GROW_UNTIL 256

static void
grow_done (DdThumbnailGrid *self)
{
  if (self->grow_tick)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->grow_tick);
      self->grow_tick = 0;
    }
  if (self->grown && dd_grow_model_get_limit (self->grown) != G_MAXUINT)
    dd_grow_model_set_limit (self->grown, G_MAXUINT);
}

static gboolean
grow (GtkWidget     *widget,
      GdkFrameClock *clock,
      gpointer       data)
{
  DdThumbnailGrid *self = DD_THUMBNAIL_GRID (widget);
  guint size = dd_grow_model_get_limit (self->grown);

  /* the first tick comes before the first frame's layout: that frame makes the first
   * GROW_CELLS, the next frames the others */
  if (self->grow_ticks++ == 0)
    return G_SOURCE_CONTINUE;
  /* past the cells GTK keeps (30 rows): the rest of the model at once */
  if (size >= GROW_UNTIL || size + GROW_CELLS >= g_list_model_get_n_items (G_LIST_MODEL (self->model)))
    {
      self->grow_tick = 0;
      dd_grow_model_set_limit (self->grown, G_MAXUINT);
      return G_SOURCE_REMOVE;
    }
  dd_grow_model_set_limit (self->grown, size + GROW_CELLS);
  return G_SOURCE_CONTINUE;
}

/* Not shown, it does not draw: no frames to grow in. */
static void
dd_thumbnail_grid_unmap (GtkWidget *widget)
{
  grow_done (DD_THUMBNAIL_GRID (widget));
  GTK_WIDGET_CLASS (dd_thumbnail_grid_parent_class)->unmap (widget);
}

static void
dd_thumbnail_grid_dispose (GObject *object)
{
  DdThumbnailGrid *self = DD_THUMBNAIL_GRID (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_THUMBNAIL_GRID);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  grow_done (self);
  g_clear_object (&self->grown);
  g_clear_object (&self->selection_model);
  g_clear_object (&self->model);
  g_clear_object (&self->catalog);
  g_clear_object (&self->thumbnailer);
  g_clear_pointer (&self->include, g_hash_table_unref);
  g_clear_pointer (&self->exclude, g_hash_table_unref);
  g_clear_pointer (&self->predictions, dd_model_lookup_unref);

  G_OBJECT_CLASS (dd_thumbnail_grid_parent_class)->dispose (object);
}

static void
dd_thumbnail_grid_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DdThumbnailGrid *self = DD_THUMBNAIL_GRID (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_SELECTION:
      g_value_set_boxed (value, dd_thumbnail_grid_get_selection (self));
      break;
    case PROP_N_SELECTED:
      g_value_set_uint (value, self->n_selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_thumbnail_grid_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DdThumbnailGrid *self = DD_THUMBNAIL_GRID (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      dd_thumbnail_grid_set_catalog (self, g_value_get_object (value));
      break;
    case PROP_SELECTION:
      dd_thumbnail_grid_set_selection (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_thumbnail_grid_class_init (DdThumbnailGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_thumbnail_grid_dispose;
  object_class->get_property = dd_thumbnail_grid_get_property;
  object_class->set_property = dd_thumbnail_grid_set_property;
  widget_class->size_allocate = dd_thumbnail_grid_size_allocate;
  widget_class->unmap = dd_thumbnail_grid_unmap;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, DD_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTION] =
    g_param_spec_boxed ("selection", NULL, NULL, DD_TYPE_SELECTION,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SELECTED] =
    g_param_spec_uint ("n-selected", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DdThumbnailGrid::sample-activated:
   * @position: the position in the selection
   *
   * Enter or a double click on a thumbnail.
   */
  signals[SAMPLE_ACTIVATED] = g_signal_new ("sample-activated", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/datadive/DataDive"
                                                             "/ui/dd-thumbnail-grid.ui");
  gtk_widget_class_bind_template_child (widget_class, DdThumbnailGrid, stack);
  gtk_widget_class_bind_template_child (widget_class, DdThumbnailGrid, grid_view);
  gtk_widget_class_bind_template_child (widget_class, DdThumbnailGrid, empty_page);
  gtk_widget_class_set_css_name (widget_class, "dd-thumbnail-grid");
}

static void
dd_thumbnail_grid_init (DdThumbnailGrid *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->thumbnailer = g_object_ref (dd_thumbnailer_get_default ());
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (teardown_cell), self);
  gtk_grid_view_set_factory (self->grid_view, factory);
  g_signal_connect (self->grid_view, "activate", G_CALLBACK (grid_activated), self);
  {
    GtkDragSource *source = gtk_drag_source_new ();

    gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
    g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare), self);
    gtk_widget_add_controller (GTK_WIDGET (self->grid_view), GTK_EVENT_CONTROLLER (source));
  }
  g_object_unref (factory);
}

void
dd_thumbnail_grid_set_catalog (DdThumbnailGrid *self,
                               DdCatalog       *catalog)
{
  g_return_if_fail (DD_IS_THUMBNAIL_GRID (self));
  g_return_if_fail (catalog == NULL || DD_IS_CATALOG (catalog));

  if (!g_set_object (&self->catalog, catalog))
    return;

  gtk_grid_view_set_model (self->grid_view, NULL);
  grow_done (self);
  g_clear_object (&self->grown);
  g_clear_object (&self->selection_model);
  g_clear_object (&self->model);
  if (catalog)
    {
      self->model = dd_sample_model_new (catalog);
      self->selection_model = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
      /* the view shows the grown model; the selection is of all the subset's samples */
      self->grown = dd_grow_model_new (GTK_SELECTION_MODEL (self->selection_model));
      g_signal_connect_object (self->selection_model, "selection-changed",
                               G_CALLBACK (dd_thumbnail_grid_count_selected), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->selection_model, "items-changed",
                               G_CALLBACK (dd_thumbnail_grid_count_selected), self,
                               G_CONNECT_SWAPPED);
      gtk_grid_view_set_model (self->grid_view, GTK_SELECTION_MODEL (self->grown));
    }
  dd_thumbnail_grid_update_stack (self);
  dd_thumbnail_grid_count_selected (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

DdSelection *
dd_thumbnail_grid_get_selection (DdThumbnailGrid *self)
{
  g_return_val_if_fail (DD_IS_THUMBNAIL_GRID (self), NULL);
  return self->model ? dd_sample_model_get_selection (self->model) : NULL;
}

void
dd_thumbnail_grid_set_selection (DdThumbnailGrid *self,
                                 DdSelection     *selection)
{
  g_return_if_fail (DD_IS_THUMBNAIL_GRID (self));
  g_return_if_fail (selection == NULL || self->model != NULL);

  if (self->model == NULL || (dd_sample_model_get_selection (self->model) == selection &&
                              !dd_sample_model_get_ordered (self->model)))
    return;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0 && selection &&
      dd_selection_get_n (selection) > GROW_CELLS && gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      self->grow_tick == 0)
    {
      dd_grow_model_set_limit (self->grown, GROW_CELLS);
      self->grow_ticks = 0;
      self->grow_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), grow, NULL, NULL);
    }
  dd_sample_model_set_selection (self->model, selection);
  dd_thumbnail_grid_update_stack (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

void
dd_thumbnail_grid_set_order (DdThumbnailGrid *self,
                             DdSelection     *selection,
                             GArray          *order)
{
  gboolean changed;

  g_return_if_fail (DD_IS_THUMBNAIL_GRID (self));
  g_return_if_fail (self->model != NULL);

  changed = dd_sample_model_get_selection (self->model) != selection;
  dd_sample_model_set_order (self->model, selection, order);
  dd_thumbnail_grid_update_stack (self);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

DdSampleModel *
dd_thumbnail_grid_get_model (DdThumbnailGrid *self)
{
  g_return_val_if_fail (DD_IS_THUMBNAIL_GRID (self), NULL);
  return self->model;
}

guint
dd_thumbnail_grid_get_n_selected (DdThumbnailGrid *self)
{
  g_return_val_if_fail (DD_IS_THUMBNAIL_GRID (self), 0);
  return self->n_selected;
}

GtkSelectionModel *
dd_thumbnail_grid_get_selection_model (DdThumbnailGrid *self)
{
  g_return_val_if_fail (DD_IS_THUMBNAIL_GRID (self), NULL);
  return GTK_SELECTION_MODEL (self->selection_model);
}

void
dd_thumbnail_grid_focus (DdThumbnailGrid *self)
{
  g_return_if_fail (DD_IS_THUMBNAIL_GRID (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->grid_view));
}

void
dd_thumbnail_grid_set_empty_text (DdThumbnailGrid *self,
                                  const char      *description)
{
  g_return_if_fail (DD_IS_THUMBNAIL_GRID (self));
  adw_status_page_set_description (self->empty_page, description);
}

const char *
dd_thumbnail_grid_get_empty_text (DdThumbnailGrid *self)
{
  g_return_val_if_fail (DD_IS_THUMBNAIL_GRID (self), NULL);
  return adw_status_page_get_description (self->empty_page);
}
