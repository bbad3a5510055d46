/* What dd-window.c, dd-window-status.c, dd-window-actions.c, dd-window-dnd.c and
 * dd-window-near.c share: the window's fields and the functions one file offers the
 * others. */
#pragma once

#include "dd-coarse-page.h"
#include "dd-fine-page.h"
#include "dd-medium-page.h"
#include "dd-session.h"
#include "dd-subset-summary.h"
#include "dd-window.h"

G_BEGIN_DECLS

struct _DdWindow
{
  AdwApplicationWindow  parent_instance;

  /* the template */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwWindowTitle       *dataset_title;   /* the dataset and recipe beside the tabs when wide */
  GtkRevealer          *index_revealer;
  GtkRevealer          *read_only_banner;
  GtkLabel             *index_label;
  GtkProgressBar       *index_progress;
  GtkStack             *main_stack;
  AdwStatusPage        *loading_page;
  GtkProgressBar       *loading_progress;
  GtkWidget            *loading_cancel;
  AdwStatusPage        *error_page;
  AdwViewStack         *view_stack;
  GtkWidget            *switcher_bar;
  GMenu                *recent_section;
  GMenu                *index_section;
  GtkMenuButton        *menu_button;
  DdCoarsePage         *coarse_page;
  DdMediumPage         *medium_page;
  DdFinePage           *fine_page;
  DdSubsetSummary      *subset_summary;

  DdSession            *session;
  DdDocument           *document;        /* the session's, followed for the subtitle */
  guint                 title_idle;
  guint                 pulse_id;
  guint                 banner_id;
  char                 *last_toast;      /* for tests */
  GCancellable         *near_cancellable; /* the threshold being applied, or NULL */
  guint                 near_applied;     /* the threshold applied last */
};


/* dd-window-status.c: the title and subtitle follow the session and its document; an
 * index in the background shows its bar; the bars follow the session's progress; toasts
 * say what happened. */
void dd_window_toast           (DdWindow   *self,
                                const char *text);
/* A toast with a button: @action_name (and @target) when it is clicked. */
void dd_window_toast_action    (DdWindow   *self,
                                const char *text,
                                const char *button,
                                const char *action_name,
                                GVariant   *target);
/* A page's or the session's word (plain text), and an edit a page made, with Undo. */
void dd_window_show_message    (DdWindow   *self,
                                const char *text);
void dd_window_show_undoable   (DdWindow   *self,
                                const char *text);
void dd_window_title_changed   (DdWindow   *self);
void dd_window_update_subtitle (DdWindow   *self);
void dd_window_indexing_changed (DdWindow  *self);
void dd_window_bind_progress   (DdWindow   *self);

/* dd-window-actions.c: the win.* actions, their enabled states following the session;
 * undo and redo follow the document (called when its history changes). */
void dd_window_install_actions (DdWindow   *self);
void dd_window_follow_document (DdWindow   *self);

/* dd-window-dnd.c: datasets dropped on the window, the subset dragged out of it. */
void dd_window_setup_dnd       (DdWindow   *self);

/* dd-window-near.c: the preference's near-duplicate threshold for the open catalog,
 * off the main thread, one at a time (called when the preference changes). */
void dd_window_apply_near_threshold (DdWindow *self);

G_END_DECLS
