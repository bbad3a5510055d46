/* DdContentPass: decodes every sample on a bounded worker pool and records what the
 * bytes really are. One read per file feeds both the hash and the decoder. */
#define G_LOG_DOMAIN "datadive-content"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dd-catalog-private.h"
#include "dd-catalog-near.h"
#include "dd-catalog-writer.h"
#include "dd-content.h"
#include "dd-health.h"
#include "dd-phash.h"
#include "dd-safe-file.h"
#include "dd-text.h"

#define CONTENT_FLAGS (DD_HEALTH_FLAG (DD_HEALTH_EMPTY_FILE) | \
                       DD_HEALTH_FLAG (DD_HEALTH_UNDECODABLE) | \
                       DD_HEALTH_FLAG (DD_HEALTH_TRUNCATED) | \
                       DD_HEALTH_FLAG (DD_HEALTH_FORMAT_MISMATCH) | \
                       DD_HEALTH_FLAG (DD_HEALTH_GRAYSCALE))
#define BATCH 64
#define PAGE 16384
#define COMMIT_EVERY 4000

struct _DdContentPass
{
  DdCatalogJob  parent_instance;

  guint         threads;
  guint         limit;
};

G_DEFINE_FINAL_TYPE (DdContentPass, dd_content_pass, DD_TYPE_CATALOG_JOB)

enum {
  PROP_0,
  PROP_THREADS,
  PROP_LIMIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- examining one file ----------------------------------------------------------- */

void
dd_content_facts_clear (DdContentFacts *facts)
{
  g_clear_pointer (&facts->error, g_free);
}

/* A fast 128-bit hash of the bytes (two 64-bit lanes); enough to tell identical
 * files apart from different ones among millions. */
static void
hash128 (const guint8 *data,
         gsize         len,
         char          out[33])
{
  guint64 a = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) ^ len;
  guint64 b = G_GUINT64_CONSTANT (0xc2b2ae3d27d4eb4f) + len;
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 w;
      memcpy (&w, data + i, 8);
      a = (a ^ w) * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
      a ^= a >> 29;
      b = (b + w) * G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
      b ^= b >> 31;
    }
  for (; i < len; i++)
    {
      a = (a ^ data[i]) * G_GUINT64_CONSTANT (0x100000001b3);
      b = (b + data[i]) * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
    }
  a ^= a >> 33;
  a *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  a ^= a >> 33;
  b ^= b >> 29;
  b *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  b ^= b >> 32;
  g_snprintf (out, 33, "%016" G_GINT64_MODIFIER "x%016" G_GINT64_MODIFIER "x", a, b);
}

