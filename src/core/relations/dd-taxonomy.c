/* DdTaxonomy: the WordNet graph above a catalog's classes (every hypernym path, "@" and
 * "@i"), with the classes and samples under each synset counted once. */
#define G_LOG_DOMAIN "datadive-relations"
#include "config.h"

#include <string.h>

#include "dd-taxonomy.h"
#include "dd-wordnet.h"
#include "dd-task.h"

typedef struct {
  char      *wnid;
  char      *label;
  GPtrArray *parents;     /* const char * wnids (owned by their nodes), first parent first */
  GPtrArray *children;    /* const char * wnids */
  GArray    *classes;     /* class ids under the node, ascending, each once */
  guint64    count;       /* samples of those classes */
  guint64    samples;     /* of the node itself, when it is a class */
  guint      class_id;    /* 0 when not a class of the catalog */
  gboolean   expanded;    /* its hypernyms were looked up */
} TaxNode;

struct _DdTaxonomy {
  GHashTable *nodes;      /* wnid → TaxNode */
  char       *root;
  guint       n_classes;
};

static void
tax_node_free (TaxNode *node)
{
  g_free (node->wnid);
  g_free (node->label);
  g_ptr_array_unref (node->parents);
  g_ptr_array_unref (node->children);
  g_array_unref (node->classes);
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
      node->parents = g_ptr_array_new ();
      node->children = g_ptr_array_new ();
      node->classes = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (self->nodes, node->wnid, node);
    }
  return node;
}

static TaxNode *
lookup (DdTaxonomy *self,
        const char *wnid)
{
  return wnid ? g_hash_table_lookup (self->nodes, wnid) : NULL;
}

static void
link_child (TaxNode *parent,
            TaxNode *child)
{
  for (guint i = 0; i < child->parents->len; i++)
    if (child->parents->pdata[i] == parent->wnid)
      return;
  g_ptr_array_add (child->parents, parent->wnid);
  g_ptr_array_add (parent->children, child->wnid);
}

/* Links @node to all of its hypernyms, and theirs, up to the root. */
static void
expand (DdTaxonomy *self,
        DdWordnet  *wordnet,
        TaxNode    *node)
{
  g_autoptr(GPtrArray) todo = g_ptr_array_new ();

  g_ptr_array_add (todo, node);
  while (todo->len > 0)
    {
      TaxNode *below = g_ptr_array_steal_index (todo, todo->len - 1);
      g_autoptr(GPtrArray) up = NULL;

      if (below->expanded)
        continue;
      below->expanded = TRUE;
      up = dd_wordnet_get_hypernyms (wordnet, below->wnid);
      for (guint i = 0; i < up->len; i++)
        {
          TaxNode *parent = lookup (self, up->pdata[i]);

          if (parent == NULL)
            {
              g_autofree char *label = dd_wordnet_get_name (wordnet, up->pdata[i]);
              parent = ensure_node (self, up->pdata[i], label);
            }
          link_child (parent, below);
          g_ptr_array_add (todo, parent);
        }
    }
}

/* Every ancestor of @node, each once (unordered). */
static GHashTable *
closure_of (DdTaxonomy *self,
            TaxNode    *node)
{
  GHashTable *seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) todo = g_ptr_array_new ();

  g_ptr_array_add (todo, node);
  while (todo->len > 0)
    {
      TaxNode *n = g_ptr_array_steal_index (todo, todo->len - 1);

      for (guint i = 0; i < n->parents->len; i++)
        {
          TaxNode *parent = lookup (self, n->parents->pdata[i]);
          if (g_hash_table_add (seen, parent))
            g_ptr_array_add (todo, parent);
        }
    }
  return seen;
}

static int
cmp_children (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  DdTaxonomy *self = user_data;
  TaxNode *x = lookup (self, *(const char * const *) a);
  TaxNode *y = lookup (self, *(const char * const *) b);

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_strcmp0 (x->label, y->label);
}

