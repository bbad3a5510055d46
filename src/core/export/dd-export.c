/* DdExporter: a subset written out as ImageFolder, the original layout, CSV / JSONL
 * manifests, FiftyOne, Hugging Face imagefolder or WebDataset shards. Everything goes
 * into a temporary sibling of the target that is renamed when complete. */
#define G_LOG_DOMAIN "datadive-export"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dd-export.h"
#include "dd-safe-file.h"
#include "dd-tmpdir.h"

struct _DdExporter
{
  GObject       parent_instance;

  DdCatalog    *catalog;
  GMutex        lock;
  double        fraction;
  char         *text;
  char         *main_text;
  GMainContext *notify_context;
};

G_DEFINE_FINAL_TYPE (DdExporter, dd_exporter, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FRACTION,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *layout_names[] = {
  "imagefolder", "original", "csv", "jsonl", "fiftyone", "hf", "webdataset",
};
static const char *mode_names[] = { "copy", "hardlink", "symlink" };

const char *
dd_export_layout_to_string (DdExportLayout layout)
{
  g_return_val_if_fail (layout < G_N_ELEMENTS (layout_names), NULL);
  return layout_names[layout];
}

gboolean
dd_export_layout_from_string (const char     *name,
                              DdExportLayout *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (layout_names); i++)
    if (g_strcmp0 (name, layout_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
dd_export_mode_to_string (DdExportMode mode)
{
  g_return_val_if_fail (mode < G_N_ELEMENTS (mode_names), NULL);
  return mode_names[mode];
}

gboolean
dd_export_mode_from_string (const char   *name,
                            DdExportMode *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (mode_names); i++)
    if (g_strcmp0 (name, mode_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

void
dd_export_options_clear (DdExportOptions *options)
{
  g_clear_pointer (&options->target, g_free);
  g_clear_pointer (&options->recipe_json, g_free);
}

void
dd_export_result_free (DdExportResult *result)
{
  if (result == NULL)
    return;
  g_free (result->target);
  g_clear_pointer (&result->missing, g_ptr_array_unref);
  g_clear_pointer (&result->refused, g_ptr_array_unref);
  g_free (result);
}

/* ---- files ------------------------------------------------------------------------ */

static gboolean
io_error (GError    **error,
          int         saved_errno,
          const char *what,
          const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  if (saved_errno == ENOSPC)
    g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_IO,
                 _("Cannot write “%s”: the disk is full"), display);
  else
    g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_IO, "%s “%s”: %s", what, display,
                 g_strerror (saved_errno));
  return FALSE;
}

static void
string_free (gpointer data)
{
  g_string_free (data, TRUE);
}

static void
refusal_free (DdExportRefusal *refusal)
{
  g_free (refusal->key);
  g_free (refusal->reason);
  g_free (refusal);
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

/* ---- one run ------------------------------------------------------------------- */

typedef struct {
  DdExporter            *self;
  const DdExportOptions *options;
  DdExportResult        *result;
  char                  *tmp;          /* the temporary folder */
  GHashTable            *dirs;         /* created relative folders */
  GHashTable            *taken;        /* used relative paths (or tar bases) */
  GHashTable            *labels;       /* wnid → label index + 1 */
  GPtrArray             *classes;      /* sorted wnids */
  GString               *manifest;     /* manifest.csv */
  GString               *jsonl;
  JsonBuilder           *fiftyone;
  GHashTable            *hf;           /* split → GString metadata.csv */
  GHashTable            *anchors;      /* symlink mode: source folder → its number in .src/ */
  /* webdataset */
  int                    tar_fd;
  guint                  tar_index;
  guint                  tar_count;
} Ctx;

static gboolean
ensure_dir (Ctx         *ctx,
            const char  *rel_dir,
            GError     **error)
{
  g_autofree char *path = NULL;

  if (*rel_dir == '\0' || g_hash_table_contains (ctx->dirs, rel_dir))
    return TRUE;
  path = g_build_filename (ctx->tmp, rel_dir, NULL);
  if (g_mkdir_with_parents (path, 0777) != 0)
    return io_error (error, errno, _("Cannot create the folder"), path);
  g_hash_table_add (ctx->dirs, g_strdup (rel_dir));
  return TRUE;
}

static void
csv_field (GString    *out,
           const char *text)
{
  if (text && strpbrk (text, ",\"\n\r"))
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else if (text)
    g_string_append (out, text);
}

/* "val_7.JPEG" of fog/3 → "val_7__fog_3.JPEG": the same file exists in 75 cells. */
static char *
export_name (DdSampleInfo *s,
             gboolean      no_dots_in_stem)
{
  g_autofree char *base = g_path_get_basename (s->key);
  char *dot = strrchr (base, '.');
  g_autofree char *ext = g_strdup (dot ? dot : "");
  g_autofree char *stem = NULL;

  if (dot)
    *dot = '\0';
  stem = g_strdup (base);
  if (s->severity > 0 && g_strcmp0 (s->corruption, "none") != 0)
    {
      char *with = g_strdup_printf ("%s__%s_%u", stem, s->corruption, s->severity);
      g_free (stem);
      stem = with;
    }
  if (no_dots_in_stem)
    g_strdelimit (stem, ".", '_');
  g_strdelimit (stem, "/\\", '_');
  return g_strconcat (stem, ext, NULL);
}

/* @rel_dir/@name, made unique among the paths of this export (deterministic: samples
 * come in catalog order). */
static char *
unique_path (Ctx        *ctx,
             const char *rel_dir,
             const char *name)
{
  const char *dot = strrchr (name, '.');
  g_autofree char *stem = dot ? g_strndup (name, dot - name) : g_strdup (name);
  const char *ext = dot ? dot : "";
  char *rel = *rel_dir ? g_strconcat (rel_dir, "/", name, NULL) : g_strdup (name);

  for (guint n = 2; g_hash_table_contains (ctx->taken, rel); n++)
    {
      g_free (rel);
      rel = *rel_dir ? g_strdup_printf ("%s/%s__%u%s", rel_dir, stem, n, ext)
                     : g_strdup_printf ("%s__%u%s", stem, n, ext);
    }
  g_hash_table_add (ctx->taken, g_strdup (rel));
  return rel;
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
place_symlink (Ctx          *ctx,
               DdSampleInfo *s,
               const char   *rel,
               const char   *dst)
{
  g_autofree char *folder = g_path_get_dirname (s->path);
  g_autofree char *base = g_path_get_basename (s->path);
  g_autoptr(GString) target = g_string_new (NULL);
  gpointer number;

  if (!g_hash_table_lookup_extended (ctx->anchors, folder, NULL, &number))
    {
      g_autofree char *src = g_build_filename (ctx->tmp, ".src", NULL);
      g_autofree char *anchor = NULL;

      number = GUINT_TO_POINTER (g_hash_table_size (ctx->anchors));
      anchor = g_strdup_printf ("%s/%u", src, GPOINTER_TO_UINT (number));
      if ((g_hash_table_size (ctx->anchors) == 0 && g_mkdir (src, 0777) != 0) ||
          symlink (folder, anchor) != 0)
        return errno;
      g_hash_table_insert (ctx->anchors, g_steal_pointer (&folder), number);
    }
  for (const char *p = rel; (p = strchr (p, '/')); p++)
    g_string_append (target, "../");
  g_string_append_printf (target, ".src/%u/%s", GPOINTER_TO_UINT (number), base);
  return symlink (target->str, dst) == 0 ? 0 : errno;
}

/* Puts the sample's file at @rel (relative to the temporary folder). FALSE with
 * @error on a real failure; a vanished source is recorded and skipped. */
static gboolean
place_file (Ctx           *ctx,
            DdSampleInfo  *s,
            const char    *rel,
            gboolean      *placed,
            GError       **error)
{
  g_autofree char *dst = g_build_filename (ctx->tmp, rel, NULL);
  g_autofree char *refused = NULL;
  struct stat st;
  int err = 0;

  *placed = FALSE;
  switch (ctx->options->mode)
    {
    case DD_EXPORT_HARDLINK:
    case DD_EXPORT_SYMLINK:
      /* a link to a FIFO or a device would hang whoever reads the export */
      if (stat (s->path, &st) != 0)
        err = errno;
      else if ((refused = refuse_reason (s, &st)))
        break;
      else if (ctx->options->mode == DD_EXPORT_SYMLINK)
        err = place_symlink (ctx, s, rel, dst);
      /* the file itself, when the sample is a symbolic link */
      else if (linkat (AT_FDCWD, s->path, AT_FDCWD, dst, AT_SYMLINK_FOLLOW) != 0)
        {
          err = errno;
          if (err == EXDEV || err == EPERM || err == EMLINK)
            {
              err = copy_file (s, dst, &refused);
              if (err == 0 && refused == NULL)
                ctx->result->copied_instead_of_linked++;
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
      g_ptr_array_add (ctx->result->missing, g_strdup (s->key));
      return TRUE;
    }
  if (err != 0)
    return io_error (error, err, _("Cannot write"), dst);
  if (refused)
    {
      DdExportRefusal *refusal = g_new0 (DdExportRefusal, 1);

      refusal->key = g_strdup (s->key);
      refusal->reason = g_steal_pointer (&refused);
      g_ptr_array_add (ctx->result->refused, refusal);
      return TRUE;
    }
  *placed = TRUE;
  return TRUE;
}

/* ---- tar (WebDataset) --------------------------------------------------------------- */

static gboolean
write_all (int          fd,
           const void  *data,
           gsize        len,
           const char  *path,
           GError     **error)
{
  const guint8 *p = data;

  while (len > 0)
    {
      ssize_t n = write (fd, p, len);
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return io_error (error, errno, _("Cannot write"), path);
        }
      p += n;
      len -= n;
    }
  return TRUE;
}

static gboolean
tar_member (Ctx          *ctx,
            const char   *name,
            const void   *data,
            gsize         len,
            GError      **error)
{
  guint8 header[512] = { 0 };
  guint sum = 0;
  static const guint8 zeros[512] = { 0 };
  g_autofree char *path = g_strdup_printf ("%s/shard-%06u.tar", ctx->tmp, ctx->tar_index);

  g_strlcpy ((char *) header, name, 100);
  memcpy (header + 100, "0000644", 8);
  memcpy (header + 108, "0000000", 8);
  memcpy (header + 116, "0000000", 8);
  g_snprintf ((char *) header + 124, 12, "%011lo", (unsigned long) len);
  g_snprintf ((char *) header + 136, 12, "%011lo", (unsigned long) (g_get_real_time () / G_USEC_PER_SEC));
  memset (header + 148, ' ', 8);
  header[156] = '0';
  memcpy (header + 257, "ustar", 6);
  memcpy (header + 263, "00", 2);
  for (guint i = 0; i < 512; i++)
    sum += header[i];
  g_snprintf ((char *) header + 148, 8, "%06o", sum);
  header[155] = ' ';
  return write_all (ctx->tar_fd, header, 512, path, error) &&
         write_all (ctx->tar_fd, data, len, path, error) &&
         write_all (ctx->tar_fd, zeros, (512 - len % 512) % 512, path, error);
}

static gboolean
tar_close (Ctx     *ctx,
           GError **error)
{
  static const guint8 zeros[1024] = { 0 };
  g_autofree char *path = g_strdup_printf ("%s/shard-%06u.tar", ctx->tmp, ctx->tar_index);
  gboolean ok;

  if (ctx->tar_fd < 0)
    return TRUE;
  ok = write_all (ctx->tar_fd, zeros, sizeof zeros, path, error);
  if (close (ctx->tar_fd) != 0 && ok)
    ok = io_error (error, errno, _("Cannot write"), path);
  ctx->tar_fd = -1;
  ctx->tar_index++;
  ctx->tar_count = 0;
  return ok;
}

/* The bytes of a sample for a tar member, read within its bound. FALSE on a real
 * failure; TRUE with *@contents NULL when the file vanished or was refused (recorded
 * in the result). */
static gboolean
read_sample (Ctx           *ctx,
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
      g_ptr_array_add (ctx->result->missing, g_strdup (s->key));
      return TRUE;
    }
  if (fd < 0 && !g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE))
    {
      g_autofree char *display = g_filename_display_name (s->path);

      g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_IO, _("Cannot read “%s”: %s"),
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
      DdExportRefusal *refusal = g_new0 (DdExportRefusal, 1);

      refusal->key = g_strdup (s->key);
      refusal->reason = refused ? refused : g_strdup (local->message);
      g_ptr_array_add (ctx->result->refused, refusal);
      g_clear_pointer (contents, g_free);
    }
  return TRUE;
}

static gboolean
tar_sample (Ctx           *ctx,
            DdSampleInfo  *s,
            int            label,
            GError       **error)
{
  guint shard = ctx->options->shard_size ? ctx->options->shard_size : 10000;
  g_autofree char *name = export_name (s, TRUE);
  const char *dot = strrchr (name, '.');
  g_autofree char *stem = dot ? g_strndup (name, dot - name) : g_strdup (name);
  g_autofree char *ext = g_ascii_strdown (dot ? dot + 1 : "img", -1);
  g_autofree char *base = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *member = NULL;
  g_autofree char *cls = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  gsize len;

  if (!read_sample (ctx, s, &contents, &len, error))
    return FALSE;
  if (contents == NULL)
    return TRUE;   /* vanished or refused: recorded */
  if (ctx->tar_fd < 0)
    {
      g_autofree char *path = g_strdup_printf ("%s/shard-%06u.tar", ctx->tmp, ctx->tar_index);
      ctx->tar_fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (ctx->tar_fd < 0)
        return io_error (error, errno, _("Cannot create"), path);
    }
  /* WebDataset groups members by the name up to the first dot. */
  if (strlen (stem) > 80)
    {
      g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA1, stem, -1);
      stem[60] = '\0';
      base = g_strdup_printf ("%s_%.12s", stem, digest);
    }
  else
    base = g_strdup (stem);
  {
    char *unique = unique_path (ctx, "", base);
    g_free (base);
    base = unique;
  }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "key");
  json_builder_add_string_value (b, s->key);
  json_builder_set_member_name (b, "wnid");
  json_builder_add_string_value (b, s->wnid);
  json_builder_set_member_name (b, "class_name");
  json_builder_add_string_value (b, s->class_name);
  json_builder_set_member_name (b, "label");
  if (label >= 0)
    json_builder_add_int_value (b, label);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "corruption");
  json_builder_add_string_value (b, s->corruption);
  json_builder_set_member_name (b, "severity");
  json_builder_add_int_value (b, s->severity);
  json_builder_set_member_name (b, "split");
  json_builder_add_string_value (b, s->split);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  json = json_to_string (node, FALSE);

  member = g_strdup_printf ("%s.%s", base, ext);
  if (!tar_member (ctx, member, contents, len, error))
    return FALSE;
  if (label >= 0)
    {
      g_autofree char *cls_name = g_strdup_printf ("%s.cls", base);
      cls = g_strdup_printf ("%d", label);
      if (!tar_member (ctx, cls_name, cls, strlen (cls), error))
        return FALSE;
    }
  {
    g_autofree char *json_name = g_strdup_printf ("%s.json", base);
    if (!tar_member (ctx, json_name, json, strlen (json), error))
      return FALSE;
  }
  ctx->result->exported++;
  if (++ctx->tar_count >= shard)
    return tar_close (ctx, error);
  return TRUE;
}

/* ---- the export ---------------------------------------------------------------- */

static void
manifest_row (GString      *out,
              const char   *path,
              DdSampleInfo *s,
              int           label)
{
  csv_field (out, path);
  g_string_append_c (out, ',');
  csv_field (out, s->key);
  g_string_append_c (out, ',');
  csv_field (out, s->wnid ? s->wnid : "");
  g_string_append_c (out, ',');
  csv_field (out, s->class_name ? s->class_name : "");
  g_string_append_c (out, ',');
  if (label >= 0)
    g_string_append_printf (out, "%d", label);
  g_string_append_c (out, ',');
  csv_field (out, s->corruption);
  g_string_append_printf (out, ",%u,", s->severity);
  csv_field (out, s->split);
  g_string_append_c (out, '\n');
}

static void
jsonl_row (GString      *out,
           const char   *path,
           DdSampleInfo *s,
           int           label)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, path);
  json_builder_set_member_name (b, "key");
  json_builder_add_string_value (b, s->key);
  json_builder_set_member_name (b, "wnid");
  json_builder_add_string_value (b, s->wnid);
  json_builder_set_member_name (b, "class_name");
  json_builder_add_string_value (b, s->class_name);
  json_builder_set_member_name (b, "label");
  if (label >= 0)
    json_builder_add_int_value (b, label);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "corruption");
  json_builder_add_string_value (b, s->corruption);
  json_builder_set_member_name (b, "severity");
  json_builder_add_int_value (b, s->severity);
  json_builder_set_member_name (b, "split");
  json_builder_add_string_value (b, s->split);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  text = json_to_string (node, FALSE);
  g_string_append (out, text);
  g_string_append_c (out, '\n');
}

