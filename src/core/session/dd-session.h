/* DdSession: what the window has open, and the work of opening it. It resolves what to
 * open (a dataset folder, a catalog file, the last dataset, else the demo dataset,
 * generated on first use), opens the catalog, indexes the folder under the catalog's
 * index lock (a new catalog in the foreground, a known one in the background, then the
 * image check) and keeps the recent datasets. GLib only: the window binds its
 * properties and shows its messages; `datadive-cli index` runs the same index
 * (dd-index-run.h).
 *
 * Properties (notified on the main context that created the session):
 *   "state"        DdSessionState
 *   "title"        the dataset's name ("Demo Dataset", the folder's or catalog's), or NULL
 *   "target"       what is open: the folder or the catalog file, or NULL
 *   "folder"       the folder it re-indexes, NULL for a catalog file or a read-only catalog
 *   "catalog"      the open DdCatalog, or NULL
 *   "document"     the DdDocument being curated, or NULL
 *   "all-samples"  DdSelection of every sample of the catalog (set again after an index
 *                  changed the samples), or NULL
 *   "read-only"    the catalog cannot be written: shown, never re-indexed, recipes not kept
 *   "error"        GError: why the state is DD_SESSION_STATE_ERROR
 *   "fraction"     progress of the running job in [0, 1], negative when unknown
 *   "text"         what the running job is doing
 *   "indexing"     an index or image check runs (in the foreground: state INDEXING)
 *   "can-reindex"  a writable catalog of a folder is open and no index runs
 *   "can-check-images" a writable catalog is open (of a folder or a catalog file) and no
 *                  index runs: the image check can run
 *   "last-dataset" the dataset opened last (read and written: bind it to a setting)
 *   "recent"       GStrv: datasets opened recently, newest first (likewise)
 * Signal "message" (const char *text): news worth a line and no dialog ("Indexing
 * stopped", "1,234 new samples", a background index's error). */
#pragma once

#include <gio/gio.h>

#include "dd-catalog.h"
#include "dd-document.h"

G_BEGIN_DECLS

#define DD_SESSION_ERROR (dd_session_error_quark ())
GQuark dd_session_error_quark (void);

typedef enum {
  DD_SESSION_ERROR_NO_IMAGES,       /* a folder with no image in it */
  DD_SESSION_ERROR_EMPTY_CATALOG,   /* a catalog file holding no sample, no folder to index */
  DD_SESSION_ERROR_NOT_FOUND,       /* the target does not exist or is not a folder */
} DdSessionError;

typedef enum {
  DD_SESSION_STATE_EMPTY,      /* nothing open */
  DD_SESSION_STATE_PREPARING,  /* opening the last dataset, or the demo (generated first) */
  DD_SESSION_STATE_OPENING,    /* opening the folder or catalog asked for */
  DD_SESSION_STATE_INDEXING,   /* the first index of a folder: nothing to show yet */
  DD_SESSION_STATE_READY,      /* the catalog is shown; a background index may run */
  DD_SESSION_STATE_ERROR,      /* "error" says why */
} DdSessionState;

#define DD_TYPE_SESSION_STATE (dd_session_state_get_type ())
GType dd_session_state_get_type (void) G_GNUC_CONST;

#define DD_TYPE_SESSION (dd_session_get_type ())
G_DECLARE_FINAL_TYPE (DdSession, dd_session, DD, SESSION, GObject)

DdSession      *dd_session_new              (void);

/* Opens @target: a dataset folder (its catalog opens at once when it holds samples,
 * then the folder is re-indexed in the background; else it is indexed first) or a
 * catalog file. NULL opens the last dataset, else the demo dataset (generated first
 * when absent). Whatever was open is closed first. Nothing blocks. */
void            dd_session_open             (DdSession   *self,
                                             const char  *target);
/* Closes what is open (every job stops); the state becomes EMPTY. */
void            dd_session_close            (DdSession   *self);
/* "Cancel" while opening: stops the first index (the state becomes EMPTY, nothing is
 * left behind) or the opening itself. */
void            dd_session_cancel           (DdSession   *self);
/* Indexes the open folder again in the background (nothing when !can-reindex). */
void            dd_session_reindex          (DdSession   *self);
/* Runs the image check (the content pass: decodes every image not checked yet, fills
 * in the health findings) in the background, with progress; nothing when
 * !can-check-images. dd_session_stop_indexing() stops it. */
void            dd_session_check_images     (DdSession   *self);
/* Stops the running index or image check (what it wrote so far stays). */
void            dd_session_stop_indexing    (DdSession   *self);
/* Shows @error as the session's state (a part of the window that could not show the
 * catalog). */
void            dd_session_fail             (DdSession   *self,
                                             const GError *error);

DdSessionState  dd_session_get_state        (DdSession   *self);
const char     *dd_session_get_title        (DdSession   *self);
const char     *dd_session_get_target       (DdSession   *self);
const char     *dd_session_get_folder       (DdSession   *self);
DdCatalog      *dd_session_get_catalog      (DdSession   *self);
DdDocument     *dd_session_get_document     (DdSession   *self);
DdSelection    *dd_session_get_all_samples  (DdSession   *self);
gboolean        dd_session_get_read_only    (DdSession   *self);
const GError   *dd_session_get_error        (DdSession   *self);
double          dd_session_get_fraction     (DdSession   *self);
const char     *dd_session_get_text         (DdSession   *self);
gboolean        dd_session_get_indexing     (DdSession   *self);
gboolean        dd_session_get_can_reindex  (DdSession   *self);
gboolean        dd_session_get_can_check_images (DdSession *self);
/* Why the open dataset cannot be re-indexed now ("the catalog is read-only", "opened as
 * a catalog file, without its dataset folder", "an index or image check is running"),
 * or NULL when it can (or nothing is open). Follows "can-reindex". */
const char     *dd_session_get_reindex_note (DdSession   *self);
const char     *dd_session_get_last_dataset (DdSession   *self);
const char * const *dd_session_get_recent   (DdSession   *self);

G_END_DECLS
