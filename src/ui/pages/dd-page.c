/* DdPage: the catalog, document and samples every page of the window is given. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include "dd-page.h"
#include "dd-selection-type.h"

typedef struct
{
  DdDocument  *document;
  DdCatalog   *catalog;
  DdSelection *all_samples;
  gboolean     shown;        /* samples were shown since the catalog was given */
} DdPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (DdPage, dd_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_CATALOG,
  PROP_ALL_SAMPLES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  MESSAGE,
  UNDOABLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_samples (DdPage      *self,
              DdSelection *samples,
              gboolean     subset)
{
  DdPagePrivate *priv = dd_page_get_instance_private (self);

  priv->shown = TRUE;
  if (DD_PAGE_GET_CLASS (self)->show_samples)
    DD_PAGE_GET_CLASS (self)->show_samples (self, samples, subset);
}

/* The subset changed: an edit, undo, redo, or new facts in the catalog. */
static void
subset_changed (DdPage *self)
{
  DdPagePrivate *priv = dd_page_get_instance_private (self);
  DdSelection *subset = dd_document_get_selection (priv->document);

  if (subset)
    show_samples (self, subset, TRUE);
}

/* The working recipe could not be evaluated at all: every sample meanwhile. */
static void
error_changed (DdPage *self)
{
  DdPagePrivate *priv = dd_page_get_instance_private (self);

  if (dd_document_get_error (priv->document) && dd_document_get_selection (priv->document) == NULL &&
      priv->all_samples && !priv->shown)
    show_samples (self, priv->all_samples, FALSE);
}

/* Every sample only until the document has its subset, and not while it is still
 * evaluating it: showing every sample first at opening costs a frame for nothing. */
static void
all_samples_changed (DdPage *self)
{
  DdPagePrivate *priv = dd_page_get_instance_private (self);

  if (priv->all_samples &&
      (priv->document == NULL ||
       (dd_document_get_selection (priv->document) == NULL &&
        !dd_document_get_busy (priv->document))))
    show_samples (self, priv->all_samples, FALSE);
}

static void
set_catalog (DdPage    *self,
             DdCatalog *catalog)
{
  DdPagePrivate *priv = dd_page_get_instance_private (self);

  if (!g_set_object (&priv->catalog, catalog))
    return;
  priv->shown = FALSE;
  if (DD_PAGE_GET_CLASS (self)->catalog_changed)
    DD_PAGE_GET_CLASS (self)->catalog_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
}

static void
set_document (DdPage     *self,
              DdDocument *document)
{
  DdPagePrivate *priv = dd_page_get_instance_private (self);

  if (priv->document == document)
    return;
  if (priv->document)
    g_signal_handlers_disconnect_by_data (priv->document, self);
  g_set_object (&priv->document, document);
  if (document)
    {
      g_signal_connect_swapped (document, "notify::selection", G_CALLBACK (subset_changed), self);
      g_signal_connect_swapped (document, "notify::error", G_CALLBACK (error_changed), self);
    }
  if (DD_PAGE_GET_CLASS (self)->document_changed)
    DD_PAGE_GET_CLASS (self)->document_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

static void
set_all_samples (DdPage      *self,
                 DdSelection *selection)
{
  DdPagePrivate *priv = dd_page_get_instance_private (self);

  if (priv->all_samples == selection)
    return;
  g_clear_pointer (&priv->all_samples, dd_selection_unref);
  priv->all_samples = selection ? dd_selection_ref (selection) : NULL;
  all_samples_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALL_SAMPLES]);
}

DdCatalog *
dd_page_get_catalog (DdPage *self)
{
  DdPagePrivate *priv = dd_page_get_instance_private (self);

  g_return_val_if_fail (DD_IS_PAGE (self), NULL);
  return priv->catalog;
}

DdDocument *
dd_page_get_document (DdPage *self)
{
  DdPagePrivate *priv = dd_page_get_instance_private (self);

  g_return_val_if_fail (DD_IS_PAGE (self), NULL);
  return priv->document;
}

void
dd_page_message (DdPage     *self,
                 const char *text)
{
  g_return_if_fail (DD_IS_PAGE (self));
  g_signal_emit (self, signals[MESSAGE], 0, text);
}

void
dd_page_undoable (DdPage     *self,
                  const char *text)
{
  g_return_if_fail (DD_IS_PAGE (self));
  g_signal_emit (self, signals[UNDOABLE], 0, text);
}

void
dd_page_focus_first (DdPage *self)
{
  g_return_if_fail (DD_IS_PAGE (self));
  if (DD_PAGE_GET_CLASS (self)->focus_first)
    DD_PAGE_GET_CLASS (self)->focus_first (self);
}

static void
dd_page_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  DdPagePrivate *priv = dd_page_get_instance_private (DD_PAGE (object));

  switch (prop_id)
    {
    case PROP_CATALOG: g_value_set_object (value, priv->catalog); break;
    case PROP_DOCUMENT: g_value_set_object (value, priv->document); break;
    case PROP_ALL_SAMPLES: g_value_set_boxed (value, priv->all_samples); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_page_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  DdPage *self = DD_PAGE (object);

  switch (prop_id)
    {
    case PROP_CATALOG: set_catalog (self, g_value_get_object (value)); break;
    case PROP_DOCUMENT: set_document (self, g_value_get_object (value)); break;
    case PROP_ALL_SAMPLES: set_all_samples (self, g_value_get_boxed (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* A subclass disposes its template first; what is left of its children goes here. */
static void
dd_page_dispose (GObject *object)
{
  DdPage *self = DD_PAGE (object);
  DdPagePrivate *priv = dd_page_get_instance_private (self);
  GtkWidget *child;

  if (priv->document)
    g_signal_handlers_disconnect_by_data (priv->document, self);
  g_clear_object (&priv->document);
  g_clear_object (&priv->catalog);
  g_clear_pointer (&priv->all_samples, dd_selection_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (dd_page_parent_class)->dispose (object);
}

static void
dd_page_class_init (DdPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = dd_page_dispose;
  object_class->get_property = dd_page_get_property;
  object_class->set_property = dd_page_set_property;

  properties[PROP_CATALOG] = g_param_spec_object ("catalog", NULL, NULL, DD_TYPE_CATALOG, flags);
  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, DD_TYPE_DOCUMENT,
                                                   flags);
  properties[PROP_ALL_SAMPLES] = g_param_spec_boxed ("all-samples", NULL, NULL,
                                                     DD_TYPE_SELECTION, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DdPage::message:
   * @text: one line
   *
   * Something the window should say (a look-up for the page failed).
   */
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * DdPage::undoable:
   * @text: one line
   *
   * What an edit of the recipe did; the window says it and offers Undo.
   */
  signals[UNDOABLE] = g_signal_new ("undoable", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
dd_page_init (DdPage *self)
{
}