static gboolean
export_sample (Ctx           *ctx,
               DdSampleInfo  *s,
               GError       **error)
{
  DdExportLayout layout = ctx->options->layout;
  int label = s->wnid ? GPOINTER_TO_INT (g_hash_table_lookup (ctx->labels, s->wnid)) - 1 : -1;
  g_autofree char *name = NULL;
  g_autofree char *rel_dir = NULL;
  g_autofree char *rel = NULL;
  gboolean placed;

  if (layout == DD_EXPORT_WEBDATASET)
    return tar_sample (ctx, s, label, error);

  /* Class-folder layouts have no place for an unlabeled image. */
  if (s->wnid == NULL && layout == DD_EXPORT_IMAGEFOLDER)
    {
      ctx->result->skipped_unlabeled++;
      return TRUE;
    }
  name = export_name (s, FALSE);
  switch (layout)
    {
    case DD_EXPORT_IMAGEFOLDER:
      rel_dir = g_strdup_printf ("%s/%s", s->split, s->wnid);
      break;
    case DD_EXPORT_ORIGINAL:
      rel_dir = g_path_get_dirname (s->key);
      g_free (name);
      name = g_path_get_basename (s->key);
      break;
    case DD_EXPORT_CSV:
    case DD_EXPORT_JSONL:
      rel_dir = g_strdup_printf ("data/%s/%s", s->split, s->wnid ? s->wnid : "_unlabeled");
      break;
    case DD_EXPORT_FIFTYONE:
      rel_dir = g_strdup ("data");
      break;
    case DD_EXPORT_HF:
      rel_dir = g_strdup (s->split);
      break;
    case DD_EXPORT_WEBDATASET:
    default:
      g_assert_not_reached ();
    }
  if (!ensure_dir (ctx, rel_dir, error))
    return FALSE;
  rel = unique_path (ctx, rel_dir, name);
  if (!place_file (ctx, s, rel, &placed, error))
    return FALSE;
  if (!placed)
    return TRUE;
  ctx->result->exported++;

  manifest_row (ctx->manifest, rel, s, label);
  if (layout == DD_EXPORT_JSONL)
    jsonl_row (ctx->jsonl, rel, s, label);
  else if (layout == DD_EXPORT_FIFTYONE)
    {
      g_autofree char *base = g_path_get_basename (rel);
      char *dot = strrchr (base, '.');
      if (dot)
        *dot = '\0';
      json_builder_set_member_name (ctx->fiftyone, base);
      if (label >= 0)
        json_builder_add_int_value (ctx->fiftyone, label);
      else
        json_builder_add_null_value (ctx->fiftyone);
    }
  else if (layout == DD_EXPORT_HF)
    {
      GString *meta = g_hash_table_lookup (ctx->hf, s->split);
      g_autofree char *file_name = g_path_get_basename (rel);

      if (meta == NULL)
        {
          meta = g_string_new ("file_name,label,wnid,class_name,corruption,severity,key\n");
          g_hash_table_insert (ctx->hf, g_strdup (s->split), meta);
        }
      csv_field (meta, file_name);
      g_string_append_c (meta, ',');
      if (label >= 0)
        g_string_append_printf (meta, "%d", label);
      g_string_append_c (meta, ',');
      csv_field (meta, s->wnid ? s->wnid : "");
      g_string_append_c (meta, ',');
      csv_field (meta, s->class_name ? s->class_name : "");
      g_string_append_c (meta, ',');
      csv_field (meta, s->corruption);
      g_string_append_printf (meta, ",%u,", s->severity);
      csv_field (meta, s->key);
      g_string_append_c (meta, '\n');
    }
  return TRUE;
}

