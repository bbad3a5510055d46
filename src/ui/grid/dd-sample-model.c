/* DdSampleModel: a GListModel of DdSampleItem over a DdSelection. Items are created on
 * demand; their details are read a page at a time with dd_catalog_get_page_async() and
 * the pages read are kept in a bounded LRU, so the model never holds all rows.
 *
 * A few page reads run at once; the others wait newest first, and a waiting page whose
 * items nobody holds any more (the view scrolled past it) is dropped unread, so a fast
 * scroll through 750,000 samples does not queue thousands of reads.
 *
 * A new selection is announced as the stretches where it differs from the old one
 * (dd_selection_diff()), last stretch first, so the rows that stay keep their widgets,
 * the view keeps its place and GTK never walks the whole new range: a single
 * items-changed (0, all, all) makes GtkListItemManager ask for every new item while
 * it looks for the focused row. While the stretches are announced one by one the
 * model answers with the list as it is between two of them. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include "dd-catalog-lookup.h"
#include "dd-sample-item.h"
#include "dd-sample-model.h"

typedef struct
{
  guint      index;
  GPtrArray *rows;      /* of DdSampleInfo; NULL while the request runs */
  GPtrArray *waiting;   /* of DdSampleItem to fill when the rows arrive */
  GList      link;      /* in the LRU once loaded */
  GList      queue_link; /* in the queue of reads not started yet */
} Page;

#define MAX_READS_IN_FLIGHT 4

struct _DdSampleModel
{
  GObject parent_instance;

  DdCatalog *catalog;
  DdSelection *selection;
  GArray *order;                /* gint64: the selection's ids as shown, or NULL (by id) */
  GCancellable *cancellable;    /* requests for the current selection */
  GHashTable *pages;            /* page index → Page */
  GQueue lru;                   /* loaded pages, most recently used first */
  GQueue queue;                 /* pages to read, newest first */
  guint in_flight;
  guint n_reads;                /* page reads started, for tests */
  guint generation;             /* bumped when the pages are dropped */
  guint page_size;
  guint max_pages;

  /* while a change is announced stretch by stretch: positions below split_old are
   * @old's, the rest are the new selection's from split_new on */
  DdSelection *old;
  guint split_old;
  guint split_new;
};

/* More stretches than this and the change is announced as "everything removed", then
 * "everything added" (the view starts again from the top). */
#define MAX_STRETCHES 2000

static void dd_sample_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdSampleModel, dd_sample_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      dd_sample_model_list_model_init))

typedef struct
{
  DdSampleModel *self;
  DdSelection *selection;
  guint index;
  guint generation;
  gboolean by_ids;     /* a page of the order: read with dd_catalog_get_samples_async() */
} PageRequest;

static void
page_request_free (PageRequest *request)
{
  g_object_unref (request->self);
  dd_selection_unref (request->selection);
  g_free (request);
}

static void
page_free (Page *page)
{
  g_clear_pointer (&page->rows, g_ptr_array_unref);
  g_clear_pointer (&page->waiting, g_ptr_array_unref);
  g_free (page);
}

static void
free_rows_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  g_ptr_array_set_size (task_data, 0);   /* each page's rows, freed here */
  g_task_return_boolean (task, TRUE);
}

static void
dd_sample_model_drop_pages (DdSampleModel *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  Page *page;

  /* The pages' rows (64 pages of 128 samples, their strings) are freed on a worker:
   * 8 ms of the main thread when a class was toggled at 5 M samples. */
  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &page))
    if (page->rows)
      g_ptr_array_add (rows, g_steal_pointer (&page->rows));
  if (rows->len > 0)
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

      g_task_set_source_tag (task, dd_sample_model_drop_pages);
      g_task_set_task_data (task, g_steal_pointer (&rows), (GDestroyNotify) g_ptr_array_unref);
      g_task_run_in_thread (task, free_rows_thread);
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->lru);
  g_queue_init (&self->queue);
  self->in_flight = 0;
  self->generation++;
  g_hash_table_remove_all (self->pages);
}