static const char *
format_of_bytes (const guint8 *d,
                 gsize         n)
{
  if (n >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
    return "jpeg";
  if (n >= 8 && memcmp (d, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "png";
  if (n >= 6 && (memcmp (d, "GIF87a", 6) == 0 || memcmp (d, "GIF89a", 6) == 0))
    return "gif";
  if (n >= 2 && d[0] == 'B' && d[1] == 'M')
    return "bmp";
  if (n >= 12 && memcmp (d, "RIFF", 4) == 0 && memcmp (d + 8, "WEBP", 4) == 0)
    return "webp";
  if (n >= 4 && (memcmp (d, "II*\0", 4) == 0 || memcmp (d, "MM\0*", 4) == 0))
    return "tiff";
  if (n >= 2 && d[0] == 'P' && d[1] >= '1' && d[1] <= '6')
    return "pnm";
  return "unknown";
}

static const char *
format_of_name (const char *name)
{
  const char *dot = strrchr (name, '.');

  if (dot == NULL)
    return NULL;
  dot++;
  if (!g_ascii_strcasecmp (dot, "jpg") || !g_ascii_strcasecmp (dot, "jpeg") ||
      !g_ascii_strcasecmp (dot, "jpe") || !g_ascii_strcasecmp (dot, "jfif"))
    return "jpeg";
  if (!g_ascii_strcasecmp (dot, "png"))
    return "png";
  if (!g_ascii_strcasecmp (dot, "gif"))
    return "gif";
  if (!g_ascii_strcasecmp (dot, "bmp"))
    return "bmp";
  if (!g_ascii_strcasecmp (dot, "webp"))
    return "webp";
  if (!g_ascii_strcasecmp (dot, "tif") || !g_ascii_strcasecmp (dot, "tiff"))
    return "tiff";
  if (!g_ascii_strcasecmp (dot, "ppm") || !g_ascii_strcasecmp (dot, "pgm"))
    return "pnm";
  return NULL;
}

/* gdk-pixbuf decodes truncated JPEGs without an error (grey rows): look for the
 * end-of-image marker, allowing trailing padding. */
static gboolean
is_truncated (const char   *format,
              const guint8 *d,
              gsize         n)
{
  if (g_strcmp0 (format, "jpeg") == 0)
    {
      gsize end = n;
      while (end > 2 && (d[end - 1] == 0x00 || d[end - 1] == '\n' || d[end - 1] == '\r'))
        end--;
      return !(end >= 2 && d[end - 2] == 0xff && d[end - 1] == 0xd9);
    }
  if (g_strcmp0 (format, "png") == 0)
    return n < 12 || memcmp (d + n - 8, "IEND", 4) != 0;
  return FALSE;
}

/* Exactly R = G = B everywhere. No tolerance: low-contrast corruptions (contrast at
 * severity 5) leave colour images within ±2 of gray, and those are not grayscale files. A
 * gray picture saved by libjpeg as YCbCr has chroma exactly 128 and decodes exactly gray. */
static gboolean
is_gray (GdkPixbuf *pixbuf)
{
  int w = gdk_pixbuf_get_width (pixbuf);
  int h = gdk_pixbuf_get_height (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int nc = gdk_pixbuf_get_n_channels (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);

  if (nc < 3)
    return TRUE;
  for (int y = 0; y < h; y++)
    {
      const guint8 *p = pixels + (gsize) y * stride;
      for (int x = 0; x < w; x++, p += nc)
        if (p[0] != p[1] || p[1] != p[2])
          return FALSE;
    }
  return TRUE;
}

/* The channels the file stores (gdk-pixbuf always hands out RGB or RGBA) and the mode
 * they imply, or 0 when the header does not say. */
static int
stored_channels (const char   *format,
                 const guint8 *d,
                 gsize         n,
                 const char  **mode)
{
  *mode = NULL;
  if (g_strcmp0 (format, "jpeg") == 0)
    {
      gsize i = 2;

      /* walk the markers up to the frame header (SOF0–SOF15 but DHT, JPG, DAC) */
      while (i + 4 <= n)
        {
          guint8 marker;

          if (d[i] != 0xff)
            return 0;
          marker = d[i + 1];
          if (marker == 0xff)
            {
              i++;
              continue;
            }
          if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7))
            {
              i += 2;
              continue;
            }
          if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 &&
              marker != 0xcc)
            {
              if (i + 10 > n)
                return 0;
              switch (d[i + 9])
                {
                case 1: *mode = "L"; return 1;
                case 3: *mode = "RGB"; return 3;
                case 4: *mode = "CMYK"; return 4;
                default: return 0;
                }
            }
          if (marker == 0xda || marker == 0xd9)
            return 0;
          i += 2 + ((gsize) d[i + 2] << 8 | d[i + 3]);
        }
      return 0;
    }
  if (g_strcmp0 (format, "png") == 0 && n >= 26 && memcmp (d + 12, "IHDR", 4) == 0)
    switch (d[25])
      {
      case 0: *mode = "L"; return 1;
      case 2: *mode = "RGB"; return 3;
      case 3: *mode = "P"; return 1;
      case 4: *mode = "LA"; return 2;
      case 6: *mode = "RGBA"; return 4;
      default: return 0;
      }
  return 0;
}

/* A loader for the format the bytes announce: skips gdk-pixbuf's content sniffing,
 * which costs as much as decoding a 64×64 JPEG. */
static GdkPixbufLoader *
loader_for (const char *format)
{
  if (g_strcmp0 (format, "unknown") != 0)
    {
      GdkPixbufLoader *loader = gdk_pixbuf_loader_new_with_type (format, NULL);
      if (loader)
        return loader;
    }
  return gdk_pixbuf_loader_new ();
}

/* An open file descriptor closed when it goes out of scope (g_autofd is GLib 2.76). */
typedef int SampleFd;

static void
sample_fd_close (SampleFd *fd)
{
  if (*fd >= 0)
    close (*fd);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SampleFd, sample_fd_close)

/* The bytes of @path when it is a regular file within @limit bytes; else NULL with
 * the reason in @facts. @fd keeps the file open for a second look. */
static guint8 *
read_sample (const char     *path,
             gint64          limit,
             int            *fd,
             gsize          *len,
             DdContentFacts *facts)
{
  g_autoptr(GError) error = NULL;
  struct stat st;
  char *data = NULL;

  /* never blocks on a FIFO, never reads a device: a sample swapped for one after the
   * scan would hang the pass or read without end */
  *fd = dd_safe_file_open (path, &st, &error);
  if (*fd >= 0 && st.st_size > limit)
    {
      g_autofree char *size = g_format_size (st.st_size);
      g_autofree char *most = g_format_size (limit);

      facts->error = g_strdup_printf (_("the file is %s, more than the %s read of this "
                                        "sample: re-index"), size, most);
    }
  else if (*fd >= 0 && !dd_safe_file_read_fd (*fd, limit, &data, len, &error))
    facts->error = g_strdup (error->message);
  else if (*fd < 0)
    /* Gone since the scan (or unreadable): undecodable, and tried again next run. */
    facts->error = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                   ? g_strdup (_("file not found")) : g_strdup (error->message);
  if (data == NULL)
    {
      facts->flags |= DD_HEALTH_FLAG (DD_HEALTH_UNDECODABLE);
      g_strlcpy (facts->format, "unknown", sizeof facts->format);
    }
  return (guint8 *) data;
}

void
dd_content_examine (const char     *path,
                    const char     *name,
                    gint64          recorded_size,
                    DdContentFacts *facts)
{
  g_autofree guint8 *data = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GdkPixbuf) partial = NULL;
  g_auto(SampleFd) fd = -1;
  GdkPixbuf *pixbuf;
  const char *real, *expected, *stored_mode;
  gboolean loader_ok, truncated;
  int stored;

  memset (facts, 0, sizeof *facts);
  facts->size = -1;
  if (!(data = read_sample (path, dd_safe_file_sample_limit (recorded_size), &fd, &len, facts)))
    return;
  facts->size = len;
  hash128 (data, len, facts->hash);
  real = format_of_bytes (data, len);
  g_strlcpy (facts->format, real, sizeof facts->format);
  if (len == 0)
    {
      facts->error = g_strdup (_("the file is empty"));
      facts->flags |= DD_HEALTH_FLAG (DD_HEALTH_EMPTY_FILE);
      return;
    }
  expected = format_of_name (name);
  if (expected && g_strcmp0 (real, "unknown") != 0 && g_strcmp0 (real, expected) != 0)
    facts->flags |= DD_HEALTH_FLAG (DD_HEALTH_FORMAT_MISMATCH);

  loader = loader_for (real);
  loader_ok = gdk_pixbuf_loader_write (loader, data, len, &error);
  /* close even after a failed write, to release the loader's state */
  if (!gdk_pixbuf_loader_close (loader, loader_ok ? &error : NULL) && loader_ok)
    loader_ok = FALSE;
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  /* gdk-pixbuf decodes a truncated JPEG with grey rows, or fails on close with
   * "Improper call to JPEG library": the missing end marker is what tells. */
  truncated = g_strcmp0 (real, "unknown") != 0 &&
              (is_truncated (real, data, len) ||
               (error && strstr (error->message, "remature end")));
  if (pixbuf == NULL && !truncated)
    {
      facts->error = g_strdup (error ? error->message : _("not an image gdk-pixbuf can read"));
      facts->flags |= DD_HEALTH_FLAG (DD_HEALTH_UNDECODABLE);
      return;
    }
  if (truncated)
    {
      facts->flags |= DD_HEALTH_FLAG (DD_HEALTH_TRUNCATED);
      if (g_strcmp0 (real, "jpeg") == 0)
        facts->error = g_strdup_printf (_("JPEG data ends without an end-of-image marker "
                                          "(%" PRId64 " bytes)"), (gint64) len);
      else if (g_strcmp0 (real, "png") == 0)
        facts->error = g_strdup_printf (_("PNG data ends without its IEND chunk (%" PRId64
                                          " bytes)"), (gint64) len);
      else
        facts->error = g_strdup (error ? error->message : _("not an image gdk-pixbuf can read"));
      /* The incremental loader gives up on a cut JPEG where the file loader shows the
       * rows it has: read it once more (only broken files pay) for its size. */
      if (pixbuf == NULL)
        {
          /* the file already opened (and checked), not whatever @path names by now */
          g_autofree char *same = g_strdup_printf ("/proc/self/fd/%d", fd);

          pixbuf = partial = gdk_pixbuf_new_from_file (same, NULL);
        }
      if (pixbuf == NULL)
        return;
    }
  else if (!loader_ok)
    {
      /* a picture came out, but the decoder complained about the data */
      facts->error = g_strdup (error->message);
      facts->flags |= DD_HEALTH_FLAG (DD_HEALTH_UNDECODABLE);
    }

  facts->width = gdk_pixbuf_get_width (pixbuf);
  facts->height = gdk_pixbuf_get_height (pixbuf);
  stored = stored_channels (real, data, len, &stored_mode);
  facts->channels = stored ? stored : gdk_pixbuf_get_n_channels (pixbuf);
  if (g_strcmp0 (stored_mode, "L") == 0 || g_strcmp0 (stored_mode, "LA") == 0)
    g_strlcpy (facts->mode, stored_mode, sizeof facts->mode);
  else if (!truncated && loader_ok && is_gray (pixbuf))   /* rows never decoded are grey */
    g_strlcpy (facts->mode, gdk_pixbuf_get_has_alpha (pixbuf) ? "LA" : "L", sizeof facts->mode);
  else if (stored_mode)
    g_strlcpy (facts->mode, stored_mode, sizeof facts->mode);
  else
    g_strlcpy (facts->mode, gdk_pixbuf_get_has_alpha (pixbuf) ? "RGBA" : "RGB", sizeof facts->mode);
  if (facts->mode[0] == 'L')
    facts->flags |= DD_HEALTH_FLAG (DD_HEALTH_GRAYSCALE);
  /* the pixels just decoded, not a second decode; rows a cut file never had are grey */
  if (!truncated)
    {
      facts->phash = dd_phash_compute (gdk_pixbuf_read_pixels (pixbuf), facts->width,
                                       facts->height, gdk_pixbuf_get_rowstride (pixbuf),
                                       gdk_pixbuf_get_n_channels (pixbuf));
      facts->has_phash = TRUE;
    }
}

