/* DdOverview: what a catalog holds — sources with their layout and size, samples,
 * labels and classes, and counts per split, corruption (by family), severity and
 * health finding — computed by dd_catalog_facets_async(). */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dd-text.h"
#include "dd-overview.h"
#include "dd-reveal.h"
#include "dd-ui-text.h"

/* Classes listed one a row; a bigger subset lists its largest and says how many more. */
#define CLASS_ROWS_ALL  24
#define CLASS_ROWS_TOP  12

struct _DdOverview
{
  GtkWidget parent_instance;

  GtkFlowBox *stats_box;
  GtkFlowBox *columns_box;
  AdwPreferencesGroup *classes_group;
  AdwPreferencesGroup *sources_group;
  AdwPreferencesGroup *splits_group;
  AdwPreferencesGroup *severities_group;
  AdwPreferencesGroup *health_group;
  AdwPreferencesGroup *corruptions_group;

  GPtrArray *rows;        /* of GtkWidget added to a group, with its group as data */
  /* The counts shown, by key ("split:val", "family:blur", …): a new subset with the
   * same rows only changes their numbers, rows are rebuilt when the shape changes. */
  GHashTable *counted;    /* key → Counted */
  char *shape;
  GPtrArray *class_rows;  /* rows of classes_group: rebuilt on their own */
  char *class_shape;
  guint n_chosen;         /* classes the recipe chooses, 0: all */
  gboolean updating;
  GtkWidget *no_problems;   /* the health group's row saying so, or NULL */
  gboolean unreadable;      /* a source has files it could not read */
  GCancellable *cancellable;
  DdCatalog *catalog;
  guint n_samples;
  gboolean mapped_once;
  DdReveal *reveal;       /* the first map's lower groups, shown one a frame */
};

G_DEFINE_FINAL_TYPE (DdOverview, dd_overview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_SAMPLES,
  N_PROPS
};

