/* Where DataDive keeps its files: catalogs, the demo dataset, caches. */
#define G_LOG_DOMAIN "datadive-core"
#include "config.h"

#include <gio/gio.h>

#include "dd-paths.h"

char *
dd_paths_catalog_for_folder (const char *folder)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *abs = NULL;
  g_autofree char *base = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (folder != NULL, NULL);

  file = g_file_new_for_path (folder);
  abs = g_file_get_path (file);
  base = g_path_get_basename (abs);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA1, abs, -1);
  digest[12] = '\0';
  name = g_strdup_printf ("%s-%s.ddcat", base, digest);
  return g_build_filename (g_get_user_data_dir (), "datadive", "catalogs", name, NULL);
}

char *
dd_paths_demo_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "datadive", "demo", NULL);
}
