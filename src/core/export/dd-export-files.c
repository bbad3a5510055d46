/* Putting a sample's file into an export: copied, hard-linked or symbolically linked,
 * or read for a tar member; only a regular file no larger than its recorded size
 * allows, opened without blocking, so a FIFO or a device swapped in since the scan is
 * refused instead of hanging the export. */
#define G_LOG_DOMAIN "datadive-export"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dd-export-private.h"
#include "dd-safe-file.h"

/* Records that @s was left out for @reason (taken). */
static void
refuse (DdExportRun  *run,
        DdSampleInfo *s,
        char         *reason)
{
  DdExportRefusal *refusal = g_new0 (DdExportRefusal, 1);

  refusal->key = g_strdup (s->key);
  refusal->reason = reason;
  g_ptr_array_add (run->result->refused, refusal);
}

/* Why a sample's file, as it is now (@st), is not exported; NULL when it may be. Only
 * a regular file is, no larger than its recorded size allows. */
static char *
refuse_reason (DdSampleInfo *s,
               struct stat  *st)
{
  gint64 limit = dd_safe_file_sample_limit (s->file_size);

  if (!S_ISREG (st->st_mode))
    return g_strdup (S_ISFIFO (st->st_mode) ? _("it is a FIFO now, not a regular file")
                     : S_ISDIR (st->st_mode) ? _("it is a folder now, not a regular file")
                     : _("it is a device or special file now, not a regular file"));
  if (st->st_size > limit)
    {
      g_autofree char *size = g_format_size (st->st_size);
      g_autofree char *most = g_format_size (limit);

      return g_strdup_printf (_("it is %s now, more than the %s expected of it: re-index"),
                              size, most);
    }
  return NULL;
}

/* Copies @src (opened without blocking, regular files only, at most its size then) to
 * @dst, created with mode 0666 less the umask. ENOENT on the source is returned as is
 * for the caller; a file that is not what the catalog recorded sets @refused. */
static int
copy_file (DdSampleInfo  *s,
           const char    *dst,
           char         **refused)
{
  g_autoptr(GError) error = NULL;
  struct stat st;
  int in = dd_safe_file_open (s->path, &st, &error);
  int out;
  int saved = 0;
  off_t left;
  char buf[65536];

  if (in < 0)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return ENOENT;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE))
        {
          /* the same words as for a link or symlink export */
          if (stat (s->path, &st) != 0 || !(*refused = refuse_reason (s, &st)))
            *refused = g_strdup (error->message);
          return 0;
        }
      return error->code == G_IO_ERROR_PERMISSION_DENIED ? EACCES : EIO;
    }
  if ((*refused = refuse_reason (s, &st)))
    {
      close (in);
      return 0;
    }
  out = open (dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (out < 0)
    {
      saved = errno;
      close (in);
      return saved;
    }
  /* what fstat said, no more: a file still growing is not followed */
  for (left = st.st_size; left > 0;)
    {
      ssize_t n = read (in, buf, MIN ((off_t) sizeof buf, left));
      if (n == 0)
        break;
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          saved = errno;
          break;
        }
      left -= n;
      for (ssize_t off = 0; off < n;)
        {
          ssize_t w = write (out, buf + off, n - off);
          if (w < 0)
            {
              if (errno == EINTR)
                continue;
              saved = errno;
              break;
            }
          off += w;
        }
      if (saved)
        break;
    }
  close (in);
  if (close (out) != 0 && saved == 0)
    saved = errno;
  if (saved)
    g_unlink (dst);
  return saved;
}

/* A symbolic link at @rel to the sample's file, short enough to live in the inode.
 *
 * ext4 keeps a link target of up to 59 bytes in the inode; a longer one (an absolute
 * dataset path is 70–100) takes a block of its own, written through the journal as
 * metadata: 100,000 such links took 31.6 s where copying the files took 4.8 s (strace:
 * 480 µs in each symlink()). So each source folder gets one absolute link in the
 * export's hidden .src/ folder, and a sample's link goes there relatively:
 * "train/n01443537/n01443537_0.JPEG" → "../../.src/17/n01443537_0.JPEG". The export
 * can still be moved (the .src links are absolute); ImageFolder never walks .src/,
 * which is beside the split folders, not inside a class folder. */
static int
place_symlink (DdExportRun  *run,
               DdSampleInfo *s,
               const char   *rel,
               const char   *dst)
{
  g_autofree char *folder = g_path_get_dirname (s->path);
  g_autofree char *base = g_path_get_basename (s->path);
  g_autoptr(GString) target = g_string_new (NULL);
  gpointer number;

  if (!g_hash_table_lookup_extended (run->anchors, folder, NULL, &number))
    {
      g_autofree char *src = g_build_filename (run->tmp, ".src", NULL);
      g_autofree char *anchor = NULL;

      number = GUINT_TO_POINTER (g_hash_table_size (run->anchors));
      anchor = g_strdup_printf ("%s/%u", src, GPOINTER_TO_UINT (number));
      if ((g_hash_table_size (run->anchors) == 0 && g_mkdir (src, 0777) != 0) ||
          symlink (folder, anchor) != 0)
        return errno;
      g_hash_table_insert (run->anchors, g_steal_pointer (&folder), number);
    }
  for (const char *p = rel; (p = strchr (p, '/')); p++)
    g_string_append (target, "../");
  g_string_append_printf (target, ".src/%u/%s", GPOINTER_TO_UINT (number), base);
  return symlink (target->str, dst) == 0 ? 0 : errno;
}

