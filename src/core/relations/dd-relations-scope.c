/* The explorer's nodes within the samples of their path (see the header): the path's
 * filter, and a node's neighbours counted, kept and paged within it. Built on the public
 * catalog, relations and taxonomy calls only. */
#define G_LOG_DOMAIN "datadive-relations"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-relations-scope.h"
#include "dd-taxonomy.h"
#include "dd-text.h"

DdNode *
dd_path_step_new (DdNodeKind  kind,
                  const char *id,
                  const char *edge)
{
  DdNode *node = g_new0 (DdNode, 1);

  node->kind = kind;
  node->id = g_strdup (id);
  node->label = g_strdup (id);
  node->edge = g_strdup (edge);
  return node;
}

/* ---- the path's filter --------------------------------------------------------------- */

/* Ids (guint) in both sets; NULL means every id. */
static GArray *
intersect_ids (const GArray *a,
               const GArray *b)
{
  g_autoptr(GHashTable) in_b = NULL;
  GArray *out;

  if (a == NULL && b == NULL)
    return NULL;
  if (a == NULL || b == NULL)
    {
      const GArray *one = a ? a : b;

      out = g_array_sized_new (FALSE, FALSE, sizeof (guint), one->len);
      g_array_append_vals (out, one->data, one->len);
      return out;
    }
  in_b = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < b->len; i++)
    g_hash_table_add (in_b, GUINT_TO_POINTER (g_array_index (b, guint, i) + 1));
  out = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < a->len; i++)
    if (g_hash_table_contains (in_b, GUINT_TO_POINTER (g_array_index (a, guint, i) + 1)))
      g_array_append_val (out, g_array_index (a, guint, i));
  return out;
}

/* The samples both filters select. Node filters only use sets, the health flags and
 * labeled; two different required health kinds cannot both be asked of one filter (it
 * keeps samples with any of them), and no path of the explorer asks for that: a health
 * kind only leads to samples, where a path starts again. */
static DdFilter *
intersect (const DdFilter *a,
           const DdFilter *b)
{
  DdFilter *out;

  if (a == NULL)
    return dd_filter_copy (b);
  out = dd_filter_new ();
  out->classes = intersect_ids (a->classes, b->classes);
  out->corruptions = intersect_ids (a->corruptions, b->corruptions);
  out->severities = intersect_ids (a->severities, b->severities);
  out->splits = intersect_ids (a->splits, b->splits);
  out->sources = intersect_ids (a->sources, b->sources);
  out->exclude_flags = a->exclude_flags | b->exclude_flags;
  if (a->require_flags && b->require_flags)
    out->require_flags = (a->require_flags & b->require_flags) ? a->require_flags & b->require_flags
                                                               : b->require_flags;
  else
    out->require_flags = a->require_flags | b->require_flags;
  out->labeled = a->labeled < 0 ? b->labeled : a->labeled;
  if (a->labeled >= 0 && b->labeled >= 0 && a->labeled != b->labeled)
    {
      /* labeled and unlabeled: nothing */
      g_clear_pointer (&out->classes, g_array_unref);
      out->classes = g_array_new (FALSE, FALSE, sizeof (guint));
    }
  return out;
}

/* Where the path climbs to something wider than where it comes from. */
static gboolean
climbs (const DdNode *from,
        const DdNode *to)
{
  return g_strcmp0 (to->edge, "hypernym") == 0 || to->kind == DD_NODE_DATASET ||
         (from->kind == DD_NODE_CORRUPTION && to->kind == DD_NODE_FAMILY) ||
         (from->kind == DD_NODE_SEVERITY && to->kind == DD_NODE_CORRUPTION) ||
         (from->kind == DD_NODE_SEVERITY && to->kind == DD_NODE_SEVERITY &&
          strchr (from->id, '/') && !strchr (to->id, '/'));
}

