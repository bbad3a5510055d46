/* ImageNet (ILSVRC): train/<wnid>/…, val/ flat with LOC_val_solution.csv
 * ("ImageId,PredictionString" = "wnid x0 y0 x1 y1 …"), LOC_synset_mapping.txt (the
 * class names), test/; also under ILSVRC/Data/CLS-LOC/ with the LOC_* files beside
 * ILSVRC/, as the Kaggle archive has it (other datasets may sit beside it too). */
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
  return dd_layout_has_file (root, "LOC_val_solution.csv") ||
         dd_layout_has_file (root, "LOC_synset_mapping.txt") ||
         dd_layout_has_dir (root, "ILSVRC/Data/CLS-LOC");
}

static void
solution_line (DdLayoutContext *ctx,
               const char      *rel,
               guint            line_no,
               char            *line)
{
  char *comma = strchr (line, ',');
  g_auto(GStrv) f = NULL;
  guint n;

  if (line_no == 1 && g_str_has_prefix (line, "ImageId"))
    return;
  if (comma == NULL)
    {
      dd_layout_skip_line (ctx, rel, line_no, _("expected “ImageId,PredictionString”"));
      return;
    }
  *comma = '\0';
  f = g_strsplit (g_strstrip (comma + 1), " ", -1);
  n = g_strv_length (f);
  if (n < 1 || !dd_is_wnid (f[0]))
    {
      dd_layout_skip_line (ctx, rel, line_no, _("no wnid in the prediction string"));
      return;
    }
  g_hash_table_replace (ctx->val_labels, g_strdup (line), g_strdup (f[0]));
  for (guint i = 0; i + 4 < n; i += 5)
    if (strcmp (f[i], f[0]) == 0)
      dd_layout_add_box (ctx, line, atoi (f[i + 1]), atoi (f[i + 2]), atoi (f[i + 3]),
                         atoi (f[i + 4]));
}

static void
prepare (DdLayoutContext *ctx)
{
  dd_layout_read_lines (ctx, "LOC_synset_mapping.txt", dd_layout_words_line);
  dd_layout_read_lines (ctx, "LOC_val_solution.csv", solution_line);
}

/* Index of the split folder among @parts, or -1. */
static int
split_index (char  **parts,
             guint   n_parts,
             const char **split)
{
  for (guint i = 0; i < n_parts; i++)
    {
      if (strcmp (parts[i], "train") == 0)
        *split = "train";
      else if (strcmp (parts[i], "val") == 0)
        *split = "val";
      else if (strcmp (parts[i], "test") == 0)
        *split = "test";
      else
        continue;
      return i;
    }
  return -1;
}

static void
classify (DdLayoutContext *ctx,
          char           **parts,
          guint            n_parts,
          const char      *file_name,
          DdLayoutLabel   *label)
{
  const char *split = NULL;
  int at = split_index (parts, n_parts, &split);

  if (at < 0)
    {
      label->skip = TRUE;
      return;
    }
  label->split = split;
  if (strcmp (split, "train") == 0)
    {
      if ((guint) at + 1 < n_parts)
        label->wnid = g_strdup (parts[at + 1]);
      else
        label->flags |= DD_HEALTH_FLAG (DD_HEALTH_MISSING_LABEL);
    }
  else if (strcmp (split, "val") == 0)
    {
      g_autofree char *stem = g_strdup (file_name);
      char *dot = strrchr (stem, '.');
      const char *wnid;

      if (dot)
        *dot = '\0';
      if ((wnid = g_hash_table_lookup (ctx->val_labels, stem)))
        label->wnid = g_strdup (wnid);
      else if ((guint) at + 1 < n_parts && dd_is_wnid (parts[at + 1]))
        label->wnid = g_strdup (parts[at + 1]);
      else
        label->flags |= DD_HEALTH_FLAG (DD_HEALTH_MISSING_LABEL);
    }
}

/* The split folders, or the Kaggle archive's ILSVRC/ (Annotations, Data, ImageSets)
 * whose LOC_* files sit beside it: a folder next to them is another dataset. */
static gboolean
owns (const char *root,
      const char *name)
{
  return dd_layout_is_split_name (name) || strcmp (name, "ILSVRC") == 0;
}

const DdLayout dd_layout_imagenet = {
  "imagenet", recognise, prepare, classify, owns,
};
