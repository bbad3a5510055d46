/* DdContentPass: the content pass. Decodes every sample with gdk-pixbuf on a bounded
 * pool of worker threads and records size, mode, real format, a content hash and what
 * is wrong with the file. Resumable: an unchanged file is never decoded twice. */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

#include "dd-catalog-job.h"

G_BEGIN_DECLS

typedef struct {
  guint64 checked;       /* samples looked at */
  guint64 decoded;       /* samples read and decoded in this run */
  guint64 skipped;       /* unchanged since their last decode */
  guint64 failed;        /* decoded with a finding (empty, undecodable, truncated…) */
  double  seconds;
} DdContentReport;

#define DD_TYPE_CONTENT_PASS (dd_content_pass_get_type ())
G_DECLARE_FINAL_TYPE (DdContentPass, dd_content_pass, DD, CONTENT_PASS, DdCatalogJob)

/* A DdCatalogJob ("catalog", "fraction" and "text", notified on the main context that
 * called run_async) with "threads" (0 = one per core) and "limit" (look at the first
 * N samples only, by id; 0 = all).
 *
 * A file that is gone or unreadable gets decode_error "file not found" (or the system's
 * message) and the undecodable flag; its decoded_mtime stays NULL, so the next run
 * tries it again (a rescan drops a deleted file's sample). Cancelling keeps what was
 * decoded: the next run continues where this one stopped. */
DdContentPass   *dd_content_pass_new          (DdCatalog            *catalog);
void             dd_content_pass_set_threads  (DdContentPass        *self,
                                               guint                 threads);
void             dd_content_pass_set_limit    (DdContentPass        *self,
                                               guint                 limit);
double           dd_content_pass_get_fraction (DdContentPass        *self);
const char      *dd_content_pass_get_text     (DdContentPass        *self);

gboolean         dd_content_pass_run          (DdContentPass        *self,
                                               DdContentReport      *report,
                                               DdProgressFunc        progress,
                                               gpointer              progress_data,
                                               GCancellable         *cancellable,
                                               GError              **error);
void             dd_content_pass_run_async    (DdContentPass        *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean         dd_content_pass_run_finish   (DdContentPass        *self,
                                               GAsyncResult         *result,
                                               DdContentReport      *report,
                                               GError              **error);

/* What one file holds (exposed for tests and the benchmark). */
typedef struct {
  gint64   size;
  int      width, height;
  int      channels;       /* as stored: 1 for a grayscale JPEG, 4 for CMYK, 1 for a palette */
  char     mode[8];        /* "L"/"LA" when stored so or every pixel has R = G = B (then also
                            * the grayscale flag); else "RGB", "RGBA", "CMYK", "P" */
  char     format[8];      /* from the bytes: jpeg png gif bmp webp tiff pnm unknown */
  char     hash[33];       /* 128-bit hex */
  gboolean has_phash;      /* a picture was decoded: */
  guint64  phash;          /* its perceptual hash (dd_phash_compute) */
  char    *error;          /* decode error, or NULL */
  guint32  flags;          /* empty_file undecodable truncated format_mismatch grayscale */
} DdContentFacts;

void     dd_content_facts_clear (DdContentFacts *facts);
/* Reads and decodes @path; @name is the file name whose extension is checked.
 * @recorded_size is the size the catalog has for it (-1: none): only a regular file is
 * read, and no more of it than dd_safe_file_sample_limit() allows; anything else (a
 * FIFO, a device, a file that grew past the bound) is undecodable, with the reason. */
void     dd_content_examine     (const char     *path,
                                 const char     *name,
                                 gint64          recorded_size,
                                 DdContentFacts *facts);

/* A picture of the sample at @path for display, at most @size pixels on its longer
 * side (0: as stored), read under the same rules as dd_content_examine(): a FIFO or a
 * device is an error (G_IO_ERROR_NOT_REGULAR_FILE), never a hang. Call it off the main
 * thread. */
GdkPixbuf *dd_content_load_pixbuf (const char  *path,
                                   int          size,
                                   gint64       recorded_size,
                                   GError     **error);

G_END_DECLS
