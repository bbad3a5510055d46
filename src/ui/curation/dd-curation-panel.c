/* DdCurationPanel: the Medium tab's controls. Classes (with search and bulk by WordNet
 * synset), corruptions, severities, splits, health exclusions and the per-class quota;
 * each change is one dd_document_apply(), so one undo step. The class list's column
 * view is built in dd-curation-panel-classes.c. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-text.h"
#include "dd-class-item.h"
#include "dd-curation-panel-private.h"
#include "dd-taxonomy.h"
#include "dd-ui-text.h"


G_DEFINE_FINAL_TYPE (DdCurationPanel, dd_curation_panel, GTK_TYPE_WIDGET)

enum {
  APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void sync_group            (DdCurationPanel *self);

static DdRecipe *
current (DdCurationPanel *self)
{
  return dd_document_get_recipe (self->document);
}

static void
apply (DdCurationPanel *self,
       DdRecipe        *recipe)
{
  if (!self->syncing && self->document)
    dd_document_apply (self->document, recipe);
}

/* The checked values of a box of check buttons ("value" data); NULL when all are
 * checked (the recipe's "all"). */
static GPtrArray *
checked_values (GtkWidget *box,
                gboolean  *all)
{
  GPtrArray *out = g_ptr_array_new ();

  *all = TRUE;
  for (GtkWidget *w = gtk_widget_get_first_child (box); w; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *check = GTK_IS_LIST_BOX_ROW (w) ? g_object_get_data (G_OBJECT (w), "check") : w;

      if (!GTK_IS_CHECK_BUTTON (check))
        continue;
      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        g_ptr_array_add (out, g_object_get_data (G_OBJECT (check), "value"));
      else
        *all = FALSE;
    }
  g_ptr_array_add (out, NULL);
  return out;
}

static void flush_class_rows (DdCurationPanel *self);

static void
classes_changed (DdCurationPanel *self)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(DdRecipe) next = NULL;
  gboolean all = TRUE;
  guint n;

  if (self->syncing)
    return;
  /* every class counts, also those whose rows are still on their way */
  flush_class_rows (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->classes));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdClassItem) item = g_list_model_get_item (G_LIST_MODEL (self->classes), i);

      if (dd_class_item_get_checked (item))
        g_ptr_array_add (values, (gpointer) dd_class_item_get_wnid (item));
      else
        all = FALSE;
    }
  g_ptr_array_add (values, NULL);
  next = dd_recipe_with_classes (current (self), all ? NULL : (const char * const *) values->pdata);
  apply (self, next);
}

/* A box of names (corruptions, splits) into the recipe by @with: all checked is "all". */
static void
names_changed (DdCurationPanel *self,
               GtkWidget       *box,
               DdRecipe      *(*with) (DdRecipe *recipe, const char * const *names))
{
  gboolean all;
  g_autoptr(GPtrArray) values = checked_values (box, &all);
  g_autoptr(DdRecipe) next = with (current (self), all ? NULL : (const char * const *) values->pdata);

  apply (self, next);
}

static void
corruptions_changed (DdCurationPanel *self)
{
  names_changed (self, self->corruption_box, dd_recipe_with_corruptions);
}

static void
severities_changed (DdCurationPanel *self)
{
  gboolean all;
  g_autoptr(GPtrArray) values = checked_values (self->severity_box, &all);
  int mask = 0;
  g_autoptr(DdRecipe) next = NULL;

  for (guint i = 0; values->pdata[i]; i++)
    mask |= 1 << (GPOINTER_TO_INT (values->pdata[i]) - 1);
  next = dd_recipe_with_severities (current (self), all ? -1 : mask);
  apply (self, next);
}

static void
splits_changed (DdCurationPanel *self)
{
  names_changed (self, self->split_box, dd_recipe_with_splits);
}

static void
flags_changed (DdCurationPanel *self)
{
  gboolean all;
  g_autoptr(GPtrArray) values = checked_values (self->flag_box, &all);
  g_autoptr(DdRecipe) next = dd_recipe_with_exclude_flags (current (self),
                                                           values->len > 1 ? (const char * const *) values->pdata : NULL);
  apply (self, next);
}

