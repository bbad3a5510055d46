/* Where DataDive keeps its files: catalogs, the demo dataset, caches. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* $XDG_DATA_HOME/datadive/catalogs/<folder-name>-<hash>.ddcat: the catalog the app
 * uses for a dataset folder (the hash is of the folder's absolute path). */
char *dd_paths_catalog_for_folder (const char *folder);
/* $XDG_CACHE_HOME/datadive/demo: the bundled demo dataset, generated on first use. */
char *dd_paths_demo_dir           (void);

G_END_DECLS