DdFilter *
dd_relations_path_filter (DdCatalog  *catalog,
                          GPtrArray  *path,
                          gboolean   *narrowed,
                          GError    **error)
{
  g_autoptr(DdFilter) scope = NULL;
  const DdNode *before = NULL;
  guint steps = 0;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (path != NULL && path->len > 0, NULL);

  for (guint i = 0; i < path->len; i++)
    {
      const DdNode *node = g_ptr_array_index (path, i);
      g_autoptr(DdFilter) own = NULL;

      if (node->kind == DD_NODE_MORE)
        continue;   /* a page of its parent's neighbours: the same samples */
      if (node->kind == DD_NODE_DATASET)
        {
          g_clear_pointer (&scope, dd_filter_free);
          steps = 0;
          before = node;
          continue;
        }
      if (!(own = dd_relations_node_filter (catalog, node->kind, node->id, error)))
        return NULL;
      if (before == NULL || before->kind == DD_NODE_SAMPLE || node->kind == DD_NODE_SAMPLE ||
          climbs (before, node))
        {
          g_clear_pointer (&scope, dd_filter_free);
          scope = g_steal_pointer (&own);
          steps = 1;
        }
      else
        {
          DdFilter *both = intersect (scope, own);

          g_clear_pointer (&scope, dd_filter_free);
          scope = both;
          steps++;
        }
      before = node;
    }
  if (narrowed)
    *narrowed = steps > 1;
  return scope ? g_steal_pointer (&scope) : dd_filter_new ();
}

/* ---- neighbours within the path ------------------------------------------------------ */

typedef struct {
  DdCatalog  *catalog;
  DdFilter   *scope;
  DdFacets   *facets;     /* of the scope */
  DdTaxonomy *taxonomy;   /* when a synset is counted */
} Scope;

/* Samples of @node within the scope: from the scope's facets where they tell, else a
 * count of the two filters together. */
static guint64
count_in (Scope        *s,
          const DdNode *node)
{
  DdFacets *f = s->facets;
  guint id;

  switch (node->kind)
    {
    case DD_NODE_SPLIT:
      id = dd_catalog_lookup_split (s->catalog, node->id);
      return id < f->n_splits ? f->splits[id] : 0;
    case DD_NODE_CORRUPTION:
      id = dd_catalog_lookup_corruption (s->catalog, node->id);
      return id < f->n_corruptions ? f->corruptions[id] : 0;
    case DD_NODE_CLASS:
      id = dd_catalog_lookup_class (s->catalog, node->id);
      return id > 0 && id < f->n_classes ? f->classes[id] : 0;
    case DD_NODE_HEALTH:
      {
        DdHealthKind kind;

        return dd_health_kind_from_string (node->id, &kind) ? f->flags[kind] : 0;
      }
    case DD_NODE_SYNSET:
      {
        g_autoptr(GArray) classes = NULL;
        guint64 n = 0;

        if (s->taxonomy == NULL)
          s->taxonomy = dd_taxonomy_new (s->catalog);
        if (!(classes = dd_taxonomy_get_classes_under (s->taxonomy, node->id)))
          return 0;
        for (guint i = 0; i < classes->len; i++)
          {
            id = g_array_index (classes, guint, i);
            n += id < f->n_classes ? f->classes[id] : 0;
          }
        return n;
      }
    case DD_NODE_SEVERITY:
      if (strchr (node->id, '/') == NULL)
        {
          guint64 severity;

          if (!g_ascii_string_to_unsigned (node->id, 10, 0, 5, &severity, NULL))
            return 0;
          return severity < f->n_severities ? f->severities[severity] : 0;
        }
      G_GNUC_FALLTHROUGH;
    case DD_NODE_FAMILY:
    case DD_NODE_SOURCE:
    case DD_NODE_SAMPLE:
    default:
      {
        g_autoptr(DdFilter) own = dd_relations_node_filter (s->catalog, node->kind, node->id, NULL);
        g_autoptr(DdFilter) both = NULL;

        if (own == NULL)
          return 0;
        both = intersect (s->scope, own);
        return dd_catalog_count (s->catalog, both, NULL, NULL);
      }
    }
}

/* A neighbour that leads out of the node's samples (its WordNet parents, its family…):
 * shown as it is, for the way up. */
