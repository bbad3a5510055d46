/* DdMediumPage: the curation panel, the overview and the relationship explorer of the
 * Medium page, and the explorer's edits of the recipe. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include "dd-medium-page.h"
#include "dd-selection-type.h"

struct _DdMediumPage
{
  GtkWidget        parent_instance;

  DdCurationPanel *curation_panel;
  GtkStack        *medium_stack;
  DdOverview      *overview;
  DdGraphView     *graph;

  DdCatalog       *catalog;
  DdDocument      *document;
  DdSelection     *all_samples;
  gboolean         shows_something;   /* the overview was given a selection */
};

G_DEFINE_FINAL_TYPE (DdMediumPage, dd_medium_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_DOCUMENT,
  PROP_ALL_SAMPLES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show (DdMediumPage *self,
      DdSelection  *selection)
{
  self->shows_something = TRUE;
  dd_overview_show (self->overview, self->catalog, selection);
}

/* The overview is the subset's, live. */
static void
document_selection_changed (DdMediumPage *self)
{
  DdSelection *selection = dd_document_get_selection (self->document);

  if (selection)
    show (self, selection);
}

/* The working recipe could not be evaluated at all: every sample meanwhile. */
static void
document_error_changed (DdMediumPage *self)
{
  if (dd_document_get_error (self->document) && dd_document_get_selection (self->document) == NULL &&
      self->all_samples && !self->shows_something)
    show (self, self->all_samples);
}

/* Every sample only until the document has its subset, and not while it is still
 * evaluating it. */
static void
show_all_samples (DdMediumPage *self)
{
  if (self->all_samples == NULL)
    return;
  if (self->document == NULL ||
      (dd_document_get_selection (self->document) == NULL && !dd_document_get_busy (self->document)))
    show (self, self->all_samples);
}

/* Double click or Enter on a node: its samples in the Fine page. */
static void
node_activated (DdMediumPage *self,
                guint         kind,
                const char   *id)
{
  g_autofree char *node = g_strdup_printf ("%s:%s", dd_node_kind_to_string (kind), id);

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-node", "s", node);
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

  if (self->document == NULL)
    return;
  recipe = dd_document_get_recipe (self->document);
  if (kind == DD_NODE_CLASS)
    /* "all but this class" keeps the unlabeled samples */
    next = dd_recipe_toggle_class (recipe, self->catalog, id);
  else if (kind == DD_NODE_CORRUPTION)
    next = toggle_corruption (recipe, self->catalog, id);
  else if (kind == DD_NODE_SEVERITY)
    next = toggle_severity (recipe, id);
  if (next)
    dd_document_apply (self->document, next);
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

/* ---- properties ---------------------------------------------------------------------- */

static void
set_catalog (DdMediumPage *self,
             DdCatalog    *catalog)
{
  if (!g_set_object (&self->catalog, catalog))
    return;
  if (catalog == NULL)
    {
      dd_overview_clear (self->overview);
      self->shows_something = FALSE;
    }
  if (dd_graph_view_get_catalog (self->graph) != catalog)
    dd_graph_view_set_catalog (self->graph, catalog);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
}

static void
set_document (DdMediumPage *self,
              DdDocument   *document)
{
  if (self->document == document)
    return;
  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document)
    {
      g_signal_connect_swapped (document, "notify::selection",
                                G_CALLBACK (document_selection_changed), self);
      g_signal_connect_swapped (document, "notify::error", G_CALLBACK (document_error_changed),
                                self);
    }
  dd_curation_panel_set_document (self->curation_panel, document);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

static void
set_all_samples (DdMediumPage *self,
                 DdSelection  *selection)
{
  if (self->all_samples == selection)
    return;
  g_clear_pointer (&self->all_samples, dd_selection_unref);
  self->all_samples = selection ? dd_selection_ref (selection) : NULL;
  show_all_samples (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALL_SAMPLES]);
}

static void
dd_medium_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DdMediumPage *self = DD_MEDIUM_PAGE (object);

  switch (prop_id)
    {
    case PROP_CATALOG: g_value_set_object (value, self->catalog); break;
    case PROP_DOCUMENT: g_value_set_object (value, self->document); break;
    case PROP_ALL_SAMPLES: g_value_set_boxed (value, self->all_samples); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_medium_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DdMediumPage *self = DD_MEDIUM_PAGE (object);

  switch (prop_id)
    {
    case PROP_CATALOG: set_catalog (self, g_value_get_object (value)); break;
    case PROP_DOCUMENT: set_document (self, g_value_get_object (value)); break;
    case PROP_ALL_SAMPLES: set_all_samples (self, g_value_get_boxed (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_medium_page_dispose (GObject *object)
{
  DdMediumPage *self = DD_MEDIUM_PAGE (object);
  GtkWidget *child;

  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->all_samples, dd_selection_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_MEDIUM_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (dd_medium_page_parent_class)->dispose (object);
}

static void
dd_medium_page_class_init (DdMediumPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = dd_medium_page_dispose;
  object_class->get_property = dd_medium_page_get_property;
  object_class->set_property = dd_medium_page_set_property;

  properties[PROP_CATALOG] = g_param_spec_object ("catalog", NULL, NULL, DD_TYPE_CATALOG, flags);
  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, DD_TYPE_DOCUMENT,
                                                   flags);
  properties[PROP_ALL_SAMPLES] = g_param_spec_boxed ("all-samples", NULL, NULL,
                                                     DD_TYPE_SELECTION, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DD_TYPE_CURATION_PANEL);
  g_type_ensure (DD_TYPE_OVERVIEW);
  g_type_ensure (DD_TYPE_GRAPH_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/datadive/DataDive/ui/dd-medium-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DdMediumPage, curation_panel);
  gtk_widget_class_bind_template_child (widget_class, DdMediumPage, medium_stack);
  gtk_widget_class_bind_template_child (widget_class, DdMediumPage, overview);
  gtk_widget_class_bind_template_child (widget_class, DdMediumPage, graph);
  gtk_widget_class_bind_template_callback (widget_class, node_activated);
  gtk_widget_class_bind_template_callback (widget_class, toggle_in_recipe);
}

static void
dd_medium_page_init (DdMediumPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
