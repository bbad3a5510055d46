/* DdPromptPanel: the Coarse tab. One sentence → a proposed recipe (LLM or offline),
 * shown as a diff against the current one with sample counts, applied only on Accept. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-text.h"
#include "dd-prompt-panel.h"
#include "dd-settings.h"

struct _DdPromptPanel
{
  GtkWidget     parent_instance;

  DdDocument   *document;
  DdProposal   *proposal;
  GCancellable *cancellable;
  guint         after_count;

  GtkWidget    *clamp;
  GtkEntry     *entry;
  GtkWidget    *propose_button;
  GtkWidget    *cancel_button;
  GtkSpinner   *spinner;
  GtkWidget    *examples;
  GtkWidget    *result;          /* the proposal group */
  GtkLabel     *engine_label;
  GtkLabel     *fallback_label;
  GtkLabel     *explanation_label;
  GtkWidget    *diff_box;        /* GtkListBox of rows */
  GtkLabel     *error_label;
};

G_DEFINE_FINAL_TYPE (DdPromptPanel, dd_prompt_panel, GTK_TYPE_WIDGET)

/* Not translated: the offline interpreter reads English (class names are English). */
static const char *examples[] = {
  "dogs and cats, only blur corruptions at the two highest severities, validation split",
  "clean training images of birds, 20 per class",
  "all vehicles except school buses, no broken images",
  "foggy or snowy goldfish at severity 3 to 5",
};

static void
set_busy (DdPromptPanel *self,
          gboolean       busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_visible (self->cancel_button, busy);
  gtk_widget_set_sensitive (self->propose_button, !busy);
}

static char *
list_text (const char * const *list)
{
  if (list == NULL)
    return g_strdup (_("all"));
  if (list[0] == NULL)
    return g_strdup (_("none"));
  return g_strjoinv (", ", (char **) list);
}

/* Health kinds left out: absent means none is (unlike classes, where absent is all). */
static char *
flags_text (const char * const *flags)
{
  g_autoptr(GString) text = NULL;
  DdHealthKind kind;

  if (flags == NULL || flags[0] == NULL)
    return g_strdup (_("nothing"));
  text = g_string_new (NULL);
  for (guint i = 0; flags[i]; i++)
    g_string_append_printf (text, "%s%s", i ? ", " : "",
                            dd_health_kind_from_string (flags[i], &kind)
                            ? dd_health_kind_title (kind) : flags[i]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Class wnids as names, with the count when the list is long. */
static char *
classes_text (DdCatalog          *catalog,
              const char * const *wnids)
{
  g_autoptr(GPtrArray) classes = NULL;
  g_autoptr(GString) s = NULL;
  guint n;

  if (wnids == NULL || wnids[0] == NULL)
    return list_text (wnids);
  classes = dd_catalog_list_classes (catalog);
  n = g_strv_length ((char **) wnids);
  s = g_string_new (NULL);
  for (guint i = 0; i < n && i < 6; i++)
    {
      const char *name = wnids[i];
      for (guint k = 0; k < classes->len; k++)
        if (g_strcmp0 (((DdClassInfo *) classes->pdata[k])->wnid, wnids[i]) == 0)
          name = ((DdClassInfo *) classes->pdata[k])->name;
      g_string_append_printf (s, "%s%s", i ? ", " : "", name);
    }
  if (n > 6)
    /* TRANSLATORS: after a list of class names: "goldfish, tabby, … (12 classes)" */
    g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, ", … (%u class)", ", … (%u classes)", n), n);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
add_diff_row (DdPromptPanel *self,
              const char    *what,
              char          *before,
              char          *after)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *text = NULL;
  g_autofree char *escaped_before = g_markup_escape_text (before, -1);
  g_autofree char *escaped_after = g_markup_escape_text (after, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), what);
  if (g_strcmp0 (before, after) == 0)
    text = g_strdup (escaped_after);
  else
    text = g_strdup_printf ("<s>%s</s> → <b>%s</b>", escaped_before, escaped_after);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  gtk_widget_add_css_class (row, "property");
  gtk_list_box_append (GTK_LIST_BOX (self->diff_box), row);
  g_free (before);
  g_free (after);
}

