/* DdModelPanel: a run and a baseline to pick, the run's numbers, its heatmap and its
 * confusions. Everything is read off the main thread (dd_model_*_async); a click on a
 * cell or a confusion picks its samples and hands their ids to "win.show-samples". */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>

#include "dd-model.h"
#include "dd-model-heatmap.h"
#include "dd-model-panel.h"
#include "dd-recipe.h"
#include "dd-text.h"

struct _DdModelPanel
{
  GtkWidget       parent_instance;

  DdCatalog      *catalog;
  DdDocument     *document;
  gulong          recipe_handler;
  GCancellable   *cancellable;     /* the run list and the report */
  GCancellable   *pick;            /* the samples of a cell or confusion */
  GPtrArray      *runs;            /* DdRunInfo */
  DdModelReport  *report;
  gboolean        updating;        /* the drop-downs are being refilled */

  GtkWidget      *empty;           /* AdwStatusPage: no runs */
  GtkWidget      *content;
  GtkDropDown    *run_drop;
  GtkDropDown    *baseline_drop;
  GtkDropDown    *keep_drop;       /* all / wrong / correct: the recipe's model clause */
  GtkStringList  *run_names;
  GtkStringList  *baseline_names;  /* "None", then the runs */
  GtkLabel       *summary;
  DdModelHeatmap *heatmap;
  GtkListBox     *confusions;
  GtkLabel       *confusions_title;
};

G_DEFINE_FINAL_TYPE (DdModelPanel, dd_model_panel, GTK_TYPE_WIDGET)

static const char *
chosen_run (DdModelPanel *self)
{
  guint i = gtk_drop_down_get_selected (self->run_drop);

  return self->runs && i < self->runs->len
         ? ((DdRunInfo *) g_ptr_array_index (self->runs, i))->name : NULL;
}

static const char *
chosen_baseline (DdModelPanel *self)
{
  guint i = gtk_drop_down_get_selected (self->baseline_drop);

  return self->runs && i != GTK_INVALID_LIST_POSITION && i > 0 && i - 1 < self->runs->len
         ? ((DdRunInfo *) g_ptr_array_index (self->runs, i - 1))->name : NULL;
}

static char *
percent (double value)
{
  return isnan (value) ? g_strdup ("–") : g_strdup_printf ("%.1f %%", 100 * value);
}

static char *
number (double value)
{
  return isnan (value) ? g_strdup ("–") : g_strdup_printf ("%.3f", value);
}

/* ---- the report ----------------------------------------------------------------------- */

/* A class by its name ("Chihuahua"), its wnid when it has none (the catalog's classes in
 * memory, by id: no query). */
static const char *
class_name (GPtrArray  *classes,
            guint       id,
            const char *wnid)
{
  for (guint i = 0; classes && i < classes->len; i++)
    {
      DdClassInfo *info = g_ptr_array_index (classes, i);

      if (info->id == id)
        return info->name && *info->name ? info->name : wnid;
    }
  return wnid;
}

static void
show_report (DdModelPanel  *self,
             DdModelReport *report)
{
  g_autofree char *accuracy = NULL, *clean = NULL, *mce = NULL, *rel = NULL, *text = NULL;
  g_autofree char *samples = NULL;
  g_autoptr(GPtrArray) classes = NULL;
  GtkWidget *child;

  g_clear_pointer (&self->report, dd_model_report_free);
  self->report = report;
  dd_model_heatmap_set_report (self->heatmap, report);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->confusions))))
    gtk_list_box_remove (self->confusions, child);
  if (report == NULL)
    {
      gtk_label_set_text (self->summary, "");
      gtk_widget_set_visible (GTK_WIDGET (self->confusions_title), FALSE);
      return;
    }
  classes = self->catalog ? dd_catalog_list_classes (self->catalog) : NULL;
  accuracy = percent (report->accuracy);
  clean = percent (report->clean_error);
  mce = number (report->mce);
  rel = number (report->relative_mce);
  samples = dd_format_count (report->samples);
  if (report->baseline)
    /* TRANSLATORS: the numbers of a model run against a baseline */
    text = g_strdup_printf (_("%s labeled samples · accuracy %s · clean error %s · "
                              "mCE %s · relative mCE %s (baseline “%s”)"),
                            samples, accuracy, clean, mce, rel, report->baseline);
  else
    text = g_strdup_printf (_("%s labeled samples · accuracy %s · clean error %s · "
                              "mCE %s (unnormalised: pick a baseline)"),
                            samples, accuracy, clean, mce);
  gtk_label_set_text (self->summary, text);
  gtk_widget_set_visible (GTK_WIDGET (self->confusions_title), report->confusions->len > 0);
  for (guint i = 0; i < report->confusions->len; i++)
    {
      DdModelConfusion *c = g_ptr_array_index (report->confusions, i);
      g_autofree char *line = g_strdup_printf ("%s → %s",
                                               class_name (classes, c->class_id, c->wnid),
                                               class_name (classes, c->predicted,
                                                           c->predicted_wnid));
      g_autofree char *count = dd_format_count (c->count);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *label = gtk_label_new (line);
      GtkWidget *n = gtk_label_new (count);

      gtk_widget_set_hexpand (label, TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (n, "numeric");
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), n);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_list_box_append (self->confusions, box);
    }
}

