/* DdCoarsePage: the Coarse page. One sentence → a proposed recipe (LLM or offline),
 * shown as a diff against the current one with sample counts, applied only on Accept. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-llm-client.h"
#include "dd-text.h"
#include "dd-coarse-page.h"
#include "dd-settings.h"
#include "dd-ui-text.h"

struct _DdCoarsePage
{
  DdPage        parent_instance;

  DdProposal   *proposal;
  DdLlmClient  *client;          /* kept while the settings stay (one HTTP session) */
  GCancellable *cancellable;
  guint         after_count;
  gboolean      from_everything;   /* proposed from every sample, not the current subset */

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
  GtkWidget    *kept_box;
  GtkLabel     *kept_label;
  GtkLabel     *error_label;
};

G_DEFINE_FINAL_TYPE (DdCoarsePage, dd_coarse_page, DD_TYPE_PAGE)

#define DOCUMENT(self) dd_page_get_document (DD_PAGE (self))

static void
set_busy (DdCoarsePage *self,
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

/* Corruptions in the window's human form ("Defocus blur"). */
static char *
corruptions_text (const char * const *list)
{
  g_autoptr(GString) text = NULL;

  if (list == NULL || list[0] == NULL)
    return list_text (list);
  text = g_string_new (NULL);
  for (guint i = 0; list[i]; i++)
    {
      g_autofree char *title = dd_ui_corruption_title (list[i]);

      g_string_append_printf (text, "%s%s", i ? ", " : "", title);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
severities_text (int mask)
{
  char *text = dd_ui_severity_text (mask);

  return text ? text : g_strdup (_("all"));
}

static char *
quota_text (guint limit)
{
  return limit > 0 ? dd_format_count (limit) : g_strdup (_("no limit"));
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
    {
      g_autofree char *count = dd_format_count (n);

      /* TRANSLATORS: after a list of class names: "goldfish, tabby, … (12 classes)" */
      g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, ", … (%s class)",
                                              ", … (%s classes)", n), count);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
add_diff_row (DdCoarsePage *self,
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

/* "Kept from your current subset: 11 classes, severities 4–5", with "Start From
 * Everything": a proposal never keeps what the sentence did not mention silently. */
static void
show_kept (DdCoarsePage *self,
           DdRecipe     *now)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  char **kept = self->proposal->kept;
  g_autofree char *list = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; kept && kept[i]; i++)
    {
      if (g_str_equal (kept[i], "classes"))
        {
          guint n = dd_ui_count_chosen_classes (now, dd_page_get_catalog (DD_PAGE (self)));
          g_autofree char *count = dd_format_count (n);

          g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s class",
                                                                "%s classes", n), count));
        }
      else if (g_str_equal (kept[i], "corruptions"))
        g_ptr_array_add (parts, corruptions_text (dd_recipe_get_corruptions (now)));
      else if (g_str_equal (kept[i], "severities"))
        g_ptr_array_add (parts, severities_text (dd_recipe_get_severity_mask (now)));
      else if (g_str_equal (kept[i], "splits"))
        {
          g_autofree char *splits = list_text (dd_recipe_get_splits (now));

          /* TRANSLATORS: a kept rule: "the val split" */
          g_ptr_array_add (parts, g_strdup_printf (_("split %s"), splits));
        }
      else if (g_str_equal (kept[i], "exclude_flags"))
        {
          g_autofree char *flags = flags_text (dd_recipe_get_exclude_flags (now));

          g_ptr_array_add (parts, g_strdup_printf (_("left out: %s"), flags));
        }
      else if (g_str_equal (kept[i], "per_class_limit"))
        {
          g_autofree char *quota = quota_text (dd_recipe_get_per_class_limit (now));

          g_ptr_array_add (parts, g_strdup_printf (_("%s per class"), quota));
        }
      else if (g_str_equal (kept[i], "exclude") || g_str_equal (kept[i], "include"))
        {
          gboolean exclude = g_str_equal (kept[i], "exclude");
          guint n = exclude ? dd_recipe_get_n_exclude (now) : dd_recipe_get_n_include (now);
          g_autofree char *count = dd_format_count (n);

          g_ptr_array_add (parts, exclude
                           ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s excluded by hand",
                                                           "%s excluded by hand", n), count)
                           : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s included by hand",
                                                           "%s included by hand", n), count));
        }
    }
  gtk_widget_set_visible (self->kept_box, parts->len > 0);
  if (parts->len == 0)
    return;
  g_ptr_array_add (parts, NULL);
  list = g_strjoinv (", ", (char **) parts->pdata);
  /* TRANSLATORS: rules the sentence did not mention: "Kept from your current subset:
   * 11 classes, severities 4–5" */
  text = g_strdup_printf (_("Kept from your current subset: %s"), list);
  gtk_label_set_label (self->kept_label, text);
}