static void
show_proposal (DdPromptPanel *self)
{
  DdRecipe *now = dd_document_get_recipe (self->document);
  DdRecipe *next = self->proposal->recipe;
  DdCatalog *catalog = dd_document_get_catalog (self->document);
  DdSelection *current = dd_document_get_selection (self->document);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->diff_box)))
    gtk_list_box_remove (GTK_LIST_BOX (self->diff_box), child);

  gtk_label_set_label (self->engine_label, self->proposal->engine);
  gtk_widget_set_visible (GTK_WIDGET (self->fallback_label), self->proposal->fallback != NULL);
  if (self->proposal->fallback)
    {
      g_autofree char *text = g_strdup_printf (_("The language model did not answer (%s); the offline interpreter did."),
                                               self->proposal->fallback);
      gtk_label_set_label (self->fallback_label, text);
    }
  gtk_label_set_label (self->explanation_label, self->proposal->explanation);
  add_diff_row (self, _("Samples"),
                dd_format_count (current ? dd_selection_get_n (current) : 0),
                dd_format_count (self->after_count));
  add_diff_row (self, _("Classes"), classes_text (catalog, dd_recipe_get_classes (now)),
                classes_text (catalog, dd_recipe_get_classes (next)));
  add_diff_row (self, _("Corruptions"), list_text (dd_recipe_get_corruptions (now)),
                list_text (dd_recipe_get_corruptions (next)));
  add_diff_row (self, _("Severities"), dd_severity_mask_to_text (dd_recipe_get_severity_mask (now)),
                dd_severity_mask_to_text (dd_recipe_get_severity_mask (next)));
  add_diff_row (self, _("Splits"), list_text (dd_recipe_get_splits (now)),
                list_text (dd_recipe_get_splits (next)));
  if (dd_recipe_get_exclude_flags (now) || dd_recipe_get_exclude_flags (next))
    add_diff_row (self, _("Left out"), flags_text (dd_recipe_get_exclude_flags (now)),
                  flags_text (dd_recipe_get_exclude_flags (next)));
  if (dd_recipe_get_per_class_limit (now) || dd_recipe_get_per_class_limit (next))
    add_diff_row (self, _("Per class"),
                  g_strdup_printf ("%u", dd_recipe_get_per_class_limit (now)),
                  g_strdup_printf ("%u", dd_recipe_get_per_class_limit (next)));
  if (self->proposal->unplaced->len > 0)
    {
      g_autoptr(GString) words = g_string_new (NULL);
      for (guint i = 0; i < self->proposal->unplaced->len; i++)
        g_string_append_printf (words, "%s“%s”", i ? ", " : "",
                                (char *) self->proposal->unplaced->pdata[i]);
      add_diff_row (self, _("Not understood"), g_strdup (words->str), g_strdup (words->str));
    }
  gtk_widget_set_visible (self->result, TRUE);
  gtk_widget_set_visible (self->examples, FALSE);
}

static void
evaluated (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  DdPromptPanel *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdSelection) selection = dd_recipe_evaluate_finish (result, NULL, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (selection == NULL)
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  self->after_count = dd_selection_get_n (selection);
  show_proposal (self);
}

static void
proposed (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  DdPromptPanel *self = user_data;
  g_autoptr(GError) error = NULL;
  DdProposal *proposal = dd_prompt_propose_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (proposal == NULL)
    {
      set_busy (self, FALSE);
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  g_clear_pointer (&self->proposal, dd_proposal_free);
  self->proposal = proposal;
  dd_recipe_evaluate_async (proposal->recipe, dd_document_get_catalog (self->document),
                            self->cancellable, evaluated, self);
}

static void
settings_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  DdPromptPanel *self = user_data;
  g_autoptr(DdPromptSettings) settings = dd_settings_load_prompt_finish (result, NULL);

  if (g_cancellable_is_cancelled (self->cancellable) || self->document == NULL)
    return;
  dd_prompt_propose_async (dd_document_get_catalog (self->document),
                           gtk_editable_get_text (GTK_EDITABLE (self->entry)),
                           dd_document_get_recipe (self->document), settings,
                           self->cancellable, proposed, self);
}

static void
propose (DdPromptPanel *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  if (self->document == NULL || text == NULL || *text == '\0')
    return;
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (self->result, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  set_busy (self, TRUE);
  dd_settings_load_prompt_async (self->cancellable, settings_loaded, self);
}

static void
cancel (DdPromptPanel *self)
{
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  set_busy (self, FALSE);
}

static void
accept (DdPromptPanel *self)
{
  gtk_widget_set_visible (self->examples, TRUE);
  if (self->proposal && self->document)
    dd_document_apply (self->document, self->proposal->recipe);
  gtk_widget_set_visible (self->result, FALSE);
  g_clear_pointer (&self->proposal, dd_proposal_free);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
}

static void
reject (DdPromptPanel *self)
{
  gtk_widget_set_visible (self->examples, TRUE);
  gtk_widget_set_visible (self->result, FALSE);
  g_clear_pointer (&self->proposal, dd_proposal_free);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
example_clicked (GtkButton     *button,
                 DdPromptPanel *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->entry), gtk_button_get_label (button));
  propose (self);
}

static gboolean
key_pressed (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             DdPromptPanel         *self)
{
  if (keyval == GDK_KEY_Escape && gtk_widget_get_visible (self->cancel_button))
    {
      cancel (self);
      return TRUE;
    }
  return FALSE;
}

