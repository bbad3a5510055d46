/* Tiny-ImageNet: wnids.txt, words.txt, train/<wnid>/images + <wnid>_boxes.txt,
 * val/images + val_annotations.txt, test/images (unlabeled). */
#define G_LOG_DOMAIN "datadive-scanner"
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "dd-layout.h"
#include "dd-types.h"

static gboolean
recognise (const char *root)
{
  return dd_layout_has_file (root, "wnids.txt") &&
         (dd_layout_has_dir (root, "train") || dd_layout_has_dir (root, "val"));
}

static void
wnids_line (DdLayoutContext *ctx,
            const char      *rel,
            guint            line_no,
            char            *line)
{
  g_strstrip (line);
  if (*line)
    g_hash_table_add (ctx->wnids, g_strdup (line));
}

/* Parses four integer fields; FALSE when any is missing or not a number. */
static gboolean
parse_box (char **f,
           int    out[4])
{
  for (guint i = 0; i < 4; i++)
    {
      char *end = NULL;
      long v;

      if (f[i] == NULL || *f[i] == '\0')
        return FALSE;
      v = strtol (f[i], &end, 10);
      if (*end != '\0' || v < -100000 || v > 100000)
        return FALSE;
      out[i] = v;
    }
  return TRUE;
}

static void
val_line (DdLayoutContext *ctx,
          const char      *rel,
          guint            line_no,
          char            *line)
{
  g_auto(GStrv) f = g_strsplit (line, "\t", -1);
  int box[4];
  g_autofree char *path = NULL;

  if (g_strv_length (f) < 2 || !*f[0] || !*f[1])
    {
      dd_layout_skip_line (ctx, rel, line_no, _("expected “file<TAB>wnid<TAB>x0<TAB>y0<TAB>x1<TAB>y1”"));
      return;
    }
  g_strstrip (f[0]);
  g_strstrip (f[1]);
  g_hash_table_replace (ctx->val_labels, g_strdup (f[0]), g_strdup (f[1]));
  if (g_strv_length (f) >= 6 && parse_box (f + 2, box))
    dd_layout_add_box (ctx, f[0], box[0], box[1], box[2], box[3]);
  else if (g_strv_length (f) > 2)
    dd_layout_skip_line (ctx, rel, line_no, _("the box is not four numbers"));

  path = g_build_filename (ctx->root, "val", "images", f[0], NULL);
  if (ctx->listed && strchr (f[0], '/') == NULL ? !g_hash_table_contains (ctx->listed, f[0])
                                                : !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      char **orphan = g_new0 (char *, 4);
      orphan[0] = g_build_filename ("val", "images", f[0], NULL);
      orphan[1] = g_strdup (f[1]);
      orphan[2] = g_strdup_printf (_("%s:%u names %s, which does not exist"), rel, line_no, f[0]);
      g_ptr_array_add (ctx->orphans, orphan);
    }
}

/* Up to @max tab-separated fields of @line, cut in place (100,000 lines of train boxes:
 * no vector allocated a line); the number found. */
static guint
split_tabs (char  *line,
            char **f,
            guint  max)
{
  guint n = 0;

  while (line && n < max)
    {
      char *tab = strchr (line, '\t');

      f[n++] = line;
      if (tab)
        *tab = '\0';
      line = tab ? tab + 1 : NULL;
    }
  return n;
}

static void
boxes_line (DdLayoutContext *ctx,
            const char      *rel,
            guint            line_no,
            char            *line)
{
  char *f[5];
  int box[4];

  if (split_tabs (line, f, G_N_ELEMENTS (f)) < 5 || !parse_box (f + 1, box))
    {
      dd_layout_skip_line (ctx, rel, line_no, _("expected “file<TAB>x0<TAB>y0<TAB>x1<TAB>y1”"));
      return;
    }
  dd_layout_add_box (ctx, g_strstrip (f[0]), box[0], box[1], box[2], box[3]);
}

static void
prepare (DdLayoutContext *ctx)
{
  g_autofree char *train = g_build_filename (ctx->root, "train", NULL);
  g_autofree char *val_images = g_build_filename (ctx->root, "val", "images", NULL);
  g_autoptr(GDir) val_dir = g_dir_open (val_images, 0, NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  ctx->wnids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  dd_layout_read_lines (ctx, "wnids.txt", wnids_line);
  dd_layout_read_lines (ctx, "words.txt", dd_layout_words_line);
  /* what val/images holds, listed once for the annotations' orphans (10,000 lines) */
  if (val_dir)
    {
      ctx->listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      while ((name = g_dir_read_name (val_dir)))
        g_hash_table_add (ctx->listed, g_strdup (name));
    }
  if (!dd_layout_read_lines (ctx, "val/val_annotations.txt", val_line) &&
      dd_layout_has_dir (ctx->root, "val/images"))
    g_ptr_array_add (ctx->problems, g_strdup (_("val/val_annotations.txt is missing: "
                                                "val images are unlabeled")));
  g_clear_pointer (&ctx->listed, g_hash_table_unref);

  if ((dir = g_dir_open (train, 0, NULL)))
    while ((name = g_dir_read_name (dir)))
      {
        g_autofree char *base = g_strconcat (name, "_boxes.txt", NULL);
        g_autofree char *rel = g_build_filename ("train", name, base, NULL);
        dd_layout_read_lines (ctx, rel, boxes_line);
      }
}

static void
classify (DdLayoutContext *ctx,
          char           **parts,
          guint            n_parts,
          const char      *file_name,
          DdLayoutLabel   *label)
{
  if (n_parts == 0)
    {
      label->skip = TRUE;
      return;
    }
  if (strcmp (parts[0], "train") == 0 && n_parts >= 2)
    {
      label->split = "train";
      label->wnid = g_strdup (parts[1]);
    }
  else if (strcmp (parts[0], "val") == 0)
    {
      const char *wnid = g_hash_table_lookup (ctx->val_labels, file_name);

      label->split = "val";
      if (wnid)
        label->wnid = g_strdup (wnid);
      else if (n_parts >= 2 && dd_is_wnid (parts[1]))
        label->wnid = g_strdup (parts[1]);   /* val re-sorted into class folders */
      else
        label->flags |= DD_HEALTH_FLAG (DD_HEALTH_MISSING_LABEL);
    }
  else if (strcmp (parts[0], "test") == 0)
    label->split = "test";   /* unlabeled by design */
  else
    label->skip = TRUE;
}

static gboolean
owns (const char *root,
      const char *name)
{
  return dd_layout_is_split_name (name);
}

const DdLayout dd_layout_tiny_imagenet = {
  "tiny-imagenet", recognise, prepare, classify, owns,
};
