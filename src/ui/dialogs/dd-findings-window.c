/* DdFindingsWindow: every finding of the health report — the sample's thumbnail, kind,
 * what it is about, one line of detail — as a table or as a grid of thumbnails,
 * filtered by kind; a double click (or Enter) on a row or card asks the main window to
 * show it. The report comes from dd_health_report_async, the samples' files from one
 * look-up after it; the thumbnails from the shared thumbnailer.
 *
 * Rows and cards are built by one factory each over the same list of DdFindingItem. A
 * near duplicate's row and card also say where its group of copies stands in the
 * document's subset, with a button that resolves the group in one undoable step
 * ("findings.resolve": keep one copy, exclude the others). */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-catalog-lookup.h"
#include "dd-finding-item.h"
#include "dd-finding-thumb.h"
#include "dd-findings-window.h"
#include "dd-health.h"
#include "dd-health-near-async.h"
#include "dd-text.h"
#include "dd-thumbnailer.h"
#include "dd-ui-text.h"

/* ---- the window ------------------------------------------------------------------- */

struct _DdFindingsWindow
{
  AdwWindow          parent_instance;

  DdCatalog         *catalog;
  DdDocument        *document;      /* NULL: the groups cannot be resolved here */
  GCancellable      *cancellable;
  GPtrArray         *groups;        /* DdNearGroup of the report */
  GHashTable        *group_of;      /* key → DdNearGroup in groups */
  DdRecipe          *resolved;      /* the last recipe a group's button applied */
  gboolean           resolving;     /* from the click until the document has the result */
  char              *resolving_key; /* the group being resolved: a key of it */
  DdRecipe          *resolving_base; /* the recipe it is resolved in */
  guint              reload_id;     /* the catalog changed: the report again, soon */
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
  GtkWidget         *grid_view;
  GtkWidget         *grid_button;   /* GtkToggleButton: the grid of thumbnails */
  GtkWidget         *status;
  AdwToastOverlay   *toasts;
  GtkColumnViewColumn *subset_column; /* the groups' buttons: near duplicates only */
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

  return self->kind < 0 || dd_finding_item_get_kind (item) == (DdHealthKind) self->kind;
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
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack),
                                    n == 0 ? "empty"
                                    : gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->grid_button))
                                    ? "grid" : "table");
}

/* The list or the grid of thumbnails, as the header's buttons say. */
static void
mode_toggled (DdFindingsWindow *self)
{
  update_title (self);
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
  /* the column of the groups' buttons where there are groups to resolve */
  gtk_column_view_column_set_visible (self->subset_column,
                                      self->groups && self->groups->len > 0 &&
                                      (self->kind < 0 || dd_health_kind_is_near (self->kind)));
  update_title (self);
}

static void
samples_ready (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  DdFindingsWindow *self = user_data;
  g_autoptr(GPtrArray) samples = dd_catalog_get_samples_finish (DD_CATALOG (object), result, NULL);
  g_autoptr(GHashTable) path_of = NULL;
  guint n;

  if (samples == NULL)
    return;   /* cancelled (the window is gone), or no thumbnails: the rows stay */
  path_of = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < samples->len; i++)
    {
      DdSampleInfo *sample = g_ptr_array_index (samples, i);

      g_hash_table_insert (path_of, &sample->id, sample->path);
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdFindingItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      gint64 id = dd_finding_item_get_sample_id (item);

      if (id > 0)
        dd_finding_item_set_path (item, g_hash_table_lookup (path_of, &id));
    }
}

/* ---- resolving a group of copies ------------------------------------------------------- */

static gboolean
is_excluded (DdRecipe   *recipe,
             const char *key)
{
  return recipe && dd_recipe_get_override (recipe, key) == DD_RECIPE_OVERRIDE_EXCLUDE;
}

/* Each near duplicate's place in the document's recipe: its group resolved when every
 * copy but one is out of the subset. */