static gboolean
quota_timeout (gpointer data)
{
  DdCurationPanel *self = data;
  g_autoptr(DdRecipe) next = NULL;

  self->quota_id = 0;
  next = dd_recipe_with_quota (current (self),
                               gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->quota_spin)),
                               gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->seed_spin)));
  apply (self, next);
  return G_SOURCE_REMOVE;
}

static void
quota_changed (DdCurationPanel *self)
{
  if (self->syncing)
    return;
  /* typing "250" is one step, not three */
  g_clear_handle_id (&self->quota_id, g_source_remove);
  self->quota_id = g_timeout_add (350, quota_timeout, self);
}

static GtkWidget *
add_check (GtkWidget       *box,
           const char      *label,
           gpointer         value,
           GDestroyNotify   free_value,
           GCallback        changed,
           DdCurationPanel *self)
{
  GtkWidget *check = gtk_check_button_new_with_label (label);

  g_object_set_data_full (G_OBJECT (check), "value", value, free_value);
  g_signal_connect_swapped (check, "toggled", changed, self);
  gtk_box_append (GTK_BOX (box), check);
  return check;
}

static void
set_check (GtkWidget  *check,
           gboolean    active,
           const char *count)
{
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  if (count)
    {
      const char *label = g_object_get_data (G_OBJECT (check), "base-label");
      g_autofree char *text = NULL;

      if (label == NULL)
        {
          g_object_set_data_full (G_OBJECT (check), "base-label",
                                  g_strdup (gtk_check_button_get_label (GTK_CHECK_BUTTON (check))), g_free);
          label = g_object_get_data (G_OBJECT (check), "base-label");
        }
      text = g_strdup_printf ("%s  (%s)", label, count);
      gtk_check_button_set_label (GTK_CHECK_BUTTON (check), text);
    }
}

static gboolean
in_list (const char * const *list,
         const char         *value)
{
  return list == NULL || g_strv_contains (list, value);
}

/* A toggle's count: in the subset when checked; when unchecked (0 in the subset) what
 * the whole catalog holds, so the user sees what checking it could bring back. */
static char *
toggle_count (gboolean active,
              guint    in_subset,
              guint    in_all)
{
  g_autofree char *all = NULL;

  if (active)
    return dd_format_count (in_subset);
  all = dd_format_count (in_all);
  /* TRANSLATORS: the count beside an unchecked corruption, severity or split: "4,500 in all" */
  return g_strdup_printf (_("%s in all"), all);
}

