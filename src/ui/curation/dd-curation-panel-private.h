/* DdCurationPanel's state, shared by dd-curation-panel.c (the controls and the recipe)
 * and dd-curation-panel-classes.c (the class list's column view). */
#pragma once

#include "dd-curation-panel.h"
#include "dd-taxonomy.h"

G_BEGIN_DECLS

struct _DdCurationPanel
{
  GtkWidget    parent_instance;

  DdDocument  *document;
  DdFacets    *all;            /* counts over every sample */
  DdFacets    *flagged;        /* counts over the samples with a health finding */
  GCancellable *cancellable;
  gboolean     syncing;        /* widgets follow the recipe: do not apply */
  gboolean     counted;        /* the catalog-wide counts were asked for */
  guint        quota_id;

  GtkWidget   *list_scroll;
  GtkWidget   *search;
  GtkWidget   *parent_menu;    /* GtkDropDown of WordNet parents */
  GListStore  *classes;        /* of DdClassItem, by id */
  GPtrArray   *pending;        /* DdClassItems not in the list yet (see add_class_rows) */
  guint        rows_idle;
  GtkCustomFilter *class_filter;
  GtkSorter   *checked_sorter; /* the checked classes first, when asked */
  GtkWidget   *checked_first;  /* GtkToggleButton */
  GtkWidget   *class_view;     /* GtkColumnView */
  GHashTable  *class_checks;   /* wnid → the check button of a bound row */
  GtkWidget   *corruption_box;
  GtkWidget   *severity_box;
  GtkWidget   *split_box;
  GtkWidget   *flag_box;
  GtkWidget   *quota_spin;
  GtkWidget   *seed_spin;
  GPtrArray   *parents;        /* synset wnids, index = dropdown position - 1 */
  GStrv        group_classes;  /* the classes of the group picked last, while kept */
  gboolean     group_pending;  /* … and not in the recipe yet (it is saved first) */
  DdTaxonomy  *taxonomy;       /* WordNet above the classes, every hypernym path */
};

/* dd-curation-panel-classes.c: the class list, its model (self->classes), filter and
 * sorters created; Enter on a row toggles its class. */
GtkWidget *dd_curation_panel_build_class_view (DdCurationPanel *self);

G_END_DECLS
