/* DdFinePage: the grid of the subset or of another view of the document's samples,
 * per-sample edits and the viewer. The catalog answers off the main thread. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-catalog-lookup.h"
#include "dd-document-views.h"
#include "dd-fine-page.h"
#include "dd-relations-async.h"
#include "dd-sample-viewer.h"
#include "dd-selection-type.h"
#include "dd-text.h"

struct _DdFinePage
{
  DdPage           parent_instance;

  DdThumbnailGrid *grid;
  GtkDropDown     *view_dropdown;
  GtkWidget       *subset_drag;
  GtkLabel        *grid_summary;

  DdSelection     *picked;             /* the "Picked samples" view */
  GCancellable    *view_cancellable;   /* computing the grid's view */
  GCancellable    *picked_cancellable;
  GCancellable    *predictions_cancellable;   /* the run imported last, for the cells */
};

G_DEFINE_FINAL_TYPE (DdFinePage, dd_fine_page, DD_TYPE_PAGE)

#define CATALOG(self)  dd_page_get_catalog (DD_PAGE (self))
#define DOCUMENT(self) dd_page_get_document (DD_PAGE (self))

static void
cancel_clear (GCancellable **cancellable)
{
  if (*cancellable)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}

static void
show_selection (DdFinePage  *self,
                DdSelection *selection)
{
  dd_thumbnail_grid_set_catalog (self->grid, CATALOG (self));
  dd_thumbnail_grid_set_selection (self->grid, selection);
}

static void
view_ready (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DdFinePage) self = user_data;
  g_autoptr(DdSelection) selection = dd_document_select_view_finish (DD_DOCUMENT (object), result,
                                                                     NULL);

  if (selection && DD_DOCUMENT (object) == DOCUMENT (self))
    show_selection (self, selection);
}

/* The grid shows the subset, the samples excluded by hand, the subset's flagged samples
 * or the picked ones, as the footer's drop-down says. */
static void
refresh_view (DdFinePage *self)
{
  guint view = gtk_drop_down_get_selected (self->view_dropdown);

  if (DOCUMENT (self) == NULL || dd_document_get_selection (DOCUMENT (self)) == NULL)
    return;
  cancel_clear (&self->view_cancellable);
  if (view == DD_FINE_VIEW_PICKED && self->picked)
    show_selection (self, self->picked);
  else if (view == DD_FINE_VIEW_EXCLUDED || view == DD_FINE_VIEW_FLAGGED)
    {
      self->view_cancellable = g_cancellable_new ();
      dd_document_select_view_async (DOCUMENT (self),
                                     view == DD_FINE_VIEW_EXCLUDED ? DD_DOCUMENT_VIEW_EXCLUDED
                                                                   : DD_DOCUMENT_VIEW_FLAGGED,
                                     self->view_cancellable, view_ready, g_object_ref (self));
    }
  else
    show_selection (self, dd_document_get_selection (DOCUMENT (self)));
}

/* ---- per-sample edits ---------------------------------------------------------------- */

typedef struct {
  DdFinePage *page;
  gboolean    include;
} Edit;

static void
keys_ready (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Edit *edit = user_data;
  g_autoptr(DdFinePage) self = edit->page;
  gboolean include = edit->include;
  g_autoptr(GPtrArray) samples = dd_catalog_get_samples_finish (DD_CATALOG (object), result, NULL);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(DdRecipe) next = NULL;
  DdRecipe *recipe;

  g_free (edit);
  if (samples == NULL || samples->len == 0 || DOCUMENT (self) == NULL ||
      dd_document_get_catalog (DOCUMENT (self)) != DD_CATALOG (object))
    return;
  for (guint i = 0; i < samples->len; i++)
    g_ptr_array_add (keys, ((DdSampleInfo *) samples->pdata[i])->key);
  g_ptr_array_add (keys, NULL);
  recipe = dd_document_get_recipe (DOCUMENT (self));
  next = include ? dd_recipe_toggle_include (recipe, (const char * const *) keys->pdata, -1)
                 : dd_recipe_toggle_exclude (recipe, (const char * const *) keys->pdata, -1);
  dd_document_apply (DOCUMENT (self), next);
}

