/* The walker: a thread that lists a source's folders depth first, in name order, and
 * labels their files through the layout, a bounded number of folders ahead of the
 * database thread that writes them. It touches no database. */
#define G_LOG_DOMAIN "datadive-scanner"
#define _GNU_SOURCE   /* getdents64 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dd-scanner-private.h"

gint64
dd_scan_mtime_ns (const struct stat *st)
{
  return (gint64) st->st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st->st_mtim.tv_nsec;
}

static void
folder_label_clear (FolderLabel *fl)
{
  g_free (fl->label.wnid);
  g_free (fl->corruption);
}

void
dd_scan_listing_free (Listing *l)
{
  g_free (l->rel);
  g_free (l->problem);
  g_free (l->raw_prefix);
  g_free (l->key_prefix);
  g_clear_pointer (&l->files, g_array_unref);
  g_clear_pointer (&l->labels, g_array_unref);
  g_clear_pointer (&l->names, g_string_chunk_free);
  g_clear_pointer (&l->problems, g_ptr_array_unref);
  g_free (l);
}

/* The index in l->labels of @label (its wnid and @corruption taken): the last one
 * when the file is labelled as the one before it, as most files of a folder are. */
static gint
add_label (Listing       *l,
           DdLayoutLabel *label,
           char          *corruption)
{
  FolderLabel fl = { 0 };

  if (l->labels->len > 0)
    {
      FolderLabel *last = &g_array_index (l->labels, FolderLabel, l->labels->len - 1);

      if (g_strcmp0 (last->label.split, label->split) == 0 &&
          g_strcmp0 (last->label.wnid, label->wnid) == 0 &&
          g_strcmp0 (last->corruption, corruption) == 0 &&
          last->label.severity == label->severity && last->label.flags == label->flags)
        {
          g_free (label->wnid);
          g_free (corruption);
          return l->labels->len - 1;
        }
    }
  fl.label = *label;
  fl.corruption = corruption;
  g_array_append_val (l->labels, fl);
  return l->labels->len - 1;
}

/* The walker stays at most MAX_AHEAD folders ahead of the database thread, so memory
 * stays bounded. */
#define MAX_AHEAD 512

struct _DdWalker
{
  Source       *src;
  GCancellable *cancellable;
  GThread      *thread;
  GMutex        lock;
  GCond         cond;
  GQueue        queue;        /* Listing */
  guint         ahead;
  gboolean      stop;         /* the database thread gave up */
  char         *dents;        /* the walker's getdents64 buffer, for every folder */
};

#define DENTS_SIZE (64 * 1024)

static void
walk_push (DdWalker *w,
           Listing *l)
{
  g_mutex_lock (&w->lock);
  while (w->ahead >= MAX_AHEAD && !w->stop)
    g_cond_wait (&w->cond, &w->lock);
  g_queue_push_tail (&w->queue, l);
  w->ahead++;
  g_cond_broadcast (&w->cond);
  g_mutex_unlock (&w->lock);
}

static Listing *
walk_pop (DdWalker *w,
          guint    *out_ahead)
{
  Listing *l;

  g_mutex_lock (&w->lock);
  while (g_queue_is_empty (&w->queue))
    g_cond_wait (&w->cond, &w->lock);
  l = g_queue_pop_head (&w->queue);
  *out_ahead = --w->ahead;
  g_cond_broadcast (&w->cond);
  g_mutex_unlock (&w->lock);
  return l;
}

static gboolean
walk_stopped (DdWalker *w)
{
  gboolean stop;

  g_mutex_lock (&w->lock);
  stop = w->stop;
  g_mutex_unlock (&w->lock);
  return stop || g_cancellable_is_cancelled (w->cancellable);
}

static void
listing_problem (Listing    *l,
                 const char *rel,
                 const char *what)
{
  if (l->problems == NULL)
    l->problems = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (l->problems, g_strdup_printf ("%s\t%s", rel, what));
}

/* The files of @l as keys, labelled through the layout: the folder's prefix and
 * components are made once, each key (and raw key) is stored in l->names, files
 * labelled alike share one FolderLabel. @names are raw, sorted, in l->names. */