static void
report_ready (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  DdModelPanel *self = user_data;
  g_autoptr(GError) error = NULL;
  DdModelReport *report = dd_model_report_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }
  if (report == NULL)
    gtk_label_set_text (self->summary, error->message);
  show_report (self, report);
  g_object_unref (self);
}

static void
load_report (DdModelPanel *self)
{
  const char *run = chosen_run (self);

  if (self->updating)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  show_report (self, NULL);
  if (self->catalog == NULL || run == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  dd_model_report_async (self->catalog, run, chosen_baseline (self), self->cancellable,
                         report_ready, g_object_ref (self));
}

/* ---- the runs ------------------------------------------------------------------------- */

static void
runs_ready (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  DdModelPanel *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = dd_model_list_runs_finish (result, &error);
  g_autofree char *run = g_strdup (chosen_run (self));
  g_autofree char *baseline = g_strdup (chosen_baseline (self));
  guint run_at = 0, baseline_at = 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }
  self->updating = TRUE;
  g_clear_pointer (&self->runs, g_ptr_array_unref);
  self->runs = runs ? g_steal_pointer (&runs)
                    : g_ptr_array_new_with_free_func ((GDestroyNotify) dd_run_info_free);
  gtk_string_list_splice (self->run_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->run_names)), NULL);
  gtk_string_list_splice (self->baseline_names, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->baseline_names)) - 1,
                          NULL);
  for (guint i = 0; i < self->runs->len; i++)
    {
      DdRunInfo *info = g_ptr_array_index (self->runs, i);

      gtk_string_list_append (self->run_names, info->name);
      gtk_string_list_append (self->baseline_names, info->name);
      if (g_strcmp0 (info->name, run) == 0)
        run_at = i;
      if (g_strcmp0 (info->name, baseline) == 0)
        baseline_at = i + 1;
    }
  gtk_drop_down_set_selected (self->run_drop, run_at);
  gtk_drop_down_set_selected (self->baseline_drop, baseline_at);
  self->updating = FALSE;
  gtk_widget_set_visible (self->empty, self->runs->len == 0);
  gtk_widget_set_visible (self->content, self->runs->len > 0);
  if (error)
    {
      gtk_label_set_text (self->summary, error->message);
      g_debug ("Cannot list the model runs: %s", error->message);
    }
  load_report (self);
  g_object_unref (self);
}

void
dd_model_panel_reload (DdModelPanel *self)
{
  g_return_if_fail (DD_IS_MODEL_PANEL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->catalog == NULL)
    {
      gtk_widget_set_visible (self->empty, TRUE);
      gtk_widget_set_visible (self->content, FALSE);
      return;
    }
  self->cancellable = g_cancellable_new ();
  dd_model_list_runs_async (self->catalog, self->cancellable, runs_ready, g_object_ref (self));
}

void
dd_model_panel_set_catalog (DdModelPanel *self,
                            DdCatalog    *catalog)
{
  g_return_if_fail (DD_IS_MODEL_PANEL (self));

  if (!g_set_object (&self->catalog, catalog))
    return;
  self->updating = TRUE;
  gtk_string_list_splice (self->run_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->run_names)), NULL);
  gtk_drop_down_set_selected (self->baseline_drop, 0);
  self->updating = FALSE;
  g_clear_pointer (&self->runs, g_ptr_array_unref);
  show_report (self, NULL);
  dd_model_panel_reload (self);
}

