/* DdTarWriter: a tar file written member by member through libarchive, in the POSIX
 * pax format restricted to what needs it: plain ustar headers, and a pax extended
 * header where ustar cannot hold a member (a name over 100 bytes, a non-ASCII name).
 * Python's tarfile, GNU tar and WebDataset read both. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _DdTarWriter DdTarWriter;

/* Creates @path (which must not exist) with mode 0666 less the umask. */
DdTarWriter *dd_tar_writer_new   (const char   *path,
                                  GError      **error);
/* Appends a regular file @name (mode 0644, owned by root, modified now) holding @data. */
gboolean     dd_tar_writer_add   (DdTarWriter  *self,
                                  const char   *name,
                                  const void   *data,
                                  gsize         len,
                                  GError      **error);
/* Writes the end of the archive and closes the file; the writer is freed either way. */
gboolean     dd_tar_writer_close (DdTarWriter  *self,
                                  GError      **error);
/* Closes and frees without finishing the archive (after a failure). */
void         dd_tar_writer_free  (DdTarWriter  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdTarWriter, dd_tar_writer_free)

G_END_DECLS