/* The widgets follow the recipe and the counts, without applying anything. */
static void
sync_widgets (DdCurationPanel *self)
{
  DdRecipe *recipe;
  DdFacets *facets;
  const char * const *classes, *const *corruptions, *const *splits, *const *flags;
  int severities;

  if (self->document == NULL)
    return;
  recipe = current (self);
  facets = dd_document_get_facets (self->document);
  classes = dd_recipe_get_classes (recipe);
  corruptions = dd_recipe_get_corruptions (recipe);
  splits = dd_recipe_get_splits (recipe);
  flags = dd_recipe_get_exclude_flags (recipe);
  severities = dd_recipe_get_severity_mask (recipe);

  self->syncing = TRUE;
  {
    DdCatalog *catalog = dd_document_get_catalog (self->document);
    g_autoptr(GHashTable) kept = g_hash_table_new (NULL, NULL);
    guint n = g_list_model_get_n_items (G_LIST_MODEL (self->classes));

    /* a recipe names a class by wnid or by any of its names; the unlabeled samples
     * (the row of id 0) by their token */
    for (guint i = 0; classes && classes[i]; i++)
      {
        guint id = g_str_equal (classes[i], DD_RECIPE_UNLABELED)
                   ? 0 : dd_catalog_lookup_class (catalog, classes[i]);

        if (id != 0 || g_str_equal (classes[i], DD_RECIPE_UNLABELED))
          g_hash_table_add (kept, GUINT_TO_POINTER (id));
      }
    for (guint i = 0; i < n + self->pending->len; i++)
      {
        g_autoptr(DdClassItem) item = i < n ? g_list_model_get_item (G_LIST_MODEL (self->classes), i)
                                            : g_object_ref (self->pending->pdata[i - n]);
        guint id = dd_class_item_get_id (item);

        dd_class_item_set_checked (item, classes == NULL ||
                                   g_hash_table_contains (kept, GUINT_TO_POINTER (id)));
        dd_class_item_set_counts (item, facets && id < facets->n_classes ? facets->classes[id] : 0,
                                  self->all && id < self->all->n_classes ? self->all->classes[id] : 0,
                                  self->flagged && id < self->flagged->n_classes
                                    ? self->flagged->classes[id] : 0);
      }
  }
  for (GtkWidget *w = gtk_widget_get_first_child (self->corruption_box); w; w = gtk_widget_get_next_sibling (w))
    {
      const char *name = g_object_get_data (G_OBJECT (w), "value");
      guint id = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (w), "id"));
      gboolean active = in_list (corruptions, name);
      g_autofree char *count =
        toggle_count (active, facets && id < facets->n_corruptions ? facets->corruptions[id] : 0,
                      self->all && id < self->all->n_corruptions ? self->all->corruptions[id] : 0);
      if (GTK_IS_CHECK_BUTTON (w))
        set_check (w, active, count);
    }
  for (GtkWidget *w = gtk_widget_get_first_child (self->severity_box); w; w = gtk_widget_get_next_sibling (w))
    {
      int s = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (w), "value")) - 1;
      gboolean active = severities < 0 || (severities & (1 << s));
      g_autofree char *count =
        toggle_count (active, facets && s >= 0 && (guint) s < facets->n_severities ? facets->severities[s] : 0,
                      self->all && s >= 0 && (guint) s < self->all->n_severities ? self->all->severities[s] : 0);
      if (GTK_IS_CHECK_BUTTON (w))
        set_check (w, active, count);
    }
  for (GtkWidget *w = gtk_widget_get_first_child (self->split_box); w; w = gtk_widget_get_next_sibling (w))
    {
      guint id = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (w), "id"));
      gboolean active = in_list (splits, g_object_get_data (G_OBJECT (w), "value"));
      g_autofree char *count =
        toggle_count (active, facets && id < facets->n_splits ? facets->splits[id] : 0,
                      self->all && id < self->all->n_splits ? self->all->splits[id] : 0);
      if (GTK_IS_CHECK_BUTTON (w))
        set_check (w, active, count);
    }
  for (GtkWidget *w = gtk_widget_get_first_child (self->flag_box); w; w = gtk_widget_get_next_sibling (w))
    {
      guint kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (w), "id"));
      g_autofree char *count = dd_format_count (self->all ? self->all->flags[kind] : 0);
      if (GTK_IS_CHECK_BUTTON (w))
        set_check (w, flags && g_strv_contains (flags, g_object_get_data (G_OBJECT (w), "value")), count);
    }
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->quota_spin), dd_recipe_get_per_class_limit (recipe));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->seed_spin), dd_recipe_get_seed (recipe));
  sync_group (self);
  self->syncing = FALSE;
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->checked_first)))
    gtk_sorter_changed (self->checked_sorter, GTK_SORTER_CHANGE_DIFFERENT);
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)))
    {
      gtk_box_remove (GTK_BOX (box), child);
    }
}