enum {
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct {
  GtkLabel    *label;
  GtkLevelBar *bar;       /* or NULL */
  GtkWidget   *row;       /* shown only while its count is not 0, or NULL: always shown */
} Counted;

/* A row's labels on one line, cut at the end and not wrapped: AdwActionRow's wrap,
 * even at one line, made GTK 4.8 search each title's width for a height (its text
 * shaped at each try) whenever a count changed the window's size request (a third of
 * the toggle's frame at 5 M samples, perf) and at the tab's first visit. */
static void
unwrap_labels (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    {
      gtk_label_set_wrap (GTK_LABEL (widget), FALSE);
      if (gtk_label_get_ellipsize (GTK_LABEL (widget)) == PANGO_ELLIPSIZE_NONE)
        gtk_label_set_ellipsize (GTK_LABEL (widget), PANGO_ELLIPSIZE_END);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    unwrap_labels (child);
}

/* A row that says something in a sentence and shows no count: no count changes its
 * size, so its labels keep their wrap (cut on one line, the sentence was lost). */
static void
add_sentence_row (DdOverview          *self,
                  AdwPreferencesGroup *group,
                  GtkWidget           *row)
{
  if (row == NULL)        /* updating in place */
    return;
  g_object_set_data (G_OBJECT (row), "dd-group", group);
  g_ptr_array_add (self->rows, row);
  adw_preferences_group_add (group, row);
}

static void
add_row (DdOverview          *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  if (row)
    unwrap_labels (row);
  add_sentence_row (self, group, row);
}

static GtkWidget *
count_label (guint64 n)
{
  g_autofree char *text = dd_format_count (n);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dd-count");
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
proportion_bar (guint64 n,
                guint64 total)
{
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);

  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), total ? (double) n / total : 0);
  gtk_widget_set_size_request (bar, 96, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  return bar;
}

/* A row of a count shows while its count is not 0 and, inside a corruption family,
 * while the family is expanded: a collapsed AdwExpanderRow (libadwaita 1.2) still has
 * its rows measured, their labels shaped, at every layout (the first visit of the
 * Medium tab spent a third of its 50–70 ms on the fifteen hidden corruption rows). */
static void
show_row (GtkWidget *row,
          gboolean   nonempty)
{
  AdwExpanderRow *family = g_object_get_data (G_OBJECT (row), "dd-family");

  g_object_set_data (G_OBJECT (row), "dd-nonempty", GINT_TO_POINTER (nonempty));
  gtk_widget_set_visible (row, nonempty && (family == NULL || adw_expander_row_get_expanded (family)));
}

static void
family_expanded (AdwExpanderRow *family)
{
  GPtrArray *members = g_object_get_data (G_OBJECT (family), "dd-members");

  for (guint i = 0; members && i < members->len; i++)
    show_row (members->pdata[i],
              GPOINTER_TO_INT (g_object_get_data (members->pdata[i], "dd-nonempty")));
}

static void
add_family_member (GtkWidget *family,
                   GtkWidget *row)
{
  GPtrArray *members = g_object_get_data (G_OBJECT (family), "dd-members");

  if (members == NULL)
    {
      members = g_ptr_array_new ();
      g_object_set_data_full (G_OBJECT (family), "dd-members", members,
                              (GDestroyNotify) g_ptr_array_unref);
      g_signal_connect (family, "notify::expanded", G_CALLBACK (family_expanded), NULL);
    }
  g_ptr_array_add (members, row);
  g_object_set_data (G_OBJECT (row), "dd-family", family);
}

static void
set_count (DdOverview *self,
           const char *key,
           guint64     n,
           guint64     total)
{
  Counted *counted = g_hash_table_lookup (self->counted, key);
  g_autofree char *text = NULL;

  if (counted == NULL)
    return;
  text = dd_format_count (n);
  gtk_label_set_label (counted->label, text);
  if (counted->bar)
    gtk_level_bar_set_value (counted->bar, total ? (double) n / total : 0);
  if (counted->row)
    show_row (counted->row, n > 0);
}

static void
keep_count (DdOverview *self,
            const char *key,
            GtkWidget  *label,
            GtkWidget  *bar)
{
  Counted *counted = g_new0 (Counted, 1);

  counted->label = GTK_LABEL (label);
  counted->bar = bar ? GTK_LEVEL_BAR (bar) : NULL;
  g_hash_table_insert (self->counted, g_strdup (key), counted);
}

/* @row of the count of @key shows while the count is not 0: the rows of every
 * severity, corruption and finding are made once and shown or hidden, so that a subset
 * with another corruption or finding changes numbers in place instead of rows (a
 * new row's text is measured and shaped again: unchecking one corruption held the
 * window for 250 ms). */
static void
hide_when_empty (DdOverview *self,
                 const char *key,
                 GtkWidget  *row,
                 guint64     n)
{
  Counted *counted = g_hash_table_lookup (self->counted, key);

  if (row == NULL || counted == NULL)
    return;
  counted->row = row;
  show_row (row, n > 0);
}

/* A row with a count and a bar; while updating in place, only the numbers of the row
 * of that key change and NULL is returned. */
static GtkWidget *
count_row (DdOverview *self,
           const char *key,
           const char *title,
           const char *subtitle,
           guint64     n,
           guint64     total)
{
  GtkWidget *row, *label, *bar;

  if (self->updating)
    {
      set_count (self, key, n, total);
      return NULL;
    }
  row = adw_action_row_new ();
  /* one line each, cut rather than wrapped: a wrapping label is measured for its height
   * at each width asked, its text shaped each time (the first visit of the tab spent
   * most of its 60–100 ms there) */
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);

  /* Split and corruption names come from folder names: not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  label = count_label (n);
  bar = proportion_bar (n, total);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
  keep_count (self, key, label, bar);
  unwrap_labels (row);   /* a family's rows and the class rows are not added by add_row() */
  return row;
}

static void
stat_card (DdOverview *self,
           const char *key,
           const char *value,
           const char *caption)
{
  g_autofree char *value_key = g_strconcat ("stat:", key, NULL);
  g_autofree char *caption_key = g_strconcat ("caption:", key, NULL);
  GtkWidget *box, *value_label, *caption_label;
  Counted *counted;

  if (self->updating)
    {
      if ((counted = g_hash_table_lookup (self->counted, value_key)))
        gtk_label_set_label (counted->label, value);
      if ((counted = g_hash_table_lookup (self->counted, caption_key)))
        gtk_label_set_label (counted->label, caption);
      return;
    }
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  value_label = gtk_label_new (value);
  caption_label = gtk_label_new (caption);

  gtk_widget_set_size_request (box, 150, -1);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "dd-stat-card");
  gtk_widget_add_css_class (value_label, "dd-stat-value");
  gtk_widget_add_css_class (caption_label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_xalign (GTK_LABEL (caption_label), 0);
  gtk_label_set_wrap (GTK_LABEL (caption_label), TRUE);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_box_append (GTK_BOX (box), caption_label);
  keep_count (self, value_key, value_label, NULL);
  keep_count (self, caption_key, caption_label, NULL);
  gtk_flow_box_append (self->stats_box, box);
}