static void
update_resolutions (DdFindingsWindow *self)
{
  DdRecipe *recipe = self->document ? dd_document_get_recipe (self->document) : NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  /* a resolved group's recipe is current (or another one came): the buttons work again */
  if (self->resolving && self->resolving_key == NULL)
    {
      self->resolving = FALSE;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "findings.resolve", TRUE);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdFindingItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      const char *key = dd_finding_item_get_key (item);
      DdNearGroup *group;
      guint size, out = 0;
      DdFindingResolution resolution;

      if (!dd_health_kind_is_near (dd_finding_item_get_kind (item)) ||
          (group = g_hash_table_lookup (self->group_of, key)) == NULL)
        continue;
      size = g_strv_length (group->keys);
      for (guint k = 0; k < size; k++)
        out += is_excluded (recipe, group->keys[k]);
      if (is_excluded (recipe, key))
        resolution = DD_FINDING_GROUP_EXCLUDED;
      else if (out + 1 >= size)
        resolution = DD_FINDING_GROUP_KEPT;
      else
        resolution = DD_FINDING_GROUP_OPEN;
      dd_finding_item_set_n_copies (item, size - 1);
      dd_finding_item_set_resolution (item, resolution);
    }
}

static void
undo_resolve (AdwToast         *toast,
              DdFindingsWindow *self)
{
  /* only the change the toast is about: not one made since in another window */
  if (self->document && self->resolved &&
      dd_recipe_equal (dd_document_get_recipe (self->document), self->resolved))
    dd_document_undo (self->document);
}

static void
resolve_ready (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  DdFindingsWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(DdRecipe) recipe = dd_health_resolve_group_finish (DD_CATALOG (object), result,
                                                               &kept, &error);
  DdRecipe *before;
  DdNearGroup *group;
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;
  g_autoptr(DdRecipe) base = NULL;
  AdwToast *toast;
  guint n = 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->resolving = FALSE;
  key = g_steal_pointer (&self->resolving_key);
  base = g_steal_pointer (&self->resolving_base);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "findings.resolve", TRUE);
  if (recipe == NULL)
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  before = dd_document_get_recipe (self->document);
  if (before && base && !dd_recipe_equal (before, base))
    {
      /* the recipe changed meanwhile (an undo, an edit elsewhere): resolved again in
       * that one, so that nothing of it is lost */
      gtk_widget_activate_action (GTK_WIDGET (self), "findings.resolve", "s", key);
      return;
    }
  group = g_hash_table_lookup (self->group_of, key);
  for (guint k = 0; group && group->keys[k]; k++)
    n += g_strcmp0 (group->keys[k], kept) != 0 && !is_excluded (before, group->keys[k]) &&
         is_excluded (recipe, group->keys[k]);
  if (before && dd_recipe_equal (before, recipe))
    {
      adw_toast_overlay_add_toast (self->toasts,
                                   adw_toast_new (_("The group is resolved already")));
      return;
    }
  g_clear_pointer (&self->resolved, dd_recipe_unref);
  self->resolved = dd_recipe_ref (recipe);
  /* the document stores it before it becomes current: no other group is resolved in
   * the recipe of before until then (its change would be lost) */
  self->resolving = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "findings.resolve", FALSE);
  dd_document_apply (self->document, recipe);
  name = g_path_get_basename (kept);
  /* TRANSLATORS: after resolving a group of near duplicates: "Kept n0153_4.JPEG,
   * excluded 2 copies" */
  toast = adw_toast_new_format (g_dngettext (GETTEXT_PACKAGE, "Kept %s, excluded %u copy",
                                             "Kept %s, excluded %u copies", n), name, n);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_resolve), self, 0);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

/* "findings.resolve" with a key: its group, as one recipe change. */
static void
resolve_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DdFindingsWindow *self = DD_FINDINGS_WINDOW (widget);
  const char *key = g_variant_get_string (parameter, NULL);
  DdNearGroup *group = g_hash_table_lookup (self->group_of, key);
  DdRecipe *recipe;

  if (group == NULL || self->document == NULL || self->resolving ||
      (recipe = dd_document_get_recipe (self->document)) == NULL)
    return;
  self->resolving = TRUE;
  g_free (self->resolving_key);
  self->resolving_key = g_strdup (key);
  g_clear_pointer (&self->resolving_base, dd_recipe_unref);
  self->resolving_base = dd_recipe_ref (recipe);
  gtk_widget_action_set_enabled (widget, "findings.resolve", FALSE);
  dd_health_resolve_group_async (self->catalog, recipe, group, self->cancellable, resolve_ready,
                                 self);
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
  g_autoptr(GArray) ids = NULL;
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
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < report->findings->len; i++)
    {
      DdFinding *f = g_ptr_array_index (report->findings, i);

      g_ptr_array_add (items, dd_finding_item_new (f->kind, f->key, f->detail, f->sample_id));
      if (f->sample_id > 0)
        g_array_append_val (ids, f->sample_id);
    }
  /* the groups of copies, before the rows are bound */
  g_hash_table_remove_all (self->group_of);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  self->groups = g_steal_pointer (&report->groups);
  for (guint i = 0; self->groups && i < self->groups->len; i++)
    {
      DdNearGroup *group = g_ptr_array_index (self->groups, i);

      for (guint k = 0; group->keys[k]; k++)
        g_hash_table_insert (self->group_of, group->keys[k], group);
    }
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);
  update_resolutions (self);
  /* the samples' files, for their thumbnails: one look-up */
  if (ids->len > 0)
    dd_catalog_get_samples_async (self->catalog, (gint64 *) ids->data, ids->len, self->cancellable,
                                  samples_ready, self);

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
                                       _("Check Images in the main menu looks inside every file "
                                         "too."));
    }
}