static gboolean
leads_up (const DdNode *from,
          const DdNode *to)
{
  return climbs (from, to) || g_strcmp0 (to->edge, "dataset") == 0;
}

/* Which of @kind's relations come a page at a time: classes of a split, of the clean
 * images or of a cell, children of a synset, samples of a class or health kind. */
static gboolean
is_paged (DdNodeKind    kind,
          const DdNode *neighbour)
{
  switch (kind)
    {
    case DD_NODE_SPLIT:
    case DD_NODE_CORRUPTION:
    case DD_NODE_SEVERITY:
      return neighbour->kind == DD_NODE_CLASS;
    case DD_NODE_SYNSET:
      return g_strcmp0 (neighbour->edge, "hyponym") == 0;
    case DD_NODE_CLASS:
    case DD_NODE_HEALTH:
      return neighbour->kind == DD_NODE_SAMPLE;
    default:
      return FALSE;
    }
}

static int
compare_count_desc (gconstpointer a,
                    gconstpointer b)
{
  const DdNode *x = *(const DdNode **) a, *y = *(const DdNode **) b;
  int by_name;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  /* by name whatever its case: "abacus" before "Yorkshire terrier" */
  by_name = g_ascii_strcasecmp (x->label ? x->label : "", y->label ? y->label : "");
  return by_name != 0 ? by_name : g_strcmp0 (x->label, y->label);
}

static DdNode *
node_new (DdNodeKind  kind,
          const char *id,
          const char *label,
          guint64     count,
          const char *edge)
{
  DdNode *node = dd_path_step_new (kind, id, edge);

  g_free (node->label);
  node->label = g_strdup (label ? label : id);
  node->count = count;
  return node;
}

static DdNode *
more_node (DdNodeKind  kind,
           const char *id,
           guint       next,
           guint64     left,
           const char *edge)
{
  g_autofree char *more_id = g_strdup_printf ("%s:%s@%u", dd_node_kind_to_string (kind), id,
                                              next);
  g_autofree char *count = dd_format_count (left);
  /* TRANSLATORS: a node standing for the next page of neighbours: "4,226 more" */
  g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s more", "%s more",
                                                         (gulong) MIN (left, G_MAXULONG)), count);

  return node_new (DD_NODE_MORE, more_id, label, left, edge);
}

/* The samples of the scope from @offset, at most @limit, then a "more" node. */
static gboolean
add_samples (Scope       *s,
             GPtrArray   *out,
             DdNodeKind   kind,
             const char  *id,
             guint        offset,
             guint        limit,
             GError     **error)
{
  g_autoptr(DdSelection) selection = dd_catalog_select (s->catalog, s->scope, NULL, error);
  g_autoptr(GPtrArray) page = NULL;
  guint n;

  if (selection == NULL)
    return FALSE;
  n = dd_selection_get_n (selection);
  if (!(page = dd_catalog_get_page (s->catalog, selection, offset, limit, NULL, error)))
    return FALSE;
  for (guint i = 0; i < page->len; i++)
    {
      DdSampleInfo *sample = g_ptr_array_index (page, i);
      g_autofree char *label = g_path_get_basename (sample->key);

      g_ptr_array_add (out, node_new (DD_NODE_SAMPLE, sample->key, label, 1, "sample"));
    }
  if (offset + page->len < n)
    g_ptr_array_add (out, more_node (kind, id, offset + page->len, n - offset - page->len,
                                     "sample"));
  return TRUE;
}