static void
dd_overview_remove_class_rows (DdOverview *self)
{
  for (guint i = 0; i < self->class_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->class_rows, i);
      const char *key = g_object_get_data (G_OBJECT (row), "dd-key");

      if (key)
        g_hash_table_remove (self->counted, key);
      adw_preferences_group_remove (self->classes_group, row);
    }
  g_ptr_array_set_size (self->class_rows, 0);
  g_hash_table_remove (self->counted, "classes:more");
  g_clear_pointer (&self->class_shape, g_free);
}

/* Removes every row and card (the next counts build them again). */
static void
dd_overview_remove_rows (DdOverview *self)
{
  GtkWidget *child;

  dd_overview_remove_class_rows (self);
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      adw_preferences_group_remove (g_object_get_data (G_OBJECT (row), "dd-group"), row);
    }
  g_ptr_array_set_size (self->rows, 0);
  self->no_problems = NULL;
  g_hash_table_remove_all (self->counted);
  g_clear_pointer (&self->shape, g_free);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stats_box))))
    gtk_flow_box_remove (self->stats_box, child);
}

void
dd_overview_clear (DdOverview *self)
{
  g_return_if_fail (DD_IS_OVERVIEW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  dd_overview_remove_rows (self);
  if (self->n_samples != 0)
    {
      self->n_samples = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SAMPLES]);
    }
}

/* Which rows @facets makes (not their numbers): the same shape is updated in place. */
static char *
overview_shape (DdOverview *self,
                DdFacets   *facets)
{
  GString *shape = g_string_new (NULL);

  /* a rescan (new generation) may change the sources' rows */
  g_string_append_printf (shape, "%p %" G_GUINT64_FORMAT " %u %u %u|", (gpointer) self->catalog,
                          dd_catalog_get_generation (self->catalog), facets->n_splits,
                          facets->n_severities, facets->n_corruptions);
  /* which severities, corruptions and findings have samples is not in it: their rows
   * are shown and hidden (hide_when_empty) */
  return g_string_free (shape, FALSE);
}

/* The flow boxes only lay out: their children are not items to focus or activate. */
static void
dd_overview_unfocus_children (GtkFlowBox *box)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
}

static void
dd_overview_fill_stats (DdOverview *self,
                        DdFacets   *facets)
{
  g_autofree char *samples = dd_format_count (facets->total);
  guint unlabeled = facets->n_classes ? facets->classes[0] : 0;
  g_autofree char *labeled = dd_format_count (facets->total - unlabeled);
  g_autofree char *classes = NULL;
  g_autofree char *corruptions = NULL;
  guint n_classes = 0, n_corruptions = 0;

  for (guint i = 1; i < facets->n_classes; i++)
    n_classes += facets->classes[i] > 0;
  for (guint i = 1; i < facets->n_corruptions; i++)
    n_corruptions += facets->corruptions[i] > 0;
  classes = dd_format_count (n_classes);
  corruptions = dd_format_count (n_corruptions);

  stat_card (self, "samples", samples, _("Samples"));
  stat_card (self, "labeled", labeled, _("Labeled"));
  if (self->n_chosen > 0 && self->n_chosen != n_classes)
    {
      g_autofree char *chosen = dd_format_count (self->n_chosen);
      /* TRANSLATORS: a stat card under the number of classes with samples: a chosen
       * class may have none in the chosen corruptions and splits */
      g_autofree char *caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "Classes with samples, %s chosen",
                                                               "Classes with samples, %s chosen",
                                                               self->n_chosen), chosen);

      stat_card (self, "classes", classes, caption);
    }
  else
    stat_card (self, "classes", classes, _("Classes"));
  stat_card (self, "corruptions", corruptions, _("Corruptions"));
  if (!self->updating)
    dd_overview_unfocus_children (self->stats_box);
}

/* " · " and @n in @format (a "%s" for the count, from g_dngettext()), when @n is not 0. */
static void
append_count (GString    *s,
              guint64     n,
              const char *format)
{
  g_autofree char *count = NULL;

  if (n == 0)
    return;
  count = dd_format_count (n);
  g_string_append (s, " · ");
  g_string_append_printf (s, format, count);
}