static gboolean
write_text (Ctx         *ctx,
            const char  *rel,
            const char  *text,
            gsize        len,
            GError     **error)
{
  g_autofree char *path = g_build_filename (ctx->tmp, rel, NULL);
  g_autoptr(GError) local = NULL;

  if (!g_file_set_contents (path, text, len, &local))
    {
      g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_IO, "%s", local->message);
      return FALSE;
    }
  return TRUE;
}

static int
cmp_strings (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Labels are the index of the wnid in sorted order: what ImageFolder computes from
 * the folder names. */
static void
make_labels (Ctx         *ctx,
             DdCatalog   *catalog,
             DdSelection *selection)
{
  g_autoptr(DdFacets) facets = dd_catalog_facets (catalog, selection);
  g_autoptr(GPtrArray) classes = dd_catalog_list_classes (catalog);

  for (guint i = 0; i < classes->len; i++)
    {
      DdClassInfo *c = g_ptr_array_index (classes, i);
      if (c->id < facets->n_classes && facets->classes[c->id] > 0)
        g_ptr_array_add (ctx->classes, g_strdup (c->wnid));
    }
  g_ptr_array_sort (ctx->classes, cmp_strings);
  for (guint i = 0; i < ctx->classes->len; i++)
    g_hash_table_insert (ctx->labels, g_strdup (g_ptr_array_index (ctx->classes, i)),
                         GINT_TO_POINTER (i + 1));
}

static gboolean
prepare_target (const char  *target,
                char       **out_tmp,
                int         *lock_fd,
                GError     **error)
{
  g_autofree char *display = g_filename_display_name (target);
  g_autofree char *parent = g_path_get_dirname (target);

  if (g_file_test (target, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GDir) dir = NULL;

      if (!g_file_test (target, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_INVALID,
                       _("“%s” exists and is not a folder: nothing was written"), display);
          return FALSE;
        }
      dir = g_dir_open (target, 0, NULL);
      if (dir == NULL || g_dir_read_name (dir) != NULL)
        {
          g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_INVALID,
                       _("“%s” is not empty: choose a new or empty folder"), display);
          return FALSE;
        }
    }
  if (g_mkdir_with_parents (parent, 0777) != 0)
    return io_error (error, errno, _("Cannot create the folder"), parent);
  /* what killed exporters (kill -9, a power cut) left here: Ctrl+C cleans up itself */
  dd_tmpdir_sweep (parent, NULL, TRUE);
  *out_tmp = dd_tmpdir_create (target, TRUE, lock_fd, error);
  return *out_tmp != NULL;
}

