/* DdThumbnailer: decodes thumbnails with gdk-pixbuf at the displayed size on a bounded
 * GThreadPool (newest request first, so the cells in view win while scrolling), turns
 * them into textures on the main thread and keeps them in an LRU bounded by bytes.
 * Broken files are remembered too, so they are not decoded again. */
#define G_LOG_DOMAIN "datadive-ui"
#define _GNU_SOURCE   /* gettid */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "dd-content.h"
#include "dd-settings.h"
#include "dd-thumbnailer.h"

#define N_THREADS 3

typedef struct
{
  char       *path;
  GdkTexture *texture;    /* NULL: broken */
  gsize       bytes;
  GList       link;
} Entry;

struct _DdThumbnailer
{
  GObject parent_instance;

  guint size;
  gsize max_bytes;
  gsize bytes;
  GHashTable *entries;    /* path → Entry */
  GQueue lru;             /* most recently used first */
  GThreadPool *pool;      /* runs one pending job per push, the newest */
  GMutex pending_lock;
  GQueue pending;         /* Job, newest first */
};

G_DEFINE_FINAL_TYPE (DdThumbnailer, dd_thumbnailer, G_TYPE_OBJECT)

G_DEFINE_QUARK (dd-thumbnailer-error-quark, dd_thumbnailer_error)

typedef struct
{
  GTask *task;
  char *path;
  guint size;
} Job;

static void
entry_free (Entry *entry)
{
  g_free (entry->path);
  g_clear_object (&entry->texture);
  g_free (entry);
}

static void
job_free (Job *job)
{
  g_clear_object (&job->task);
  g_free (job->path);
  g_free (job);
}

/* How much the decoding threads yield to the others: a thumbnail can wait a frame, a
 * frame cannot wait for a thumbnail. On two cores three decoders otherwise took the
 * main thread's core away while a fast scroll asked for a row of thumbnails a frame. */
#define DECODE_NICE 10

/* The calling thread, one of the pool's own (it is exclusive: its threads serve no
 * other pool), DECODE_NICE below the priority it started with, once: relative, so a
 * window started with nice keeps its decoders below it too. */
static void
lower_thread_priority (void)
{
  static GPrivate lowered = G_PRIVATE_INIT (NULL);
  id_t tid = (id_t) gettid ();
  int nice;

  if (g_private_get (&lowered))
    return;
  g_private_set (&lowered, GINT_TO_POINTER (1));
  errno = 0;
  nice = getpriority (PRIO_PROCESS, tid);
  if ((nice == -1 && errno != 0) ||
      setpriority (PRIO_PROCESS, tid, MIN (nice + DECODE_NICE, 19)) != 0)
    g_debug ("Thumbnail decoding keeps its priority: %s", g_strerror (errno));
}

/* A pool's thread, once per push: the newest pending job. Not a sorted pool: its
 * queue inserts in order, from the oldest end, so a push cost as many comparisons as
 * jobs were waiting (hundreds in a fast sweep, on the main thread); a stack costs one. */
static void
decode_job (gpointer data,
            gpointer user_data)
{
  DdThumbnailer *self = user_data;
  Job *job;
  GCancellable *cancellable;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;

  lower_thread_priority ();

  g_mutex_lock (&self->pending_lock);
  job = g_queue_pop_head (&self->pending);
  g_mutex_unlock (&self->pending_lock);
  if (job == NULL)
    return;
  cancellable = g_task_get_cancellable (job->task);

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (job->task, g_steal_pointer (&error));
      job_free (job);
      return;
    }

  /* not gdk_pixbuf_new_from_file_at_size(): a sample swapped for a FIFO would block
   * this worker for good, a link to /dev/zero would read without end */
  pixbuf = dd_content_load_pixbuf (job->path, job->size, -1, &error);
  if (pixbuf)
    {
      GdkPixbuf *rotated = gdk_pixbuf_apply_embedded_orientation (pixbuf);

      g_task_return_pointer (job->task, rotated, g_object_unref);
    }
  else
    {
      g_task_return_new_error (job->task, DD_THUMBNAILER_ERROR, DD_THUMBNAILER_ERROR_BROKEN,
                               "%s", error ? error->message : _("Unknown image format"));
    }
  job_free (job);
}

static void
dd_thumbnailer_trim (DdThumbnailer *self)
{
  while (self->bytes > self->max_bytes && self->lru.length > 1)
    {
      Entry *entry = g_queue_peek_tail (&self->lru);

      g_queue_unlink (&self->lru, &entry->link);
      self->bytes -= entry->bytes;
      g_hash_table_remove (self->entries, entry->path);
    }
}

static void
dd_thumbnailer_store (DdThumbnailer *self,
                      const char    *path,
                      GdkTexture    *texture)
{
  Entry *entry;

  if (g_hash_table_contains (self->entries, path))
    return;

  entry = g_new0 (Entry, 1);
  entry->path = g_strdup (path);
  entry->texture = texture ? g_object_ref (texture) : NULL;
  /* A broken entry still costs its key and bookkeeping. */
  entry->bytes = 64 + strlen (path);
  if (texture)
    entry->bytes += (gsize) gdk_texture_get_width (texture) * gdk_texture_get_height (texture) * 4;
  entry->link.data = entry;
  g_hash_table_insert (self->entries, entry->path, entry);
  g_queue_push_head_link (&self->lru, &entry->link);
  self->bytes += entry->bytes;
  dd_thumbnailer_trim (self);
}

