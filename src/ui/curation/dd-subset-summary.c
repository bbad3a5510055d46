/* DdSubsetSummary: the subset's parts as chips (see the header). */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-subset-summary.h"
#include "dd-ui-text.h"

struct _DdSubsetSummary
{
  GtkWidget   parent_instance;

  GtkWidget  *chips;       /* GtkBox */
  DdDocument *document;
};

G_DEFINE_FINAL_TYPE (DdSubsetSummary, dd_subset_summary, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where a click on a part goes. */
static void
set_target (GtkWidget    *chip,
            DdUiPartKind  kind)
{
  const char *action = "win.show-page", *target = "medium";

  if (kind == DD_UI_PART_SAMPLES)
    target = "fine";
  else if (kind == DD_UI_PART_EXCLUDED)
    action = "win.grid-view", target = "excluded";
  else if (kind == DD_UI_PART_INCLUDED)
    action = "win.grid-view", target = "subset";
  gtk_actionable_set_action_name (GTK_ACTIONABLE (chip), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (chip), "s", target);
}

static GtkWidget *
chip_new (DdUiPart *part)
{
  GtkWidget *chip = gtk_button_new ();
  GtkWidget *label = gtk_label_new (part->label);

  /* short enough for one line; the tooltip always holds the whole of it */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 44);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_button_set_child (GTK_BUTTON (chip), label);
  dd_ui_set_tooltip (chip, part->details);
  gtk_widget_add_css_class (chip, "dd-chip");
  if (part->kind == DD_UI_PART_SAMPLES)
    gtk_widget_add_css_class (chip, "dd-chip-count");
  else if (part->kind == DD_UI_PART_EXCLUDED)
    gtk_widget_add_css_class (chip, "dd-chip-excluded");
  g_object_set_data (G_OBJECT (chip), "dd-part", GINT_TO_POINTER (part->kind));
  gtk_accessible_update_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  part->details, -1);
  set_target (chip, part->kind);
  return chip;
}

static void
update (DdSubsetSummary *self)
{
  g_autoptr(GPtrArray) parts = NULL;
  GtkWidget *child;
  DdRecipe *recipe;

  while ((child = gtk_widget_get_first_child (self->chips)))
    gtk_box_remove (GTK_BOX (self->chips), child);
  if (self->document == NULL)
    return;
  recipe = dd_document_get_recipe (self->document);
  /* the counts belong to the recipe's subset only once it is evaluated */
  parts = dd_ui_describe_subset (recipe, dd_document_get_catalog (self->document),
                                 dd_document_get_busy (self->document)
                                 ? NULL : dd_document_get_facets (self->document));
  for (guint i = 0; i < parts->len; i++)
    gtk_box_append (GTK_BOX (self->chips), chip_new (parts->pdata[i]));
}

/* While an evaluation runs the chips keep their counts: only its end changes them. */
static void
busy_changed (DdSubsetSummary *self)
{
  if (!dd_document_get_busy (self->document))
    update (self);
}

void
dd_subset_summary_set_document (DdSubsetSummary *self,
                                DdDocument      *document)
{
  g_return_if_fail (DD_IS_SUBSET_SUMMARY (self));

  if (self->document == document)
    return;
  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document)
    {
      g_signal_connect_swapped (document, "notify::facets", G_CALLBACK (update), self);
      g_signal_connect_swapped (document, "notify::busy", G_CALLBACK (busy_changed), self);
    }
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

char *
dd_subset_summary_get_text (DdSubsetSummary *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (DD_IS_SUBSET_SUMMARY (self), NULL);
  for (GtkWidget *chip = gtk_widget_get_first_child (self->chips); chip;
       chip = gtk_widget_get_next_sibling (chip))
    g_string_append_printf (text, "%s%s", text->len ? " · " : "",
                            gtk_label_get_label (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (chip)))));
  return g_string_free (text, FALSE);
}

static void
dd_subset_summary_dispose (GObject *object)
{
  DdSubsetSummary *self = DD_SUBSET_SUMMARY (object);
  GtkWidget *child;

  dd_subset_summary_set_document (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_SUBSET_SUMMARY);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (dd_subset_summary_parent_class)->dispose (object);
}

static void
dd_subset_summary_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, DD_SUBSET_SUMMARY (object)->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_subset_summary_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_DOCUMENT:
      dd_subset_summary_set_document (DD_SUBSET_SUMMARY (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_subset_summary_class_init (DdSubsetSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_subset_summary_dispose;
  object_class->get_property = dd_subset_summary_get_property;
  object_class->set_property = dd_subset_summary_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, DD_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/datadive/DataDive/ui/dd-subset-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, DdSubsetSummary, chips);
  gtk_widget_class_set_css_name (widget_class, "dd-subset-summary");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dd_subset_summary_init (DdSubsetSummary *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The subset"), -1);
}