void
dd_fine_page_edit_selected (DdFinePage *self,
                            gboolean    include)
{
  GtkSelectionModel *model = dd_thumbnail_grid_get_selection_model (self->grid);
  DdSelection *selection = dd_thumbnail_grid_get_selection (self->grid);
  g_autoptr(GtkBitset) set = NULL;
  g_autoptr(GArray) ids = NULL;
  GtkBitsetIter iter;
  Edit *edit;
  guint pos;

  g_return_if_fail (DD_IS_FINE_PAGE (self));

  if (DOCUMENT (self) == NULL || model == NULL || selection == NULL)
    return;
  set = gtk_selection_model_get_selection (model);
  if (gtk_bitset_is_empty (set))
    return;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, set, &pos);
       more && pos < dd_selection_get_n (selection);
       more = gtk_bitset_iter_next (&iter, &pos))
    {
      gint64 id = dd_selection_get_id (selection, pos);

      g_array_append_val (ids, id);
    }
  edit = g_new0 (Edit, 1);
  edit->page = g_object_ref (self);
  edit->include = include;
  dd_catalog_get_samples_async (CATALOG (self), (gint64 *) ids->data, ids->len, NULL, keys_ready,
                                edit);
}

/* ---- picked samples ------------------------------------------------------------------ */

static void
picked_ready (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DdFinePage) self = user_data;
  g_autoptr(GError) error = NULL;
  DdSelection *selection = dd_catalog_select_finish (DD_CATALOG (object), result, &error);

  if (selection == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        dd_page_message (DD_PAGE (self), error->message);
      return;
    }
  g_clear_pointer (&self->picked, dd_selection_unref);
  self->picked = selection;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", "fine");
  if (gtk_drop_down_get_selected (self->view_dropdown) == DD_FINE_VIEW_PICKED)
    refresh_view (self);
  else
    gtk_drop_down_set_selected (self->view_dropdown, DD_FINE_VIEW_PICKED);
}

void
dd_fine_page_show_filter (DdFinePage     *self,
                          const DdFilter *filter)
{
  g_return_if_fail (DD_IS_FINE_PAGE (self));
  g_return_if_fail (filter != NULL);

  if (CATALOG (self) == NULL)
    return;
  cancel_clear (&self->picked_cancellable);
  self->picked_cancellable = g_cancellable_new ();
  dd_catalog_select_async (CATALOG (self), filter, self->picked_cancellable, picked_ready,
                           g_object_ref (self));
}

static void
node_filter_ready (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DdFinePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdFilter) filter = dd_relations_node_filter_finish (DD_CATALOG (object), result, &error);

  if (filter == NULL)
    dd_page_message (DD_PAGE (self), error->message);
  else if (DD_CATALOG (object) == CATALOG (self))
    dd_fine_page_show_filter (self, filter);
}

void
dd_fine_page_show_node (DdFinePage *self,
                        DdNodeKind  kind,
                        const char *id)
{
  g_return_if_fail (DD_IS_FINE_PAGE (self));

  if (CATALOG (self))
    dd_relations_node_filter_async (CATALOG (self), kind, id, NULL, node_filter_ready,
                                    g_object_ref (self));
}

/* ---- the footer and the viewer ------------------------------------------------------- */

static void
update_summary (DdFinePage *self)
{
  DdSelection *selection = dd_thumbnail_grid_get_selection (self->grid);
  guint n = selection ? dd_selection_get_n (selection) : 0;
  guint n_selected = dd_thumbnail_grid_get_n_selected (self->grid);
  g_autofree char *count = dd_format_count (n);
  g_autofree char *samples =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s sample", "%s samples", n), count);
  g_autofree char *selected = dd_format_count (n_selected);
  g_autofree char *text = NULL;

  if (n_selected > 0)
    /* TRANSLATORS: "782 samples · 3 selected" */
    text = g_strdup_printf (_("%s · %s selected"), samples, selected);
  gtk_label_set_label (self->grid_summary, text ? text : samples);
}

static void
viewer_show_relations (DdFinePage *self,
                       const char *key)
{
  g_autofree char *node = g_strdup_printf ("sample:%s", key);

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-relations", "s", node);
}

