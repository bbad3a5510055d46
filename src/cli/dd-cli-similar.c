/* datadive-cli similar: the samples whose perceptual hash is nearest to one sample's. */
#define G_LOG_DOMAIN "datadive-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "dd-cli.h"
#include "dd-health-near.h"

typedef struct {
  char     *catalog_path;
  char     *key;
  int       limit;
  int       max_distance;
  gboolean  json;
} SimilarOptions;

static void
similar_options_clear (SimilarOptions *o)
{
  g_free (o->catalog_path);
  g_free (o->key);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SimilarOptions, similar_options_clear)

static int
similar_parse (SimilarOptions  *o,
               int              argc,
               char           **argv)
{
  GOptionEntry entries[] = {
    DD_CLI_OPTION_CATALOG (&o->catalog_path, N_("Catalog file")),
    { "limit", 'n', 0, G_OPTION_ARG_INT, &o->limit,
      N_("At most N samples (default 10)"), N_("N") },
    { "max-distance", 0, 0, G_OPTION_ARG_INT, &o->max_distance,
      N_("Only samples within N bits (0–64, default 64: the nearest whatever they are)"),
      N_("N") },
    DD_CLI_OPTION_JSON (&o->json),
    { NULL }
  };
  int status;

  o->limit = 10;
  o->max_distance = 64;
  if (!dd_cli_parse_options (&argc, &argv, N_("KEY — the samples that look most like KEY"),
                             entries))
    return 2;
  if (argc < 2)
    return dd_cli_fail (_("No sample given: similar --catalog FILE KEY"));
  if ((status = dd_cli_check_extra (argc, argv, 2)))
    return status;
  if (o->limit < 1)
    return dd_cli_fail (_("--limit is %d; it must be at least 1"), o->limit);
  if (o->max_distance < 0 || o->max_distance > 64)
    return dd_cli_fail (_("--max-distance is %d; it can be 0 to 64"), o->max_distance);
  o->key = g_strdup (argv[1]);
  return 0;
}

static GString *
similar_to_json (const char *key,
                 GPtrArray  *similar)
{
  GString *out = g_string_new ("{");

  dd_cli_json_members (out, "key", key, NULL);
  g_string_append (out, ",\"similar\":[");
  for (guint i = 0; i < similar->len; i++)
    {
      DdSimilar *s = g_ptr_array_index (similar, i);

      g_string_append (out, i ? ",{" : "{");
      dd_cli_json_members (out, "key", s->key, "class", s->wnid, "split", s->split, NULL);
      g_string_append_printf (out, ",\"distance\":%u}", s->distance);
    }
  g_string_append (out, "]}\n");
  return out;
}

static void
similar_print (GPtrArray *similar)
{
  if (similar->len == 0)
    printf ("%s\n", _("No sample within the distance."));
  for (guint i = 0; i < similar->len; i++)
    {
      DdSimilar *s = g_ptr_array_index (similar, i);

      printf (g_dngettext (GETTEXT_PACKAGE, "%2u bit   %s (%s, %s)\n", "%2u bits  %s (%s, %s)\n",
                           s->distance),
              s->distance, s->key, s->wnid ? s->wnid : _("unlabeled"), s->split ? s->split : "");
    }
}

int
dd_cli_similar (int    argc,
                char **argv)
{
  g_auto(SimilarOptions) o = { 0 };
  g_autoptr(DdCatalog) catalog = NULL;
  g_autoptr(GPtrArray) similar = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = similar_parse (&o, argc, argv)))
    return status;
  if (!(catalog = dd_cli_open_catalog (o.catalog_path, FALSE, &error)) ||
      !(similar = dd_health_similar (catalog, o.key, o.limit, o.max_distance, &error)))
    return dd_cli_fail_error (error);
  if (o.json)
    {
      g_autoptr(GString) out = similar_to_json (o.key, similar);
      fwrite (out->str, 1, out->len, stdout);
    }
  else
    similar_print (similar);
  return 0;
}