static void dd_sample_model_dispatch (DdSampleModel *self);

static void
dd_sample_model_trim (DdSampleModel *self)
{
  while (self->lru.length > self->max_pages)
    {
      Page *page = g_queue_peek_tail (&self->lru);

      g_queue_unlink (&self->lru, &page->link);
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (page->index));
    }
}

static void
fill_item (DdSampleModel *self,
           Page          *page,
           DdSampleItem  *item)
{
  guint offset = dd_sample_item_get_position (item) - page->index * self->page_size;

  if (offset < page->rows->len)
    dd_sample_item_set_info (item, g_ptr_array_index (page->rows, offset));
}

static void
page_ready (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  PageRequest *request = user_data;
  DdSampleModel *self = request->self;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  Page *page;

  rows = request->by_ids ? dd_catalog_get_samples_finish (DD_CATALOG (object), result, &error)
                        : dd_catalog_get_page_finish (DD_CATALOG (object), result, &error);
  if (request->generation != self->generation)
    goto out;
  self->in_flight--;
  if (request->selection != self->selection)
    goto out;
  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (request->index));
  if (page == NULL || page->rows != NULL)
    goto out;

  if (rows == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read samples %u–%u: %s", request->index * self->page_size,
                   (request->index + 1) * self->page_size - 1, error->message);
      /* Forget the page: a later get_item() asks again. */
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (request->index));
      goto out;
    }

  page->rows = g_steal_pointer (&rows);
  g_queue_push_head_link (&self->lru, &page->link);
  for (guint i = 0; i < page->waiting->len; i++)
    fill_item (self, page, g_ptr_array_index (page->waiting, i));
  g_clear_pointer (&page->waiting, g_ptr_array_unref);
  dd_sample_model_trim (self);

out:
  if (request->generation == self->generation)
    dd_sample_model_dispatch (self);
  page_request_free (request);
}

/* No one but the page holds its items: the view has moved on. */
static gboolean
page_is_stale (Page *page)
{
  for (guint i = 0; i < page->waiting->len; i++)
    if (G_OBJECT (g_ptr_array_index (page->waiting, i))->ref_count > 1)
      return FALSE;
  return TRUE;
}

static void
dd_sample_model_dispatch (DdSampleModel *self)
{
  while (self->in_flight < MAX_READS_IN_FLIGHT && self->queue.length > 0)
    {
      Page *page = g_queue_peek_head (&self->queue);
      PageRequest *request;
      guint n = dd_selection_get_n (self->selection);
      guint offset = page->index * self->page_size;

      g_queue_unlink (&self->queue, &page->queue_link);
      if (page_is_stale (page))
        {
          g_hash_table_remove (self->pages, GUINT_TO_POINTER (page->index));
          continue;
        }

      request = g_new0 (PageRequest, 1);
      request->self = g_object_ref (self);
      request->selection = dd_selection_ref (self->selection);
      request->index = page->index;
      request->generation = self->generation;
      self->in_flight++;
      self->n_reads++;
      if (self->order)
        {
          request->by_ids = TRUE;
          dd_catalog_get_samples_async (self->catalog,
                                        &g_array_index (self->order, gint64, offset),
                                        MIN (self->page_size, n - offset),
                                        self->cancellable, page_ready, request);
        }
      else
        dd_catalog_get_page_async (self->catalog, self->selection, offset,
                                   MIN (self->page_size, n - offset),
                                   self->cancellable, page_ready, request);
    }
}

static Page *
dd_sample_model_request_page (DdSampleModel *self,
                              guint          index)
{
  Page *page = g_new0 (Page, 1);

  page->index = index;
  page->link.data = page;
  page->queue_link.data = page;
  page->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
  g_queue_push_head_link (&self->queue, &page->queue_link);
  return page;
}

static GType
dd_sample_model_get_item_type (GListModel *model)
{
  return DD_TYPE_SAMPLE_ITEM;
}

