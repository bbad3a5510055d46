/* DdFinePage: the grid of the subset or of another view of the document's samples,
 * per-sample edits and the viewer. The catalog answers off the main thread. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-catalog-lookup.h"
#include "dd-document-views.h"
#include "dd-fine-page.h"
#include "dd-relations-async.h"
#include "dd-relations-scope.h"
#include "dd-sample-viewer.h"
#include "dd-selection-type.h"
#include "dd-text.h"

struct _DdFinePage
{
  DdPage           parent_instance;

  DdThumbnailGrid *grid;
  GtkDropDown     *view_dropdown;
  GtkDropDown     *sort_dropdown;      /* by a model run's confidence or loss */
  GtkWidget       *subset_drag;
  GtkLabel        *grid_summary;
  GtkRevealer     *view_banner;
  GtkLabel        *view_label;

  DdSelection     *picked;             /* the "Picked samples" view */
  char            *picked_what;        /* and what they are */
  char            *node_what;          /* the node asked for, while its filter comes */
  DdSelection     *shown_subset;       /* the subset the grid last followed */
  GCancellable    *view_cancellable;   /* computing the grid's view */
  GCancellable    *picked_cancellable;
  GCancellable    *predictions_cancellable;   /* the run imported last, for the cells */
  DdModelLookup   *predictions;        /* … and for the order */
  GCancellable    *order_cancellable;  /* ordering what the grid shows */
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

/* The sort drop-down's positions. */
enum {
  SORT_BY_SAMPLE,
  SORT_LEAST_CONFIDENT,
  SORT_MOST_CONFIDENT,
  SORT_HIGHEST_LOSS,
  SORT_LOWEST_LOSS,
};

typedef struct {
  DdFinePage  *self;
  DdSelection *selection;   /* the one ordered */
} OrderCall;

static void
order_ready (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  OrderCall *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) order = dd_model_lookup_order_finish (result, &error);

  if (order)
    dd_thumbnail_grid_set_order (call->self->grid, call->selection, order);
  g_object_unref (call->self);
  dd_selection_unref (call->selection);
  g_free (call);
}

/* The grid shows @selection, by sample id or in the order the sort drop-down asks of the
 * model run imported last (computed off the main thread; the grid keeps what it shows
 * until the order is there). */
static void
show_selection (DdFinePage  *self,
                DdSelection *selection)
{
  guint sort = gtk_drop_down_get_selected (self->sort_dropdown);
  OrderCall *call;

  dd_thumbnail_grid_set_catalog (self->grid, CATALOG (self));
  cancel_clear (&self->order_cancellable);
  if (selection == NULL || self->predictions == NULL || sort == SORT_BY_SAMPLE ||
      sort == GTK_INVALID_LIST_POSITION)
    {
      dd_thumbnail_grid_set_selection (self->grid, selection);
      return;
    }
  self->order_cancellable = g_cancellable_new ();
  call = g_new0 (OrderCall, 1);
  call->self = g_object_ref (self);
  call->selection = dd_selection_ref (selection);
  dd_model_lookup_order_async (self->predictions, selection,
                               sort == SORT_LEAST_CONFIDENT || sort == SORT_MOST_CONFIDENT
                               ? DD_MODEL_SORT_CONFIDENCE : DD_MODEL_SORT_LOSS,
                               sort == SORT_MOST_CONFIDENT || sort == SORT_HIGHEST_LOSS,
                               self->order_cancellable, order_ready, call);
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

/* What the grid shows when it is not the subset, above it, with the way back. */
static void
update_banner (DdFinePage *self)
{
  guint view = gtk_drop_down_get_selected (self->view_dropdown);
  g_autofree char *text = NULL;

  if (view == DD_FINE_VIEW_PICKED && self->picked)
    {
      g_autofree char *count = dd_format_count (dd_selection_get_n (self->picked));

      /* TRANSLATORS: above the grid: "Showing 50 samples picked: goldfish · Motion blur 4,
       * from the explorer — not the subset" */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Showing %s sample picked: %s — not the subset",
                                           "Showing %s samples picked: %s — not the subset",
                                           dd_selection_get_n (self->picked)),
                              count, self->picked_what ? self->picked_what : "");
    }
  else if (view == DD_FINE_VIEW_EXCLUDED)
    text = g_strdup (_("Showing the samples excluded by hand — not the subset"));
  else if (view == DD_FINE_VIEW_FLAGGED)
    text = g_strdup (_("Showing the subset's samples with findings only"));
  gtk_label_set_label (self->view_label, text ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->view_label), text);
  gtk_revealer_set_reveal_child (self->view_banner, text != NULL);
}

/* The grid shows the subset, the samples excluded by hand, the subset's flagged samples
 * or the picked ones, as the footer's drop-down says. */