static void
dd_overview_fill_sources (DdOverview *self)
{
  g_autoptr(GPtrArray) sources = dd_catalog_list_sources (self->catalog);

  for (guint i = 0; i < sources->len; i++)
    {
      DdSourceInfo *source = g_ptr_array_index (sources, i);
      /* the root is a file name, in the file system's encoding: shown as UTF-8 */
      g_autofree char *name = g_filename_display_basename (source->root);
      g_autofree char *root = g_filename_display_name (source->root);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      g_autoptr(GString) extra = g_string_new (NULL);

      g_string_append_printf (extra, "%s · %s", dd_ui_layout_title (source->layout), root);
      append_count (extra, source->junk,
                    g_dngettext (GETTEXT_PACKAGE, "%s file skipped", "%s files skipped",
                                 (gulong) source->junk));
      append_count (extra, source->unreadable,
                    g_dngettext (GETTEXT_PACKAGE, "%s unreadable", "%s unreadable",
                                 (gulong) source->unreadable));
      subtitle = g_strdup (extra->str);
      /* Folder names are not markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("folder-symbolic"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), count_label (source->samples));
      dd_ui_set_tooltip (row, root);
      add_row (self, self->sources_group, row);
    }
}

static void
dd_overview_fill_splits (DdOverview *self,
                         DdFacets   *facets)
{
  g_autoptr(GPtrArray) splits = dd_catalog_list_splits (self->catalog);

  for (guint i = 0; i < splits->len; i++)
    {
      DdSplitInfo *split = g_ptr_array_index (splits, i);
      guint n = split->id < facets->n_splits ? facets->splits[split->id] : 0;
      g_autofree char *key = g_strconcat ("split:", split->name, NULL);

      add_row (self, self->splits_group, count_row (self, key, split->name, NULL, n, facets->total));
    }
}

static void
dd_overview_fill_severities (DdOverview *self,
                             DdFacets   *facets)
{
  for (guint s = 0; s < facets->n_severities; s++)
    {
      g_autofree char *title = NULL;
      g_autofree char *key = g_strdup_printf ("severity:%u", s);
      GtkWidget *row;

      title = s == 0 ? g_strdup (_("Clean")) : g_strdup_printf (_("Severity %u"), s);
      row = count_row (self, key, title, NULL, facets->severities[s], facets->total);
      hide_when_empty (self, key, row, facets->severities[s]);
      add_row (self, self->severities_group, row);
    }
}

static void
dd_overview_fill_health (DdOverview *self,
                         DdFacets   *facets)
{
  gboolean any = FALSE;

  for (guint k = 0; k < DD_HEALTH_N_KINDS; k++)
    {
      g_autofree char *key = g_strdup_printf ("health:%u", k);
      GtkWidget *row, *label;

      any = any || facets->flags[k] > 0;
      if (self->updating)
        {
          set_count (self, key, facets->flags[k], 0);
          continue;
        }
      /* Findings are few: a bar would stay empty. */
      row = adw_action_row_new ();
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), dd_health_kind_title (k));
      label = count_label (facets->flags[k]);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      keep_count (self, key, label, NULL);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      /* one click from the list of these findings, and two from each sample */
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.health-report");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", dd_health_kind_to_string (k));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      dd_ui_set_tooltip (row, _("List these findings"));
      hide_when_empty (self, key, row, facets->flags[k]);
      add_row (self, self->health_group, row);
    }

  if (self->updating)
    {
      if (self->no_problems)
        gtk_widget_set_visible (self->no_problems, !any && !self->unreadable);
      return;
    }
  {
    /* files and folders the index could not read are not samples, but problems too:
     * a source row saying "1 unreadable" beside "No problems found" contradicted it */
    g_autoptr(GPtrArray) sources = dd_catalog_list_sources (self->catalog);
    guint64 unreadable = 0;

    for (guint i = 0; i < sources->len; i++)
      unreadable += ((DdSourceInfo *) g_ptr_array_index (sources, i))->unreadable;
    if (unreadable > 0)
      {
        GtkWidget *row = adw_action_row_new ();
        g_autofree char *count = dd_format_count (unreadable);
        g_autofree char *title =
          g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s file or folder could not be read",
                                        "%s files or folders could not be read",
                                        (gulong) MIN (unreadable, G_MAXULONG)), count);

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                     _("The index skipped them: see the sources above"));
        adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                   gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
        add_sentence_row (self, self->health_group, row);
      }
    self->unreadable = unreadable > 0;
  }
  {
    GtkWidget *row = adw_action_row_new ();

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No problems found"));
    adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                               gtk_image_new_from_icon_name ("emblem-ok-symbolic"));
    gtk_widget_set_visible (row, !any && !self->unreadable);
    self->no_problems = row;
    add_sentence_row (self, self->health_group, row);
  }
  {
    /* what is not about one sample of the subset: orphan rows, missing cells, classes */
    GtkWidget *row = adw_action_row_new ();

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Health Report"));
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                 _("Every finding of the dataset, with missing cells and annotation rows"));
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               gtk_image_new_from_icon_name ("go-next-symbolic"));
    gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.health-report");
    gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", "");
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
    add_sentence_row (self, self->health_group, row);
  }
}