GdkPixbuf *
dd_content_load_pixbuf (const char  *path,
                        int          size,
                        gint64       recorded_size,
                        GError     **error)
{
  g_autoptr(GInputStream) stream = NULL;
  struct stat st;
  gint64 limit = dd_safe_file_sample_limit (recorded_size);
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  if ((fd = dd_safe_file_open (path, &st, error)) < 0)
    return NULL;
  if (st.st_size > limit)
    {
      g_autofree char *what = g_format_size (st.st_size);

      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("the file is %s, too large to show"), what);
      return NULL;
    }
  stream = g_unix_input_stream_new (fd, TRUE);
  if (size > 0)
    return gdk_pixbuf_new_from_stream_at_scale (stream, size, size, TRUE, NULL, error);
  return gdk_pixbuf_new_from_stream (stream, NULL, error);
}

/* ---- the pass ------------------------------------------------------------------- */

static DdCatalog *
pass_catalog (DdContentPass *self)
{
  return dd_catalog_job_get_catalog (DD_CATALOG_JOB (self));
}

typedef struct {
  gint64          id;
  char           *path;
  char           *name;
  gint64          old_size;
  gint64          old_mtime;
  gint64          decoded_mtime;   /* -1: never */
  /* results */
  gboolean        skipped;
  gint64          mtime;
  DdContentFacts  facts;
} Item;

