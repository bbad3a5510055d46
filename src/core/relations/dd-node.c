/* DdNode: a node of the relations graph and its typed id, parsed and formatted here. */
#define G_LOG_DOMAIN "datadive-relations"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-errors.h"
#include "dd-node.h"

static const char *kind_names[DD_NODE_N_KINDS] = {
  "dataset", "source", "split", "family", "corruption", "severity", "class", "synset",
  "sample", "health", "more",
};

void
dd_node_free (DdNode *node)
{
  if (node == NULL)
    return;
  g_free (node->id);
  g_free (node->label);
  g_free (node->edge);
  g_free (node);
}

const char *
dd_node_kind_to_string (DdNodeKind kind)
{
  g_return_val_if_fail (kind < DD_NODE_N_KINDS, NULL);
  return kind_names[kind];
}

gboolean
dd_node_parse (const char  *text,
               DdNodeKind  *out_kind,
               char       **out_id,
               GError     **error)
{
  const char *colon;

  g_return_val_if_fail (text != NULL, FALSE);

  colon = strchr (text, ':');
  if (colon == NULL && strcmp (text, "dataset") == 0)
    {
      *out_kind = DD_NODE_DATASET;
      *out_id = g_strdup ("");
      return TRUE;
    }
  if (colon != NULL)
    for (guint k = 0; k < DD_NODE_N_KINDS; k++)
      if (strlen (kind_names[k]) == (gsize) (colon - text) &&
          strncmp (text, kind_names[k], colon - text) == 0)
        {
          *out_kind = k;
          *out_id = g_strdup (colon + 1);
          return TRUE;
        }
  g_set_error (error, DD_RELATIONS_ERROR, DD_RELATIONS_ERROR_INVALID,
               _("“%s” is not a node: use KIND:ID with KIND one of dataset, source, split, "
                 "family, corruption, severity, class, synset, sample, health"), text);
  return FALSE;
}

DdNode *
dd_node_new (DdNodeKind  kind,
             const char *id,
             const char *label,
             guint64     count,
             const char *edge)
{
  DdNode *node = g_new0 (DdNode, 1);

  node->kind = kind;
  node->id = g_strdup (id);
  node->label = g_strdup (label ? label : id);
  node->count = count;
  node->edge = g_strdup (edge);
  return node;
}

void
dd_node_set_unknown (GError    **error,
                     DdNodeKind  kind,
                     const char *id)
{
  g_set_error (error, DD_RELATIONS_ERROR, DD_RELATIONS_ERROR_NOT_FOUND,
               _("Unknown node “%s:%s”"), kind_names[kind], id);
}

char *
dd_node_format_more (DdNodeKind  kind,
                     const char *id,
                     guint       offset)
{
  g_return_val_if_fail (kind < DD_NODE_N_KINDS, NULL);
  return g_strdup_printf ("%s:%s@%u", kind_names[kind], id, offset);
}

gboolean
dd_node_parse_more (const char  *more_id,
                    DdNodeKind  *out_kind,
                    char       **out_id,
                    guint       *out_offset,
                    GError     **error)
{
  /* "class:n01443537@100": the page of class n01443537's neighbours at 100. */
  const char *at = strrchr (more_id, '@');
  g_autofree char *head = NULL;
  guint64 n;

  if (at == NULL || !g_ascii_string_to_unsigned (at + 1, 10, 0, G_MAXUINT, &n, NULL))
    {
      dd_node_set_unknown (error, DD_NODE_MORE, more_id);
      return FALSE;
    }
  head = g_strndup (more_id, at - more_id);
  if (!dd_node_parse (head, out_kind, out_id, error))
    return FALSE;
  *out_offset = n;
  return TRUE;
}
