/* DdMediumPage: the curation panel, the overview and the relationship explorer of the
 * Medium page, and the explorer's edits of the recipe. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include "dd-medium-page.h"
#include "dd-model-panel.h"
#include "dd-ui-text.h"

struct _DdMediumPage
{
  DdPage           parent_instance;

  DdCurationPanel *curation_panel;
  GtkStack        *medium_stack;
  DdOverview      *overview;
  DdGraphView     *graph;
  DdModelPanel    *model_panel;

  guint            handover_id;   /* the document waits for the page to be seen */
  GdkFrameClock   *handover_clock;    /* the window's, watched while the document waits */
  gulong           handover_paint_id;
  guint            handover_paints;   /* the window's paints since the last look */
  gint64           handover_deadline; /* monotonic µs: handed over by then, busy or not */
  DdSelection     *pending;       /* the samples the overview is to show, while the
                                   * document waits and a moment after */
  gboolean         pending_subset;
  guint            overview_id;   /* the overview's turn after the document's */
};

G_DEFINE_FINAL_TYPE (DdMediumPage, dd_medium_page, DD_TYPE_PAGE)

#define CATALOG(self)  dd_page_get_catalog (DD_PAGE (self))
#define DOCUMENT(self) dd_page_get_document (DD_PAGE (self))

/* Double click or Enter on a node: its samples — those of its path — in the Fine
 * page, as (kind, id, edge, label) steps from the root. */
static void
node_activated (DdMediumPage *self,
                guint         kind,
                const char   *id,
                GPtrArray    *path)
{
  GVariantBuilder steps;

  g_variant_builder_init (&steps, G_VARIANT_TYPE ("a(ssss)"));
  for (guint i = 0; path && i < path->len; i++)
    {
      DdNode *step = g_ptr_array_index (path, i);

      g_variant_builder_add (&steps, "(ssss)", dd_node_kind_to_string (step->kind), step->id,
                             step->edge ? step->edge : "", step->label ? step->label : step->id);
    }
  gtk_widget_activate_action_variant (GTK_WIDGET (self), "win.show-path",
                                      g_variant_builder_end (&steps));
}

/* @list with @item toggled; NULL @list means every name of @all. */
static GStrv
toggled_list (const char * const *list,
              GPtrArray          *all,
              const char         *item)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean found = FALSE;

  if (list == NULL)
    {
      for (guint i = 0; i < all->len; i++)
        if (g_strcmp0 (all->pdata[i], item) != 0)
          g_strv_builder_add (builder, all->pdata[i]);
      return g_strv_builder_end (builder);
    }
  for (guint i = 0; list[i]; i++)
    {
      if (g_str_equal (list[i], item))
        found = TRUE;
      else
        g_strv_builder_add (builder, list[i]);
    }
  if (!found)
    g_strv_builder_add (builder, item);
  return g_strv_builder_end (builder);
}

static DdRecipe *
toggle_corruption (DdRecipe   *recipe,
                   DdCatalog  *catalog,
                   const char *name)
{
  g_autoptr(GPtrArray) corruptions = dd_catalog_list_corruptions (catalog);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_auto(GStrv) list = NULL;

  for (guint i = 0; i < corruptions->len; i++)
    g_ptr_array_add (names, ((DdCorruptionInfo *) corruptions->pdata[i])->name);
  list = toggled_list (dd_recipe_get_corruptions (recipe), names, name);
  return dd_recipe_with_corruptions (recipe, (const char * const *) list);
}

/* "3" or "fog/3": the severity either way. */
static DdRecipe *
toggle_severity (DdRecipe   *recipe,
                 const char *id)
{
  const char *slash = strrchr (id, '/');
  int mask = dd_recipe_get_severity_mask (recipe);
  guint64 severity;

  if (!g_ascii_string_to_unsigned (slash ? slash + 1 : id, 10, 0, 5, &severity, NULL))
    return NULL;
  if (mask <= 0)
    mask = 0x3f;
  return dd_recipe_with_severities (recipe, mask ^ (1 << severity));
}

