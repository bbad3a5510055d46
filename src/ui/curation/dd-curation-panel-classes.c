/* DdCurationPanel's class list: a GtkColumnView over the DdClassItems (check, class,
 * wnid, WordNet parent, in subset / all, findings), filtered by the search, sorted by a
 * header and, when asked, with the checked classes first. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-class-item.h"
#include "dd-curation-panel-private.h"
#include "dd-text-cell.h"

static gboolean
class_matches (gpointer item,
               gpointer user_data)
{
  DdCurationPanel *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search));
  g_autofree char *needle = g_utf8_strdown (text, -1);

  /* the unlabeled row goes once the counts say the catalog has no unlabeled sample
   * (hiding the first row keeps the list at its top; showing it later would insert it
   * above the row GTK keeps in place, out of view) */
  if (dd_class_item_get_id (item) == 0 && self->all && self->all->n_classes > 0 &&
      self->all->classes[0] == 0)
    return FALSE;
  return *needle == '\0' || strstr (dd_class_item_get_search (item), needle) != NULL;
}

/* ---- the class list: a GtkColumnView over the DdClassItems ---------------------- */

static void
check_setup (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             DdCurationPanel          *self)
{
  GtkWidget *check = gtk_check_button_new ();

  gtk_list_item_set_child (list_item, check);
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
check_bind (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            DdCurationPanel          *self)
{
  DdClassItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *check = gtk_list_item_get_child (list_item);
  GBinding *binding = g_object_bind_property (item, "checked", check, "active",
                                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  g_object_set_data (G_OBJECT (list_item), "dd-binding", binding);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  dd_class_item_get_name (item), -1);
  g_hash_table_insert (self->class_checks, g_strdup (dd_class_item_get_wnid (item)), check);
}

static void
check_unbind (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              DdCurationPanel          *self)
{
  DdClassItem *item = gtk_list_item_get_item (list_item);
  GBinding *binding = g_object_steal_data (G_OBJECT (list_item), "dd-binding");

  if (binding)
    g_binding_unbind (binding);
  if (item && g_hash_table_lookup (self->class_checks, dd_class_item_get_wnid (item)) ==
              gtk_list_item_get_child (list_item))
    g_hash_table_remove (self->class_checks, dd_class_item_get_wnid (item));
}

/* A column of text cells showing one string property of the items (DdTextCell, not
 * GtkLabel: the list keeps up to 200 rows bound and measures them all; a cut name says
 * itself whole on hover). */
static void
label_setup (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  GtkWidget *cell = dd_text_cell_new ();
  const char *css = g_object_get_data (G_OBJECT (factory), "dd-css");

  dd_text_cell_set_xalign (DD_TEXT_CELL (cell), g_object_get_data (G_OBJECT (factory), "dd-end") ? 1 : 0);
  if (css)
    {
      g_auto(GStrv) classes = g_strsplit (css, " ", -1);

      for (guint i = 0; classes[i]; i++)
        gtk_widget_add_css_class (cell, classes[i]);
    }
  gtk_list_item_set_child (list_item, cell);
}

static void
label_bind (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  GBinding *binding = g_object_bind_property (gtk_list_item_get_item (list_item),
                                              g_object_get_data (G_OBJECT (factory), "dd-property"),
                                              gtk_list_item_get_child (list_item), "text",
                                              G_BINDING_SYNC_CREATE);

  g_object_set_data (G_OBJECT (list_item), "dd-binding", binding);
}

static void
label_unbind (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GBinding *binding = g_object_steal_data (G_OBJECT (list_item), "dd-binding");

  if (binding)
    g_binding_unbind (binding);
}

static void
add_label_column (GtkColumnView *view,
                  const char    *title,
                  const char    *property,
                  const char    *css,
                  gboolean       end,
                  int            width,      /* -1: takes the room left */
                  GtkSorter     *sorter)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "dd-property", (gpointer) property);
  g_object_set_data (G_OBJECT (factory), "dd-css", (gpointer) css);
  g_object_set_data (G_OBJECT (factory), "dd-end", GINT_TO_POINTER (end));
  g_signal_connect (factory, "setup", G_CALLBACK (label_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (label_bind), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (label_unbind), NULL);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, width < 0);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (column, width);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_append_column (view, column);
  g_object_unref (column);
  g_clear_object (&sorter);
}