static void
search_changed (DdCurationPanel *self)
{
  gtk_filter_changed (GTK_FILTER (self->class_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
set_all_classes (DdCurationPanel *self,
                 gboolean         all)
{
  g_autoptr(DdRecipe) next = NULL;
  const char *none[] = { NULL };

  next = dd_recipe_with_classes (current (self), all ? NULL : none);
  apply (self, next);
}

static void
all_clicked (DdCurationPanel *self)
{
  set_all_classes (self, TRUE);
}

static void
none_clicked (DdCurationPanel *self)
{
  set_all_classes (self, FALSE);
}

/* "Keep the classes under…": every class under one WordNet synset, through all of
 * its hypernym paths. The drop-down goes on showing the group while the recipe keeps
 * its classes, and the window says what was applied (with Undo). */
static void
parent_selected (DdCurationPanel *self)
{
  guint pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->parent_menu));
  g_autoptr(GPtrArray) classes = NULL;
  g_autoptr(GPtrArray) wnids = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(DdRecipe) next = NULL;
  const char *group;
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;

  if (self->syncing || pos == 0 || pos == GTK_INVALID_LIST_POSITION || self->document == NULL ||
      self->taxonomy == NULL || pos > self->parents->len)
    return;
  group = g_ptr_array_index (self->parents, pos - 1);
  ids = dd_taxonomy_get_classes_under (self->taxonomy, group);
  classes = dd_catalog_list_classes (dd_document_get_catalog (self->document));
  wnids = g_ptr_array_new ();
  for (guint i = 0; i < classes->len; i++)
    {
      DdClassInfo *c = classes->pdata[i];

      for (guint k = 0; c && ids && k < ids->len; k++)
        if (g_array_index (ids, guint, k) == c->id)
          g_ptr_array_add (wnids, c->wnid);
    }
  g_ptr_array_add (wnids, NULL);
  next = dd_recipe_with_classes (current (self), (const char * const *) wnids->pdata);
  g_strfreev (self->group_classes);
  self->group_classes = g_strdupv ((char **) dd_recipe_get_classes (next));
  self->group_pending = TRUE;
  apply (self, next);
  count = dd_format_count (wnids->len - 1);
  /* TRANSLATORS: after "Keep the classes under…": "Kept the 6 classes under “dog”" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Kept the %s class under “%s”",
                                       "Kept the %s classes under “%s”", wnids->len - 1),
                          count, dd_taxonomy_get_label (self->taxonomy, group));
  g_signal_emit (self, signals[APPLIED], 0, text);
}

/* The drop-down shows the group picked last while the recipe keeps exactly its classes;
 * else its first line again. */
static void
sync_group (DdCurationPanel *self)
{
  const char * const *classes = dd_recipe_get_classes (current (self));
  gboolean same = self->group_classes && classes &&
                  g_strv_equal ((const char * const *) self->group_classes, classes);

  if (same)
    self->group_pending = FALSE;
  if (same || self->group_pending ||
      gtk_drop_down_get_selected (GTK_DROP_DOWN (self->parent_menu)) == 0)
    return;
  g_clear_pointer (&self->group_classes, g_strfreev);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->parent_menu), 0);
}

/* The groups to offer: every synset above at least two classes (and not above all of
 * them), each with its number of classes counted once. */
static void
taxonomy_ready (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  DdTaxonomy *taxonomy = dd_taxonomy_new_finish (result, &error);
  DdCurationPanel *self = user_data;
  GtkStringList *parents;
  g_autoptr(GPtrArray) groups = NULL;

  if (taxonomy == NULL)
    return;   /* cancelled: the panel may be gone */
  g_clear_pointer (&self->taxonomy, dd_taxonomy_free);
  self->taxonomy = taxonomy;
  g_ptr_array_set_size (self->parents, 0);
  parents = gtk_string_list_new (NULL);
  gtk_string_list_append (parents, _("Keep the classes under…"));
  groups = dd_taxonomy_list_groups (taxonomy, 2);
  for (guint i = 0; i < groups->len; i++)
    {
      g_autoptr(GArray) ids = dd_taxonomy_get_classes_under (taxonomy, groups->pdata[i]);
      g_autofree char *label = g_strdup_printf ("%s (%u)",
                                                dd_taxonomy_get_label (taxonomy, groups->pdata[i]),
                                                ids->len);
      gtk_string_list_append (parents, label);
      g_ptr_array_add (self->parents, g_strdup (groups->pdata[i]));
    }
  self->syncing = TRUE;
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->parent_menu), G_LIST_MODEL (parents));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->parent_menu), 0);
  self->syncing = FALSE;
  g_object_unref (parents);
}