static void
refresh_view (DdFinePage *self)
{
  guint view = gtk_drop_down_get_selected (self->view_dropdown);

  update_banner (self);
  /* an empty grid says why in the words of what it shows ("Nothing matches the current
   * selection" under "With findings" said nothing of findings) */
  dd_thumbnail_grid_set_empty_text (self->grid,
                                    view == DD_FINE_VIEW_EXCLUDED ? _("No sample is excluded by hand.")
                                    : view == DD_FINE_VIEW_FLAGGED ? _("No sample of the subset has findings.")
                                    : _("Nothing matches the current selection."));
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

/* "3 samples excluded", or brought back, or forced in: said with Undo, so a sample that
 * leaves the grid does not simply vanish. */
static void
say_edit (DdFinePage *self,
          DdRecipe   *before,
          DdRecipe   *after,
          guint       n,
          gboolean    include)
{
  g_autofree char *count = dd_format_count (n);
  g_autofree char *text = NULL;

  if (include)
    text = dd_recipe_get_n_include (after) >= dd_recipe_get_n_include (before)
           ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s sample included",
                                           "%s samples included", n), count)
           : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s sample no longer forced in",
                                           "%s samples no longer forced in", n), count);
  else
    text = dd_recipe_get_n_exclude (after) >= dd_recipe_get_n_exclude (before)
           ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s sample excluded",
                                           "%s samples excluded", n), count)
           : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s sample brought back",
                                           "%s samples brought back", n), count);
  dd_page_undoable (DD_PAGE (self), text);
}

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
  say_edit (self, recipe, next, samples->len, include);
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
  /* picked in a catalog the window has closed meanwhile: not shown in this one */
  if (DD_CATALOG (object) != CATALOG (self))
    {
      dd_selection_unref (selection);
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
                          const DdFilter *filter,
                          const char     *description)
{
  g_return_if_fail (DD_IS_FINE_PAGE (self));
  g_return_if_fail (filter != NULL);

  if (CATALOG (self) == NULL)
    return;
  g_free (self->picked_what);
  self->picked_what = g_strdup (description);
  cancel_clear (&self->picked_cancellable);
  self->picked_cancellable = g_cancellable_new ();
  dd_catalog_select_async (CATALOG (self), filter, self->picked_cancellable, picked_ready,
                           g_object_ref (self));
}

/* The filter of a node (dd_fine_page_show_node()) or of a path (_show_path()): the
 * result's source tag says which. */
static void
filter_ready (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DdFinePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdFilter) filter = NULL;

  if (g_async_result_is_tagged (result, dd_relations_path_filter_async))
    filter = dd_relations_path_filter_finish (DD_CATALOG (object), result, &error);
  else
    filter = dd_relations_node_filter_finish (DD_CATALOG (object), result, &error);
  if (filter == NULL)
    dd_page_message (DD_PAGE (self), error->message);
  else if (DD_CATALOG (object) == CATALOG (self))
    dd_fine_page_show_filter (self, filter, self->node_what);
}

void
dd_fine_page_show_path (DdFinePage *self,
                        GPtrArray  *path)
{
  g_autoptr(GString) what = g_string_new (NULL);

  g_return_if_fail (DD_IS_FINE_PAGE (self));
  g_return_if_fail (path != NULL && path->len > 0);

  if (CATALOG (self) == NULL)
    return;
  /* "Blur › Motion blur › severity 4 › goldfish": the dataset says nothing */
  for (guint i = 0; i < path->len; i++)
    {
      DdNode *step = g_ptr_array_index (path, i);

      if (step->kind == DD_NODE_DATASET || step->kind == DD_NODE_MORE)
        continue;
      g_string_append_printf (what, "%s%s", what->len ? " › " : "", step->label);
    }
  g_free (self->node_what);
  self->node_what = g_string_free (g_steal_pointer (&what), FALSE);
  dd_relations_path_filter_async (CATALOG (self), path, NULL, filter_ready,
                                  g_object_ref (self));
}

void
dd_fine_page_show_node (DdFinePage *self,
                        DdNodeKind  kind,
                        const char *id)
{
  g_return_if_fail (DD_IS_FINE_PAGE (self));

  if (CATALOG (self) == NULL)
    return;
  g_free (self->node_what);
  self->node_what = g_strdup (id);
  dd_relations_node_filter_async (CATALOG (self), kind, id, NULL, filter_ready,
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
  else
    text = g_strdup (samples);
  /* what was left out by hand stays in sight */
  if (DOCUMENT (self) && dd_recipe_get_n_exclude (dd_document_get_recipe (DOCUMENT (self))) > 0)
    {
      guint n_excluded = dd_recipe_get_n_exclude (dd_document_get_recipe (DOCUMENT (self)));
      g_autofree char *excluded = dd_format_count (n_excluded);
      g_autofree char *line = NULL;

      /* TRANSLATORS: "782 samples · 3 excluded by hand" */
      line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %s excluded by hand",
                                           "%s · %s excluded by hand", n_excluded),
                              text, excluded);
      g_free (text);
      text = g_steal_pointer (&line);
    }
  gtk_label_set_label (self->grid_summary, text);
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
    {
      dd_thumbnail_grid_set_predictions (self->grid, lookup);
      g_clear_pointer (&self->predictions, dd_model_lookup_unref);
      self->predictions = lookup ? dd_model_lookup_ref (lookup) : NULL;
      gtk_widget_set_visible (GTK_WIDGET (self->sort_dropdown), lookup != NULL);
    }
}