typedef struct {
  GPtrArray *items;   /* Item */
} Batch;

typedef struct {
  GAsyncQueue  *done;
  GCancellable *cancellable;
  gint          stop;          /* a write failed: finish quickly */
} PoolData;

static gboolean
stopping (PoolData *pd)
{
  return g_atomic_int_get (&pd->stop) || g_cancellable_is_cancelled (pd->cancellable);
}

static void
item_free (Item *item)
{
  g_free (item->path);
  g_free (item->name);
  dd_content_facts_clear (&item->facts);
  g_free (item);
}

static void
examine_batch (gpointer data,
               gpointer user_data)
{
  Batch *batch = data;
  PoolData *pd = user_data;

  for (guint i = 0; i < batch->items->len; i++)
    {
      Item *item = g_ptr_array_index (batch->items, i);
      struct stat st;

      if (stopping (pd))
        {
          item->skipped = TRUE;
          continue;
        }
      if (stat (item->path, &st) == 0)
        {
          item->mtime = st.st_mtime;
          if (item->decoded_mtime == (gint64) st.st_mtime && item->old_size == (gint64) st.st_size)
            {
              item->skipped = TRUE;
              continue;
            }
        }
      else
        item->mtime = -1;
      dd_content_examine (item->path, item->name, item->old_size, &item->facts);
    }
  g_async_queue_push (pd->done, batch);
}