/* Ctrl+click or T on a class, corruption or severity node: in or out of the recipe,
 * one undoable step. */
static void
toggle_in_recipe (DdMediumPage *self,
                  guint         kind,
                  const char   *id)
{
  g_autoptr(DdRecipe) next = NULL;
  DdRecipe *recipe;

  if (DOCUMENT (self) == NULL)
    return;
  recipe = dd_document_get_recipe (DOCUMENT (self));
  if (kind == DD_NODE_CLASS)
    /* "all but this class" keeps the unlabeled samples */
    next = dd_recipe_toggle_class (recipe, CATALOG (self), id);
  else if (kind == DD_NODE_CORRUPTION)
    next = toggle_corruption (recipe, CATALOG (self), id);
  else if (kind == DD_NODE_SEVERITY)
    next = toggle_severity (recipe, id);
  if (next)
    dd_document_apply (DOCUMENT (self), next);
}

static void
curation_applied (DdMediumPage *self,
                  const char   *text)
{
  dd_page_undoable (DD_PAGE (self), text);
}

void
dd_medium_page_show_relations (DdMediumPage *self,
                               DdNodeKind    kind,
                               const char   *id)
{
  g_return_if_fail (DD_IS_MEDIUM_PAGE (self));

  gtk_stack_set_visible_child_name (self->medium_stack, "relations");
  dd_graph_view_set_root (self->graph, kind, id);
  gtk_widget_grab_focus (GTK_WIDGET (self->graph));
}

DdCurationPanel *
dd_medium_page_get_curation_panel (DdMediumPage *self)
{
  g_return_val_if_fail (DD_IS_MEDIUM_PAGE (self), NULL);
  return self->curation_panel;
}

DdOverview *
dd_medium_page_get_overview (DdMediumPage *self)
{
  g_return_val_if_fail (DD_IS_MEDIUM_PAGE (self), NULL);
  return self->overview;
}

DdGraphView *
dd_medium_page_get_graph (DdMediumPage *self)
{
  g_return_val_if_fail (DD_IS_MEDIUM_PAGE (self), NULL);
  return self->graph;
}

/* ---- what the window gives ---------------------------------------------------------- */

static void
dd_medium_page_catalog_changed (DdPage *page)
{
  DdMediumPage *self = DD_MEDIUM_PAGE (page);

  /* samples of the catalog before are not for this one */
  g_clear_pointer (&self->pending, dd_selection_unref);
  if (CATALOG (self) == NULL)
    dd_overview_clear (self->overview);
  if (dd_graph_view_get_catalog (self->graph) != CATALOG (self))
    dd_graph_view_set_catalog (self->graph, CATALOG (self));
  dd_model_panel_set_catalog (self->model_panel, CATALOG (self));
}

/* The overview beside the controls is the subset's, live. Its counts are made on a
 * worker thread and its rows in a turn of their own: the document's facets, shown at
 * once, made the toggle of a class hold the main loop 5-10 ms longer at 5 M. */
static void
show_overview (DdMediumPage *self,
               DdSelection  *samples,
               gboolean      subset)
{
  dd_overview_set_chosen_classes (self->overview,
                                  subset ? dd_ui_count_chosen_classes (dd_document_get_recipe (DOCUMENT (self)),
                                                                       CATALOG (self))
                                         : 0);
  dd_overview_show (self->overview, CATALOG (self), samples);
}

static void stop_watching_paints (DdMediumPage *self);

static void
hand_over_document (DdMediumPage *self)
{
  g_clear_handle_id (&self->handover_id, g_source_remove);
  stop_watching_paints (self);
  dd_curation_panel_set_document (self->curation_panel, DOCUMENT (self));
  dd_model_panel_set_document (self->model_panel, DOCUMENT (self));
}

