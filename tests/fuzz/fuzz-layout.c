/* libFuzzer harness: one annotation file of a dataset layout, read by the layout's own
 * prepare() from a real folder (the input is written to DD_FUZZ_FILE under a small
 * Tiny-ImageNet / ImageNet skeleton), then files classified against what it read.
 * Built once per file: wnids.txt, words.txt, val_annotations.txt, *_boxes.txt,
 * LOC_val_solution.csv, LOC_synset_mapping.txt (see meson.build). */
#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>

#include "dd-fuzz.h"
#include "dd-layout.h"

#ifndef DD_FUZZ_LAYOUT
#error "DD_FUZZ_LAYOUT (a DdLayout) and DD_FUZZ_FILE (a relative path) must be defined"
#endif

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *root;

static void
make_skeleton (void)
{
  static const char *dirs[] = { "train/n01443537/images", "val/images", "test/images" };
  static const char *files[] = {
    "train/n01443537/images/n01443537_0.JPEG", "val/images/val_0.JPEG",
    "val/images/ILSVRC2012_val_00000001.JPEG", "test/images/test_0.JPEG",
  };

  root = dd_fuzz_path ("root");
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (root, dirs[i], NULL);
      g_mkdir_with_parents (dir, 0755);
    }
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *file = g_build_filename (root, files[i], NULL);
      dd_fuzz_write (file, "", 0);
    }
}

static void
check_strings (GHashTable *table)
{
  GHashTableIter iter;
  gpointer key, value;

  if (table == NULL)
    return;
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      dd_fuzz_check (g_utf8_validate (key, -1, NULL), "a name read is UTF-8");
      dd_fuzz_check (value == NULL || GPOINTER_TO_UINT (value) == 1 ||
                     g_utf8_validate (value, -1, NULL), "a value read is UTF-8");
    }
}

/* Labels @file_name in each folder a layout knows, as the scanner would. */
static void
classify_in_every_split (DdLayoutContext *ctx,
                         const char      *file_name)
{
  static const char *folders[][3] = {
    { "train", "n01443537", "images" }, { "val", "images", NULL }, { "val", NULL, NULL },
    { "test", "images", NULL }, { "n01443537", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      DdLayoutLabel label = { 0 };
      guint n_parts = 0;

      while (n_parts < 3 && folders[i][n_parts])
        n_parts++;
      DD_FUZZ_LAYOUT.classify (ctx, (char **) folders[i], n_parts, file_name, &label);
      dd_fuzz_check (label.wnid == NULL || g_utf8_validate (label.wnid, -1, NULL),
                     "a label is UTF-8");
      g_free (label.wnid);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = NULL;
  DdLayoutContext ctx;
  GHashTableIter iter;
  gpointer key;
  guint n = 0;

  dd_fuzz_init ();
  if (root == NULL)
    make_skeleton ();
  path = g_build_filename (root, DD_FUZZ_FILE, NULL);
  dd_fuzz_write (path, data, size);

  dd_layout_context_init (&ctx, root);
  DD_FUZZ_LAYOUT.prepare (&ctx);

  check_strings (ctx.wnids);
  check_strings (ctx.words);
  check_strings (ctx.val_labels);
  for (guint i = 0; i < ctx.problems->len; i++)
    dd_fuzz_check (g_utf8_validate (ctx.problems->pdata[i], -1, NULL), "a problem is UTF-8");
  for (guint i = 0; i < ctx.orphans->len; i++)
    {
      char **orphan = ctx.orphans->pdata[i];
      dd_fuzz_check (orphan[0] && orphan[1] && orphan[2], "an orphan row is complete");
    }

  /* Files the annotations name, and the skeleton's own. */
  g_hash_table_iter_init (&iter, ctx.val_labels);
  while (n++ < 8 && g_hash_table_iter_next (&iter, &key, NULL))
    classify_in_every_split (&ctx, key);
  classify_in_every_split (&ctx, "val_0.JPEG");
  classify_in_every_split (&ctx, "ILSVRC2012_val_00000001.JPEG");

  dd_layout_context_clear (&ctx);
  return 0;
}