static void
dd_thumbnailer_dispose (GObject *object)
{
  DdThumbnailer *self = DD_THUMBNAILER (object);

  /* Jobs hold a reference to the thumbnailer through their task, so the pool is idle
   * here; waiting frees it without blocking. */
  if (self->pool)
    g_thread_pool_free (g_steal_pointer (&self->pool), TRUE, FALSE);
  g_queue_init (&self->lru);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  self->bytes = 0;

  G_OBJECT_CLASS (dd_thumbnailer_parent_class)->dispose (object);
}

static void
dd_thumbnailer_finalize (GObject *object)
{
  g_mutex_clear (&DD_THUMBNAILER (object)->pending_lock);
  G_OBJECT_CLASS (dd_thumbnailer_parent_class)->finalize (object);
}

static void
dd_thumbnailer_class_init (DdThumbnailerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_thumbnailer_dispose;
  object_class->finalize = dd_thumbnailer_finalize;
}

static void
dd_thumbnailer_init (DdThumbnailer *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) entry_free);
  g_mutex_init (&self->pending_lock);
  g_queue_init (&self->pending);
  self->pool = g_thread_pool_new (decode_job, self, N_THREADS, TRUE, NULL);
}

DdThumbnailer *
dd_thumbnailer_new (guint size,
                    gsize max_bytes)
{
  DdThumbnailer *self;

  g_return_val_if_fail (size > 0, NULL);

  self = g_object_new (DD_TYPE_THUMBNAILER, NULL);
  self->size = size;
  self->max_bytes = max_bytes;
  return self;
}

DdThumbnailer *
dd_thumbnailer_get_default (void)
{
  static DdThumbnailer *thumbnailer;

  if (thumbnailer == NULL)
    {
      /* The preferences: thumbnail size, cache size, decoding threads (0: the cores). */
      GSettings *settings = dd_settings_get ();
      guint size = settings ? g_settings_get_uint (settings, "thumbnail-size") : 112;
      guint cache_mb = settings ? g_settings_get_uint (settings, "cache-size-mb") : 128;
      guint threads = settings ? g_settings_get_uint (settings, "worker-threads") : 0;

      thumbnailer = dd_thumbnailer_new (size, (gsize) cache_mb * 1024 * 1024);
      if (threads == 0)
        threads = MAX (N_THREADS, g_get_num_processors ());
      g_thread_pool_set_max_threads (thumbnailer->pool, threads, NULL);
    }
  return thumbnailer;
}

guint
dd_thumbnailer_get_size (DdThumbnailer *self)
{
  g_return_val_if_fail (DD_IS_THUMBNAILER (self), 0);
  return self->size;
}

gboolean
dd_thumbnailer_lookup (DdThumbnailer  *self,
                       const char     *path,
                       GdkTexture    **texture)
{
  Entry *entry;

  g_return_val_if_fail (DD_IS_THUMBNAILER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  entry = g_hash_table_lookup (self->entries, path);
  if (entry == NULL)
    return FALSE;

  g_queue_unlink (&self->lru, &entry->link);
  g_queue_push_head_link (&self->lru, &entry->link);
  if (texture)
    *texture = entry->texture ? g_object_ref (entry->texture) : NULL;
  return TRUE;
}

void
dd_thumbnailer_load_async (DdThumbnailer       *self,
                           const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  Job *job;

  g_return_if_fail (DD_IS_THUMBNAILER (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_thumbnailer_load_async);
  /* Checked by hand in _finish: a cancelled task may still carry an image worth keeping. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, g_strdup (path), g_free);

  if (dd_thumbnailer_lookup (self, path, &texture))
    {
      if (texture)
        g_task_return_pointer (task, g_steal_pointer (&texture), g_object_unref);
      else
        g_task_return_new_error (task, DD_THUMBNAILER_ERROR, DD_THUMBNAILER_ERROR_BROKEN,
                                 _("The image cannot be shown"));
      return;
    }

  job = g_new0 (Job, 1);
  job->task = g_steal_pointer (&task);
  job->path = g_strdup (path);
  job->size = self->size;
  g_mutex_lock (&self->pending_lock);
  g_queue_push_head (&self->pending, job);
  g_mutex_unlock (&self->pending_lock);
  g_thread_pool_push (self->pool, GINT_TO_POINTER (1), NULL);
}

GdkTexture *
dd_thumbnailer_load_finish (DdThumbnailer  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  GTask *task = G_TASK (result);
  const char *path = g_task_get_task_data (task);
  g_autoptr(GError) local_error = NULL;
  gpointer value;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  value = g_task_propagate_pointer (task, &local_error);

  if (GDK_IS_PIXBUF (value))
    {
      g_autoptr(GdkPixbuf) pixbuf = value;
      g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (pixbuf);

      dd_thumbnailer_store (self, path, texture);
      if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), error))
        return NULL;
      return g_steal_pointer (&texture);
    }
  if (GDK_IS_TEXTURE (value))
    return value;

  if (g_error_matches (local_error, DD_THUMBNAILER_ERROR, DD_THUMBNAILER_ERROR_BROKEN))
    dd_thumbnailer_store (self, path, NULL);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

guint
dd_thumbnailer_get_n_cached (DdThumbnailer *self)
{
  g_return_val_if_fail (DD_IS_THUMBNAILER (self), 0);
  return self->lru.length;
}

gsize
dd_thumbnailer_get_cached_bytes (DdThumbnailer *self)
{
  g_return_val_if_fail (DD_IS_THUMBNAILER (self), 0);
  return self->bytes;
}
