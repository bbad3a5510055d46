/* DdLockFile: the exclusive lock a writer holds on a catalog for a whole run (an
 * index), so that a second writer waits instead of replacing the first one's work;
 * and the no-replace rename that puts a newly built catalog in place. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _DdLockFile DdLockFile;

/* Called once when the lock is held by another process and the caller starts to
 * wait for it. */
typedef void (*DdLockWaitFunc) (const char *path,
                                gpointer    user_data);

/* Takes the exclusive lock of @path (an advisory flock() on "PATH.lock", created when
 * absent). Waits while another process holds it, checking @cancellable ten times a
 * second; @on_wait (may be NULL) is told once. The lock goes with the process: a
 * killed holder frees it at once. */
DdLockFile *dd_lock_file_acquire (const char      *path,
                                  DdLockWaitFunc   on_wait,
                                  gpointer         user_data,
                                  GCancellable    *cancellable,
                                  GError         **error);
/* Removes the lock file and releases the lock. */
void        dd_lock_file_release (DdLockFile      *lock);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdLockFile, dd_lock_file_release)

/* Renames @from to @to unless @to exists (then G_IO_ERROR_EXISTS, and @from stays):
 * renameat2 (RENAME_NOREPLACE), else link() + unlink() where the file system lacks
 * it. */
gboolean    dd_rename_no_replace (const char      *from,
                                  const char      *to,
                                  GError         **error);

/* Removes the temporaries ".BASE.tmp-PID" (and their -wal, -shm, -journal) that
 * earlier runs on catalog @path left behind when they were killed, except this
 * process's. Call with the lock held: no other run can be using them. Returns how
 * many files were removed. */
guint       dd_lock_file_sweep_temporaries (const char *path);

/* The name under which a first index builds catalog @path: ".BASE.tmp-PID" beside it. */
char       *dd_lock_file_temporary_path    (const char *path);

G_END_DECLS