static char *
keys_recipe (DdCatalog   *catalog,
             DdSelection *selection)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  guint n = dd_selection_get_n (selection);

  /* "classes": [] selects nothing by rule; the include list is exactly the subset. */
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "classes");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "include");
  json_builder_begin_array (b);
  for (guint off = 0; off < n; off += 4096)
    {
      g_autoptr(GPtrArray) page = dd_catalog_get_page (catalog, selection, off, 4096, NULL, NULL);
      for (guint i = 0; page && i < page->len; i++)
        json_builder_add_string_value (b, ((DdSampleInfo *) page->pdata[i])->key);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  return json_to_string (node, TRUE);
}

static void
report_progress (DdExporter     *self,
                 DdProgressFunc  progress,
                 gpointer        data,
                 double          fraction,
                 const char     *text)
{
  g_mutex_lock (&self->lock);
  self->fraction = fraction;
  g_free (self->text);
  self->text = g_strdup (text);
  g_mutex_unlock (&self->lock);
  if (progress)
    progress (fraction, text, data);
}

DdExportResult *
dd_exporter_run (DdExporter             *self,
                 DdSelection            *selection,
                 const DdExportOptions  *options,
                 DdProgressFunc          progress,
                 gpointer                progress_data,
                 GCancellable           *cancellable,
                 GError                **error)
{
  g_autoptr(DdExportResult) result = g_new0 (DdExportResult, 1);
  g_autoptr(GHashTable) dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) hf = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, string_free);
  g_autoptr(GHashTable) anchors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) classes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) manifest = g_string_new ("path,key,wnid,class_name,label,corruption,severity,split\n");
  g_autoptr(GString) jsonl = g_string_new (NULL);
  g_autoptr(JsonBuilder) fiftyone = json_builder_new ();
  g_autofree char *target = NULL;
  Ctx ctx = { 0 };
  int lock_fd = -1;
  guint n;
  gint64 t0 = g_get_monotonic_time (), last = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (DD_IS_EXPORTER (self), NULL);
  g_return_val_if_fail (selection != NULL && options != NULL && options->target != NULL, NULL);

  target = g_canonicalize_filename (options->target, NULL);
  if (!prepare_target (target, &ctx.tmp, &lock_fd, error))
    return NULL;

  result->target = g_strdup (target);
  result->missing = g_ptr_array_new_with_free_func (g_free);
  result->refused = g_ptr_array_new_with_free_func ((GDestroyNotify) refusal_free);
  ctx.self = self;
  ctx.options = options;
  ctx.result = result;
  ctx.dirs = dirs;
  ctx.taken = taken;
  ctx.labels = labels;
  ctx.classes = classes;
  ctx.manifest = manifest;
  ctx.jsonl = jsonl;
  ctx.fiftyone = fiftyone;
  ctx.hf = hf;
  ctx.anchors = anchors;
  ctx.tar_fd = -1;
  make_labels (&ctx, self->catalog, selection);
  json_builder_begin_object (fiftyone);

  n = dd_selection_get_n (selection);
  for (guint off = 0; ok && off < n; off += 2048)
    {
      g_autoptr(GPtrArray) page = dd_catalog_get_page (self->catalog, selection, off, 2048,
                                                        cancellable, error);
      if (page == NULL)
        {
          ok = FALSE;
          break;
        }
      for (guint i = 0; ok && i < page->len; i++)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            ok = FALSE;
          else
            ok = export_sample (&ctx, page->pdata[i], error);
          if (g_get_monotonic_time () - last > 100 * 1000)
            {
              g_autofree char *text = g_strdup_printf (_("Exporting: %u of %u"), off + i, n);
              last = g_get_monotonic_time ();
              report_progress (self, progress, progress_data, (double) (off + i) / MAX (n, 1), text);
            }
        }
    }
  if (ok && options->layout == DD_EXPORT_WEBDATASET)
    ok = tar_close (&ctx, error);
  else if (ctx.tar_fd >= 0)
    close (ctx.tar_fd);

  /* What travels with the data: the recipe and a manifest. */
  if (ok)
    {
      g_autofree char *recipe = options->recipe_json ? g_strdup (options->recipe_json)
                                                     : keys_recipe (self->catalog, selection);
      ok = write_text (&ctx, "recipe.json", recipe, -1, error);
    }
  if (ok && options->layout != DD_EXPORT_WEBDATASET)
    ok = write_text (&ctx, "manifest.csv", manifest->str, manifest->len, error);
  if (ok && options->layout == DD_EXPORT_JSONL)
    ok = write_text (&ctx, "manifest.jsonl", jsonl->str, jsonl->len, error);
  if (ok && options->layout == DD_EXPORT_FIFTYONE)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) labels_node = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_end_object (fiftyone);
      labels_node = json_builder_get_root (fiftyone);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "classes");
      json_builder_begin_array (b);
      for (guint i = 0; i < classes->len; i++)
        json_builder_add_string_value (b, g_ptr_array_index (classes, i));
      json_builder_end_array (b);
      json_builder_set_member_name (b, "labels");
      json_builder_add_value (b, g_steal_pointer (&labels_node));
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      text = json_to_string (root, TRUE);
      ok = write_text (&ctx, "labels.json", text, -1, error);
    }
  if (ok && options->layout == DD_EXPORT_HF)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, hf);
      while (ok && g_hash_table_iter_next (&iter, &key, &value))
        {
          g_autofree char *rel = g_build_filename (key, "metadata.csv", NULL);
          ok = write_text (&ctx, rel, ((GString *) value)->str, ((GString *) value)->len, error);
        }
    }
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  if (ok)
    {
      /* An empty target folder the user made is replaced; anything else was refused. */
      if (g_file_test (target, G_FILE_TEST_IS_DIR))
        g_rmdir (target);
      /* mkdtemp made it 0700: the export is for whoever the umask lets read it (a
       * training job under another user), like everything inside it */
      if (chmod (ctx.tmp, 0777 & ~dd_tmpdir_umask ()) != 0)
        ok = io_error (error, errno, _("Cannot create"), ctx.tmp);
      else if (g_rename (ctx.tmp, target) != 0)
        ok = io_error (error, errno, _("Cannot create"), target);
    }
  if (!ok)
    dd_tmpdir_remove (ctx.tmp);
  close (lock_fd);
  g_free (ctx.tmp);
  if (!ok)
    return NULL;
  result->seconds = (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC;
  {
    g_autofree char *text = g_strdup_printf (_("Exported %" PRIu64 " samples"),
                                             result->exported);
    report_progress (self, progress, progress_data, 1.0, text);
  }
  return g_steal_pointer (&result);
}

