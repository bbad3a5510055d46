/* Export as WebDataset shards: DIR/shard-000000.tar, … of at most shard_size samples,
 * each sample three members that share a name up to the first dot: the image
 * (<name>.<ext>), its label (<name>.cls, labeled samples only) and its facts
 * (<name>.json). A name longer than a tar header holds goes into a pax header. */
#define G_LOG_DOMAIN "datadive-export"
#include "config.h"

#include <string.h>

#include "dd-export-private.h"
#include "dd-tar-writer.h"

typedef struct {
  DdTarWriter *tar;     /* the shard being written, NULL between shards */
  guint        index;   /* its number */
  guint        count;   /* samples in it */
} Shards;

static void
shards_free (gpointer data)
{
  Shards *shards = data;

  g_clear_pointer (&shards->tar, dd_tar_writer_free);
  g_free (shards);
}

static gpointer
webdataset_begin (DdExportRun *run)
{
  return g_new0 (Shards, 1);
}

static gboolean
close_shard (Shards  *shards,
             GError **error)
{
  if (shards->tar == NULL)
    return TRUE;
  shards->index++;
  shards->count = 0;
  return dd_tar_writer_close (g_steal_pointer (&shards->tar), error);
}

/* The image, .cls and .json members of one sample, named @base.* */
static gboolean
write_members (DdTarWriter   *tar,
               const char    *base,
               const char    *ext,
               DdSampleInfo  *s,
               int            label,
               const char    *contents,
               gsize          len,
               GError       **error)
{
  g_autofree char *image = g_strdup_printf ("%s.%s", base, ext);
  g_autofree char *cls_name = g_strdup_printf ("%s.cls", base);
  g_autofree char *cls = g_strdup_printf ("%d", label);
  g_autofree char *json_name = g_strdup_printf ("%s.json", base);
  g_autofree char *json = dd_export_sample_json (s, label, NULL);

  return dd_tar_writer_add (tar, image, contents, len, error) &&
         (label < 0 || dd_tar_writer_add (tar, cls_name, cls, strlen (cls), error)) &&
         dd_tar_writer_add (tar, json_name, json, strlen (json), error);
}

static gboolean
webdataset_write (DdExportRun   *run,
                   gpointer       state,
                   DdSampleInfo  *s,
                   int            label,
                   GError       **error)
{
  Shards *shards = state;
  guint shard_size = run->options->shard_size ? run->options->shard_size : 10000;
  g_autofree char *name = dd_export_name (s, TRUE);
  const char *dot = strrchr (name, '.');
  g_autofree char *stem = dot ? g_strndup (name, dot - name) : g_strdup (name);
  g_autofree char *ext = g_ascii_strdown (dot ? dot + 1 : "img", -1);
  g_autofree char *base = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  if (!dd_export_read_sample (run, s, &contents, &len, error))
    return FALSE;
  if (contents == NULL)
    return TRUE;   /* vanished or refused: recorded */
  if (shards->tar == NULL)
    {
      g_autofree char *path = g_strdup_printf ("%s/shard-%06u.tar", run->tmp, shards->index);

      if (!(shards->tar = dd_tar_writer_new (path, error)))
        return FALSE;
    }
  /* WebDataset groups members by the name up to the first dot: one base a sample. */
  base = dd_export_unique_path (run, "", stem);
  if (!write_members (shards->tar, base, ext, s, label, contents, len, error))
    return FALSE;
  run->result->exported++;
  if (++shards->count >= shard_size)
    return close_shard (shards, error);
  return TRUE;
}

static gboolean
webdataset_end (DdExportRun  *run,
                gpointer      state,
                GError      **error)
{
  return close_shard (state, error);
}

const DdExportFormat dd_export_webdataset = {
  .layout = DD_EXPORT_WEBDATASET,
  .manifest = FALSE,
  .begin = webdataset_begin,
  .write = webdataset_write,
  .end = webdataset_end,
  .free_state = shards_free,
};