static void
prepare_files (Source    *src,
               Listing   *l,
               GPtrArray *names)
{
  g_auto(GStrv) parts = NULL;
  guint n_parts = 0;
  GString *key;
  gsize prefix_len;
  guint32 prefix_hash;

  l->raw_prefix = *l->rel ? g_strconcat (src->base, "/", l->rel, "/", NULL)
                          : g_strconcat (src->base, "/", NULL);
  l->raw_keys = !dd_catalog_make_key (l->raw_prefix, strlen (l->raw_prefix), &l->key_prefix);
  prefix_len = strlen (l->key_prefix);
  prefix_hash = dd_catalog_key_hash (l->key_prefix);
  if (*l->rel)
    {
      /* the folder's components in key form: keys escape bytes one by one, so the
       * key prefix of the folder is "<base_key>/<rel in key form>/" */
      const char *rel_key = l->key_prefix + strlen (src->base_key) + 1;
      g_autofree char *folder = g_strndup (rel_key, strlen (rel_key) - 1);

      parts = g_strsplit (folder, "/", -1);
      n_parts = g_strv_length (parts);
    }
  else
    parts = g_new0 (char *, 1);
  l->files = g_array_sized_new (FALSE, FALSE, sizeof (FileItem), names->len);
  l->labels = g_array_new (FALSE, FALSE, sizeof (FolderLabel));
  g_array_set_clear_func (l->labels, (GDestroyNotify) folder_label_clear);
  key = g_string_new (l->key_prefix);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      FileItem f = { NULL, NULL, NULL, 0, -1 };
      DdLayoutLabel label;
      char *corruption = NULL;
      g_autofree char *escaped = NULL;
      gboolean utf8 = g_utf8_validate (name, -1, NULL);

      if (!utf8)
        dd_catalog_make_key (name, strlen (name), &escaped);
      g_string_truncate (key, prefix_len);
      g_string_append (key, utf8 ? name : escaped);
      f.key = g_string_chunk_insert_len (l->names, key->str, key->len);
      f.name = f.key + prefix_len;
      f.keyhash = dd_catalog_key_hash_more (prefix_hash, f.name);
      if (l->raw_keys || !utf8)
        {
          g_autofree char *raw = g_strconcat (l->raw_prefix, name, NULL);
          f.raw_key = g_string_chunk_insert (l->names, raw);
        }
      if (dd_scan_classify (src, parts, n_parts, f.name, &label, &corruption))
        f.label = add_label (l, &label, corruption);
      g_array_append_val (l->files, f);
    }
  g_string_free (key, TRUE);
}

/* Lists folder @rel into @l (files prepared) and @subdirs (sorted); closes @dirfd. */
static void
list_dir (DdWalker   *w,
          int         dirfd,
          Listing    *l,
          GPtrArray  *subdirs)
{
  Source *src = w->src;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();   /* in l->names */
  const char *rel = l->rel;

  l->names = g_string_chunk_new (4096);
  for (;;)
    {
      ssize_t n = getdents64 (dirfd, w->dents, DENTS_SIZE);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          l->problem = g_strdup (g_strerror (errno));
          close (dirfd);
          return;
        }
      if (n == 0)
        break;
      for (ssize_t off = 0; off < n;)
        {
          struct dirent64 *entry = (struct dirent64 *) (w->dents + off);
          const char *name = entry->d_name;
          unsigned char type = entry->d_type;

          off += entry->d_reclen;
          if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0')))
            continue;
          if (type == DT_UNKNOWN || type == DT_LNK)
            {
              struct stat st;

              if (fstatat (dirfd, name, &st, 0) != 0)
                {
                  g_autofree char *child = *rel ? g_strconcat (rel, "/", name, NULL)
                                                : g_strdup (name);
                  listing_problem (l, child, type == DT_LNK ? _("broken symbolic link")
                                                            : g_strerror (errno));
                  continue;
                }
              type = S_ISDIR (st.st_mode) ? DT_DIR : S_ISREG (st.st_mode) ? DT_REG : DT_UNKNOWN;
            }
          if (type == DT_DIR)
            g_ptr_array_add (subdirs, g_strdup (name));
          else if (type == DT_REG && dd_layout_is_image_name (name))
            g_ptr_array_add (names, g_string_chunk_insert (l->names, name));
          else
            {
              g_autofree char *child = *rel ? g_strconcat (rel, "/", name, NULL) : g_strdup (name);
              if (!g_hash_table_contains (src->metadata, child))
                l->junk++;
            }
        }
    }
  close (dirfd);
  g_ptr_array_sort (names, dd_compare_strings);
  g_ptr_array_sort (subdirs, dd_compare_strings);
  prepare_files (src, l, names);
}