static guint
dd_sample_model_get_n_items (GListModel *model)
{
  DdSampleModel *self = DD_SAMPLE_MODEL (model);

  if (self->selection == NULL)
    return 0;
  if (self->old)
    return self->split_old + dd_selection_get_n (self->selection) - self->split_new;
  return dd_selection_get_n (self->selection);
}

/* Fills @item (at its position of the current selection) from its page now, or when
 * the page has been read. */
static void
dd_sample_model_attach (DdSampleModel *self,
                        DdSampleItem  *item)
{
  guint index = dd_sample_item_get_position (item) / self->page_size;
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));

  if (page == NULL)
    page = dd_sample_model_request_page (self, index);

  if (page->rows != NULL)
    {
      g_queue_unlink (&self->lru, &page->link);
      g_queue_push_head_link (&self->lru, &page->link);
      fill_item (self, page, item);
    }
  else
    {
      g_ptr_array_add (page->waiting, g_object_ref (item));
      /* Started after the item is counted, so a new page is not found stale. */
      dd_sample_model_dispatch (self);
    }
}

static gpointer
dd_sample_model_get_item (GListModel *model,
                          guint       position)
{
  DdSampleModel *self = DD_SAMPLE_MODEL (model);
  DdSampleItem *item;

  if (self->selection == NULL || position >= dd_sample_model_get_n_items (model))
    return NULL;

  if (self->order)
    {
      item = dd_sample_item_new (g_array_index (self->order, gint64, position), position);
      dd_sample_model_attach (self, item);
      return item;
    }
  if (self->old && position < self->split_old)
    {
      /* a row before the stretch being announced: still the old selection's */
      gint64 id = dd_selection_get_id (self->old, position);
      gint64 final = dd_selection_find (self->selection, id);

      if (final < 0)
        return dd_sample_item_new (id, position);  /* leaves with a later stretch */
      position = (guint) final;
    }
  else if (self->old)
    position = position - self->split_old + self->split_new;

  item = dd_sample_item_new (dd_selection_get_id (self->selection, position), position);
  dd_sample_model_attach (self, item);
  return item;
}

static void
dd_sample_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dd_sample_model_get_item_type;
  iface->get_n_items = dd_sample_model_get_n_items;
  iface->get_item = dd_sample_model_get_item;
}

static void
dd_sample_model_dispose (GObject *object)
{
  DdSampleModel *self = DD_SAMPLE_MODEL (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_queue_init (&self->lru);
  g_queue_init (&self->queue);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->selection, dd_selection_unref);
  g_clear_pointer (&self->order, g_array_unref);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (dd_sample_model_parent_class)->dispose (object);
}

static void
dd_sample_model_class_init (DdSampleModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_sample_model_dispose;
}

static void
dd_sample_model_init (DdSampleModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) page_free);
  self->cancellable = g_cancellable_new ();
  self->page_size = DD_SAMPLE_MODEL_DEFAULT_PAGE_SIZE;
  self->max_pages = DD_SAMPLE_MODEL_DEFAULT_MAX_PAGES;
}

DdSampleModel *
dd_sample_model_new (DdCatalog *catalog)
{
  DdSampleModel *self;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);

  self = g_object_new (DD_TYPE_SAMPLE_MODEL, NULL);
  self->catalog = g_object_ref (catalog);
  return self;
}

DdSelection *
dd_sample_model_get_selection (DdSampleModel *self)
{
  g_return_val_if_fail (DD_IS_SAMPLE_MODEL (self), NULL);
  return self->selection;
}