static void
batch_free (Batch *batch)
{
  g_ptr_array_unref (batch->items);
  g_free (batch);
}

/* Records what a batch of items hold, in one transaction. */
static gboolean
write_results (DdContentPass    *self,
               GPtrArray        *results,
               DdContentReport  *report,
               GError          **error)
{
  g_autoptr(DdCatalogWriter) writer = NULL;

  if (results->len == 0)
    return TRUE;
  if (!(writer = dd_catalog_writer_begin (pass_catalog (self), DD_CATALOG_WRITE_SAMPLES, error)))
    return FALSE;
  for (guint i = 0; i < results->len; i++)
    {
      Item *item = g_ptr_array_index (results, i);
      DdContentFacts *f = &item->facts;
      DdSampleFacts facts = {
        .file_size = f->size,
        .mtime = item->mtime,
        .width = f->width,
        .height = f->height,
        .channels = f->channels,
        .mode = f->mode,
        .format = f->format,
        .hash = f->size >= 0 ? f->hash : NULL,
        .error = f->error,
        .flags = f->flags,
      };

      if (!dd_catalog_writer_set_facts (writer, item->id, &facts, CONTENT_FLAGS, error) ||
          !dd_catalog_writer_set_phash (writer, item->id, f->has_phash, f->phash, error))
        return FALSE;
      if (f->flags)
        report->failed++;
    }
  return dd_catalog_writer_commit (g_steal_pointer (&writer), error);
}

/* The next @limit samples after @after_id, with where they live and what the last pass
 * saw. Paged so that memory stays bounded on 750,000 samples. */
static GPtrArray *
load_page (DdContentPass  *self,
           gint64          after_id,
           guint           limit,
           GError        **error)
{
  g_autoptr(GPtrArray) files = dd_catalog_list_sample_files (pass_catalog (self), after_id, limit,
                                                             error);
  GPtrArray *items;

  if (files == NULL)
    return NULL;
  items = g_ptr_array_new ();
  for (guint i = 0; i < files->len; i++)
    {
      DdSampleFile *file = g_ptr_array_index (files, i);
      Item *item = g_new0 (Item, 1);

      item->id = file->id;
      item->path = g_steal_pointer (&file->path);
      item->name = g_steal_pointer (&file->name);
      item->old_size = file->file_size;
      item->decoded_mtime = file->decoded_mtime;
      g_ptr_array_add (items, item);
    }
  return items;
}

/* One run of the pass: the page being handed out, the batches out at the workers, the
 * results not yet written. */
typedef struct {
  DdContentPass    *self;
  DdProgressFunc    progress;
  gpointer          progress_data;
  GError          **error;
  PoolData          pd;
  GThreadPool      *pool;
  guint             threads;
  GPtrArray        *page;         /* Item, not yet handed out from page_pos on */
  guint             page_pos;
  gint64            last_id;
  guint             total, handed, done, outstanding;
  gboolean          exhausted;
  gboolean          ok;
  GPtrArray        *pending;      /* Item, decoded, to write */
  DdContentReport   report;
  gint64            last_report;
} Pass;

/* A new page when the current one is handed out: FALSE when there is none. */
static gboolean
next_page (Pass *p)
{
  if (p->page && p->page_pos < p->page->len)
    return TRUE;
  g_clear_pointer (&p->page, g_ptr_array_unref);
  p->page_pos = 0;
  if (p->handed >= p->total ||
      !(p->page = load_page (p->self, p->last_id, PAGE, p->ok ? p->error : NULL)))
    {
      if (p->handed < p->total)
        {
          p->ok = FALSE;
          g_atomic_int_set (&p->pd.stop, 1);
        }
      return FALSE;
    }
  if (p->page->len == 0)
    return FALSE;
  p->last_id = ((Item *) g_ptr_array_index (p->page, p->page->len - 1))->id;
  return TRUE;
}

