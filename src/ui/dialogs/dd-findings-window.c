/* DdFindingsWindow: every finding of the health report — kind, what it is about, one
 * line of detail — filtered by kind; a double click (or Enter) on a row asks the main
 * window to show it. The report comes from dd_health_report_async. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-text.h"
#include "dd-findings-window.h"
#include "dd-health.h"

/* ---- one row ---------------------------------------------------------------------- */

#define DD_TYPE_FINDING_ITEM (dd_finding_item_get_type ())
G_DECLARE_FINAL_TYPE (DdFindingItem, dd_finding_item, DD, FINDING_ITEM, GObject)

struct _DdFindingItem
{
  GObject      parent_instance;
  DdHealthKind kind;
  char        *key;
  char        *detail;
  gint64       sample_id;
};

G_DEFINE_FINAL_TYPE (DdFindingItem, dd_finding_item, G_TYPE_OBJECT)

static void
dd_finding_item_finalize (GObject *object)
{
  DdFindingItem *self = DD_FINDING_ITEM (object);

  g_free (self->key);
  g_free (self->detail);
  G_OBJECT_CLASS (dd_finding_item_parent_class)->finalize (object);
}

static void
dd_finding_item_class_init (DdFindingItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_finding_item_finalize;
}

static void
dd_finding_item_init (DdFindingItem *self)
{
}

/* ---- the window ------------------------------------------------------------------- */

struct _DdFindingsWindow
{
  AdwWindow          parent_instance;

  DdCatalog         *catalog;
  GCancellable      *cancellable;
  GListStore        *store;
  GtkFilterListModel *filtered;
  GtkCustomFilter   *filter;
  int                kind;          /* -1: every kind */
  char              *wanted_kind;
  gboolean           loaded;
  guint              counts[DD_HEALTH_N_KINDS];

  GtkWidget         *title;
  GtkWidget         *kinds;         /* GtkDropDown */
  GtkWidget         *stack;
  GtkWidget         *column_view;
  GtkWidget         *status;
};

G_DEFINE_FINAL_TYPE (DdFindingsWindow, dd_findings_window, ADW_TYPE_WINDOW)

enum {
  FINDING_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
match_kind (gpointer item,
            gpointer user_data)
{
  DdFindingsWindow *self = user_data;

  return self->kind < 0 || DD_FINDING_ITEM (item)->kind == (DdHealthKind) self->kind;
}

static void
update_title (DdFindingsWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *subtitle = NULL;
  g_autofree char *count = NULL;

  if (!self->loaded)
    return;
  count = dd_format_count (n);
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s finding", "%s findings", n), count);
  adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->title), subtitle);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), n > 0 ? "table" : "empty");
}

/* Drop-down position 0 is "every kind", then the kinds that have findings. */
static void
kind_selected (DdFindingsWindow *self)
{
  guint position = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->kinds));
  guint seen = 0;

  self->kind = -1;
  if (position != GTK_INVALID_LIST_POSITION && position > 0)
    for (guint k = 0; k < DD_HEALTH_N_KINDS; k++)
      if (self->counts[k] > 0 && ++seen == position)
        self->kind = k;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_title (self);
}

static void
report_ready (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  DdFindingsWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdHealthReport) report = dd_health_report_finish (DD_CATALOG (object), result, &error);
  g_autoptr(GtkStringList) kinds = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint total = 0, select = 0, position = 0;

  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_title (ADW_STATUS_PAGE (self->status), _("No Health Report"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->status), error->message);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
      return;
    }

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < report->findings->len; i++)
    {
      DdFinding *f = g_ptr_array_index (report->findings, i);
      DdFindingItem *item = g_object_new (DD_TYPE_FINDING_ITEM, NULL);

      item->kind = f->kind;
      item->key = g_strdup (f->key);
      item->detail = g_strdup (f->detail);
      item->sample_id = f->sample_id;
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (self->store, 0, 0, items->pdata, items->len);

  memcpy (self->counts, report->counts, sizeof self->counts);
  kinds = gtk_string_list_new (NULL);
  for (guint k = 0; k < DD_HEALTH_N_KINDS; k++)
    total += self->counts[k];
  {
    g_autofree char *count = dd_format_count (total);
    g_autofree char *all = g_strdup_printf (_("Every kind (%s)"), count);
    gtk_string_list_append (kinds, all);
  }
  for (guint k = 0; k < DD_HEALTH_N_KINDS; k++)
    if (self->counts[k] > 0)
      {
        g_autofree char *count = dd_format_count (self->counts[k]);
        g_autofree char *text = g_strdup_printf ("%s (%s)", dd_health_kind_title (k), count);

        position++;
        gtk_string_list_append (kinds, text);
        if (g_strcmp0 (self->wanted_kind, dd_health_kind_to_string (k)) == 0)
          select = position;
      }
  self->loaded = TRUE;
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->kinds), G_LIST_MODEL (kinds));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->kinds), select);
  kind_selected (self);
  if (total == 0)
    {
      adw_status_page_set_title (ADW_STATUS_PAGE (self->status), _("No Problems Found"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->status),
                                       _("Index with the image check to look inside every file too."));
    }
}