/* Enter or a double click on a thumbnail: the viewer, walking the grid's samples. */
static void
sample_activated (DdFinePage *self,
                  guint       position)
{
  DdSelection *selection = dd_thumbnail_grid_get_selection (self->grid);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  DdSampleViewer *viewer;

  if (CATALOG (self) == NULL || selection == NULL)
    return;
  viewer = dd_sample_viewer_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, CATALOG (self),
                                 selection, position);
  g_signal_connect_object (viewer, "show-relations", G_CALLBACK (viewer_show_relations), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (viewer));
}

/* ---- what the window gives ---------------------------------------------------------- */

static void
predictions_ready (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DdFinePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdModelLookup) lookup = dd_model_lookup_new_finish (result, &error);


  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      DD_CATALOG (object) == CATALOG (self))
    dd_thumbnail_grid_set_predictions (self->grid, lookup);
}

static void
dd_fine_page_catalog_changed (DdPage *page)
{
  DdFinePage *self = DD_FINE_PAGE (page);

  cancel_clear (&self->picked_cancellable);
  g_clear_pointer (&self->picked, dd_selection_unref);
  dd_thumbnail_grid_set_catalog (self->grid, CATALOG (self));
  cancel_clear (&self->predictions_cancellable);
  dd_thumbnail_grid_set_predictions (self->grid, NULL);
  if (CATALOG (self))
    {
      self->predictions_cancellable = g_cancellable_new ();
      dd_model_lookup_new_async (CATALOG (self), self->predictions_cancellable,
                                 predictions_ready, g_object_ref (self));
    }
}

static void
dd_fine_page_document_changed (DdPage *page)
{
  cancel_clear (&DD_FINE_PAGE (page)->view_cancellable);
}

/* The subset: its overrides as badges, and the view the footer asks for of it. */
static void
dd_fine_page_show_samples (DdPage      *page,
                           DdSelection *samples,
                           gboolean     subset)
{
  DdFinePage *self = DD_FINE_PAGE (page);
  DdRecipe *recipe;

  if (!subset)
    {
      show_selection (self, samples);
      return;
    }
  recipe = dd_document_get_recipe (DOCUMENT (self));
  dd_thumbnail_grid_set_overrides (self->grid, dd_recipe_get_include (recipe),
                                   dd_recipe_get_exclude (recipe));
  refresh_view (self);
}

DdThumbnailGrid *
dd_fine_page_get_grid (DdFinePage *self)
{
  g_return_val_if_fail (DD_IS_FINE_PAGE (self), NULL);
  return self->grid;
}

GtkWidget *
dd_fine_page_get_drag_handle (DdFinePage *self)
{
  g_return_val_if_fail (DD_IS_FINE_PAGE (self), NULL);
  return self->subset_drag;
}

void
dd_fine_page_set_view (DdFinePage *self,
                       DdFineView  view)
{
  g_return_if_fail (DD_IS_FINE_PAGE (self));
  gtk_drop_down_set_selected (self->view_dropdown, view);
}

static void
dd_fine_page_dispose (GObject *object)
{
  DdFinePage *self = DD_FINE_PAGE (object);

  cancel_clear (&self->view_cancellable);
  cancel_clear (&self->picked_cancellable);
  cancel_clear (&self->predictions_cancellable);
  g_clear_pointer (&self->picked, dd_selection_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_FINE_PAGE);
  G_OBJECT_CLASS (dd_fine_page_parent_class)->dispose (object);
}

static void
dd_fine_page_class_init (DdFinePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_fine_page_dispose;
  DD_PAGE_CLASS (klass)->catalog_changed = dd_fine_page_catalog_changed;
  DD_PAGE_CLASS (klass)->document_changed = dd_fine_page_document_changed;
  DD_PAGE_CLASS (klass)->show_samples = dd_fine_page_show_samples;

  g_type_ensure (DD_TYPE_THUMBNAIL_GRID);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/datadive/DataDive/ui/dd-fine-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DdFinePage, grid);
  gtk_widget_class_bind_template_child (widget_class, DdFinePage, view_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdFinePage, subset_drag);
  gtk_widget_class_bind_template_child (widget_class, DdFinePage, grid_summary);
  gtk_widget_class_bind_template_callback (widget_class, refresh_view);
  gtk_widget_class_bind_template_callback (widget_class, update_summary);
  gtk_widget_class_bind_template_callback (widget_class, sample_activated);
}

static void
dd_fine_page_init (DdFinePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