/* The catalog changed (a content pass, a new near-duplicate threshold): the report is
 * made again, once the changes settle, with the kind shown kept. */
static gboolean
reload_report (gpointer data)
{
  DdFindingsWindow *self = data;

  self->reload_id = 0;
  if (self->loaded)
    {
      g_free (self->wanted_kind);
      self->wanted_kind = self->kind >= 0 ? g_strdup (dd_health_kind_to_string (self->kind))
                                          : NULL;
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->resolving = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "findings.resolve", TRUE);
  adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->title), _("Looking for problems…"));
  dd_health_report_async (self->catalog, self->cancellable, report_ready, self);
  return G_SOURCE_REMOVE;
}

static void
catalog_changed (DdFindingsWindow *self)
{
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add (300, reload_report, self);
}

static void
row_activated (GtkColumnView    *view,
               guint             position,
               DdFindingsWindow *self)
{
  g_autoptr(DdFindingItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (item)
    g_signal_emit (self, signals[FINDING_ACTIVATED], 0,
                   dd_health_kind_to_string (dd_finding_item_get_kind (item)),
                   dd_finding_item_get_key (item), dd_finding_item_get_sample_id (item));
}

void
dd_findings_window_activate_row (DdFindingsWindow *self,
                                 guint             position)
{
  g_return_if_fail (DD_IS_FINDINGS_WINDOW (self));
  row_activated (GTK_COLUMN_VIEW (self->column_view), position, self);
}

void
dd_findings_window_set_grid (DdFindingsWindow *self,
                             gboolean          grid)
{
  g_return_if_fail (DD_IS_FINDINGS_WINDOW (self));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->grid_button), grid);
}

guint
dd_findings_window_get_n_thumbnails (DdFindingsWindow *self)
{
  GtkWidget *view = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->grid_button))
                    ? self->grid_view : self->column_view;
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  guint n = 0;

  g_return_val_if_fail (DD_IS_FINDINGS_WINDOW (self), 0);
  g_ptr_array_add (stack, view);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_PICTURE (widget) && gtk_widget_get_mapped (widget) &&
          GDK_IS_TEXTURE (gtk_picture_get_paintable (GTK_PICTURE (widget))))
        n++;
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
  return n;
}