static void
row_activated (GtkColumnView    *view,
               guint             position,
               DdFindingsWindow *self)
{
  g_autoptr(DdFindingItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (item)
    g_signal_emit (self, signals[FINDING_ACTIVATED], 0,
                   dd_health_kind_to_string (item->kind), item->key, item->sample_id);
}

void
dd_findings_window_activate_row (DdFindingsWindow *self,
                                 guint             position)
{
  g_return_if_fail (DD_IS_FINDINGS_WINDOW (self));
  row_activated (GTK_COLUMN_VIEW (self->column_view), position, self);
}

guint
dd_findings_window_get_n_shown (DdFindingsWindow *self)
{
  g_return_val_if_fail (DD_IS_FINDINGS_WINDOW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

gboolean
dd_findings_window_get_loaded (DdFindingsWindow *self)
{
  g_return_val_if_fail (DD_IS_FINDINGS_WINDOW (self), FALSE);
  return self->loaded;
}

/* ---- columns ---------------------------------------------------------------------- */

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), GPOINTER_TO_INT (user_data) == 1
                                              ? PANGO_ELLIPSIZE_START : PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_label (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  DdFindingItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const char *text;

  switch (GPOINTER_TO_INT (user_data))
    {
    case 0:
      text = dd_health_kind_title (item->kind);
      break;
    case 1:
      text = item->key;
      break;
    default:
      text = item->detail;
      break;
    }
  gtk_label_set_label (GTK_LABEL (label), text ? text : "");
  gtk_widget_set_tooltip_text (label, text);
}

static void
add_column (DdFindingsWindow *self,
            const char       *title,
            int               which,
            gboolean          expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label), GINT_TO_POINTER (which));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label), GINT_TO_POINTER (which));
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->column_view), column);
}

/* ---- object ----------------------------------------------------------------------- */

static void
dd_findings_window_dispose (GObject *object)
{
  DdFindingsWindow *self = DD_FINDINGS_WINDOW (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->catalog);
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_FINDINGS_WINDOW);
  G_OBJECT_CLASS (dd_findings_window_parent_class)->dispose (object);
}

static void
dd_findings_window_finalize (GObject *object)
{
  DdFindingsWindow *self = DD_FINDINGS_WINDOW (object);

  g_free (self->wanted_kind);
  g_clear_object (&self->store);
  g_clear_object (&self->filtered);
  G_OBJECT_CLASS (dd_findings_window_parent_class)->finalize (object);
}

static void
dd_findings_window_class_init (DdFindingsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_findings_window_dispose;
  object_class->finalize = dd_findings_window_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  /**
   * DdFindingsWindow::finding-activated:
   * @kind: the health kind's name
   * @key: the sample key, class wnid, cell or annotation file
   * @sample_id: the sample, or 0 when the finding is not about one sample
   */
  signals[FINDING_ACTIVATED] = g_signal_new ("finding-activated", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING,
                                             G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/datadive/DataDive/ui/dd-findings-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DdFindingsWindow, title);
  gtk_widget_class_bind_template_child (widget_class, DdFindingsWindow, kinds);
  gtk_widget_class_bind_template_child (widget_class, DdFindingsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DdFindingsWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, DdFindingsWindow, status);
  gtk_widget_class_bind_template_callback (widget_class, kind_selected);
  gtk_widget_class_bind_template_callback (widget_class, row_activated);
}

static void
dd_findings_window_init (DdFindingsWindow *self)
{
  GtkMultiSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->kind = -1;
  self->store = g_list_store_new (DD_TYPE_FINDING_ITEM);
  self->filter = gtk_custom_filter_new (match_kind, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                              GTK_FILTER (self->filter));
  selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->column_view), GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  add_column (self, _("Kind"), 0, FALSE);
  add_column (self, _("Sample, class or cell"), 1, TRUE);
  add_column (self, _("Detail"), 2, TRUE);
}

DdFindingsWindow *
dd_findings_window_new (GtkWindow  *parent,
                        DdCatalog  *catalog,
                        const char *kind)
{
  DdFindingsWindow *self;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);

  self = g_object_new (DD_TYPE_FINDINGS_WINDOW,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->catalog = g_object_ref (catalog);
  self->wanted_kind = g_strdup (kind);
  self->cancellable = g_cancellable_new ();
  dd_health_report_async (catalog, self->cancellable, report_ready, self);
  return self;
}