/* Each class is added once to itself and to every synset of its closure. */
static void
count_classes (DdTaxonomy *self,
               GPtrArray  *class_nodes)
{
  for (guint i = 0; i < class_nodes->len; i++)
    {
      TaxNode *node = class_nodes->pdata[i];
      g_autoptr(GHashTable) up = closure_of (self, node);
      GHashTableIter iter;
      gpointer key;

      g_array_append_val (node->classes, node->class_id);
      node->count += node->samples;
      g_hash_table_iter_init (&iter, up);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          TaxNode *a = key;
          g_array_append_val (a->classes, node->class_id);
          a->count += node->samples;
        }
    }
}

DdTaxonomy *
dd_taxonomy_new (DdCatalog *catalog)
{
  DdTaxonomy *self = g_new0 (DdTaxonomy, 1);
  g_autoptr(GPtrArray) classes = dd_catalog_list_classes (catalog);
  g_autoptr(GPtrArray) class_nodes = g_ptr_array_new ();
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
      TaxNode *node;

      if (c == NULL || c->wnid == NULL || c->id == 0)
        continue;
      node = ensure_node (self, c->wnid, c->name);
      if (node->class_id != 0)
        continue;   /* the same wnid twice: counted once */
      node->class_id = c->id;
      node->samples = (facets && c->id < facets->n_classes) ? facets->classes[c->id] : 0;
      g_free (node->label);
      node->label = g_strdup (c->name ? c->name : c->wnid);
      g_ptr_array_add (class_nodes, node);
      self->n_classes++;
      if (wordnet && dd_wordnet_has (wordnet, c->wnid))
        expand (self, wordnet, node);
      else if (c->parent_wnid)
        link_child (ensure_node (self, c->parent_wnid, c->parent_name), node);
    }
  count_classes (self, class_nodes);

  g_hash_table_iter_init (&iter, self->nodes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      TaxNode *node = value;

      g_ptr_array_sort_with_data (node->children, cmp_children, self);
      g_array_sort (node->classes, dd_compare_uints);
      if (node->parents->len == 0)
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

static void
new_in_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  g_task_return_pointer (task, dd_taxonomy_new (DD_CATALOG (source)),
                         (GDestroyNotify) dd_taxonomy_free);
}

void
dd_taxonomy_new_async (DdCatalog           *catalog,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (catalog, cancellable, callback, user_data);

  dd_task_run_in_thread (task, dd_taxonomy_new_async, NULL, NULL, new_in_thread);
}

DdTaxonomy *
dd_taxonomy_new_finish (GAsyncResult  *result,
                        GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
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
  TaxNode *node = lookup (self, wnid);
  return node && node->parents->len ? node->parents->pdata[0] : NULL;
}

GPtrArray *
dd_taxonomy_get_parents (DdTaxonomy *self,
                         const char *wnid)
{
  TaxNode *node = lookup (self, wnid);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; node && i < node->parents->len; i++)
    g_ptr_array_add (out, node->parents->pdata[i]);
  return out;
}

const char *
dd_taxonomy_get_label (DdTaxonomy *self,
                       const char *wnid)
{
  TaxNode *node = lookup (self, wnid);
  return node ? node->label : NULL;
}

guint64
dd_taxonomy_get_count (DdTaxonomy *self,
                       const char *wnid)
{
  TaxNode *node = lookup (self, wnid);
  return node ? node->count : 0;
}

gboolean
dd_taxonomy_is_leaf (DdTaxonomy *self,
                     const char *wnid)
{
  TaxNode *node = lookup (self, wnid);
  return node != NULL && node->children->len == 0;
}

GPtrArray *
dd_taxonomy_get_children (DdTaxonomy *self,
                          const char *wnid)
{
  TaxNode *node = lookup (self, wnid);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; node && i < node->children->len; i++)
    g_ptr_array_add (out, node->children->pdata[i]);
  return out;
}