static void
show_pending (DdMediumPage *self)
{
  g_autoptr(DdSelection) pending = g_steal_pointer (&self->pending);

  g_clear_handle_id (&self->overview_id, g_source_remove);
  if (pending)
    show_overview (self, pending, self->pending_subset);
}

static gboolean
show_pending_later (gpointer user_data)
{
  DdMediumPage *self = user_data;

  self->overview_id = 0;
  show_pending (self);
  return G_SOURCE_REMOVE;
}

/* The panels build their lists (a row per class: 1,000 at ImageNet scale) when they get
 * the document, and the overview its rows when it gets the subset. Behind another tab
 * that waits until the page is shown, or until the window has painted (almost) nothing
 * for a moment after the opening, whichever comes first:
 * - not at once: an idle callback between the document and its subset held the grid
 *   back by as long as the lists took, and the overview's count and rows took a core
 *   for 20-25 ms and the main thread 15-25 ms before the first thumbnails at 5 M;
 * - not while the window paints: made 750 ms after the opening, during the first
 *   scroll, the new rows' styles (worked out in the next frame) made two or three of
 *   its frames miss 60 Hz (18-25 ms at 860k, traced in GTK's CSS validation).
 * Only a window that never stops painting (an animation left running) gets the lists
 * while it paints, after HANDOVER_MAX_WAIT_MS (with 10 s they came in the middle of a
 * long scroll at 5 M and made five of its frames miss 60 Hz). */
#define HANDOVER_DELAY_MS 750
#define HANDOVER_LOOK_MS 150
#define HANDOVER_QUIET_PAINTS 2   /* at most, in HANDOVER_LOOK_MS: not scrolling */
#define HANDOVER_MAX_WAIT_MS 60000

static void
count_paint (DdMediumPage *self)
{
  self->handover_paints++;
}

static void
stop_watching_paints (DdMediumPage *self)
{
  /* a window's clock loses its handlers when the window goes, before its last ref */
  if (self->handover_clock &&
      g_signal_handler_is_connected (self->handover_clock, self->handover_paint_id))
    g_signal_handler_disconnect (self->handover_clock, self->handover_paint_id);
  self->handover_paint_id = 0;
  g_clear_object (&self->handover_clock);
}

static gboolean
hand_over_later (gpointer user_data)
{
  DdMediumPage *self = user_data;
  gboolean drawing = self->handover_paints > HANDOVER_QUIET_PAINTS;

  self->handover_paints = 0;
  if (drawing && g_get_monotonic_time () < self->handover_deadline)
    {
      self->handover_id = g_timeout_add_full (G_PRIORITY_LOW, HANDOVER_LOOK_MS, hand_over_later,
                                              self, NULL);
      return G_SOURCE_REMOVE;
    }
  self->handover_id = 0;
  hand_over_document (self);
  /* the overview's count after the panels' lists, in a turn of its own */
  if (self->pending && self->overview_id == 0)
    self->overview_id = g_idle_add_full (G_PRIORITY_LOW, show_pending_later, self, NULL);
  return G_SOURCE_REMOVE;
}

/* Counts what the window paints from HANDOVER_DELAY_MS after the document on: its
 * paints, not its frames (a frame with nothing to draw, as a tick callback makes,
 * paints nothing). */
static gboolean
look_at_paints (gpointer user_data)
{
  DdMediumPage *self = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GdkFrameClock *clock = root ? gtk_widget_get_frame_clock (GTK_WIDGET (root)) : NULL;

  self->handover_id = 0;
  if (clock == NULL)   /* not on screen: nothing to disturb */
    return hand_over_later (self);
  stop_watching_paints (self);
  self->handover_clock = g_object_ref (clock);
  self->handover_paint_id = g_signal_connect_swapped (clock, "paint", G_CALLBACK (count_paint), self);
  self->handover_paints = 0;
  self->handover_id = g_timeout_add_full (G_PRIORITY_LOW, HANDOVER_LOOK_MS, hand_over_later,
                                          self, NULL);
  return G_SOURCE_REMOVE;
}