/* The class list's rows come in slices, one per turn of the main loop when it has
 * nothing else to do: a GtkColumnView of GTK 4.8 makes and binds the widgets of up to
 * 200 rows as soon as their items are in its model, shown or not, and 1,000 classes
 * spliced at once took 45–55 ms of one frame (at 5 M, a stall of the first scroll).
 * A slice is about two screenfuls (the list shows 8–12 rows), one change for the filter
 * and the sorter; the first is made at once, also when the tab is first shown while the
 * window was too busy to make the list before (40 rows a slice made that visit's stall
 * 51–59 ms at 5 M, 16 rows 25–36 ms). */
#define CLASS_ROWS_SLICE 16

static void
splice_pending (DdCurationPanel *self,
                guint           n)
{
  n = MIN (n, self->pending->len);
  g_list_store_splice (self->classes, g_list_model_get_n_items (G_LIST_MODEL (self->classes)), 0,
                       self->pending->pdata, n);
  g_ptr_array_remove_range (self->pending, 0, n);
}

static gboolean
add_class_rows (gpointer data)
{
  DdCurationPanel *self = data;

  splice_pending (self, CLASS_ROWS_SLICE);
  if (self->pending->len > 0)
    return G_SOURCE_CONTINUE;
  self->rows_idle = 0;
  return G_SOURCE_REMOVE;
}

/* Every row now: what reads the whole list (the recipe's classes) needs them all. */
static void
flush_class_rows (DdCurationPanel *self)
{
  g_clear_handle_id (&self->rows_idle, g_source_remove);
  splice_pending (self, self->pending->len);
}

static void
build_vocabulary (DdCurationPanel *self)
{
  DdCatalog *catalog = dd_document_get_catalog (self->document);
  g_autoptr(GPtrArray) classes = dd_catalog_list_classes (catalog);
  g_autoptr(GPtrArray) corruptions = dd_catalog_list_corruptions (catalog);
  g_autoptr(GPtrArray) splits = dd_catalog_list_splits (catalog);
  GtkStringList *parents = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (classes->len + 1, g_object_unref);

  clear_box (self->corruption_box);
  clear_box (self->severity_box);
  clear_box (self->split_box);
  clear_box (self->flag_box);
  g_ptr_array_set_size (self->parents, 0);

  /* The samples without a label have a row like any class, first (as Clean among
   * corruptions): unchecking classes one by one keeps them until it is unchecked too.
   * It is hidden when the counts say the catalog has none. */
  {
    DdClassInfo unlabeled = { 0, };
    g_autoptr(DdClassItem) item = NULL;
    g_autofree char *names = g_strdup_printf ("%s unlabeled unlabelled", _("Unlabeled"));

    unlabeled.wnid = (char *) DD_RECIPE_UNLABELED;
    unlabeled.name = (char *) _("Unlabeled");
    unlabeled.names = names;
    item = dd_class_item_new (&unlabeled);
    g_signal_connect_object (item, "notify::checked", G_CALLBACK (classes_changed), self,
                             G_CONNECT_SWAPPED);
    g_ptr_array_add (items, g_steal_pointer (&item));
  }
  for (guint i = 0; i < classes->len; i++)
    {
      DdClassInfo *c = g_ptr_array_index (classes, i);
      g_autoptr(DdClassItem) item = NULL;

      if (c == NULL || c->wnid == NULL)
        continue;
      item = dd_class_item_new (c);
      g_signal_connect_object (item, "notify::checked", G_CALLBACK (classes_changed), self,
                               G_CONNECT_SWAPPED);
      g_ptr_array_add (items, g_steal_pointer (&item));
    }
  /* two screenfuls of rows at once, the others in slices (add_class_rows) */
  g_clear_handle_id (&self->rows_idle, g_source_remove);
  g_ptr_array_set_size (self->pending, 0);
  g_list_store_splice (self->classes, 0, g_list_model_get_n_items (G_LIST_MODEL (self->classes)),
                       items->pdata, MIN (items->len, CLASS_ROWS_SLICE));
  for (guint i = CLASS_ROWS_SLICE; i < items->len; i++)
    g_ptr_array_add (self->pending, g_object_ref (items->pdata[i]));
  if (self->pending->len > 0)
    self->rows_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, add_class_rows, self, NULL);
  /* the groups follow from the taxonomy, built off the main thread after the counts
   * (count_catalog) */
  g_clear_pointer (&self->taxonomy, dd_taxonomy_free);
  gtk_string_list_append (parents, _("Keep the classes under…"));
  self->syncing = TRUE;
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->parent_menu), G_LIST_MODEL (parents));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->parent_menu), 0);
  self->syncing = FALSE;
  g_object_unref (parents);

  for (guint i = 0; i < corruptions->len; i++)
    {
      DdCorruptionInfo *c = g_ptr_array_index (corruptions, i);
      g_autofree char *title = dd_ui_corruption_title (c->name);
      /* TRANSLATORS: a corruption and its family in the Medium tab: "Fog · Weather" */
      g_autofree char *label = c->id == 0 ? g_strdup (_("Clean"))
                                          : g_strdup_printf (_("%s · %s"), title,
                                                             dd_ui_family_title (c->family));
      GtkWidget *check = add_check (self->corruption_box, label, g_strdup (c->name), g_free,
                                    G_CALLBACK (corruptions_changed), self);
      g_object_set_data (G_OBJECT (check), "id", GUINT_TO_POINTER (c->id));
    }
  for (int s = 0; s <= 5; s++)
    {
      g_autofree char *label = s == 0 ? g_strdup (_("Clean")) : g_strdup_printf (_("Severity %d"), s);
      add_check (self->severity_box, label, GINT_TO_POINTER (s + 1), NULL,
                 G_CALLBACK (severities_changed), self);
    }
  for (guint i = 0; i < splits->len; i++)
    {
      DdSplitInfo *sp = g_ptr_array_index (splits, i);
      GtkWidget *check = add_check (self->split_box, sp->name, g_strdup (sp->name), g_free,
                                    G_CALLBACK (splits_changed), self);
      g_object_set_data (G_OBJECT (check), "id", GUINT_TO_POINTER (sp->id));
    }
  for (guint k = 0; k < DD_HEALTH_N_KINDS; k++)
    {
      GtkWidget *check;

      if (k == DD_HEALTH_ORPHAN_ANNOTATION || k == DD_HEALTH_MISSING_CELL)
        continue;   /* not samples: nothing to leave out */
      check = add_check (self->flag_box, dd_health_kind_title (k),
                         g_strdup (dd_health_kind_to_string (k)), g_free,
                         G_CALLBACK (flags_changed), self);
      g_object_set_data (G_OBJECT (check), "id", GUINT_TO_POINTER (k));
    }
}