GArray *
dd_taxonomy_get_classes_under (DdTaxonomy *self,
                               const char *wnid)
{
  TaxNode *node = lookup (self, wnid);
  GArray *out;

  if (node == NULL)
    return NULL;
  out = g_array_sized_new (FALSE, FALSE, sizeof (guint), node->classes->len);
  g_array_append_vals (out, node->classes->data, node->classes->len);
  return out;
}

GPtrArray *
dd_taxonomy_get_ancestors (DdTaxonomy *self,
                           const char *wnid)
{
  GPtrArray *out = g_ptr_array_new ();
  TaxNode *node = lookup (self, wnid);
  g_autoptr(GHashTable) up = NULL;
  g_autoptr(GHashTable) waiting = NULL;
  g_autoptr(GQueue) queue = NULL;
  GHashTableIter iter;
  gpointer key;

  if (node == NULL)
    return out;
  /* Kahn's order over the closure: a synset is ready once all of its children in the
   * closure are placed, so nearer ones come first and the root comes last. */
  up = closure_of (self, node);
  waiting = g_hash_table_new (NULL, NULL);
  g_hash_table_iter_init (&iter, up);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      TaxNode *a = key;
      guint n = 0;

      for (guint i = 0; i < a->children->len; i++)
        {
          TaxNode *child = lookup (self, a->children->pdata[i]);
          n += child == node || g_hash_table_contains (up, child);
        }
      g_hash_table_insert (waiting, a, GUINT_TO_POINTER (n));
    }
  queue = g_queue_new ();
  g_queue_push_tail (queue, node);
  while (!g_queue_is_empty (queue))
    {
      TaxNode *below = g_queue_pop_head (queue);

      for (guint i = 0; i < below->parents->len; i++)
        {
          TaxNode *parent = lookup (self, below->parents->pdata[i]);
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (waiting, parent)) - 1;

          g_hash_table_insert (waiting, parent, GUINT_TO_POINTER (n));
          if (n == 0)
            {
              g_ptr_array_add (out, parent->wnid);
              g_queue_push_tail (queue, parent);
            }
        }
    }
  return out;
}

static int
cmp_labels (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  DdTaxonomy *self = user_data;
  const char *x = dd_taxonomy_get_label (self, *(const char * const *) a);
  const char *y = dd_taxonomy_get_label (self, *(const char * const *) b);
  int cmp = g_utf8_collate (x, y);

  return cmp ? cmp : strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
dd_taxonomy_list_groups (DdTaxonomy *self,
                         guint       min_classes)
{
  GPtrArray *out = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->nodes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      TaxNode *node = value;

      if (node->classes->len >= MAX (min_classes, 1) && node->classes->len < self->n_classes)
        g_ptr_array_add (out, node->wnid);
    }
  g_ptr_array_sort_with_data (out, cmp_labels, self);
  return out;
}

GPtrArray *
dd_taxonomy_find_by_name (DdTaxonomy *self,
                          const char *name)
{
  GPtrArray *out = g_ptr_array_new ();
  DdWordnet *wordnet = dd_wordnet_get_default ();
  g_autofree char *folded = g_utf8_casefold (name, -1);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->nodes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      TaxNode *node = value;
      g_auto(GStrv) names = wordnet ? dd_wordnet_get_names (wordnet, node->wnid) : NULL;
      g_autofree char *label = g_utf8_casefold (node->label, -1);
      gboolean hit = g_str_equal (label, folded) || g_str_equal (node->wnid, name);

      for (guint i = 0; !hit && names && names[i]; i++)
        {
          g_autofree char *n = g_utf8_casefold (names[i], -1);
          hit = g_str_equal (n, folded);
        }
      if (hit)
        g_ptr_array_add (out, node->wnid);
    }
  g_ptr_array_sort (out, dd_compare_strings);
  return out;
}