/* The items of the page from page_pos on that are not handed out go. */
static void
drop_rest_of_page (Pass *p)
{
  for (guint i = p->page_pos; p->page && i < p->page->len; i++)
    item_free (g_ptr_array_index (p->page, i));
  if (p->page)
    g_ptr_array_set_size (p->page, p->page_pos);
}

/* Keeps the workers fed, a few batches ahead, one page of samples in memory. */
static void
feed (Pass *p)
{
  while (!p->exhausted && p->outstanding < p->threads * 4 && !stopping (&p->pd))
    {
      Batch *b;

      if (!next_page (p))
        {
          p->exhausted = TRUE;
          break;
        }
      b = g_new0 (Batch, 1);
      b->items = g_ptr_array_new ();
      for (; p->page_pos < p->page->len && b->items->len < BATCH && p->handed < p->total;
           p->handed++)
        g_ptr_array_add (b->items, g_ptr_array_index (p->page, p->page_pos++));
      /* the limit falls inside this page: the rest is not ours */
      if (p->handed >= p->total)
        drop_rest_of_page (p);
      g_thread_pool_push (p->pool, b, NULL);
      p->outstanding++;
    }
}

/* A batch came back: its decoded items wait to be written, in bunches. */
static void
collect (Pass  *p,
         Batch *batch)
{
  p->outstanding--;
  p->done += batch->items->len;
  for (guint i = 0; i < batch->items->len; i++)
    {
      Item *item = g_ptr_array_index (batch->items, i);

      p->report.checked++;
      if (item->skipped)
        {
          if (!stopping (&p->pd))
            p->report.skipped++;
          item_free (item);
          continue;
        }
      p->report.decoded++;
      g_ptr_array_add (p->pending, item);
    }
  batch_free (batch);

  if (p->ok && p->pending->len >= COMMIT_EVERY)
    {
      p->ok = write_results (p->self, p->pending, &p->report, p->error);
      g_ptr_array_set_size (p->pending, 0);
      if (!p->ok)
        g_atomic_int_set (&p->pd.stop, 1);
    }
  if (g_get_monotonic_time () - p->last_report > 100 * 1000)
    {
      g_autofree char *done = dd_format_count (p->done);
      g_autofree char *total = dd_format_count (p->total);
      /* TRANSLATORS: progress of the image check, "Decoding images: 30,528 of 869,952" */
      g_autofree char *text = g_strdup_printf (_("Decoding images: %s of %s"), done, total);

      p->last_report = g_get_monotonic_time ();
      dd_catalog_job_report (DD_CATALOG_JOB (p->self), (double) p->done / MAX (p->total, 1), text,
                          p->progress, p->progress_data);
    }
}

/* Decodes on the pool until every sample came back or a cancel or failure stopped the
 * handing out; what was decoded is written, also when cancelled. */
static void
decode_all (Pass         *p,
            GCancellable *cancellable)
{
  p->pd.done = g_async_queue_new ();
  p->pd.cancellable = cancellable;
  p->pd.stop = 0;
  p->pool = g_thread_pool_new (examine_batch, &p->pd, p->threads, FALSE, NULL);
  for (;;)
    {
      feed (p);
      if (p->outstanding == 0)
        break;   /* everything handed out came back, or a cancel stopped the handing */
      collect (p, g_async_queue_pop (p->pd.done));
    }
  g_thread_pool_free (p->pool, FALSE, TRUE);
  /* handed out no further after a cancel */
  drop_rest_of_page (p);
  g_clear_pointer (&p->page, g_ptr_array_unref);
  /* Whatever was decoded is kept, also when cancelled: the next run resumes. */
  if (p->ok)
    p->ok = write_results (p->self, p->pending, &p->report, p->error);
  g_async_queue_unref (p->pd.done);
}

