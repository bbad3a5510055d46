/* Temporary siblings of a folder being written (an export, the demo), renamed over the
 * target when complete. The name carries the writer's process id and the folder is
 * locked (flock) while it is written, so a later run tells a dead writer's leftovers
 * (kill -9, a power cut) from a live writer's folder and removes only the former. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Creates "PARENT/.BASE.tmp-PID-XXXXXX" (@hidden) or "PARENT/BASE.tmp-PID-XXXXXX"
 * beside @target (mode 0700) and locks it; @lock_fd receives the lock, to be closed
 * once the folder is renamed or removed. */
char  *dd_tmpdir_create (const char  *target,
                         gboolean     hidden,
                         int         *lock_fd,
                         GError     **error);

/* Removes from @parent the temporaries made by dd_tmpdir_create (for the target named
 * @base, or any when @base is NULL) whose process is gone and whose lock is free.
 * Returns how many were removed. */
guint  dd_tmpdir_sweep  (const char  *parent,
                         const char  *base,
                         gboolean     hidden);

/* rm -rf of @path that never follows a symbolic link. */
void   dd_tmpdir_remove (const char  *path);

/* The process's umask, read without changing it (other threads may be creating
 * files meanwhile). */
guint  dd_tmpdir_umask  (void);

G_END_DECLS