/* The catalog-wide work behind the panel runs one job after the other, each over every
 * sample (5 million at ImageNet scale): the counts of every sample, then of those with
 * a finding, then the taxonomy. Run at once they took both cores from the window for
 * as long as they took (the grid's frames stalled 60–150 ms at 5 M). */
typedef void (*CountNext) (DdCurationPanel *self);

/* One catalog-wide count: a selection, then its facets, into self->all or
 * self->flagged, then @next. Cancelled with the panel's cancellable, so self is only
 * used after an answer that is not "cancelled". */
typedef struct {
  DdCurationPanel *self;
  DdFacets       **into;
  CountNext        next;
} Count;

static void
count_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autofree Count *count = user_data;
  g_autoptr(GError) error = NULL;
  DdFacets *facets = dd_catalog_facets_finish (DD_CATALOG (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (facets)
    {
      g_clear_pointer (count->into, dd_facets_free);
      *count->into = facets;
      if (count->into == &count->self->all)
        gtk_filter_changed (GTK_FILTER (count->self->class_filter), GTK_FILTER_CHANGE_DIFFERENT);
      sync_widgets (count->self);
    }
  count->next (count->self);
}

static void
count_selected (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Count *count = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdSelection) selection = dd_catalog_select_finish (DD_CATALOG (object), result, &error);

  if (selection == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        count->next (count->self);
      g_free (count);
      return;
    }
  dd_catalog_facets_async (DD_CATALOG (object), selection, count->self->cancellable, count_done,
                           count);
}

static void
count_into (DdCurationPanel *self,
            const DdFilter  *filter,
            DdFacets       **into,
            CountNext        next)
{
  Count *count = g_new0 (Count, 1);

  count->self = self;
  count->into = into;
  count->next = next;
  dd_catalog_select_async (dd_document_get_catalog (self->document), filter, self->cancellable,
                           count_selected, count);
}