gboolean
dd_content_pass_run (DdContentPass    *self,
                     DdContentReport  *out_report,
                     DdProgressFunc    progress,
                     gpointer          progress_data,
                     GCancellable     *cancellable,
                     GError          **error)
{
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  Pass p = { self, progress, progress_data, error };
  gint64 t0 = g_get_monotonic_time ();

  g_return_val_if_fail (DD_IS_CONTENT_PASS (self), FALSE);

  dd_catalog_job_report (DD_CATALOG_JOB (self), -1, _("Listing the samples to decode"), progress,
                      progress_data);
  p.threads = self->threads ? self->threads : g_get_num_processors ();
  p.total = dd_catalog_get_n_samples (pass_catalog (self));
  if (self->limit)
    p.total = MIN (p.total, self->limit);
  p.pending = pending;
  p.ok = TRUE;
  decode_all (&p, cancellable);

  if (p.ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    p.ok = FALSE;
  if (p.ok)
    {
      dd_catalog_job_report (DD_CATALOG_JOB (self), -1, _("Looking for problems"), progress,
                          progress_data);
      p.ok = dd_health_update (pass_catalog (self), cancellable, error);
    }
  /* The snapshot follows the flags, also after a cancel. */
  if (!dd_catalog_reload (pass_catalog (self), p.ok ? error : NULL))
    p.ok = FALSE;

  p.report.seconds = (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC;
  if (out_report)
    *out_report = p.report;
  if (p.ok)
    {
      g_autofree char *decoded = dd_format_count (p.report.decoded);
      g_autofree char *text = g_strdup_printf (_("Decoded %s images"), decoded);

      dd_catalog_job_report (DD_CATALOG_JOB (self), 1.0, text, progress, progress_data);
    }
  return p.ok;
}

/* ---- async and properties ------------------------------------------------------- */

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  DdContentReport *report = g_new0 (DdContentReport, 1);
  GError *error = NULL;

  if (dd_content_pass_run (source_object, report, NULL, NULL, cancellable, &error))
    g_task_return_pointer (task, report, g_free);
  else
    {
      g_free (report);
      g_task_return_error (task, error);
    }
}

void
dd_content_pass_run_async (DdContentPass       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_return_if_fail (DD_IS_CONTENT_PASS (self));
  g_task_set_source_tag (task, dd_content_pass_run_async);
  dd_catalog_job_run_in_thread (DD_CATALOG_JOB (self), task, run_thread);
}

gboolean
dd_content_pass_run_finish (DdContentPass    *self,
                            GAsyncResult     *result,
                            DdContentReport  *report,
                            GError          **error)
{
  g_autofree DdContentReport *r = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  r = g_task_propagate_pointer (G_TASK (result), error);
  if (r == NULL)
    return FALSE;
  if (report)
    *report = *r;
  return TRUE;
}

DdContentPass *
dd_content_pass_new (DdCatalog *catalog)
{
  return g_object_new (DD_TYPE_CONTENT_PASS, "catalog", catalog, NULL);
}

void
dd_content_pass_set_threads (DdContentPass *self,
                             guint          threads)
{
  g_return_if_fail (DD_IS_CONTENT_PASS (self));
  if (self->threads == threads)
    return;
  self->threads = threads;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THREADS]);
}

void
dd_content_pass_set_limit (DdContentPass *self,
                           guint          limit)
{
  g_return_if_fail (DD_IS_CONTENT_PASS (self));
  if (self->limit == limit)
    return;
  self->limit = limit;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIMIT]);
}

double
dd_content_pass_get_fraction (DdContentPass *self)
{
  g_return_val_if_fail (DD_IS_CONTENT_PASS (self), 0);
  return dd_catalog_job_get_fraction (DD_CATALOG_JOB (self));
}

const char *
dd_content_pass_get_text (DdContentPass *self)
{
  g_return_val_if_fail (DD_IS_CONTENT_PASS (self), NULL);
  return dd_catalog_job_get_text (DD_CATALOG_JOB (self));
}

static void
dd_content_pass_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DdContentPass *self = DD_CONTENT_PASS (object);

  switch (prop_id)
    {
    case PROP_THREADS:
      g_value_set_uint (value, self->threads);
      break;
    case PROP_LIMIT:
      g_value_set_uint (value, self->limit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_content_pass_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DdContentPass *self = DD_CONTENT_PASS (object);

  switch (prop_id)
    {
    case PROP_THREADS:
      dd_content_pass_set_threads (self, g_value_get_uint (value));
      break;
    case PROP_LIMIT:
      dd_content_pass_set_limit (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_content_pass_class_init (DdContentPassClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = dd_content_pass_get_property;
  object_class->set_property = dd_content_pass_set_property;

  properties[PROP_THREADS] =
    g_param_spec_uint ("threads", NULL, NULL, 0, 256, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIMIT] =
    g_param_spec_uint ("limit", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_content_pass_init (DdContentPass *self)
{
}