void
dd_sample_model_set_selection (DdSampleModel *self,
                               DdSelection   *selection)
{
  g_autoptr(DdSelection) old = NULL;
  g_autoptr(GArray) changes = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  GHashTableIter iter;
  Page *page;
  guint removed, added;

  g_return_if_fail (DD_IS_SAMPLE_MODEL (self));

  if (selection == self->selection && self->order == NULL)
    return;

  removed = dd_sample_model_get_n_items (G_LIST_MODEL (self));
  old = g_steal_pointer (&self->selection);
  if (old && selection && removed > 0 && dd_selection_get_n (selection) > 0 &&
      self->order == NULL)
    {
      changes = g_array_new (FALSE, FALSE, sizeof (DdSelectionChange));
      if (!dd_selection_diff (old, selection, MAX_STRETCHES, changes))
        g_clear_pointer (&changes, g_array_unref);
    }

  /* Items still shown but waiting for a page: they move to their new place. */
  pending = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_iter_init (&iter, self->pages);
  while (changes && g_hash_table_iter_next (&iter, NULL, (gpointer *) &page))
    if (page->rows == NULL && page->waiting)
      for (guint i = 0; i < page->waiting->len; i++)
        {
          DdSampleItem *item = g_ptr_array_index (page->waiting, i);

          if (G_OBJECT (item)->ref_count > 1)
            g_ptr_array_add (pending, g_object_ref (item));
        }
  dd_sample_model_drop_pages (self);
  g_clear_pointer (&self->order, g_array_unref);

  if (changes == NULL)
    {
      /* everything goes, then everything comes */
      if (removed > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
      if (selection)
        self->selection = dd_selection_ref (selection);
      added = dd_sample_model_get_n_items (G_LIST_MODEL (self));
      if (added > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, added);
      return;
    }

  self->selection = dd_selection_ref (selection);
  self->old = old;
  for (guint k = changes->len; k-- > 0;)
    {
      DdSelectionChange *change = &g_array_index (changes, DdSelectionChange, k);

      self->split_old = change->old_position;
      self->split_new = change->new_position;
      g_list_model_items_changed (G_LIST_MODEL (self), change->old_position, change->removed,
                                  change->added);
    }
  self->old = NULL;

  for (guint i = 0; i < pending->len; i++)
    {
      DdSampleItem *item = g_ptr_array_index (pending, i);
      gint64 position = dd_selection_find (selection, dd_sample_item_get_id (item));

      if (position < 0 || dd_sample_item_get_loaded (item))
        continue;
      dd_sample_item_set_position (item, (guint) position);
      dd_sample_model_attach (self, item);
    }
}

void
dd_sample_model_set_order (DdSampleModel *self,
                           DdSelection   *selection,
                           GArray        *order)
{
  guint removed;

  g_return_if_fail (DD_IS_SAMPLE_MODEL (self));
  g_return_if_fail (selection != NULL && order != NULL);
  g_return_if_fail (order->len == dd_selection_get_n (selection));

  /* a new order moves every row: everything goes, then everything comes */
  removed = dd_sample_model_get_n_items (G_LIST_MODEL (self));
  dd_sample_model_drop_pages (self);
  g_clear_pointer (&self->order, g_array_unref);
  g_clear_pointer (&self->selection, dd_selection_unref);
  if (removed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
  self->selection = dd_selection_ref (selection);
  self->order = g_array_ref (order);
  if (order->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, order->len);
}

gboolean
dd_sample_model_get_ordered (DdSampleModel *self)
{
  g_return_val_if_fail (DD_IS_SAMPLE_MODEL (self), FALSE);
  return self->order != NULL;
}

void
dd_sample_model_set_paging (DdSampleModel *self,
                            guint          page_size,
                            guint          max_pages)
{
  g_return_if_fail (DD_IS_SAMPLE_MODEL (self));
  g_return_if_fail (page_size > 0 && max_pages > 0);

  dd_sample_model_drop_pages (self);
  self->page_size = page_size;
  self->max_pages = max_pages;
}

guint
dd_sample_model_get_n_loaded_pages (DdSampleModel *self)
{
  g_return_val_if_fail (DD_IS_SAMPLE_MODEL (self), 0);
  return self->lru.length;
}

guint
dd_sample_model_get_n_page_reads (DdSampleModel *self)
{
  g_return_val_if_fail (DD_IS_SAMPLE_MODEL (self), 0);
  return self->n_reads;
}

guint
dd_sample_model_get_n_pending_pages (DdSampleModel *self)
{
  g_return_val_if_fail (DD_IS_SAMPLE_MODEL (self), 0);
  return g_hash_table_size (self->pages) - self->lru.length;
}