void
dd_prompt_panel_set_document (DdPromptPanel *self,
                              DdDocument    *document)
{
  g_return_if_fail (DD_IS_PROMPT_PANEL (self));

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_set_object (&self->document, document);
  g_clear_pointer (&self->proposal, dd_proposal_free);
  gtk_widget_set_visible (self->result, FALSE);
  set_busy (self, FALSE);
}

void
dd_prompt_panel_propose (DdPromptPanel *self,
                         const char    *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  propose (self);
}

DdProposal *
dd_prompt_panel_get_proposal (DdPromptPanel *self)
{
  return gtk_widget_get_visible (self->result) ? self->proposal : NULL;
}

void
dd_prompt_panel_accept (DdPromptPanel *self)
{
  accept (self);
}

static GtkWidget *
build (DdPromptPanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *title = gtk_label_new (_("Say What You Want"));
  GtkWidget *description = gtk_label_new (_("Describe a subset in plain words. DataDive proposes a selection you can review before applying it; Undo takes it back."));
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *flow = gtk_flow_box_new ();
  GtkWidget *group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *accept_button = gtk_button_new_with_mnemonic (_("_Accept"));
  GtkWidget *reject_button = gtk_button_new_with_mnemonic (_("_Reject"));
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_add_css_class (title, "title-1");
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_label_set_justify (GTK_LABEL (description), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (description, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), description);

  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->entry, _("e.g. dogs and cats at the two highest blur severities"));
  gtk_widget_set_hexpand (GTK_WIDGET (self->entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What subset do you want?"), -1);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (propose), self);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  self->propose_button = gtk_button_new_with_mnemonic (_("_Propose"));
  gtk_widget_add_css_class (self->propose_button, "suggested-action");
  g_signal_connect_swapped (self->propose_button, "clicked", G_CALLBACK (propose), self);
  self->cancel_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (cancel), self);
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->entry));
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (line), self->propose_button);
  gtk_box_append (GTK_BOX (line), self->cancel_button);
  gtk_box_append (GTK_BOX (box), line);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 2);
  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      GtkWidget *chip = gtk_button_new_with_label (examples[i]);
      gtk_widget_add_css_class (chip, "pill");
      gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (chip))), TRUE);
      g_signal_connect (chip, "clicked", G_CALLBACK (example_clicked), self);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), chip);
    }
  self->examples = flow;
  gtk_box_append (GTK_BOX (box), flow);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));

  /* the proposal */
  self->engine_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->engine_label), "dim-label");
  gtk_label_set_xalign (self->engine_label, 0);
  self->fallback_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->fallback_label, TRUE);
  gtk_label_set_xalign (self->fallback_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->fallback_label), "warning");
  self->explanation_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->explanation_label, TRUE);
  gtk_label_set_xalign (self->explanation_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->explanation_label), "heading");
  self->diff_box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->diff_box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->diff_box, "boxed-list");
  gtk_box_append (GTK_BOX (group), GTK_WIDGET (self->explanation_label));
  gtk_box_append (GTK_BOX (group), GTK_WIDGET (self->engine_label));
  gtk_box_append (GTK_BOX (group), GTK_WIDGET (self->fallback_label));
  gtk_box_append (GTK_BOX (group), self->diff_box);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_add_css_class (accept_button, "suggested-action");
  g_signal_connect_swapped (accept_button, "clicked", G_CALLBACK (accept), self);
  g_signal_connect_swapped (reject_button, "clicked", G_CALLBACK (reject), self);
  gtk_box_append (GTK_BOX (buttons), reject_button);
  gtk_box_append (GTK_BOX (buttons), accept_button);
  gtk_box_append (GTK_BOX (group), buttons);
  self->result = group;
  gtk_box_append (GTK_BOX (box), group);

  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed), self);
  gtk_widget_add_controller (box, keys);
  return box;
}

static void
dd_prompt_panel_dispose (GObject *object)
{
  DdPromptPanel *self = DD_PROMPT_PANEL (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->document);
  g_clear_pointer (&self->proposal, dd_proposal_free);
  g_clear_pointer (&self->clamp, gtk_widget_unparent);
  G_OBJECT_CLASS (dd_prompt_panel_parent_class)->dispose (object);
}

static void
dd_prompt_panel_class_init (DdPromptPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_prompt_panel_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dd_prompt_panel_init (DdPromptPanel *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  gtk_widget_set_margin_top (clamp, 36);
  gtk_widget_set_margin_bottom (clamp, 24);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), build (self));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  self->clamp = scrolled;
  gtk_widget_set_parent (scrolled, GTK_WIDGET (self));
  set_busy (self, FALSE);
  gtk_widget_set_visible (self->result, FALSE);
}

GtkWidget *
dd_prompt_panel_new (void)
{
  return g_object_new (DD_TYPE_PROMPT_PANEL, NULL);
}