static void
dd_fine_page_catalog_changed (DdPage *page)
{
  DdFinePage *self = DD_FINE_PAGE (page);

  cancel_clear (&self->picked_cancellable);
  cancel_clear (&self->view_cancellable);
  g_clear_pointer (&self->picked, dd_selection_unref);
  g_clear_pointer (&self->picked_what, g_free);
  g_clear_pointer (&self->shown_subset, dd_selection_unref);
  /* another dataset: nothing picked in the last one stays, the grid shows the subset */
  gtk_drop_down_set_selected (self->view_dropdown, DD_FINE_VIEW_SUBSET);
  dd_thumbnail_grid_set_catalog (self->grid, CATALOG (self));
  cancel_clear (&self->predictions_cancellable);
  cancel_clear (&self->order_cancellable);
  dd_thumbnail_grid_set_predictions (self->grid, NULL);
  g_clear_pointer (&self->predictions, dd_model_lookup_unref);
  gtk_drop_down_set_selected (self->sort_dropdown, SORT_BY_SAMPLE);
  gtk_widget_set_visible (GTK_WIDGET (self->sort_dropdown), FALSE);
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
  /* a new subset: samples picked before it are not what the header counts any more */
  if (self->shown_subset && self->shown_subset != samples &&
      gtk_drop_down_get_selected (self->view_dropdown) == DD_FINE_VIEW_PICKED)
    {
      g_clear_pointer (&self->picked, dd_selection_unref);
      g_clear_pointer (&self->picked_what, g_free);
      g_clear_pointer (&self->shown_subset, dd_selection_unref);
      self->shown_subset = dd_selection_ref (samples);
      gtk_drop_down_set_selected (self->view_dropdown, DD_FINE_VIEW_SUBSET);   /* refreshes */
      update_summary (self);
      return;
    }
  g_clear_pointer (&self->shown_subset, dd_selection_unref);
  self->shown_subset = dd_selection_ref (samples);
  refresh_view (self);
  update_summary (self);
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

DdFineView
dd_fine_page_get_view (DdFinePage *self)
{
  g_return_val_if_fail (DD_IS_FINE_PAGE (self), DD_FINE_VIEW_SUBSET);
  return gtk_drop_down_get_selected (self->view_dropdown);
}

const char *
dd_fine_page_get_view_note (DdFinePage *self)
{
  g_return_val_if_fail (DD_IS_FINE_PAGE (self), NULL);
  return gtk_revealer_get_reveal_child (self->view_banner)
         ? gtk_label_get_label (self->view_label) : NULL;
}

static void
dd_fine_page_focus_first (DdPage *page)
{
  dd_thumbnail_grid_focus (DD_FINE_PAGE (page)->grid);
}

static void
dd_fine_page_dispose (GObject *object)
{
  DdFinePage *self = DD_FINE_PAGE (object);

  cancel_clear (&self->view_cancellable);
  cancel_clear (&self->picked_cancellable);
  cancel_clear (&self->predictions_cancellable);
  cancel_clear (&self->order_cancellable);
  g_clear_pointer (&self->predictions, dd_model_lookup_unref);
  g_clear_pointer (&self->picked, dd_selection_unref);
  g_clear_pointer (&self->picked_what, g_free);
  g_clear_pointer (&self->node_what, g_free);
  g_clear_pointer (&self->shown_subset, dd_selection_unref);
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
  DD_PAGE_CLASS (klass)->focus_first = dd_fine_page_focus_first;

  g_type_ensure (DD_TYPE_THUMBNAIL_GRID);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/datadive/DataDive/ui/dd-fine-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DdFinePage, grid);
  gtk_widget_class_bind_template_child (widget_class, DdFinePage, view_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdFinePage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdFinePage, subset_drag);
  gtk_widget_class_bind_template_child (widget_class, DdFinePage, grid_summary);
  gtk_widget_class_bind_template_child (widget_class, DdFinePage, view_banner);
  gtk_widget_class_bind_template_child (widget_class, DdFinePage, view_label);
  gtk_widget_class_bind_template_callback (widget_class, refresh_view);
  gtk_widget_class_bind_template_callback (widget_class, update_summary);
  gtk_widget_class_bind_template_callback (widget_class, sample_activated);
}

static void
dd_fine_page_init (DdFinePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