guint
dd_findings_window_get_n_shown (DdFindingsWindow *self)
{
  g_return_val_if_fail (DD_IS_FINDINGS_WINDOW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

DdCatalog *
dd_findings_window_get_catalog (DdFindingsWindow *self)
{
  g_return_val_if_fail (DD_IS_FINDINGS_WINDOW (self), NULL);
  return self->catalog;
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
      text = dd_health_kind_title (dd_finding_item_get_kind (item));
      break;
    case 1:
      text = dd_finding_item_get_key (item);
      break;
    default:
      text = dd_finding_item_get_detail (item);
      break;
    }
  gtk_label_set_label (GTK_LABEL (label), text ? text : "");
  dd_ui_set_tooltip (label, text);
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

/* ---- a group's place in the subset ----------------------------------------------------- */

/* A near duplicate's button that resolves its group ("Keep One, Exclude 2 Copies"), or
 * once resolved what became of this copy; empty for other findings. */
typedef struct {
  GtkWidget     *button;
  GtkWidget     *button_label;
  GtkWidget     *state;
  DdFindingItem *item;
  gulong         handler;
} Resolve;

static void
resolve_clear (Resolve *r)
{
  if (r->item)
    g_clear_signal_handler (&r->handler, r->item);
  g_clear_object (&r->item);
}

static void
resolve_free (Resolve *r)
{
  resolve_clear (r);
  g_free (r);
}

static void
resolve_show (Resolve *r)
{
  DdFindingResolution resolution = dd_finding_item_get_resolution (r->item);
  guint n = dd_finding_item_get_n_copies (r->item);

  gtk_widget_set_visible (r->button, resolution == DD_FINDING_GROUP_OPEN);
  gtk_widget_set_visible (r->state, resolution == DD_FINDING_GROUP_KEPT ||
                                    resolution == DD_FINDING_GROUP_EXCLUDED);
  if (resolution == DD_FINDING_GROUP_OPEN)
    {
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Keep One, Exclude %u Copy",
                                                             "Keep One, Exclude %u Copies", n),
                                                n);

      gtk_label_set_label (GTK_LABEL (r->button_label), label);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (r->button), "s",
                                        dd_finding_item_get_key (r->item));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (r->button), "findings.resolve");
      dd_ui_set_tooltip (r->button,
                                   dd_finding_item_get_kind (r->item) == DD_HEALTH_SPLIT_LEAKAGE
                                   ? _("Keeps the copy in the training split and excludes the "
                                       "others from the subset; undoable")
                                   : _("Keeps the largest copy and excludes the others from the "
                                       "subset; undoable"));
    }
  else if (resolution == DD_FINDING_GROUP_KEPT)
    {
      /* TRANSLATORS: a copy of a resolved group of near duplicates, in the report */
      gtk_label_set_label (GTK_LABEL (r->state), _("Kept"));
      dd_ui_set_tooltip (r->state, _("This copy stays in the subset"));
      gtk_widget_remove_css_class (r->state, "dim-label");
    }
  else if (resolution == DD_FINDING_GROUP_EXCLUDED)
    {
      /* TRANSLATORS: a copy out of the subset, in the report's group of near duplicates */
      gtk_label_set_label (GTK_LABEL (r->state), _("Excluded"));
      dd_ui_set_tooltip (r->state, _("This copy is excluded from the subset"));
      gtk_widget_add_css_class (r->state, "dim-label");
    }
}

/* @wrap: on two lines if need be (a card of the grid is narrow) */
static GtkWidget *
resolve_new (gboolean wrap)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  Resolve *r = g_new0 (Resolve, 1);

  r->button = gtk_button_new ();   /* its action is set with its target, on bind */
  r->button_label = gtk_label_new (NULL);
  if (wrap)
    {
      gtk_label_set_wrap (GTK_LABEL (r->button_label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (r->button_label), 14);
      gtk_label_set_justify (GTK_LABEL (r->button_label), GTK_JUSTIFY_CENTER);
      gtk_widget_set_hexpand (r->button, TRUE);
    }
  gtk_button_set_child (GTK_BUTTON (r->button), r->button_label);
  gtk_widget_set_valign (r->button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (r->button, "dd-resolve-button");
  r->state = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (r->state), 0);
  gtk_label_set_ellipsize (GTK_LABEL (r->state), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (r->state, "dim-label");
  gtk_box_append (GTK_BOX (box), r->button);
  gtk_box_append (GTK_BOX (box), r->state);
  gtk_widget_set_visible (r->button, FALSE);
  gtk_widget_set_visible (r->state, FALSE);
  g_object_set_data_full (G_OBJECT (box), "dd-resolve", r, (GDestroyNotify) resolve_free);
  return box;
}

static void
resolve_bind (GtkWidget     *box,
              DdFindingItem *item)
{
  Resolve *r = g_object_get_data (G_OBJECT (box), "dd-resolve");

  resolve_clear (r);
  r->item = g_object_ref (item);
  r->handler = g_signal_connect_swapped (item, "notify::resolution", G_CALLBACK (resolve_show), r);
  resolve_show (r);
}

static void
resolve_unbind (GtkWidget *box)
{
  resolve_clear (g_object_get_data (G_OBJECT (box), "dd-resolve"));
}

/* ---- the columns of thumbnails (dd-finding-thumb.c) and of the subset --------------- */

/* How a column's cells are made (by @make, given @arg) and follow their item: the user
 * data of the column's factory. */
typedef struct {
  GtkWidget *(*make)   (int            arg);
  void       (*bind)   (GtkWidget     *cell,
                        DdFindingItem *item);
  void       (*unbind) (GtkWidget     *cell);
  int          arg;
} CellKind;

static const CellKind thumb_cells = {
  dd_finding_thumb_new, dd_finding_thumb_bind, dd_finding_thumb_unbind, 40
};
static const CellKind resolve_cells = { resolve_new, resolve_bind, resolve_unbind, FALSE };

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            const CellKind           *kind)
{
  gtk_list_item_set_child (list_item, kind->make (kind->arg));
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           const CellKind           *kind)
{
  kind->bind (gtk_list_item_get_child (list_item), gtk_list_item_get_item (list_item));
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             const CellKind           *kind)
{
  kind->unbind (gtk_list_item_get_child (list_item));
}