/* Puts the sample's file at @rel (relative to the temporary folder). FALSE with
 * @error on a real failure; a vanished source is recorded and skipped. */
static gboolean
place_file (DdExportRun   *run,
            DdSampleInfo  *s,
            const char    *rel,
            gboolean      *placed,
            GError       **error)
{
  g_autofree char *dst = g_build_filename (run->tmp, rel, NULL);
  g_autofree char *refused = NULL;
  struct stat st;
  int err = 0;

  *placed = FALSE;
  switch (run->options->mode)
    {
    case DD_EXPORT_HARDLINK:
    case DD_EXPORT_SYMLINK:
      /* a link to a FIFO or a device would hang whoever reads the export */
      if (stat (s->path, &st) != 0)
        err = errno;
      else if ((refused = refuse_reason (s, &st)))
        break;
      else if (run->options->mode == DD_EXPORT_SYMLINK)
        err = place_symlink (run, s, rel, dst);
      /* the file itself, when the sample is a symbolic link */
      else if (linkat (AT_FDCWD, s->path, AT_FDCWD, dst, AT_SYMLINK_FOLLOW) != 0)
        {
          err = errno;
          if (err == EXDEV || err == EPERM || err == EMLINK)
            {
              err = copy_file (s, dst, &refused);
              if (err == 0 && refused == NULL)
                run->result->copied_instead_of_linked++;
            }
        }
      break;
    case DD_EXPORT_COPY:
    default:
      err = copy_file (s, dst, &refused);
      break;
    }
  if (err == ENOENT)
    {
      g_ptr_array_add (run->result->missing, g_strdup (s->key));
      return TRUE;
    }
  if (err != 0)
    return dd_export_io_error (error, err, _("Cannot write"), dst);
  if (refused)
    {
      refuse (run, s, g_steal_pointer (&refused));
      return TRUE;
    }
  *placed = TRUE;
  return TRUE;
}

static gboolean
ensure_dir (DdExportRun *run,
            const char  *rel_dir,
            GError     **error)
{
  g_autofree char *path = NULL;

  if (*rel_dir == '\0' || g_hash_table_contains (run->dirs, rel_dir))
    return TRUE;
  path = g_build_filename (run->tmp, rel_dir, NULL);
  if (g_mkdir_with_parents (path, 0777) != 0)
    return dd_export_io_error (error, errno, _("Cannot create the folder"), path);
  g_hash_table_add (run->dirs, g_strdup (rel_dir));
  return TRUE;
}

gboolean
dd_export_place (DdExportRun   *run,
                 DdSampleInfo  *s,
                 const char    *rel_dir,
                 const char    *name,
                 int            label,
                 char         **rel,
                 GError       **error)
{
  g_autofree char *path = NULL;
  char label_text[16] = "";
  char severity_text[16];
  gboolean placed;

  *rel = NULL;
  if (!ensure_dir (run, rel_dir, error))
    return FALSE;
  path = dd_export_unique_path (run, rel_dir, name);
  if (!place_file (run, s, path, &placed, error))
    return FALSE;
  if (!placed)
    return TRUE;
  run->result->exported++;
  if (label >= 0)
    g_snprintf (label_text, sizeof label_text, "%d", label);
  g_snprintf (severity_text, sizeof severity_text, "%u", s->severity);
  dd_export_model_csv_row (run, run->manifest, s, 8, (const char *[]) {
                             path, s->key, s->wnid, s->class_name, label_text, s->corruption,
                             severity_text, s->split });
  *rel = g_steal_pointer (&path);
  return TRUE;
}

/* The bytes of a sample for a tar member, read within its bound. FALSE on a real
 * failure; TRUE with *@contents NULL when the file vanished or was refused (recorded
 * in the result). */
gboolean
dd_export_read_sample (DdExportRun   *run,
                       DdSampleInfo  *s,
                       char         **contents,
                       gsize         *len,
                       GError       **error)
{
  g_autoptr(GError) local = NULL;
  char *refused = NULL;
  struct stat st;
  int fd;

  *contents = NULL;
  fd = dd_safe_file_open (s->path, &st, &local);
  if (fd < 0 && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_ptr_array_add (run->result->missing, g_strdup (s->key));
      return TRUE;
    }
  if (fd < 0 && !g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE))
    {
      g_autofree char *display = g_filename_display_name (s->path);

      g_set_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_IO, _("Cannot read “%s”: %s"),
                   display, local->message);
      return FALSE;
    }
  if (fd < 0)
    refused = stat (s->path, &st) == 0 ? refuse_reason (s, &st) : NULL;
  else if (!(refused = refuse_reason (s, &st)) &&
           !dd_safe_file_read_fd (fd, dd_safe_file_sample_limit (s->file_size), contents, len,
                                  &local))
    refused = g_strdup (local->message);
  if (fd >= 0)
    close (fd);
  if (refused || *contents == NULL)
    {
      refuse (run, s, refused ? refused : g_strdup (local->message));
      g_clear_pointer (contents, g_free);
    }
  return TRUE;
}
