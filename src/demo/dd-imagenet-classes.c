/* The 1,000 ILSVRC-2012 classes (public data, generated once): the wnids are the first
 * 1,000 lines of Debian's darknet package (/usr/share/darknet/data/imagenet.labels.list,
 * the classes its imagenet1k.data trains on, in the devkit's ILSVRC2012_ID order; they
 * hold the 200 Tiny-ImageNet classes), sorted; the names are WordNet 3.0's words of each
 * synset (data.noun at the wnid's offset, "_" as " ", joined by ", "), which is what
 * ImageNet's LOC_synset_mapping.txt holds. The table is imagenet-classes.tsv (wnid, a tab,
 * the names: one class a line), embedded as a GResource and read once. */
#define G_LOG_DOMAIN "datadive-demo"
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dd-demo-resources.h"
#include "dd-imagenet-classes.h"

typedef struct {
  const char *wnid;
  const char *names;
} ClassEntry;

/* Points into one copy of the resource's text, kept for the life of the program: each
 * line's tab and newline become the ends of its two strings. */
static ClassEntry classes[DD_IMAGENET_N_CLASSES];

static gpointer
load_classes (gpointer data)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize size = 0;
  const char *data_in;
  char *text, *line;
  guint n = 0;

  /* registered here, on first use (no constructor): the reference makes the static
   * library's linker keep the resource with this file */
  dd_demo_resources_register_resource ();
  bytes = g_resource_lookup_data (dd_demo_resources_get_resource (),
                                  "/io/github/datadive/DataDive/demo/imagenet-classes.tsv",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  data_in = bytes ? g_bytes_get_data (bytes, &size) : NULL;
  text = g_strndup (data_in, size);   /* never freed: the table lives as long */
  line = text;

  while (line && *line && n < DD_IMAGENET_N_CLASSES)
    {
      char *end = strchr (line, '\n');
      char *tab = strchr (line, '\t');

      if (end)
        *end = '\0';
      /* the file is ours and checked by test-demo; a line without a tab is a build error */
      g_assert (tab != NULL);
      *tab = '\0';
      classes[n].wnid = line;
      classes[n].names = tab + 1;
      n++;
      line = end ? end + 1 : NULL;
    }
  g_assert (n == DD_IMAGENET_N_CLASSES);
  return NULL;
}

static void
ensure_classes (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, load_classes, NULL);
}

const char *
dd_imagenet_wnid (guint index)
{
  g_return_val_if_fail (index < DD_IMAGENET_N_CLASSES, NULL);
  ensure_classes ();
  return classes[index].wnid;
}

const char *
dd_imagenet_names (guint index)
{
  g_return_val_if_fail (index < DD_IMAGENET_N_CLASSES, NULL);
  ensure_classes ();
  return classes[index].names;
}

static int
compare_wnid (const void *key,
              const void *member)
{
  return strcmp (key, ((const ClassEntry *) member)->wnid);
}

int
dd_imagenet_lookup (const char *wnid)
{
  const ClassEntry *found;

  if (wnid == NULL)
    return -1;
  ensure_classes ();
  found = bsearch (wnid, classes, DD_IMAGENET_N_CLASSES, sizeof classes[0], compare_wnid);
  return found ? (int) (found - classes) : -1;
}