static void
dd_overview_fill_corruptions (DdOverview *self,
                              DdFacets   *facets)
{
  /* "none" (clean) is the row above, not a family group */
  const char * const *families = dd_corruption_families () + 1;
  g_autoptr(GPtrArray) corruptions = dd_catalog_list_corruptions (self->catalog);

  for (guint i = 0; i < corruptions->len; i++)
    {
      DdCorruptionInfo *info = g_ptr_array_index (corruptions, i);

      if (g_strcmp0 (info->name, "none") == 0)
        {
          guint n = info->id < facets->n_corruptions ? facets->corruptions[info->id] : 0;
          GtkWidget *row = count_row (self, "corruption:none", _("Clean"), _("No corruption"),
                                      n, facets->total);

          hide_when_empty (self, "corruption:none", row, n);
          add_row (self, self->corruptions_group, row);
        }
    }

  for (guint f = 0; families[f]; f++)
    {
      GtkWidget *expander = NULL;
      guint64 family_total = 0;
      guint n_members = 0;

      for (guint i = 0; i < corruptions->len; i++)
        {
          DdCorruptionInfo *info = g_ptr_array_index (corruptions, i);
          const char *family = info->family ? info->family : "other";
          guint n = info->id < facets->n_corruptions ? facets->corruptions[info->id] : 0;
          g_autofree char *title = NULL;
          g_autofree char *key = NULL;
          GtkWidget *row;

          if (g_strcmp0 (info->name, "none") == 0)
            continue;
          if (g_strcmp0 (family, families[f]) != 0 &&
              !(families[f + 1] == NULL && !g_strv_contains (families, family)))
            continue;

          if (expander == NULL && !self->updating)
            expander = adw_expander_row_new ();
          title = dd_ui_corruption_title (info->name);
          key = g_strconcat ("corruption:", info->name, NULL);
          row = count_row (self, key, title, NULL, n, facets->total);
          if (row)
            add_family_member (expander, row);
          hide_when_empty (self, key, row, n);
          if (row)
            adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
          family_total += n;
          n_members += n > 0;
        }

      g_autofree char *family_key = g_strconcat ("family:", families[f], NULL);
      g_autofree char *subtitle =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u corruption", "%u corruptions",
                                      n_members), n_members);

      if (self->updating)
        {
          Counted *counted = g_hash_table_lookup (self->counted, family_key);

          set_count (self, family_key, family_total, facets->total);
          if (counted && counted->row &&
              g_strcmp0 (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (counted->row)), subtitle) != 0)
            adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (counted->row), subtitle);
        }
      else if (expander)
        {
          GtkWidget *bar = proportion_bar (family_total, facets->total);
          GtkWidget *label = count_label (family_total);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                         dd_ui_family_title (families[f]));
          adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
          /* Actions are packed from the end: the bar goes first to follow the count. */
          adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), bar);
          adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), label);
          keep_count (self, family_key, label, bar);
          hide_when_empty (self, family_key, expander, family_total);
          add_row (self, self->corruptions_group, expander);
        }
    }
}

/* The subset's classes with their counts, largest first: every one up to
 * CLASS_ROWS_ALL of them, else the CLASS_ROWS_TOP largest and how many more. Rebuilt
 * only when which classes are listed changes; else their numbers change in place. */
typedef struct {
  guint id;
  guint n;
} ClassCount;

