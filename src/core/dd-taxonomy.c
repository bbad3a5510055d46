/* DdTaxonomy: the WordNet tree above a catalog's classes, with sample counts. */
#define G_LOG_DOMAIN "datadive-relations"
#include "config.h"

#include "dd-taxonomy.h"
#include "dd-wordnet.h"

typedef struct {
  char      *wnid;
  char      *label;
  const char *parent;     /* wnid of the parent node (owned by its node) */
  GPtrArray *children;    /* const char * wnids */
  guint64    count;
  guint      class_id;    /* 0 when not a class of the catalog */
} TaxNode;

struct _DdTaxonomy {
  GHashTable *nodes;      /* wnid → TaxNode */
  char       *root;
};

static void
tax_node_free (TaxNode *node)
{
  g_free (node->wnid);
  g_free (node->label);
  g_ptr_array_unref (node->children);
  g_free (node);
}

static TaxNode *
ensure_node (DdTaxonomy *self,
             const char *wnid,
             const char *label)
{
  TaxNode *node = g_hash_table_lookup (self->nodes, wnid);

  if (node == NULL)
    {
      node = g_new0 (TaxNode, 1);
      node->wnid = g_strdup (wnid);
      node->label = g_strdup (label ? label : wnid);
      node->children = g_ptr_array_new ();
      g_hash_table_insert (self->nodes, node->wnid, node);
    }
  return node;
}

static void
link_child (TaxNode *parent,
            TaxNode *child)
{
  if (child->parent != NULL)
    return;
  child->parent = parent->wnid;
  g_ptr_array_add (parent->children, child->wnid);
}

static int
cmp_children (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  DdTaxonomy *self = user_data;
  TaxNode *x = g_hash_table_lookup (self->nodes, *(const char * const *) a);
  TaxNode *y = g_hash_table_lookup (self->nodes, *(const char * const *) b);

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_strcmp0 (x->label, y->label);
}

DdTaxonomy *
dd_taxonomy_new (DdCatalog *catalog)
{
  DdTaxonomy *self = g_new0 (DdTaxonomy, 1);
  g_autoptr(GPtrArray) classes = dd_catalog_list_classes (catalog);
  g_autoptr(DdSelection) all = dd_catalog_select (catalog, NULL, NULL, NULL);
  g_autoptr(DdFacets) facets = all ? dd_catalog_facets (catalog, all) : NULL;
  DdWordnet *wordnet = dd_wordnet_get_default ();
  GHashTableIter iter;
  gpointer value;
  guint n_roots = 0;

  self->nodes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify) tax_node_free);

  for (guint i = 0; i < classes->len; i++)
    {
      DdClassInfo *c = g_ptr_array_index (classes, i);
      guint64 n = (facets && c->id < facets->n_classes) ? facets->classes[c->id] : 0;
      TaxNode *node = ensure_node (self, c->wnid, c->name);
      g_autoptr(GPtrArray) chain = wordnet ? dd_wordnet_get_ancestors (wordnet, c->wnid) : NULL;
      TaxNode *below = node;

      node->class_id = c->id;
      if ((chain == NULL || chain->len == 0) && c->parent_wnid)
        {
          TaxNode *parent = ensure_node (self, c->parent_wnid, c->parent_name);
          link_child (parent, node);
        }
      for (guint j = 0; chain && j < chain->len; j++)
        {
          const char *wnid = g_ptr_array_index (chain, j);
          g_autofree char *label = dd_wordnet_get_name (wordnet, wnid);
          TaxNode *up = ensure_node (self, wnid, label);

          link_child (up, below);
          below = up;
        }
      /* Samples count once per ancestor. */
      for (TaxNode *t = node; t; t = t->parent ? g_hash_table_lookup (self->nodes, t->parent) : NULL)
        t->count += n;
    }

  g_hash_table_iter_init (&iter, self->nodes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      TaxNode *node = value;

      g_ptr_array_sort_with_data (node->children, cmp_children, self);
      if (node->parent == NULL)
        {
          n_roots++;
          g_free (self->root);
          self->root = g_strdup (node->wnid);
        }
    }
  if (n_roots != 1)
    g_clear_pointer (&self->root, g_free);
  return self;
}

void
dd_taxonomy_free (DdTaxonomy *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->nodes);
  g_free (self->root);
  g_free (self);
}

const char *
dd_taxonomy_get_root (DdTaxonomy *self)
{
  return self->root;
}

const char *
dd_taxonomy_get_parent (DdTaxonomy *self,
                        const char *wnid)
{
  TaxNode *node = g_hash_table_lookup (self->nodes, wnid);
  return node ? node->parent : NULL;
}

const char *
dd_taxonomy_get_label (DdTaxonomy *self,
                       const char *wnid)
{
  TaxNode *node = g_hash_table_lookup (self->nodes, wnid);
  return node ? node->label : NULL;
}

guint64
dd_taxonomy_get_count (DdTaxonomy *self,
                       const char *wnid)
{
  TaxNode *node = g_hash_table_lookup (self->nodes, wnid);
  return node ? node->count : 0;
}

gboolean
dd_taxonomy_is_leaf (DdTaxonomy *self,
                     const char *wnid)
{
  TaxNode *node = g_hash_table_lookup (self->nodes, wnid);
  return node != NULL && node->children->len == 0;
}

GPtrArray *
dd_taxonomy_get_children (DdTaxonomy *self,
                          const char *wnid)
{
  TaxNode *node = g_hash_table_lookup (self->nodes, wnid);
  GPtrArray *out = g_ptr_array_new ();

  if (node)
    for (guint i = 0; i < node->children->len; i++)
      g_ptr_array_add (out, g_ptr_array_index (node->children, i));
  return out;
}

static void
collect_classes (DdTaxonomy *self,
                 TaxNode    *node,
                 GArray     *out)
{
  if (node->class_id)
    g_array_append_val (out, node->class_id);
  for (guint i = 0; i < node->children->len; i++)
    collect_classes (self, g_hash_table_lookup (self->nodes, g_ptr_array_index (node->children, i)),
                     out);
}

GArray *
dd_taxonomy_get_classes_under (DdTaxonomy *self,
                               const char *wnid)
{
  TaxNode *node = g_hash_table_lookup (self->nodes, wnid);
  GArray *out;

  if (node == NULL)
    return NULL;
  out = g_array_new (FALSE, FALSE, sizeof (guint));
  collect_classes (self, node, out);
  return out;
}

GPtrArray *
dd_taxonomy_get_ancestors (DdTaxonomy *self,
                           const char *wnid)
{
  GPtrArray *out = g_ptr_array_new ();
  TaxNode *node = g_hash_table_lookup (self->nodes, wnid);

  while (node && node->parent)
    {
      g_ptr_array_add (out, (gpointer) node->parent);
      node = g_hash_table_lookup (self->nodes, node->parent);
    }
  return out;
}
