/* Shared helpers of the layout recognisers and their registry. */
#define G_LOG_DOMAIN "datadive-scanner"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-layout.h"

const DdLayout * const *
dd_layouts (void)
{
  /* Most specific first: ImageFolder would accept almost anything. */
  static const DdLayout * const layouts[] = {
    &dd_layout_tiny_imagenet,
    &dd_layout_imagenet_c,
    &dd_layout_imagenet,
    &dd_layout_imagefolder,
    NULL
  };
  return layouts;
}

static void
box_array_free (gpointer data)
{
  g_array_unref (data);
}

void
dd_layout_context_init (DdLayoutContext *ctx,
                        const char      *root)
{
  memset (ctx, 0, sizeof *ctx);
  ctx->root = g_strdup (root);
  ctx->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx->val_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx->boxes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, box_array_free);
  ctx->annotation_files = g_ptr_array_new_with_free_func (g_free);
  ctx->problems = g_ptr_array_new_with_free_func (g_free);
  ctx->orphans = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

void
dd_layout_context_clear (DdLayoutContext *ctx)
{
  g_clear_pointer (&ctx->root, g_free);
  g_clear_pointer (&ctx->wnids, g_hash_table_unref);
  g_clear_pointer (&ctx->words, g_hash_table_unref);
  g_clear_pointer (&ctx->val_labels, g_hash_table_unref);
  g_clear_pointer (&ctx->boxes, g_hash_table_unref);
  g_clear_pointer (&ctx->annotation_files, g_ptr_array_unref);
  g_clear_pointer (&ctx->problems, g_ptr_array_unref);
  g_clear_pointer (&ctx->orphans, g_ptr_array_unref);
}

gboolean
dd_layout_is_image_name (const char *name)
{
  static const char *exts[] = { ".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".tif",
                                ".tiff", ".ppm", ".pgm", ".jpe", ".jfif" };
  const char *dot = strrchr (name, '.');

  if (dot == NULL || dot == name)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    if (g_ascii_strcasecmp (dot, exts[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
dd_layout_is_split_name (const char *name)
{
  return strcmp (name, "train") == 0 || strcmp (name, "val") == 0 || strcmp (name, "test") == 0;
}

gboolean
dd_layout_has_dir (const char *root,
                   const char *rel)
{
  g_autofree char *path = g_build_filename (root, rel, NULL);
  return g_file_test (path, G_FILE_TEST_IS_DIR);
}

gboolean
dd_layout_has_file (const char *root,
                    const char *rel)
{
  g_autofree char *path = g_build_filename (root, rel, NULL);
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

void
dd_layout_prepare_nothing (DdLayoutContext *ctx)
{
}

void
dd_layout_skip_line (DdLayoutContext *ctx,
                     const char      *rel,
                     guint            line_no,
                     const char      *why)
{
  g_ptr_array_add (ctx->problems, g_strdup_printf (_("%s:%u: %s, line skipped"), rel, line_no,
                                                   why));
}

void
dd_layout_words_line (DdLayoutContext *ctx,
                      const char      *rel,
                      guint            line_no,
                      char            *line)
{
  char *tab = strchr (line, '\t');

  if (tab == NULL)
    tab = strchr (line, ' ');
  if (tab == NULL)
    {
      dd_layout_skip_line (ctx, rel, line_no, _("no name after the wnid"));
      return;
    }
  *tab = '\0';
  g_strstrip (line);
  g_strstrip (tab + 1);
  if (*line && tab[1])
    g_hash_table_replace (ctx->words, g_strdup (line), g_strdup (tab + 1));
}

gboolean
dd_layout_read_lines (DdLayoutContext *ctx,
                      const char      *rel,
                      void           (*line_func) (DdLayoutContext *ctx,
                                                   const char      *rel,
                                                   guint            line_no,
                                                   char            *line))
{
  g_autofree char *path = g_build_filename (ctx->root, rel, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  char *line, *next;
  guint line_no = 0;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;
  if (!g_file_get_contents (path, &contents, &len, &error))
    {
      g_ptr_array_add (ctx->problems, g_strdup_printf ("%s: %s", rel, error->message));
      return FALSE;
    }
  g_ptr_array_add (ctx->annotation_files, g_strdup (rel));
  for (line = contents; line && line < contents + len; line = next)
    {
      char *end = memchr (line, '\n', contents + len - line);

      next = end ? end + 1 : NULL;
      if (end)
        *end = '\0';
      line_no++;
      if (end && end > line && end[-1] == '\r')
        end[-1] = '\0';
      if (*line == '\0')
        continue;
      if (!g_utf8_validate (line, -1, NULL))
        {
          g_ptr_array_add (ctx->problems,
                           g_strdup_printf (_("%s:%u: line is not valid UTF-8, skipped"), rel,
                                            line_no));
          continue;
        }
      line_func (ctx, rel, line_no, line);
    }
  return TRUE;
}

void
dd_layout_add_box (DdLayoutContext *ctx,
                   const char      *file,
                   int              x0,
                   int              y0,
                   int              x1,
                   int              y1)
{
  GArray *boxes = g_hash_table_lookup (ctx->boxes, file);
  int box[4] = { x0, y0, x1, y1 };

  if (boxes == NULL)
    {
      boxes = g_array_new (FALSE, FALSE, sizeof box);
      g_hash_table_insert (ctx->boxes, g_strdup (file), boxes);
    }
  g_array_append_val (boxes, box);
}
