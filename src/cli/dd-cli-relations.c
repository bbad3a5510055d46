/* datadive-cli relations: the neighbours of one node of the dataset graph. */
#define G_LOG_DOMAIN "datadive-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "dd-cli.h"
#include "dd-relations.h"

static void
add_node (JsonBuilder *b,
          DdNode      *node,
          gboolean     with_edge)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, dd_node_kind_to_string (node->kind));
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, node->id);
  json_builder_set_member_name (b, "label");
  json_builder_add_string_value (b, node->label);
  json_builder_set_member_name (b, "count");
  json_builder_add_int_value (b, node->count);
  if (with_edge)
    {
      json_builder_set_member_name (b, "edge");
      json_builder_add_string_value (b, node->edge);
    }
  json_builder_end_object (b);
}

int
dd_cli_relations (int    argc,
                  char **argv)
{
  g_autofree char *catalog_path = NULL;
  gboolean json = FALSE;
  int limit = 50;
  GOptionEntry entries[] = {
    { "catalog", 'c', 0, G_OPTION_ARG_FILENAME, &catalog_path, N_("Catalog file"), N_("FILE") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N neighbours per relation (default 50)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON document"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (N_("NODE — neighbours of a node (KIND:ID, e.g. class:n01443537)"));
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalog) catalog = NULL;
  g_autoptr(DdNode) node = NULL;
  g_autoptr(GPtrArray) neighbours = NULL;
  g_autofree char *id = NULL;
  DdNodeKind kind;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!dd_cli_parse (context, &argc, &argv))
    return 2;
  if (argc != 2)
    return dd_cli_fail (_("give exactly one NODE, such as class:n01443537 or corruption:fog"));
  if (limit < 1)
    return dd_cli_fail (_("--limit must be at least 1"));
  if (!dd_node_parse (argv[1], &kind, &id, &error))
    return dd_cli_fail_error (error);
  if (!(catalog = dd_cli_open_catalog (catalog_path, FALSE, &error)))
    return dd_cli_fail_error (error);
  if (kind == DD_NODE_MORE)
    node = NULL;
  else if (!(node = dd_relations_describe (catalog, kind, id, &error)))
    return dd_cli_fail_error (error);
  if (!(neighbours = dd_relations_neighbours (catalog, kind, id, limit, &error)))
    return dd_cli_fail_error (error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "node");
      if (node)
        add_node (b, node, FALSE);
      else
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, "more");
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, id);
          json_builder_end_object (b);
        }
      json_builder_set_member_name (b, "neighbours");
      json_builder_begin_array (b);
      for (guint i = 0; i < neighbours->len; i++)
        add_node (b, g_ptr_array_index (neighbours, i), TRUE);
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      dd_cli_print_json (root);
      return 0;
    }

  if (node)
    printf ("%s:%s  %s  (%" G_GUINT64_FORMAT ")\n", dd_node_kind_to_string (node->kind),
            node->id, node->label, node->count);
  for (guint i = 0; i < neighbours->len; i++)
    {
      DdNode *n = g_ptr_array_index (neighbours, i);
      printf ("  %-10s → %s:%s  %s", n->edge, dd_node_kind_to_string (n->kind), n->id, n->label);
      if (n->count)
        printf ("  (%" G_GUINT64_FORMAT ")", n->count);
      printf ("\n");
    }
  return 0;
}