static GtkSorter *
string_sorter (const char *property)
{
  return GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (DD_TYPE_CLASS_ITEM, NULL,
                                                                         property)));
}

static GtkSorter *
number_sorter (const char *property)
{
  GtkNumericSorter *sorter =
    gtk_numeric_sorter_new (gtk_property_expression_new (DD_TYPE_CLASS_ITEM, NULL, property));

  gtk_numeric_sorter_set_sort_order (sorter, GTK_SORT_DESCENDING);
  return GTK_SORTER (sorter);
}

/* Enter (or a double click) on a row toggles its class, for the keyboard. */
static void
class_row_activated (GtkColumnView   *view,
                     guint            position,
                     DdCurationPanel *self)
{
  g_autoptr(DdClassItem) item =
    g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)), position);

  if (item)
    dd_class_item_set_checked (item, !dd_class_item_get_checked (item));
}

/* "Checked First": checked classes before the others; else no order of its own. */
static int
compare_checked (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  DdCurationPanel *self = user_data;
  gboolean x, y;

  if (!gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->checked_first)))
    return GTK_ORDERING_EQUAL;
  x = dd_class_item_get_checked ((DdClassItem *) a);
  y = dd_class_item_get_checked ((DdClassItem *) b);
  return x == y ? GTK_ORDERING_EQUAL : x ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
}

/* Check, class, wnid, WordNet parent, in subset / total, findings: filtered by the
 * search, sorted by a click on a header (the checked classes first, when asked). */
GtkWidget *
dd_curation_panel_build_class_view (DdCurationPanel *self)
{
  GtkWidget *view = gtk_column_view_new (NULL);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;

  self->classes = g_list_store_new (DD_TYPE_CLASS_ITEM);
  self->class_filter = gtk_custom_filter_new (class_matches, self, NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->classes)),
                                        GTK_FILTER (g_object_ref (self->class_filter)));

  g_signal_connect (factory, "setup", G_CALLBACK (check_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (check_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (check_unbind), self);
  column = gtk_column_view_column_new (NULL, factory);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (view), column);
  g_object_unref (column);

  add_label_column (GTK_COLUMN_VIEW (view), _("Class"), "name", NULL, FALSE, -1,
                    string_sorter ("name"));
  add_label_column (GTK_COLUMN_VIEW (view), _("wnid"), "wnid", "dim-label caption", FALSE, 90,
                    string_sorter ("wnid"));
  add_label_column (GTK_COLUMN_VIEW (view), _("WordNet Parent"), "parent-name", "dim-label caption",
                    FALSE, 120, string_sorter ("parent-name"));
  /* TRANSLATORS: column of the class list: samples of the class in the subset / in all */
  add_label_column (GTK_COLUMN_VIEW (view), _("Subset / All"), "count-text", "numeric caption", TRUE,
                    116, number_sorter ("in-subset"));   /* "10,003 / 10,003" whole */
  add_label_column (GTK_COLUMN_VIEW (view), _("Findings"), "findings-text", "numeric warning", TRUE,
                    68, number_sorter ("findings"));

  {
    GtkMultiSorter *sorter = gtk_multi_sorter_new ();

    self->checked_sorter = GTK_SORTER (gtk_custom_sorter_new (compare_checked, self, NULL));
    gtk_multi_sorter_append (sorter, g_object_ref (self->checked_sorter));
    gtk_multi_sorter_append (sorter,
                             g_object_ref (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (view))));
    sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered), GTK_SORTER (sorter));
  }
  gtk_column_view_set_model (GTK_COLUMN_VIEW (view),
                             GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (sorted))));
  gtk_column_view_set_show_row_separators (GTK_COLUMN_VIEW (view), TRUE);
  gtk_column_view_set_reorderable (GTK_COLUMN_VIEW (view), FALSE);
  gtk_widget_add_css_class (view, "data-table");
  g_signal_connect (view, "activate", G_CALLBACK (class_row_activated), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Classes"), -1);
  return view;
}