static void
show_proposal (DdCoarsePage *self)
{
  DdRecipe *now = dd_document_get_recipe (DOCUMENT (self));
  DdRecipe *next = self->proposal->recipe;
  DdCatalog *catalog = dd_document_get_catalog (DOCUMENT (self));
  DdSelection *current = dd_document_get_selection (DOCUMENT (self));
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
  add_diff_row (self, _("Corruptions"), corruptions_text (dd_recipe_get_corruptions (now)),
                corruptions_text (dd_recipe_get_corruptions (next)));
  add_diff_row (self, _("Severities"), severities_text (dd_recipe_get_severity_mask (now)),
                severities_text (dd_recipe_get_severity_mask (next)));
  add_diff_row (self, _("Splits"), list_text (dd_recipe_get_splits (now)),
                list_text (dd_recipe_get_splits (next)));
  if (dd_recipe_get_exclude_flags (now) || dd_recipe_get_exclude_flags (next))
    add_diff_row (self, _("Left out"), flags_text (dd_recipe_get_exclude_flags (now)),
                  flags_text (dd_recipe_get_exclude_flags (next)));
  if (dd_recipe_get_per_class_limit (now) || dd_recipe_get_per_class_limit (next))
    add_diff_row (self, _("Per class"), quota_text (dd_recipe_get_per_class_limit (now)),
                  quota_text (dd_recipe_get_per_class_limit (next)));
  if (self->proposal->unplaced->len > 0)
    {
      g_autoptr(GString) words = g_string_new (NULL);
      for (guint i = 0; i < self->proposal->unplaced->len; i++)
        g_string_append_printf (words, "%s“%s”", i ? ", " : "",
                                (char *) self->proposal->unplaced->pdata[i]);
      add_diff_row (self, _("Not understood"), g_strdup (words->str), g_strdup (words->str));
    }
  show_kept (self, now);
  gtk_widget_set_visible (self->result, TRUE);
  gtk_widget_set_visible (self->examples, FALSE);
}

static void
evaluated (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  DdCoarsePage *self = user_data;
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
  DdCoarsePage *self = user_data;
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
  dd_recipe_evaluate_async (proposal->recipe, dd_document_get_catalog (DOCUMENT (self)),
                            self->cancellable, evaluated, self);
}

static void
settings_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  DdCoarsePage *self = user_data;
  g_autoptr(DdPromptSettings) settings = dd_settings_load_prompt_finish (result, NULL);
  g_autoptr(DdRecipe) everything = NULL;

  if (g_cancellable_is_cancelled (self->cancellable) || DOCUMENT (self) == NULL)
    return;
  if (self->client == NULL || !dd_llm_client_matches (self->client, settings))
    {
      g_clear_object (&self->client);
      self->client = dd_llm_client_new_from_settings (settings);
    }
  everything = self->from_everything ? dd_recipe_new () : NULL;
  dd_prompt_propose_async (dd_document_get_catalog (DOCUMENT (self)),
                           gtk_editable_get_text (GTK_EDITABLE (self->entry)),
                           everything ? everything : dd_document_get_recipe (DOCUMENT (self)),
                           self->client, TRUE, self->cancellable, proposed, self);
}

static void propose_from (DdCoarsePage *self, gboolean from_everything);

/* Enter, Propose or an example: from the current subset. */
static void
propose (DdCoarsePage *self)
{
  propose_from (self, FALSE);
}

/* The same sentence from every sample. */
static void
start_from_everything (DdCoarsePage *self)
{
  propose_from (self, TRUE);
}

static void
propose_from (DdCoarsePage *self,
              gboolean      from_everything)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  if (DOCUMENT (self) == NULL || text == NULL || *text == '\0')
    return;
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->from_everything = from_everything;
  gtk_widget_set_visible (self->result, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  set_busy (self, TRUE);
  dd_settings_load_prompt_async (self->cancellable, settings_loaded, self);
}