static int
compare_class_counts (gconstpointer a,
                      gconstpointer b)
{
  const ClassCount *x = a, *y = b;

  if (x->n != y->n)
    return x->n > y->n ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

static void
dd_overview_fill_classes (DdOverview *self,
                          DdFacets   *facets)
{
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (ClassCount));
  g_autoptr(GString) shape = g_string_new (NULL);
  g_autoptr(GPtrArray) classes = NULL;
  gboolean updating;
  guint shown;

  for (guint id = 0; id < facets->n_classes; id++)
    if (facets->classes[id] > 0)
      {
        ClassCount c = { id, facets->classes[id] };

        g_array_append_val (counts, c);
      }
  g_array_sort (counts, compare_class_counts);
  shown = counts->len <= CLASS_ROWS_ALL ? counts->len : CLASS_ROWS_TOP;
  g_string_append_printf (shape, "%p %u|", (gpointer) self->catalog, counts->len > shown);
  for (guint i = 0; i < shown; i++)
    g_string_append_printf (shape, "%u,", g_array_index (counts, ClassCount, i).id);

  if (g_strcmp0 (shape->str, self->class_shape) == 0)
    {
      for (guint i = 0; i < shown; i++)
        {
          ClassCount *c = &g_array_index (counts, ClassCount, i);
          g_autofree char *key = g_strdup_printf ("class:%u", c->id);

          set_count (self, key, c->n, facets->total);
        }
      if (counts->len > shown)
        {
          g_autofree char *more = dd_format_count (counts->len - shown);
          g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "and %s more class",
                                                                 "and %s more classes",
                                                                 counts->len - shown), more);
          Counted *row = g_hash_table_lookup (self->counted, "classes:more");

          if (row)
            gtk_label_set_label (row->label, title);
        }
      return;
    }

  dd_overview_remove_class_rows (self);
  self->class_shape = g_strdup (shape->str);
  gtk_widget_set_visible (GTK_WIDGET (self->classes_group), counts->len > 0);

  classes = dd_catalog_list_classes (self->catalog);
  updating = self->updating;
  self->updating = FALSE;   /* count_row() builds rows again */
  for (guint i = 0; i < shown; i++)
    {
      ClassCount *c = &g_array_index (counts, ClassCount, i);
      DdClassInfo *info = c->id > 0 && c->id <= classes->len
                          ? g_ptr_array_index (classes, c->id - 1) : NULL;
      g_autofree char *key = g_strdup_printf ("class:%u", c->id);
      GtkWidget *row;

      if (info && info->id != c->id)
        info = NULL;
      row = count_row (self, key, info ? info->name : _("Unlabeled"), info ? info->wnid : NULL,
                       c->n, facets->total);
      g_object_set_data_full (G_OBJECT (row), "dd-key", g_strdup (key), g_free);
      g_ptr_array_add (self->class_rows, row);
      adw_preferences_group_add (self->classes_group, row);
    }
  if (counts->len > shown)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *more = dd_format_count (counts->len - shown);
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "and %s more class",
                                                             "and %s more classes",
                                                             counts->len - shown), more);
      GtkWidget *label = gtk_label_new (title);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), label);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "");
      keep_count (self, "classes:more", label, NULL);
      g_ptr_array_add (self->class_rows, row);
      adw_preferences_group_add (self->classes_group, row);
    }
  self->updating = updating;
}

static void
facets_ready (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DdOverview) self = user_data;
  g_autoptr(DdFacets) facets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shape = NULL;

  facets = dd_catalog_facets_finish (DD_CATALOG (object), result, &error);
  if (facets == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[ERROR], 0, error);
      return;
    }
  if (DD_CATALOG (object) != self->catalog)
    return;

  /* the same rows as shown: only their numbers change; else they are built anew (the
   * sources' rows do not depend on the subset) */
  shape = overview_shape (self, facets);
  self->updating = g_strcmp0 (shape, self->shape) == 0;
  if (!self->updating)
    {
      dd_overview_remove_rows (self);
      dd_overview_fill_sources (self);
      self->shape = g_steal_pointer (&shape);
    }
  dd_overview_fill_stats (self, facets);
  dd_overview_fill_classes (self, facets);
  dd_overview_fill_splits (self, facets);
  dd_overview_fill_severities (self, facets);
  dd_overview_fill_health (self, facets);
  dd_overview_fill_corruptions (self, facets);
  self->updating = FALSE;

  self->n_samples = facets->total;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SAMPLES]);
}

