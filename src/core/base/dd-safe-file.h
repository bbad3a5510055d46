/* Reading files that someone else controls: a sample swapped for a FIFO or a link to
 * /dev/zero after the scan, a recipe that is a 10 GB file. Opening never blocks,
 * only regular files are read, and no read goes past a bound. */
#pragma once

#include <glib.h>
#include <sys/stat.h>

G_BEGIN_DECLS

/* The most read of one sample the catalog never measured; a measured one may have
 * grown by at most the margin (a re-saved image), not into something else. */
#define DD_SAMPLE_MAX_BYTES     ((gint64) 256 * 1024 * 1024)
#define DD_SAMPLE_GROWTH_MARGIN ((gint64) 64 * 1024 * 1024)

/* How many bytes of a sample recorded as @recorded_size bytes (-1: never measured)
 * may be read. */
gint64   dd_safe_file_sample_limit (gint64        recorded_size);

/* Opens @path read-only (following links) without blocking on a FIFO or device, and
 * keeps it only when the opened file is a regular one (fstat, so no swap between a
 * check and the open). Returns the descriptor in blocking mode with its stat in @st,
 * or -1 with a G_IO_ERROR: G_IO_ERROR_NOT_FOUND, G_IO_ERROR_NOT_REGULAR_FILE (the
 * message names the kind: a FIFO, a device, a folder…) or one from errno. */
int      dd_safe_file_open         (const char   *path,
                                    struct stat  *st,
                                    GError      **error);

/* Reads all of @fd, refusing (G_IO_ERROR_MESSAGE_TOO_LARGE) more than @max_bytes. The
 * data is NUL-terminated (not counted in @length). */
gboolean dd_safe_file_read_fd      (int           fd,
                                    gsize         max_bytes,
                                    char        **contents,
                                    gsize        *length,
                                    GError      **error);

/* g_file_get_contents() for untrusted paths: a regular file no larger than
 * @max_bytes, or, when @allow_pipe, a pipe or FIFO (a shell's <(…) or /dev/stdin) read
 * up to @max_bytes. A FIFO nobody writes to reads as empty instead of hanging.
 * Errors as dd_safe_file_open(), G_IO_ERROR_MESSAGE_TOO_LARGE beyond the bound. */
gboolean dd_safe_file_get_contents (const char   *path,
                                    gsize         max_bytes,
                                    gboolean      allow_pipe,
                                    char        **contents,
                                    gsize        *length,
                                    GError      **error);

G_END_DECLS
