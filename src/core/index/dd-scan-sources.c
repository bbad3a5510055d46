/* The sources under a folder: the folder itself as its layout recognises it (with the
 * datasets beside its layout's folders), or each dataset folder under it. */
#define G_LOG_DOMAIN "datadive-scanner"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-scanner-private.h"

void
dd_scan_source_free (Source *src)
{
  dd_layout_context_clear (&src->ctx);
  g_free (src->base);
  g_free (src->base_key);
  g_clear_pointer (&src->old_dirs, g_hash_table_unref);
  g_clear_pointer (&src->children, g_hash_table_unref);
  g_clear_pointer (&src->visited, g_hash_table_unref);
  g_clear_pointer (&src->metadata, g_hash_table_unref);
  g_clear_pointer (&src->seen_dirs, g_hash_table_unref);
  g_clear_pointer (&src->skip, g_hash_table_unref);
  g_clear_pointer (&src->problems, g_ptr_array_unref);
  g_free (src);
}

static const DdLayout *
recognise (const char *root)
{
  const DdLayout * const *layouts = dd_layouts ();

  for (guint i = 0; layouts[i]; i++)
    if (layouts[i]->recognise (root))
      return layouts[i];
  return NULL;
}

/* Child folders of @root, sorted. */
static GPtrArray *
child_folders (const char  *root,
               GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local = NULL;
  const char *name;

  if (!(dir = g_dir_open (root, 0, &local)))
    {
      g_autofree char *display = g_filename_display_name (root);
      g_set_error (error, DD_SCANNER_ERROR, DD_SCANNER_ERROR_IO,
                   _("Cannot read the folder “%s”: %s"), display, local->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (root, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, dd_compare_strings);
  return g_steal_pointer (&names);
}

/* Nested datasets are looked for this deep (a symbolic link back up the tree ends). */
#define MAX_SOURCE_DEPTH 3

/* @root, recognised as @layout, becomes a source; so does each folder under it that
 * is not part of its layout and holds a dataset of its own (ImageNet-R or an
 * ImageNet-C tree beside the ILSVRC/ folder of a Kaggle ImageNet download), which
 * the root's walk then leaves out. */
static void
add_source (const char      *root,
            const DdLayout  *layout,
            guint            depth,
            GPtrArray       *sources)
{
  Source *src = g_new0 (Source, 1);
  g_autoptr(GPtrArray) children = NULL;

  src->layout = layout;
  dd_layout_context_init (&src->ctx, root);
  g_ptr_array_add (sources, src);
  if (layout->owns == NULL || depth >= MAX_SOURCE_DEPTH ||
      !(children = child_folders (root, NULL)))
    return;
  for (guint i = 0; i < children->len; i++)
    {
      const char *name = g_ptr_array_index (children, i);
      g_autofree char *child = NULL;
      const DdLayout *child_layout;

      if (layout->owns (root, name))
        continue;
      child = g_build_filename (root, name, NULL);
      if (!(child_layout = recognise (child)))
        continue;
      if (src->skip == NULL)
        src->skip = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_add (src->skip, g_strdup (name));
      add_source (child, child_layout, depth + 1, sources);
    }
}

/* Sources under @root: the root itself (with the datasets beside its layout's
 * folders), or each dataset folder under it. */
gboolean
dd_scan_find_sources (const char  *root,
                      GPtrArray   *sources,
                      GError     **error)
{
  const DdLayout *layout = recognise (root);
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  gboolean specific = FALSE;

  /* A parent of several datasets first: its children are more specific than
   * ImageFolder's reading of the parent itself. */
  if (layout && layout != &dd_layout_imagefolder)
    {
      add_source (root, layout, 0, sources);
      return TRUE;
    }
  if (!(children = child_folders (root, error)))
    return FALSE;
  for (guint i = 0; i < children->len; i++)
    {
      g_autofree char *child = g_build_filename (root, g_ptr_array_index (children, i), NULL);
      const DdLayout *child_layout = recognise (child);

      g_ptr_array_add (found, (gpointer) child_layout);
      specific |= child_layout != NULL && child_layout != &dd_layout_imagefolder;
    }
  /* Each dataset of a parent is a source, ImageFolder ones (ImageNet-R, -Sketch) too;
   * unless the parent is an ImageFolder itself and holds no other kind. */
  if (specific || layout == NULL)
    {
      guint before = sources->len;

      for (guint i = 0; i < children->len; i++)
        if (g_ptr_array_index (found, i))
          {
            g_autofree char *child = g_build_filename (root, g_ptr_array_index (children, i),
                                                       NULL);
            add_source (child, g_ptr_array_index (found, i), 1, sources);
          }
      if (sources->len > before)
        return TRUE;
    }
  if (layout)
    {
      add_source (root, layout, 0, sources);
      return TRUE;
    }
  {
    g_autofree char *display = g_filename_display_name (root);
    g_set_error (error, DD_SCANNER_ERROR, DD_SCANNER_ERROR_NOT_FOUND,
                 _("No dataset found in “%s”: expected Tiny-ImageNet, ImageNet-C, ImageNet or "
                   "class folders of images"), display);
  }
  return FALSE;
}

/* Clean sources first, so corrupted samples find their clean files. */
int
dd_scan_cmp_sources (gconstpointer a,
                     gconstpointer b)
{
  const Source *x = *(Source * const *) a;
  const Source *y = *(Source * const *) b;
  gboolean xc = x->layout == &dd_layout_imagenet_c, yc = y->layout == &dd_layout_imagenet_c;

  if (xc != yc)
    return xc ? 1 : -1;
  return strcmp (x->ctx.root, y->ctx.root);
}