/* The walker thread: depth first, in name order (ids then follow key order), each
 * folder once (a symbolic link back up the tree would never end), folders whose
 * mtime did not change are not listed again. Touches no database. */
static gpointer
walker_thread (gpointer data)
{
  DdWalker *w = data;
  Source *src = w->src;
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (stack, g_strdup (""));
  while (stack->len > 0 && !walk_stopped (w))
    {
      Listing *l = g_new0 (Listing, 1);
      g_autofree char *path = NULL;
      g_autofree char *dev_ino = NULL;
      g_autoptr(GPtrArray) subdirs = g_ptr_array_new_with_free_func (g_free);
      gint64 *old_mtime;
      struct stat st;
      int fd;

      l->rel = g_ptr_array_steal_index (stack, stack->len - 1);
      path = *l->rel ? g_build_filename (src->ctx.root, l->rel, NULL) : g_strdup (src->ctx.root);
      fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (fd < 0 && (errno == ENOENT || errno == ENOTDIR) && *l->rel != '\0')
        {
          /* Gone since the catalog listed it (its parent's mtime put back, or a
           * folder recorded to be tried again): a vanished folder, not a problem. */
          dd_scan_listing_free (l);
          continue;
        }
      if (fd < 0 || fstat (fd, &st) != 0)
        {
          l->problem = g_strdup (g_strerror (errno));
          if (fd >= 0)
            close (fd);
          walk_push (w, l);
          continue;
        }
      dev_ino = g_strdup_printf ("%lu:%lu", (gulong) st.st_dev, (gulong) st.st_ino);
      if (!g_hash_table_add (src->visited, g_steal_pointer (&dev_ino)))
        {
          l->problem = g_strdup (_("folder already visited (symbolic link loop), skipped"));
          close (fd);
          walk_push (w, l);
          continue;
        }
      l->mtime = dd_scan_mtime_ns (&st);
      old_mtime = src->old_dirs ? g_hash_table_lookup (src->old_dirs, l->rel) : NULL;
      if (old_mtime && *old_mtime == l->mtime && l->mtime != DD_CATALOG_MTIME_UNKNOWN)
        {
          GPtrArray *children = g_hash_table_lookup (src->children, l->rel);

          close (fd);
          l->unchanged = TRUE;
          for (guint i = children ? children->len : 0; i > 0; i--)
            {
              const char *child = g_ptr_array_index (children, i - 1);

              if (!src->skip || !g_hash_table_contains (src->skip, child))
                g_ptr_array_add (stack, g_strdup (child));
            }
          walk_push (w, l);
          continue;
        }
      list_dir (w, fd, l, subdirs);
      for (guint i = subdirs->len; i > 0; i--)
        {
          const char *name = g_ptr_array_index (subdirs, i - 1);

          if (*l->rel == '\0' && src->skip && g_hash_table_contains (src->skip, name))
            continue;
          g_ptr_array_add (stack, *l->rel ? g_strconcat (l->rel, "/", name, NULL)
                                          : g_strdup (name));
        }
      walk_push (w, l);
    }
  {
    Listing *end = g_new0 (Listing, 1);
    end->end = TRUE;
    walk_push (w, end);
  }
  return NULL;
}

DdWalker *
dd_walker_start (Source       *src,
                 GCancellable *cancellable)
{
  DdWalker *w = g_new0 (DdWalker, 1);

  w->src = src;
  w->cancellable = cancellable;
  w->dents = g_malloc (DENTS_SIZE);
  g_mutex_init (&w->lock);
  g_cond_init (&w->cond);
  g_queue_init (&w->queue);
  w->thread = g_thread_new ("dd-walker", walker_thread, w);
  return w;
}

Listing *
dd_walker_next (DdWalker *w,
                guint64  *out_pending)
{
  guint ahead;
  Listing *l = walk_pop (w, &ahead);

  *out_pending = ahead + 1;
  return l;
}

void
dd_walker_stop (DdWalker *w)
{
  g_mutex_lock (&w->lock);
  w->stop = TRUE;
  g_cond_broadcast (&w->cond);
  g_mutex_unlock (&w->lock);
}

void
dd_walker_free (DdWalker *w)
{
  g_thread_join (w->thread);
  g_mutex_clear (&w->lock);
  g_cond_clear (&w->cond);
  g_free (w->dents);
  g_free (w);
}