static void
build_taxonomy (DdCurationPanel *self)
{
  dd_taxonomy_new_async (dd_document_get_catalog (self->document), self->cancellable,
                         taxonomy_ready, self);
}

/* Each class's samples with a health finding, for the Findings column. */
static void
count_flagged (DdCurationPanel *self)
{
  g_autoptr(DdFilter) flagged = dd_filter_new ();

  flagged->require_flags = G_MAXUINT32;
  count_into (self, flagged, &self->flagged, build_taxonomy);
}

/* The catalog-wide counts (every sample, and those with a finding), asked for once the
 * document has its subset: at opening, the subset comes first. A subset of every
 * sample (the usual opening) has them already in its facets. */
static void
count_catalog (DdCurationPanel *self)
{
  DdSelection *subset;
  DdFacets *facets;

  if (self->counted || self->document == NULL ||
      (subset = dd_document_get_selection (self->document)) == NULL)
    return;
  if (dd_selection_get_n (subset) == dd_catalog_get_n_samples (dd_document_get_catalog (self->document)))
    {
      if ((facets = dd_document_get_facets (self->document)) == NULL)
        return;   /* on their way: notify::facets comes back here */
      self->counted = TRUE;
      g_clear_pointer (&self->all, dd_facets_free);
      self->all = dd_facets_copy (facets);
      gtk_filter_changed (GTK_FILTER (self->class_filter), GTK_FILTER_CHANGE_DIFFERENT);
      sync_widgets (self);
      count_flagged (self);
      return;
    }
  self->counted = TRUE;
  count_into (self, NULL, &self->all, count_flagged);
}

void
dd_curation_panel_set_document (DdCurationPanel *self,
                                DdDocument      *document)
{
  g_return_if_fail (DD_IS_CURATION_PANEL (self));

  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->all, dd_facets_free);
  g_clear_pointer (&self->flagged, dd_facets_free);
  g_clear_handle_id (&self->rows_idle, g_source_remove);
  if (self->pending)
    g_ptr_array_set_size (self->pending, 0);
  g_set_object (&self->document, document);
  if (document == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  build_vocabulary (self);
  self->counted = FALSE;
  g_signal_connect_swapped (document, "notify::recipe", G_CALLBACK (sync_widgets), self);
  g_signal_connect_swapped (document, "notify::facets", G_CALLBACK (sync_widgets), self);
  g_signal_connect_swapped (document, "notify::selection", G_CALLBACK (count_catalog), self);
  g_signal_connect_swapped (document, "notify::facets", G_CALLBACK (count_catalog), self);
  count_catalog (self);
  sync_widgets (self);
}

/* The quota reads "No limit" at 0 ("Per class 0" read as none per class). */
static gboolean
quota_output (GtkSpinButton *spin)
{
  guint value = (guint) gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
  g_autofree char *text = value == 0 ? g_strdup (_("No limit")) : g_strdup_printf ("%u", value);

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
quota_input (GtkSpinButton *spin,
             double        *value)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  guint64 n;

  if (g_utf8_collate (text, _("No limit")) == 0 || *text == '\0')
    {
      *value = 0;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT, &n, NULL))
    return GTK_INPUT_ERROR;
  *value = n;
  return TRUE;
}

static void
dd_curation_panel_dispose (GObject *object)
{
  DdCurationPanel *self = DD_CURATION_PANEL (object);
  GtkWidget *child;

  dd_curation_panel_set_document (self, NULL);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_handle_id (&self->quota_id, g_source_remove);
  g_clear_pointer (&self->parents, g_ptr_array_unref);
  g_clear_pointer (&self->group_classes, g_strfreev);
  g_clear_pointer (&self->taxonomy, dd_taxonomy_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_CURATION_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->classes);
  g_clear_object (&self->class_filter);
  g_clear_object (&self->checked_sorter);
  g_clear_pointer (&self->class_checks, g_hash_table_unref);
  G_OBJECT_CLASS (dd_curation_panel_parent_class)->dispose (object);
}