/* Appends a column of @kind's cells; the view holds it. */
static GtkColumnViewColumn *
add_cell_column (DdFindingsWindow *self,
                 const char       *title,
                 const CellKind   *kind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), (gpointer) kind);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), (gpointer) kind);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), (gpointer) kind);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->column_view), column);
  return column;
}

/* A card of the grid: the thumbnail, the kind with its icon, what it is about and the
 * detail, each cut with the whole in a tooltip. */
static void
setup_card (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *kind = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *key = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_widget_add_css_class (card, "dd-finding-card");
  gtk_box_append (GTK_BOX (card), dd_finding_thumb_new (112));
  gtk_widget_add_css_class (icon, "dd-health-badge");
  /* the kind whole, on two lines if need be ("Annotation without file" was cut to
   * "Annotation with…") */
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 12);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "caption-heading");
  gtk_box_append (GTK_BOX (kind), icon);
  gtk_box_append (GTK_BOX (kind), title);
  gtk_box_append (GTK_BOX (card), kind);
  gtk_label_set_ellipsize (GTK_LABEL (key), PANGO_ELLIPSIZE_START);
  gtk_label_set_xalign (GTK_LABEL (key), 0);
  gtk_widget_add_css_class (key, "caption");
  gtk_box_append (GTK_BOX (card), key);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_box_append (GTK_BOX (card), detail);
  {
    GtkWidget *resolve = resolve_new (TRUE);

    gtk_box_append (GTK_BOX (card), resolve);
    g_object_set_data (G_OBJECT (card), "dd-resolve-box", resolve);
  }
  gtk_widget_set_size_request (card, 150, -1);
  g_object_set_data (G_OBJECT (card), "dd-icon", icon);
  g_object_set_data (G_OBJECT (card), "dd-title", title);
  g_object_set_data (G_OBJECT (card), "dd-key", key);
  g_object_set_data (G_OBJECT (card), "dd-detail", detail);
  gtk_list_item_set_child (list_item, card);
}

static void
bind_card (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  DdFindingItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *card = gtk_list_item_get_child (list_item);
  DdHealthKind kind = dd_finding_item_get_kind (item);
  g_autofree char *tooltip = g_strdup_printf ("%s: %s\n%s\n%s", dd_health_kind_title (kind),
                                              dd_ui_health_problem (kind),
                                              dd_finding_item_get_key (item),
                                              dd_finding_item_get_detail (item)
                                              ? dd_finding_item_get_detail (item) : "");

  dd_finding_thumb_bind (gtk_widget_get_first_child (card), item);
  resolve_bind (g_object_get_data (G_OBJECT (card), "dd-resolve-box"), item);
  gtk_image_set_from_icon_name (g_object_get_data (G_OBJECT (card), "dd-icon"),
                                dd_ui_health_icon (kind));
  gtk_label_set_label (g_object_get_data (G_OBJECT (card), "dd-title"), dd_health_kind_title (kind));
  gtk_label_set_label (g_object_get_data (G_OBJECT (card), "dd-key"), dd_finding_item_get_key (item));
  gtk_label_set_label (g_object_get_data (G_OBJECT (card), "dd-detail"),
                       dd_finding_item_get_detail (item) ? dd_finding_item_get_detail (item) : "");
  /* built on bind: a report's grid is small, and this window is not scrolled at 60 fps */
  dd_ui_set_tooltip (card, tooltip);
}