gboolean
dd_model_panel_is_ready (DdModelPanel *self)
{
  g_return_val_if_fail (DD_IS_MODEL_PANEL (self), FALSE);
  return self->report != NULL;
}

/* ---- the subset: the recipe's model clause --------------------------------------------- */

/* The drop-down follows the recipe (an undo, a sentence of the Coarse page). */
static void
recipe_changed (DdModelPanel *self)
{
  DdRecipe *recipe = self->document ? dd_document_get_recipe (self->document) : NULL;
  const DdModelClause *clause = recipe ? dd_recipe_get_model (recipe) : NULL;
  guint at = 0;

  if (clause && clause->outcome == DD_MODEL_OUTCOME_WRONG)
    at = 1;
  else if (clause && clause->outcome == DD_MODEL_OUTCOME_CORRECT)
    at = 2;
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->keep_drop, at);
  self->updating = FALSE;
}

static void
keep_changed (DdModelPanel *self)
{
  DdRecipe *recipe = self->document ? dd_document_get_recipe (self->document) : NULL;
  const char *run = chosen_run (self);
  guint at = gtk_drop_down_get_selected (self->keep_drop);
  g_autoptr(DdModelClause) clause = NULL;
  g_autoptr(DdRecipe) next = NULL;

  if (self->updating || recipe == NULL)
    return;
  if (at == 1 || at == 2)
    {
      if (run == NULL)
        return;
      clause = dd_model_clause_new (run);
      clause->outcome = at == 1 ? DD_MODEL_OUTCOME_WRONG : DD_MODEL_OUTCOME_CORRECT;
    }
  next = dd_recipe_with_model (recipe, clause);
  dd_document_apply (self->document, next);
}

void
dd_model_panel_set_document (DdModelPanel *self,
                             DdDocument   *document)
{
  g_return_if_fail (DD_IS_MODEL_PANEL (self));

  if (self->document == document)
    return;
  if (self->document)
    g_clear_signal_handler (&self->recipe_handler, self->document);
  g_set_object (&self->document, document);
  if (document)
    self->recipe_handler = g_signal_connect_swapped (document, "notify::recipe",
                                                     G_CALLBACK (recipe_changed), self);
  recipe_changed (self);
}

/* ---- picking samples ------------------------------------------------------------------ */

static void
picked (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  DdModelPanel *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = dd_model_pick_ids_finish (result, &error);

  if (ids && ids->len > 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-samples", "@ax",
                                g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, ids->data,
                                                           ids->len, sizeof (gint64)));
  else if (error && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gtk_label_set_text (self->summary, error->message);
  g_object_unref (self);
}

static void
pick_samples (DdModelPanel      *self,
              const DdModelPick *pick)
{
  const char *run = chosen_run (self);

  if (self->catalog == NULL || run == NULL)
    return;
  g_cancellable_cancel (self->pick);
  g_clear_object (&self->pick);
  self->pick = g_cancellable_new ();
  dd_model_pick_ids_async (self->catalog, run, pick, self->pick, picked, g_object_ref (self));
}

/* A heatmap cell: its wrong predictions. */
static void
cell_activated (DdModelPanel *self,
                guint         corruption_id,
                guint         severity)
{
  DdModelPick pick = {
    .outcome = DD_MODEL_OUTCOME_WRONG, .corruption_id = corruption_id, .severity = severity,
  };

  pick_samples (self, &pick);
}

/* A confusion: the samples of that class predicted as the other. */
static void
confusion_activated (DdModelPanel  *self,
                     GtkListBoxRow *row)
{
  int i = gtk_list_box_row_get_index (row);
  DdModelConfusion *c;
  DdModelPick pick = { .corruption_id = G_MAXUINT, .severity = -1 };

  if (self->report == NULL || i < 0 || (guint) i >= self->report->confusions->len)
    return;
  c = g_ptr_array_index (self->report->confusions, i);
  pick.class_id = c->class_id;
  pick.predicted = c->predicted;
  pick_samples (self, &pick);
}

/* ---- the widget ------------------------------------------------------------------------ */

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

GtkWidget *
dd_model_panel_new (void)
{
  return g_object_new (DD_TYPE_MODEL_PANEL, NULL);
}