static void
checked_first_toggled (DdCurationPanel *self)
{
  gtk_sorter_changed (self->checked_sorter, GTK_SORTER_CHANGE_DIFFERENT);
}

static void
dd_curation_panel_class_init (DdCurationPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_curation_panel_dispose;
  /**
   * DdCurationPanel::applied:
   * @text: one line
   *
   * A bulk change was applied ("Kept the 6 classes under “dog”"): the window says it and
   * offers Undo.
   */
  signals[APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_set_css_name (widget_class, "curation");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/datadive/DataDive/ui/dd-curation-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, DdCurationPanel, search);
  gtk_widget_class_bind_template_child (widget_class, DdCurationPanel, parent_menu);
  gtk_widget_class_bind_template_child (widget_class, DdCurationPanel, list_scroll);
  gtk_widget_class_bind_template_child (widget_class, DdCurationPanel, corruption_box);
  gtk_widget_class_bind_template_child (widget_class, DdCurationPanel, severity_box);
  gtk_widget_class_bind_template_child (widget_class, DdCurationPanel, split_box);
  gtk_widget_class_bind_template_child (widget_class, DdCurationPanel, flag_box);
  gtk_widget_class_bind_template_child (widget_class, DdCurationPanel, quota_spin);
  gtk_widget_class_bind_template_child (widget_class, DdCurationPanel, seed_spin);
  gtk_widget_class_bind_template_callback (widget_class, search_changed);
  gtk_widget_class_bind_template_callback (widget_class, parent_selected);
  gtk_widget_class_bind_template_callback (widget_class, all_clicked);
  gtk_widget_class_bind_template_callback (widget_class, none_clicked);
  gtk_widget_class_bind_template_callback (widget_class, quota_changed);
  gtk_widget_class_bind_template_callback (widget_class, checked_first_toggled);
  gtk_widget_class_bind_template_callback (widget_class, quota_output);
  gtk_widget_class_bind_template_callback (widget_class, quota_input);
  gtk_widget_class_bind_template_child (widget_class, DdCurationPanel, checked_first);
}

/* GTK 4.8's drop-down does not give its search entry the focus when its list opens:
 * typing "dog" there went nowhere. */
static GtkWidget *
find_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_search_entry (child);

      if (found)
        return found;
    }
  return NULL;
}

static gboolean
focus_search_entry (gpointer data)
{
  GtkWidget *popover = data;
  GtkWidget *entry = gtk_widget_get_mapped (popover) ? find_search_entry (popover) : NULL;

  if (entry)
    gtk_widget_grab_focus (entry);
  return G_SOURCE_REMOVE;
}

/* after the popover has placed the focus itself (on its list) */
static void
parent_menu_opened (GtkWidget *popover)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, focus_search_entry, g_object_ref (popover),
                   g_object_unref);
}

static void
dd_curation_panel_init (DdCurationPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  for (GtkWidget *child = gtk_widget_get_first_child (self->parent_menu); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      g_signal_connect (child, "map", G_CALLBACK (parent_menu_opened), NULL);
  self->parents = g_ptr_array_new_with_free_func (g_free);
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  self->class_checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->class_view = dd_curation_panel_build_class_view (self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->list_scroll), self->class_view);
}

GtkWidget *
dd_curation_panel_new (void)
{
  return g_object_new (DD_TYPE_CURATION_PANEL, NULL);
}

DdDocument *
dd_curation_panel_get_document (DdCurationPanel *self)
{
  g_return_val_if_fail (DD_IS_CURATION_PANEL (self), NULL);
  return self->document;
}

/* For tests: the check button of a class whose row is on screen (else NULL). */
GtkCheckButton *
dd_curation_panel_get_class_check (DdCurationPanel *self,
                                   const char      *wnid)
{
  g_return_val_if_fail (DD_IS_CURATION_PANEL (self), NULL);
  return g_hash_table_lookup (self->class_checks, wnid);
}

void
dd_curation_panel_focus_search (DdCurationPanel *self)
{
  g_return_if_fail (DD_IS_CURATION_PANEL (self));
  gtk_widget_grab_focus (self->search);
}