/* ---- async and object ----------------------------------------------------------- */

typedef struct {
  DdSelection     *selection;
  DdExportOptions  options;
} RunData;

static void
run_data_free (RunData *data)
{
  dd_selection_unref (data->selection);
  dd_export_options_clear (&data->options);
  g_free (data);
}

static gboolean
notify_progress (gpointer data)
{
  DdExporter *self = data;

  g_mutex_lock (&self->lock);
  g_free (self->main_text);
  self->main_text = g_strdup (self->text);
  g_mutex_unlock (&self->lock);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  return G_SOURCE_REMOVE;
}

static void
async_progress (double      fraction,
                const char *text,
                gpointer    user_data)
{
  DdExporter *self = user_data;

  dd_post_to_context (self->notify_context, notify_progress,
                      g_object_ref (self), g_object_unref);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;
  GError *error = NULL;
  DdExportResult *result = dd_exporter_run (source_object, data->selection, &data->options,
                                            async_progress, source_object, cancellable, &error);

  if (result)
    g_task_return_pointer (task, result, (GDestroyNotify) dd_export_result_free);
  else
    g_task_return_error (task, error);
}

void
dd_exporter_run_async (DdExporter             *self,
                       DdSelection            *selection,
                       const DdExportOptions  *options,
                       GCancellable           *cancellable,
                       GAsyncReadyCallback     callback,
                       gpointer                user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  RunData *data = g_new0 (RunData, 1);

  g_return_if_fail (DD_IS_EXPORTER (self));
  g_clear_pointer (&self->notify_context, g_main_context_unref);
  self->notify_context = g_main_context_ref_thread_default ();
  data->selection = dd_selection_ref (selection);
  data->options = *options;
  data->options.target = g_strdup (options->target);
  data->options.recipe_json = g_strdup (options->recipe_json);
  g_task_set_source_tag (task, dd_exporter_run_async);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_thread);
}