static void
dd_model_panel_dispose (GObject *object)
{
  DdModelPanel *self = DD_MODEL_PANEL (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->pick);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->pick);
  if (self->document)
    g_clear_signal_handler (&self->recipe_handler, self->document);
  g_clear_object (&self->document);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->runs, g_ptr_array_unref);
  g_clear_pointer (&self->report, dd_model_report_free);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (dd_model_panel_parent_class)->dispose (object);
}

static void
dd_model_panel_class_init (DdModelPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_model_panel_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "modelpanel");
}

static void
dd_model_panel_init (DdModelPanel *self)
{
  GtkBoxLayout *layout = GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *controls = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *subset_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *refresh = gtk_button_new_from_icon_name ("view-refresh-symbolic");
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);

  self->empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->empty), "applications-science-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->empty), _("No Model Runs"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->empty),
                                   _("Import a model's predictions with “datadive-cli model "
                                     "import --catalog FILE --run NAME PREDICTIONS.csv”, then "
                                     "reload."));
  gtk_widget_set_vexpand (self->empty, TRUE);
  gtk_widget_set_parent (self->empty, GTK_WIDGET (self));

  self->run_names = gtk_string_list_new (NULL);
  self->baseline_names = gtk_string_list_new ((const char * const[]) { _("None"), NULL });
  self->run_drop = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (self->run_names), NULL));
  self->baseline_drop = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (self->baseline_names),
                                                          NULL));
  /* drop-downs carry no tooltip (it covered their list's first item): they say what
   * they are to assistive technologies, beside their labels */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->run_drop),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("The model run"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->baseline_drop),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("The run Corruption Errors are normalised by"), -1);
  gtk_widget_set_tooltip_text (refresh, _("Reload the runs"));
  gtk_box_append (GTK_BOX (controls), gtk_label_new (_("Run")));
  gtk_box_append (GTK_BOX (controls), GTK_WIDGET (self->run_drop));
  gtk_box_append (GTK_BOX (controls), gtk_label_new (_("Baseline")));
  gtk_box_append (GTK_BOX (controls), GTK_WIDGET (self->baseline_drop));
  gtk_box_append (GTK_BOX (controls), refresh);
  self->keep_drop = GTK_DROP_DOWN (gtk_drop_down_new_from_strings ((const char * const[]) {
    _("All samples"), _("Its wrong predictions"), _("Its correct predictions"), NULL }));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->keep_drop),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("What the subset keeps of the run's predictions (undoable)"),
                                  -1);
  gtk_widget_set_name (GTK_WIDGET (self->keep_drop), "keep");
  gtk_box_append (GTK_BOX (subset_row), gtk_label_new (_("Subset")));
  gtk_box_append (GTK_BOX (subset_row), GTK_WIDGET (self->keep_drop));
  g_signal_connect_swapped (self->keep_drop, "notify::selected", G_CALLBACK (keep_changed), self);
  g_signal_connect_swapped (self->run_drop, "notify::selected", G_CALLBACK (load_report), self);
  g_signal_connect_swapped (self->baseline_drop, "notify::selected", G_CALLBACK (load_report),
                            self);
  g_signal_connect_swapped (refresh, "clicked", G_CALLBACK (dd_model_panel_reload), self);

  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->summary, TRUE);
  gtk_label_set_xalign (self->summary, 0);
  gtk_label_set_selectable (self->summary, TRUE);

  self->heatmap = DD_MODEL_HEATMAP (dd_model_heatmap_new ());
  g_signal_connect_swapped (self->heatmap, "cell-activated", G_CALLBACK (cell_activated), self);

  self->confusions_title = GTK_LABEL (heading (_("Most frequent confusions (class → predicted)")));
  self->confusions = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->confusions, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->confusions), "boxed-list");
  g_signal_connect_swapped (self->confusions, "row-activated", G_CALLBACK (confusion_activated),
                            self);

  gtk_box_append (GTK_BOX (content), controls);
  gtk_box_append (GTK_BOX (content), subset_row);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->summary));
  gtk_box_append (GTK_BOX (content), heading (_("Error per corruption and severity")));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->heatmap));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->confusions_title));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->confusions));
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 24);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), content);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  self->content = scroller;
  gtk_widget_set_visible (self->content, FALSE);
  gtk_widget_set_parent (self->content, GTK_WIDGET (self));
}