static void
unbind_card (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  GtkWidget *card = gtk_list_item_get_child (list_item);

  dd_finding_thumb_unbind (gtk_widget_get_first_child (card));
  resolve_unbind (g_object_get_data (G_OBJECT (card), "dd-resolve-box"));
}

/* ---- object ----------------------------------------------------------------------- */

static void
dd_findings_window_dispose (GObject *object)
{
  DdFindingsWindow *self = DD_FINDINGS_WINDOW (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->catalog)
    g_signal_handlers_disconnect_by_data (self->catalog, self);
  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->catalog);
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_FINDINGS_WINDOW);
  G_OBJECT_CLASS (dd_findings_window_parent_class)->dispose (object);
}

static void
dd_findings_window_finalize (GObject *object)
{
  DdFindingsWindow *self = DD_FINDINGS_WINDOW (object);

  g_free (self->wanted_kind);
  g_clear_pointer (&self->group_of, g_hash_table_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->resolved, dd_recipe_unref);
  g_clear_pointer (&self->resolving_base, dd_recipe_unref);
  g_free (self->resolving_key);
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
  gtk_widget_class_install_action (widget_class, "findings.resolve", "s", resolve_activated);

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
  gtk_widget_class_bind_template_child (widget_class, DdFindingsWindow, grid_view);
  gtk_widget_class_bind_template_child (widget_class, DdFindingsWindow, grid_button);
  gtk_widget_class_bind_template_child (widget_class, DdFindingsWindow, status);
  gtk_widget_class_bind_template_child (widget_class, DdFindingsWindow, toasts);
  gtk_widget_class_bind_template_callback (widget_class, kind_selected);
  gtk_widget_class_bind_template_callback (widget_class, row_activated);
  gtk_widget_class_bind_template_callback (widget_class, mode_toggled);
}

static void
dd_findings_window_init (DdFindingsWindow *self)
{
  GtkMultiSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->kind = -1;
  self->group_of = g_hash_table_new (g_str_hash, g_str_equal);
  self->store = g_list_store_new (DD_TYPE_FINDING_ITEM);
  self->filter = gtk_custom_filter_new (match_kind, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                              GTK_FILTER (self->filter));
  selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->column_view), GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  add_cell_column (self, NULL, &thumb_cells);
  {
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (setup_card), NULL);
    g_signal_connect (factory, "bind", G_CALLBACK (bind_card), NULL);
    g_signal_connect (factory, "unbind", G_CALLBACK (unbind_card), NULL);
    gtk_grid_view_set_factory (GTK_GRID_VIEW (self->grid_view), factory);
    g_object_unref (factory);
    selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
    gtk_grid_view_set_model (GTK_GRID_VIEW (self->grid_view), GTK_SELECTION_MODEL (selection));
    g_object_unref (selection);
  }
  add_column (self, _("Kind"), 0, FALSE);
  add_column (self, _("Sample, class or cell"), 1, TRUE);
  add_column (self, _("Detail"), 2, TRUE);
  self->subset_column = add_cell_column (self, _("Subset"), &resolve_cells);
  gtk_column_view_column_set_resizable (self->subset_column, TRUE);
  gtk_column_view_column_set_visible (self->subset_column, FALSE);
}

DdFindingsWindow *
dd_findings_window_new (GtkWindow  *parent,
                        DdCatalog  *catalog,
                        DdDocument *document,
                        const char *kind)
{
  DdFindingsWindow *self;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (document == NULL || DD_IS_DOCUMENT (document), NULL);

  self = g_object_new (DD_TYPE_FINDINGS_WINDOW,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->catalog = g_object_ref (catalog);
  g_signal_connect_swapped (catalog, "changed", G_CALLBACK (catalog_changed), self);
  if (document)
    {
      self->document = g_object_ref (document);
      g_signal_connect_swapped (document, "notify::recipe", G_CALLBACK (update_resolutions), self);
      /* a change the catalog refused (it is not applied): the buttons work again */
      g_signal_connect_swapped (document, "notify::error", G_CALLBACK (update_resolutions), self);
    }
  self->wanted_kind = g_strdup (kind);
  self->cancellable = g_cancellable_new ();
  dd_health_report_async (catalog, self->cancellable, report_ready, self);
  return self;
}