DdExportResult *
dd_exporter_run_finish (DdExporter    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

DdExporter *
dd_exporter_new (DdCatalog *catalog)
{
  DdExporter *self = g_object_new (DD_TYPE_EXPORTER, NULL);
  self->catalog = g_object_ref (catalog);
  return self;
}

double
dd_exporter_get_fraction (DdExporter *self)
{
  double fraction;

  g_mutex_lock (&self->lock);
  fraction = self->fraction;
  g_mutex_unlock (&self->lock);
  return fraction;
}

const char *
dd_exporter_get_text (DdExporter *self)
{
  return self->main_text;
}

static void
dd_exporter_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DdExporter *self = DD_EXPORTER (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, dd_exporter_get_fraction (self));
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->main_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_exporter_finalize (GObject *object)
{
  DdExporter *self = DD_EXPORTER (object);

  g_clear_object (&self->catalog);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->main_text, g_free);
  g_clear_pointer (&self->notify_context, g_main_context_unref);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (dd_exporter_parent_class)->finalize (object);
}

static void
dd_exporter_class_init (DdExporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = dd_exporter_get_property;
  object_class->finalize = dd_exporter_finalize;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, -1, 1, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_exporter_init (DdExporter *self)
{
  g_mutex_init (&self->lock);
}
