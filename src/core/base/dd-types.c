/* Posting work to a main context from any thread; the sort orders the core shares. */
#define G_LOG_DOMAIN "datadive-core"
#include "config.h"

#include <string.h>

#include "dd-types.h"

void
dd_post_to_context (GMainContext   *context,
                    GSourceFunc     func,
                    gpointer        data,
                    GDestroyNotify  destroy)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, destroy);
  g_source_set_static_name (source, "[datadive] post");
  g_source_attach (source, context);
}

int
dd_compare_strings (gconstpointer a,
                    gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

int
dd_compare_uints (gconstpointer a,
                  gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}