static void
dd_medium_page_document_changed (DdPage *page)
{
  DdMediumPage *self = DD_MEDIUM_PAGE (page);

  /* another document's subset is not this one's */
  if (self->pending && self->pending_subset)
    g_clear_pointer (&self->pending, dd_selection_unref);
  if (DOCUMENT (self) == NULL || gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      hand_over_document (self);
      show_pending (self);
    }
  else if (self->handover_id == 0)
    {
      self->handover_deadline = g_get_monotonic_time () + HANDOVER_MAX_WAIT_MS * 1000;
      self->handover_id = g_timeout_add_full (G_PRIORITY_LOW, HANDOVER_DELAY_MS - HANDOVER_LOOK_MS,
                                              look_at_paints, self, NULL);
    }
}

static void
dd_medium_page_map (GtkWidget *widget)
{
  DdMediumPage *self = DD_MEDIUM_PAGE (widget);

  if (self->handover_id != 0)
    hand_over_document (self);
  show_pending (self);
  GTK_WIDGET_CLASS (dd_medium_page_parent_class)->map (widget);
}

static void
dd_medium_page_show_samples (DdPage      *page,
                             DdSelection *samples,
                             gboolean     subset)
{
  DdMediumPage *self = DD_MEDIUM_PAGE (page);

  if (self->handover_id != 0 || self->overview_id != 0)
    {
      g_clear_pointer (&self->pending, dd_selection_unref);
      self->pending = dd_selection_ref (samples);
      self->pending_subset = subset;
      return;
    }
  show_overview (self, samples, subset);
}

static void
dd_medium_page_focus_first (DdPage *page)
{
  dd_curation_panel_focus_search (DD_MEDIUM_PAGE (page)->curation_panel);
}

static void
dd_medium_page_dispose (GObject *object)
{
  g_clear_handle_id (&DD_MEDIUM_PAGE (object)->handover_id, g_source_remove);
  stop_watching_paints (DD_MEDIUM_PAGE (object));
  g_clear_handle_id (&DD_MEDIUM_PAGE (object)->overview_id, g_source_remove);
  g_clear_pointer (&DD_MEDIUM_PAGE (object)->pending, dd_selection_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), DD_TYPE_MEDIUM_PAGE);
  G_OBJECT_CLASS (dd_medium_page_parent_class)->dispose (object);
}

static void
dd_medium_page_class_init (DdMediumPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_medium_page_dispose;
  widget_class->map = dd_medium_page_map;
  DD_PAGE_CLASS (klass)->catalog_changed = dd_medium_page_catalog_changed;
  DD_PAGE_CLASS (klass)->document_changed = dd_medium_page_document_changed;
  DD_PAGE_CLASS (klass)->show_samples = dd_medium_page_show_samples;
  DD_PAGE_CLASS (klass)->focus_first = dd_medium_page_focus_first;

  g_type_ensure (DD_TYPE_CURATION_PANEL);
  g_type_ensure (DD_TYPE_OVERVIEW);
  g_type_ensure (DD_TYPE_GRAPH_VIEW);
  g_type_ensure (DD_TYPE_MODEL_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/datadive/DataDive/ui/dd-medium-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DdMediumPage, curation_panel);
  gtk_widget_class_bind_template_child (widget_class, DdMediumPage, medium_stack);
  gtk_widget_class_bind_template_child (widget_class, DdMediumPage, overview);
  gtk_widget_class_bind_template_child (widget_class, DdMediumPage, graph);
  gtk_widget_class_bind_template_child (widget_class, DdMediumPage, model_panel);
  gtk_widget_class_bind_template_callback (widget_class, node_activated);
  gtk_widget_class_bind_template_callback (widget_class, toggle_in_recipe);
  gtk_widget_class_bind_template_callback (widget_class, curation_applied);
}

static void
dd_medium_page_init (DdMediumPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
