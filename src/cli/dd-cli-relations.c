/* datadive-cli relations: the neighbours of one node of the dataset graph. */
#define G_LOG_DOMAIN "datadive-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "dd-cli.h"
#include "dd-relations.h"

typedef struct {
  char       *catalog_path;
  gboolean    json;
  int         limit;
  DdNodeKind  kind;
  char       *id;
} RelationsOptions;

typedef struct {
  DdNode    *node;         /* NULL for a "more" node, which is a page, not a node */
  GPtrArray *neighbours;   /* DdNode */
} Relations;

static void
relations_options_clear (RelationsOptions *o)
{
  g_free (o->catalog_path);
  g_free (o->id);
}

static void
relations_clear (Relations *r)
{
  g_clear_pointer (&r->node, dd_node_free);
  g_clear_pointer (&r->neighbours, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RelationsOptions, relations_options_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Relations, relations_clear)

static int
relations_parse (RelationsOptions  *o,
                 int                argc,
                 char             **argv)
{
  GOptionEntry entries[] = {
    DD_CLI_OPTION_CATALOG (&o->catalog_path, N_("Catalog file")),
    { "limit", 0, 0, G_OPTION_ARG_INT, &o->limit,
      N_("At most N neighbours per relation (default 50)"), N_("N") },
    DD_CLI_OPTION_JSON (&o->json),
    { NULL }
  };
  g_autoptr(GError) error = NULL;

  o->limit = 50;
  if (!dd_cli_parse_options (&argc, &argv,
                             N_("NODE — neighbours of a node (KIND:ID, e.g. class:n01443537)"),
                             entries))
    return 2;
  if (argc != 2)
    return dd_cli_fail (_("give exactly one NODE, such as class:n01443537 or corruption:fog"));
  if (o->limit < 1)
    return dd_cli_fail (_("--limit must be at least 1"));
  if (!dd_node_parse (argv[1], &o->kind, &o->id, &error))
    return dd_cli_fail_error (error);
  return 0;
}

static gboolean
relations_run (const RelationsOptions  *o,
               Relations               *r,
               GError                 **error)
{
  g_autoptr(DdCatalog) catalog = dd_cli_open_catalog (o->catalog_path, FALSE, error);

  if (catalog == NULL)
    return FALSE;
  if (o->kind != DD_NODE_MORE &&
      !(r->node = dd_relations_describe (catalog, o->kind, o->id, error)))
    return FALSE;
  r->neighbours = dd_relations_neighbours (catalog, o->kind, o->id, o->limit, error);
  return r->neighbours != NULL;
}

static JsonObject *
node_to_json (const DdNode *node,
              gboolean      with_edge)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "kind", dd_node_kind_to_string (node->kind));
  json_object_set_string_member (o, "id", node->id);
  json_object_set_string_member (o, "label", node->label);
  json_object_set_int_member (o, "count", node->count);
  if (with_edge)
    json_object_set_string_member (o, "edge", node->edge);
  return o;
}

static JsonObject *
relations_to_json (const RelationsOptions *o,
                   const Relations        *r)
{
  JsonObject *root = json_object_new ();
  JsonArray *neighbours = json_array_new ();
  JsonObject *node;

  if (r->node)
    node = node_to_json (r->node, FALSE);
  else
    {
      node = json_object_new ();
      json_object_set_string_member (node, "kind", "more");
      json_object_set_string_member (node, "id", o->id);
    }
  json_object_set_object_member (root, "node", node);
  for (guint i = 0; i < r->neighbours->len; i++)
    json_array_add_object_element (neighbours,
                                   node_to_json (g_ptr_array_index (r->neighbours, i), TRUE));
  json_object_set_array_member (root, "neighbours", neighbours);
  return root;
}

static void
relations_print (const Relations *r)
{
  if (r->node)
    printf ("%s:%s  %s  (%" G_GUINT64_FORMAT ")\n", dd_node_kind_to_string (r->node->kind),
            r->node->id, r->node->label, r->node->count);
  for (guint i = 0; i < r->neighbours->len; i++)
    {
      DdNode *n = g_ptr_array_index (r->neighbours, i);
      printf ("  %-10s → %s:%s  %s", n->edge, dd_node_kind_to_string (n->kind), n->id, n->label);
      if (n->count)
        printf ("  (%" G_GUINT64_FORMAT ")", n->count);
      printf ("\n");
    }
}

int
dd_cli_relations (int    argc,
                  char **argv)
{
  g_auto(RelationsOptions) options = { 0 };
  g_auto(Relations) relations = { 0 };
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = relations_parse (&options, argc, argv)))
    return status;
  if (!relations_run (&options, &relations, &error))
    return dd_cli_fail_error (error);
  if (options.json)
    dd_cli_print_object (relations_to_json (&options, &relations));
  else
    relations_print (&relations);
  return 0;
}