void
dd_overview_show (DdOverview  *self,
                  DdCatalog   *catalog,
                  DdSelection *selection)
{
  g_return_if_fail (DD_IS_OVERVIEW (self));
  g_return_if_fail (DD_IS_CATALOG (catalog));
  g_return_if_fail (selection != NULL);

  /* Another subset of the same catalog: the rows stay until the new counts arrive. */
  if (catalog != self->catalog)
    dd_overview_clear (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_set_object (&self->catalog, catalog);
  self->cancellable = g_cancellable_new ();
  dd_catalog_facets_async (catalog, selection, self->cancellable, facets_ready,
                           g_object_ref (self));
}

void
dd_overview_set_chosen_classes (DdOverview *self,
                                guint       n_chosen)
{
  g_return_if_fail (DD_IS_OVERVIEW (self));
  self->n_chosen = n_chosen;
}

guint
dd_overview_get_n_samples (DdOverview *self)
{
  g_return_val_if_fail (DD_IS_OVERVIEW (self), 0);
  return self->n_samples;
}

/* The groups below the top of the page, in the order the first map shows them: the
 * rows of all four, their labels measured and shaped at once, made the first frame of
 * the Medium tab take 25–35 ms of its 45–60 at 5 M samples. One a frame instead: the
 * top of the page (the figures, classes and sources) shows at once, the rest in the
 * next four frames, most often below the fold. */
static void
dd_overview_map (GtkWidget *widget)
{
  DdOverview *self = DD_OVERVIEW (widget);

  if (!self->mapped_once)
    {
      GtkWidget *later[] = { GTK_WIDGET (self->splits_group),
                             GTK_WIDGET (self->severities_group),
                             GTK_WIDGET (self->corruptions_group),
                             GTK_WIDGET (self->health_group) };

      self->mapped_once = TRUE;
      self->reveal = dd_reveal_start (widget, later, G_N_ELEMENTS (later));
    }
  GTK_WIDGET_CLASS (dd_overview_parent_class)->map (widget);
}

/* Unmapped before every group showed: all of them for the next map. */
static void
dd_overview_unmap (GtkWidget *widget)
{
  g_clear_pointer (&DD_OVERVIEW (widget)->reveal, dd_reveal_finish);
  GTK_WIDGET_CLASS (dd_overview_parent_class)->unmap (widget);
}

static void
dd_overview_dispose (GObject *object)
{
  DdOverview *self = DD_OVERVIEW (object);
  GtkWidget *child;

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->reveal, dd_reveal_finish);
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_OVERVIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->class_rows, g_ptr_array_unref);
  g_clear_pointer (&self->class_shape, g_free);
  g_clear_pointer (&self->counted, g_hash_table_unref);
  g_clear_pointer (&self->shape, g_free);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (dd_overview_parent_class)->dispose (object);
}

static void
dd_overview_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DdOverview *self = DD_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_N_SAMPLES:
      g_value_set_uint (value, self->n_samples);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_overview_class_init (DdOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_overview_dispose;
  object_class->get_property = dd_overview_get_property;
  widget_class->map = dd_overview_map;
  widget_class->unmap = dd_overview_unmap;

  properties[PROP_N_SAMPLES] =
    g_param_spec_uint ("n-samples", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/datadive/DataDive/ui/dd-overview.ui");
  gtk_widget_class_bind_template_child (widget_class, DdOverview, stats_box);
  gtk_widget_class_bind_template_child (widget_class, DdOverview, columns_box);
  gtk_widget_class_bind_template_child (widget_class, DdOverview, classes_group);
  gtk_widget_class_bind_template_child (widget_class, DdOverview, sources_group);
  gtk_widget_class_bind_template_child (widget_class, DdOverview, splits_group);
  gtk_widget_class_bind_template_child (widget_class, DdOverview, severities_group);
  gtk_widget_class_bind_template_child (widget_class, DdOverview, health_group);
  gtk_widget_class_bind_template_child (widget_class, DdOverview, corruptions_group);
}

static void
dd_overview_init (DdOverview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->class_rows = g_ptr_array_new ();
  self->counted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  dd_overview_unfocus_children (self->columns_box);
}

GtkWidget *
dd_overview_new (void)
{
  return g_object_new (DD_TYPE_OVERVIEW, NULL);
}