/* @kind:@id's neighbours within @s, the paged ones from @offset. */
static GPtrArray *
neighbours_within (Scope       *s,
                   DdNodeKind   kind,
                   const char  *id,
                   guint        offset,
                   guint        limit,
                   GError     **error)
{
  gboolean samples = kind == DD_NODE_CLASS || kind == DD_NODE_HEALTH;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) paged = g_ptr_array_new ();
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_node_free);
  DdNode self = { kind, (char *) id, (char *) id, 0, NULL };
  const char *paged_edge = NULL;
  guint end;

  /* every neighbour but the samples, which come from the scope */
  if (!(all = dd_relations_neighbours (s->catalog, kind, id, samples ? 1 : G_MAXINT / 2, error)))
    {
      g_ptr_array_unref (out);
      return NULL;
    }
  for (guint i = 0; i < all->len; i++)
    {
      DdNode *n = g_ptr_array_index (all, i);

      if (n->kind == DD_NODE_MORE || (samples && n->kind == DD_NODE_SAMPLE))
        continue;
      if (leads_up (&self, n))
        {
          if (offset == 0)
            g_ptr_array_add (out, node_new (n->kind, n->id, n->label, n->count, n->edge));
          continue;
        }
      if ((n->count = count_in (s, n)) == 0)
        continue;
      if (is_paged (kind, n))
        {
          g_ptr_array_add (paged, n);
          paged_edge = n->edge;
        }
      else if (offset == 0)
        g_ptr_array_add (out, node_new (n->kind, n->id, n->label, n->count, n->edge));
    }

  /* a page of classes (by their count here) or of WordNet children */
  if (kind != DD_NODE_SYNSET)
    g_ptr_array_sort (paged, compare_count_desc);
  end = MIN (paged->len, offset + limit);
  for (guint i = offset; i < end; i++)
    {
      DdNode *n = g_ptr_array_index (paged, i);

      g_ptr_array_add (out, node_new (n->kind, n->id, n->label, n->count, n->edge));
    }
  if (end < paged->len)
    g_ptr_array_add (out, more_node (kind, id, end, paged->len - end, paged_edge));

  if (samples && !add_samples (s, out, kind, id, offset, limit, error))
    {
      g_ptr_array_unref (out);
      return NULL;
    }
  return out;
}

DdExpansion *
dd_relations_expand_path (DdCatalog  *catalog,
                          GPtrArray  *path,
                          guint       limit,
                          GError    **error)
{
  g_autoptr(DdExpansion) expansion = g_new0 (DdExpansion, 1);
  g_autoptr(DdFilter) scope = NULL;
  g_autoptr(DdSelection) selection = NULL;
  g_autofree char *inner_id = NULL;
  const DdNode *last;
  DdNodeKind kind;
  const char *id;
  guint offset = 0;
  gboolean narrowed = FALSE;
  Scope s = { catalog, NULL, NULL, NULL };

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (path != NULL && path->len > 0, NULL);

  last = g_ptr_array_index (path, path->len - 1);
  kind = last->kind;
  id = last->id;
  if (kind == DD_NODE_MORE)
    {
      /* "class:n01443537@24": the page of that node's neighbours at 24 */
      const char *at = strrchr (id, '@');
      g_autofree char *head = at ? g_strndup (id, at - id) : NULL;
      guint64 n;

      if (head == NULL || !g_ascii_string_to_unsigned (at + 1, 10, 0, G_MAXUINT, &n, NULL) ||
          !dd_node_parse (head, &kind, &inner_id, error))
        {
          if (error && *error == NULL)
            g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_FOUND,
                         _("Unknown node “more:%s”"), id);
          return NULL;
        }
      offset = n;
      id = inner_id;
    }

  if (kind != DD_NODE_SAMPLE &&
      !(scope = dd_relations_path_filter (catalog, path, &narrowed, error)))
    return NULL;
  if (!narrowed)
    {
      /* the node alone: as the relations list it */
      if (!(expansion->nodes = dd_relations_neighbours (catalog, last->kind, last->id, limit,
                                                         error)))
        return NULL;
    }
  else
    {
      if (!(selection = dd_catalog_select (catalog, scope, NULL, error)))
        return NULL;
      s.scope = scope;
      s.facets = dd_catalog_facets (catalog, selection);
      expansion->nodes = neighbours_within (&s, kind, id, offset, MAX (limit, 1), error);
      g_clear_pointer (&s.facets, dd_facets_free);
      g_clear_pointer (&s.taxonomy, dd_taxonomy_free);
      if (expansion->nodes == NULL)
        return NULL;
    }
  dd_expansion_find_samples (catalog, expansion);
  return g_steal_pointer (&expansion);
}