static void
cancel (DdCoarsePage *self)
{
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  set_busy (self, FALSE);
}

static void
accept (DdCoarsePage *self)
{
  gtk_widget_set_visible (self->examples, TRUE);
  if (self->proposal && DOCUMENT (self))
    dd_document_apply (DOCUMENT (self), self->proposal->recipe);
  gtk_widget_set_visible (self->result, FALSE);
  g_clear_pointer (&self->proposal, dd_proposal_free);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
}

static void
reject (DdCoarsePage *self)
{
  gtk_widget_set_visible (self->examples, TRUE);
  gtk_widget_set_visible (self->result, FALSE);
  g_clear_pointer (&self->proposal, dd_proposal_free);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

/* The example sentences of the template are buttons holding a wrapping label. */
static void
example_clicked (GtkButton    *button,
                 DdCoarsePage *self)
{
  GtkWidget *label = gtk_button_get_child (button);

  gtk_editable_set_text (GTK_EDITABLE (self->entry), gtk_label_get_label (GTK_LABEL (label)));
  propose (self);
}

static gboolean
key_pressed (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             DdCoarsePage         *self)
{
  if (keyval == GDK_KEY_Escape && gtk_widget_get_visible (self->cancel_button))
    {
      cancel (self);
      return TRUE;
    }
  return FALSE;
}

/* Another document: nothing proposed for the last one stays. */
static void
dd_coarse_page_document_changed (DdPage *page)
{
  DdCoarsePage *self = DD_COARSE_PAGE (page);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->proposal, dd_proposal_free);
  gtk_widget_set_visible (self->result, FALSE);
  set_busy (self, FALSE);
}

void
dd_coarse_page_propose (DdCoarsePage *self,
                         const char    *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  propose (self);
}

DdProposal *
dd_coarse_page_get_proposal (DdCoarsePage *self)
{
  return gtk_widget_get_visible (self->result) ? self->proposal : NULL;
}

void
dd_coarse_page_accept (DdCoarsePage *self)
{
  accept (self);
}

static void
dd_coarse_page_focus_first (DdPage *page)
{
  gtk_widget_grab_focus (GTK_WIDGET (DD_COARSE_PAGE (page)->entry));
}

static void
dd_coarse_page_dispose (GObject *object)
{
  DdCoarsePage *self = DD_COARSE_PAGE (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_pointer (&self->proposal, dd_proposal_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_COARSE_PAGE);
  G_OBJECT_CLASS (dd_coarse_page_parent_class)->dispose (object);
}

static void
dd_coarse_page_class_init (DdCoarsePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_coarse_page_dispose;
  DD_PAGE_CLASS (klass)->document_changed = dd_coarse_page_document_changed;
  DD_PAGE_CLASS (klass)->focus_first = dd_coarse_page_focus_first;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/datadive/DataDive/ui/dd-coarse-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DdCoarsePage, entry);
  gtk_widget_class_bind_template_child (widget_class, DdCoarsePage, propose_button);
  gtk_widget_class_bind_template_child (widget_class, DdCoarsePage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DdCoarsePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, DdCoarsePage, examples);
  gtk_widget_class_bind_template_child (widget_class, DdCoarsePage, result);
  gtk_widget_class_bind_template_child (widget_class, DdCoarsePage, engine_label);
  gtk_widget_class_bind_template_child (widget_class, DdCoarsePage, fallback_label);
  gtk_widget_class_bind_template_child (widget_class, DdCoarsePage, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, DdCoarsePage, diff_box);
  gtk_widget_class_bind_template_child (widget_class, DdCoarsePage, kept_box);
  gtk_widget_class_bind_template_child (widget_class, DdCoarsePage, kept_label);
  gtk_widget_class_bind_template_child (widget_class, DdCoarsePage, error_label);
  gtk_widget_class_bind_template_callback (widget_class, propose);
  gtk_widget_class_bind_template_callback (widget_class, cancel);
  gtk_widget_class_bind_template_callback (widget_class, accept);
  gtk_widget_class_bind_template_callback (widget_class, reject);
  gtk_widget_class_bind_template_callback (widget_class, start_from_everything);
  gtk_widget_class_bind_template_callback (widget_class, example_clicked);
  gtk_widget_class_bind_template_callback (widget_class, key_pressed);
}

static void
dd_coarse_page_init (DdCoarsePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  set_busy (self, FALSE);
}
