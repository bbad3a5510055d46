/* UI tests: the paged sample model, the thumbnail cache's bound, and the window on a
 * small generated demo (run under Xvfb; screenshots of each tab go to the test logs). */
#define G_LOG_DOMAIN "datadive-test"
#define _GNU_SOURCE   /* gettid */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <unistd.h>
#include <utime.h>

#include "dd-application.h"
#include "dd-class-item.h"
#include "dd-curation-panel.h"
#include "dd-demo.h"
#include "dd-drag-provider.h"
#include "dd-findings-window.h"
#include "dd-catalog-writer.h"
#include "dd-test-catalog.h"
#include "dd-graph-view.h"
#include "dd-health.h"
#include "dd-overview.h"
#include "dd-sample-item.h"
#include "dd-sample-model.h"
#include "dd-sample-viewer.h"
#include "dd-scanner.h"
#include "dd-settings.h"
#include "dd-test-damage.h"
#include "dd-test-ui.h"
#include "dd-test-util.h"
#include "dd-grow-model.h"
#include "dd-icon-texture.h"
#include "dd-text-cell.h"
#include "dd-thumbnail-cell.h"
#include "dd-thumbnailer.h"
#include "dd-ui-text.h"
#include "dd-window-private.h"

static DdTestFixture fixture;   /* the demo, indexed; its folder also holds the home */
static const char *tmp_dir;
static const char *demo_dir;
static const char *catalog_path;
static DdApplication *app;

static gboolean
item_loaded (gpointer data)
{
  return dd_sample_item_get_loaded (data);
}

static void
setup_dataset (void)
{
  dd_test_ui_fixture (&fixture, "demo", 3, 3);
  tmp_dir = fixture.dir;
  demo_dir = fixture.data;
  catalog_path = fixture.catalog_path;
  g_assert_cmpuint (dd_catalog_get_n_samples (fixture.catalog), >, 100);
  g_clear_object (&fixture.catalog);   /* each case opens it */
}

static DdCatalog *
open_catalog (void)
{
  g_autoptr(GError) error = NULL;
  DdCatalog *catalog = dd_catalog_open (catalog_path, DD_CATALOG_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  return catalog;
}

static DdSelection *
select_all (DdCatalog *catalog)
{
  g_autoptr(DdFilter) filter = dd_filter_new ();
  g_autoptr(GError) error = NULL;
  DdSelection *selection = dd_catalog_select (catalog, filter, NULL, &error);

  g_assert_no_error (error);
  return selection;
}

/* ---- the sample model ------------------------------------------------------------- */

static void
test_sample_model_paging (void)
{
  g_autoptr(DdCatalog) catalog = open_catalog ();
  g_autoptr(DdSelection) selection = select_all (catalog);
  g_autoptr(DdSampleModel) model = dd_sample_model_new (catalog);
  guint n = dd_catalog_get_n_samples (catalog);
  guint positions[] = { n - 1, 0, 5, n / 2, 9, n - 7, 17, 33, n - 1, 1 };
  guint changes = 0;

  dd_sample_model_set_paging (model, 8, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  dd_sample_model_set_selection (model, selection);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == DD_TYPE_SAMPLE_ITEM);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));
  g_assert_cmpuint (dd_sample_model_get_n_loaded_pages (model), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    {
      g_autoptr(DdSampleItem) item = g_list_model_get_item (G_LIST_MODEL (model), positions[i]);

      g_assert_nonnull (item);
      g_assert_cmpuint (dd_sample_item_get_position (item), ==, positions[i]);
      g_assert_cmpint (dd_sample_item_get_id (item), ==,
                       dd_selection_get_id (selection, positions[i]));
      dd_test_wait_for (item_loaded, item, 10, "a page of samples");
      g_assert_nonnull (dd_sample_item_get_key (item));
      g_assert_nonnull (dd_sample_item_get_path (item));
      g_assert_nonnull (dd_sample_item_get_corruption (item));
      /* The page cache stays bounded whatever is asked. */
      g_assert_cmpuint (dd_sample_model_get_n_loaded_pages (model), <=, 3);
    }
  g_assert_cmpuint (dd_sample_model_get_n_loaded_pages (model), ==, 3);

  /* A loaded page answers at once. */
  {
    g_autoptr(DdSampleItem) item = g_list_model_get_item (G_LIST_MODEL (model), n - 2);

    g_assert_true (dd_sample_item_get_loaded (item));
  }

  /* Replacing the selection is the one change, and drops the pages. */
  g_signal_connect_swapped (model, "items-changed", G_CALLBACK (g_atomic_int_inc), &changes);
  dd_sample_model_set_selection (model, NULL);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_cmpuint (dd_sample_model_get_n_loaded_pages (model), ==, 0);
  g_assert_cmpuint (dd_sample_model_get_n_pending_pages (model), ==, 0);
}

/* A fast scroll: pages whose items were dropped before their turn are never read. */
/* A mirror of what a view knows: it follows items-changed and asks for the added items
 * the moment it hears of them, as GtkListItemManager does. */
typedef struct {
  GArray *ids;
  guint   signals;
  GPtrArray *held;    /* items a "view" keeps, as widgets do */
} Mirror;

static void
mirror_items_changed (GListModel *model,
                      guint       position,
                      guint       removed,
                      guint       added,
                      Mirror     *mirror)
{
  mirror->signals++;
  g_assert_cmpuint (position + removed, <=, mirror->ids->len);
  g_array_remove_range (mirror->ids, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(DdSampleItem) item = g_list_model_get_item (model, position + i);
      gint64 id;

      g_assert_nonnull (item);
      id = dd_sample_item_get_id (item);
      g_array_insert_val (mirror->ids, position + i, id);
    }
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, mirror->ids->len);
  /* every row the model has now is the one the view thinks it has */
  for (guint i = 0; i < mirror->ids->len; i += 1 + mirror->ids->len / 50)
    {
      g_autoptr(DdSampleItem) item = g_list_model_get_item (model, i);

      g_assert_cmpint (dd_sample_item_get_id (item), ==, g_array_index (mirror->ids, gint64, i));
    }
}

/* A new selection is told as the stretches that differ; the items a view holds and
 * that stay keep being filled at their new place. */
static void
test_sample_model_changes (void)
{
  g_autoptr(DdCatalog) catalog = open_catalog ();
  g_autoptr(DdSelection) all = select_all (catalog);
  g_autoptr(DdSampleModel) model = dd_sample_model_new (catalog);
  g_autoptr(DdFilter) filter = dd_filter_new ();
  g_autoptr(DdSelection) fewer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) classes = dd_catalog_list_classes (catalog);
  Mirror mirror = { g_array_new (FALSE, FALSE, sizeof (gint64)), 0, NULL };
  guint n = dd_selection_get_n (all);
  guint first_kept = G_MAXUINT;

  /* all classes but the first: many stretches */
  for (guint i = 0, skipped = 0; i < classes->len; i++)
    {
      DdClassInfo *info = g_ptr_array_index (classes, i);

      if (info == NULL)
        continue;
      if (skipped++ == 0)
        continue;
      dd_filter_add_class (filter, info->id);
    }
  fewer = dd_catalog_select (catalog, filter, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_selection_get_n (fewer), <, n);

  dd_sample_model_set_paging (model, 8, 3);
  g_signal_connect (model, "items-changed", G_CALLBACK (mirror_items_changed), &mirror);
  dd_sample_model_set_selection (model, all);
  g_assert_cmpuint (mirror.ids->len, ==, n);

  /* a "view" holds a few items whose pages are not read yet */
  mirror.held = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = n / 2; i < n / 2 + 40 && i < n; i++)
    g_ptr_array_add (mirror.held, g_list_model_get_item (G_LIST_MODEL (model), i));
  for (guint i = 0; i < mirror.held->len && first_kept == G_MAXUINT; i++)
    if (dd_selection_find (fewer, dd_sample_item_get_id (g_ptr_array_index (mirror.held, i))) >= 0)
      first_kept = i;
  g_assert_cmpuint (first_kept, !=, G_MAXUINT);

  mirror.signals = 0;
  dd_sample_model_set_selection (model, fewer);
  g_assert_cmpuint (mirror.signals, >, 1);
  g_assert_cmpuint (mirror.ids->len, ==, dd_selection_get_n (fewer));
  for (guint i = 0; i < mirror.ids->len; i++)
    g_assert_cmpint (g_array_index (mirror.ids, gint64, i), ==, dd_selection_get_id (fewer, i));

  /* a held item that stays is moved and filled */
  {
    DdSampleItem *item = g_ptr_array_index (mirror.held, first_kept);

    g_assert_cmpint (dd_selection_get_id (fewer, dd_sample_item_get_position (item)), ==,
                     dd_sample_item_get_id (item));
    dd_test_wait_for (item_loaded, item, 10, "a held item at its new place");
    g_assert_nonnull (dd_sample_item_get_key (item));
  }

  /* and back */
  dd_sample_model_set_selection (model, all);
  g_assert_cmpuint (mirror.ids->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (mirror.ids, gint64, i), ==, dd_selection_get_id (all, i));

  g_signal_handlers_disconnect_by_data (model, &mirror);
  g_ptr_array_unref (mirror.held);
  g_array_unref (mirror.ids);
}

static void
test_sample_model_skips_stale_pages (void)
{
  g_autoptr(DdCatalog) catalog = open_catalog ();
  g_autoptr(DdSelection) selection = select_all (catalog);
  g_autoptr(DdSampleModel) model = dd_sample_model_new (catalog);
  g_autoptr(DdSampleItem) kept = NULL;
  guint n = dd_catalog_get_n_samples (catalog);

  dd_sample_model_set_paging (model, 4, 8);
  dd_sample_model_set_selection (model, selection);
  g_assert_cmpuint (n, >, 4 * 40);
  for (guint page = 0; page < 40; page++)
    {
      g_autoptr(DdSampleItem) item = g_list_model_get_item (G_LIST_MODEL (model), page * 4);
    }
  kept = g_list_model_get_item (G_LIST_MODEL (model), n - 1);
  dd_test_wait_for (item_loaded, kept, 10, "the last page");
  /* The reads started at once, then the newest page; every other page was dropped. */
  g_assert_cmpuint (dd_sample_model_get_n_page_reads (model), <=, 5);
  g_assert_cmpuint (dd_sample_model_get_n_loaded_pages (model), <=, 8);
}

/* ---- the thumbnailer ------------------------------------------------------------- */

typedef struct
{
  GdkTexture *texture;
  GError *error;
  gboolean done;
} LoadResult;

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LoadResult *load = user_data;

  load->texture = dd_thumbnailer_load_finish (DD_THUMBNAILER (object), result, &load->error);
  load->done = TRUE;
}

static gboolean
load_finished (gpointer data)
{
  return ((LoadResult *) data)->done;
}

static void
load_one (DdThumbnailer *thumbnailer,
          const char    *path,
          GCancellable  *cancellable,
          LoadResult    *load)
{
  memset (load, 0, sizeof *load);
  dd_thumbnailer_load_async (thumbnailer, path, cancellable, load_done, load);
  dd_test_wait_for (load_finished, load, 10, "a thumbnail");
}

static void
test_thumbnailer_bound (void)
{
  g_autoptr(DdCatalog) catalog = open_catalog ();
  g_autoptr(DdSelection) selection = select_all (catalog);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = dd_catalog_get_page (catalog, selection, 0, 12, NULL, &error);
  /* Room for about three 32×32 thumbnails. */
  gsize max_bytes = 3 * (32 * 32 * 4 + 300);
  g_autoptr(DdThumbnailer) thumbnailer = dd_thumbnailer_new (32, max_bytes);
  g_autofree char *empty = g_build_filename (tmp_dir, "empty.JPEG", NULL);
  g_autofree char *missing = g_build_filename (tmp_dir, "missing.JPEG", NULL);
  LoadResult load;
  guint decoded = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < page->len; i++)
    {
      DdSampleInfo *info = g_ptr_array_index (page, i);

      load_one (thumbnailer, info->path, NULL, &load);
      if (load.texture)
        {
          g_assert_cmpint (MAX (gdk_texture_get_width (load.texture),
                                gdk_texture_get_height (load.texture)), ==, 32);
          decoded++;
        }
      else
        {
          g_assert_error (load.error, DD_THUMBNAILER_ERROR, DD_THUMBNAILER_ERROR_BROKEN);
        }
      g_clear_object (&load.texture);
      g_clear_error (&load.error);
      g_assert_cmpuint (dd_thumbnailer_get_cached_bytes (thumbnailer), <=, max_bytes);
      g_assert_cmpuint (dd_thumbnailer_get_n_cached (thumbnailer), <=, 4);
    }
  g_assert_cmpuint (decoded, >, 6);

  /* Broken files give a broken result, not a crash or a blank. */
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  load_one (thumbnailer, empty, NULL, &load);
  g_assert_null (load.texture);
  g_assert_error (load.error, DD_THUMBNAILER_ERROR, DD_THUMBNAILER_ERROR_BROKEN);
  g_clear_error (&load.error);
  g_assert_true (dd_thumbnailer_lookup (thumbnailer, empty, NULL));

  load_one (thumbnailer, missing, NULL, &load);
  g_assert_error (load.error, DD_THUMBNAILER_ERROR, DD_THUMBNAILER_ERROR_BROKEN);
  g_clear_error (&load.error);

  /* A cancelled request reports cancellation. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    DdSampleInfo *info = g_ptr_array_index (page, page->len - 1);
    g_autoptr(DdThumbnailer) other = dd_thumbnailer_new (32, max_bytes);

    g_cancellable_cancel (cancellable);
    load_one (other, info->path, cancellable, &load);
    g_assert_null (load.texture);
    g_assert_error (load.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&load.error);
  }
}

/* A PNG of 4 × 4 pixels of one colour at @path (@alpha -1: no alpha channel). */
static void
write_png (const char *path,
           guint8      r,
           guint8      g,
           guint8      b,
           int         alpha)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha >= 0, 8, 4, 4);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, (guint32) r << 24 | (guint32) g << 16 | (guint32) b << 8 |
                           (guint32) (alpha >= 0 ? alpha : 255));
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
  g_assert_no_error (error);
}

/* A thumbnail's pixels, read back as cairo's premultiplied ARGB32, are the file's:
 * channels in their places, alpha multiplied in. */
static void
test_thumbnailer_pixels (void)
{
  static const struct { guint8 r, g, b; int alpha; guint32 argb; } cases[] = {
    { 255, 0, 0, -1, 0xffff0000 },     /* RGB, red */
    { 0, 0, 255, -1, 0xff0000ff },     /* RGB, blue */
    { 10, 200, 30, 255, 0xff0ac81e },  /* RGBA, opaque */
    { 255, 0, 0, 128, 0x80800000 },    /* RGBA, half: premultiplied */
    { 0, 0, 0, 0, 0x00000000 },        /* RGBA, clear */
  };
  g_autoptr(DdThumbnailer) thumbnailer = dd_thumbnailer_new (4, 1 << 20);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("colour-%u.png", i);
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
      guint32 pixels[16];
      LoadResult load;

      write_png (path, cases[i].r, cases[i].g, cases[i].b, cases[i].alpha);
      load_one (thumbnailer, path, NULL, &load);
      g_assert_no_error (load.error);
      g_assert_cmpint (gdk_texture_get_width (load.texture), ==, 4);
      gdk_texture_download (load.texture, (guchar *) pixels, 4 * sizeof (guint32));
      for (guint p = 0; p < 16; p++)
        g_assert_cmphex (pixels[p], ==, cases[i].argb);
      g_clear_object (&load.texture);
    }
}

/* The nice value of thread @tid of this process, from /proc (-100 when unreadable). */
static int
thread_nice (const char *tid)
{
  g_autofree char *path = g_strdup_printf ("/proc/self/task/%s/stat", tid);
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  if (!g_file_get_contents (path, &stat, NULL, NULL) || !(after = strrchr (stat, ')')))
    return -100;
  fields = g_strsplit (after + 2, " ", -1);   /* from field 3, the state, on */
  return g_strv_length (fields) > 16 ? atoi (fields[16]) : -100;   /* field 19 */
}

static void
own_nice_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_autofree char *tid = g_strdup_printf ("%d", (int) gettid ());

  g_task_return_int (task, thread_nice (tid));
}

static void
own_nice_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(int *) user_data = g_task_propagate_int (G_TASK (result), NULL);
}

static gboolean
nice_known (gpointer data)
{
  return *(int *) data != -200;
}

/* Many requests at once (a fast sweep asks a screen of them a frame): the newest is
 * decoded among the first, not after all the others. */
typedef struct
{
  guint n_done;
  guint newest_rank;   /* 0: not done yet */
} OrderResult;

static void
order_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  OrderResult *order = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = dd_thumbnailer_load_finish (DD_THUMBNAILER (object), result, &error);

  order->n_done++;
}

static void
newest_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  OrderResult *order = user_data;

  order_done (object, result, user_data);
  order->newest_rank = order->n_done;
}

static gboolean
order_finished (gpointer data)
{
  return ((OrderResult *) data)->newest_rank != 0;
}

static void
test_thumbnailer_newest_first (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dd-newest-XXXXXX", NULL);
  g_autofree char *big = g_build_filename (dir, "big.jpg", NULL);
  g_autoptr(GdkPixbuf) noise = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 1600, 1600);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(DdThumbnailer) thumbnailer = dd_thumbnailer_new (48, 64 << 20);
  guint8 *px = gdk_pixbuf_get_pixels (noise);
  gsize n_bytes = (gsize) gdk_pixbuf_get_rowstride (noise) * 1600;
  OrderResult order = { 0, 0 };

  /* 120 names of one noisy 1600 x 1600 photo: each decode takes long enough that asking
   * for all of them is quick beside it, even on a loaded machine (with 64 x 64 demo
   * images the newest once came 98th) */
  for (gsize i = 0; i < n_bytes; i++)
    px[i] = (guint8) g_rand_int (rand);
  dd_test_save_jpeg (noise, big, 90);
  for (guint i = 0; i < 120; i++)
    {
      char *path = g_strdup_printf ("%s/%03u.jpg", dir, i);

      g_assert_cmpint (link (big, path), ==, 0);
      g_ptr_array_add (paths, path);
    }
  for (guint i = 0; i < paths->len; i++)
    dd_thumbnailer_load_async (thumbnailer, g_ptr_array_index (paths, i), NULL,
                               i + 1 == paths->len ? newest_done : order_done, &order);
  dd_test_wait_for (order_finished, &order, 60, "the newest thumbnail");
  g_test_message ("the newest of %u requests came %u.", paths->len, order.newest_rank);
  /* the decoders take a few while the others are asked, then the newest; in a queue it
   * came 119th */
  g_assert_cmpuint (order.newest_rank, <=, 12);
  while (order.n_done < paths->len)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < paths->len; i++)
    g_assert_cmpint (g_unlink (g_ptr_array_index (paths, i)), ==, 0);
  g_assert_cmpint (g_unlink (big), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Thumbnails are decoded by threads that yield to the main thread (nice 10 more), and
 * only by them: the main thread and the threads of other work keep their priority. */
static void
test_thumbnailer_yields (void)
{
  g_autoptr(DdCatalog) catalog = open_catalog ();
  g_autoptr(DdSelection) selection = select_all (catalog);
  g_autoptr(GPtrArray) page = dd_catalog_get_page (catalog, selection, 0, 4, NULL, NULL);
  g_autoptr(DdThumbnailer) thumbnailer = dd_thumbnailer_new (32, 1 << 20);
  g_autoptr(GDir) dir = NULL;
  g_autofree char *main_tid = g_strdup_printf ("%d", (int) getpid ());
  int base = thread_nice (main_tid);   /* the test may run under nice itself */
  const char *tid;
  guint yielding = 0;
  LoadResult load;

  for (guint i = 0; i < page->len; i++)
    {
      load_one (thumbnailer, ((DdSampleInfo *) g_ptr_array_index (page, i))->path, NULL, &load);
      g_clear_object (&load.texture);
      g_clear_error (&load.error);
    }
  dir = g_dir_open ("/proc/self/task", 0, NULL);
  g_assert_nonnull (dir);
  while ((tid = g_dir_read_name (dir)))
    yielding += thread_nice (tid) == MIN (base + 10, 19);
  g_assert_cmpuint (yielding, >=, 1);
  g_assert_cmpint (thread_nice (main_tid), ==, base);
  for (guint i = 0; i < 8; i++)
    {
      int nice = -200;
      g_autoptr(GTask) task = g_task_new (NULL, NULL, own_nice_done, &nice);

      g_task_run_in_thread (task, own_nice_thread);
      dd_test_wait_for (nice_known, &nice, 10, "a task's thread");
      g_assert_cmpint (nice, ==, base);
    }
}

/* ---- the thumbnail cell ------------------------------------------------------------ */

static gboolean
cell_settled (gpointer data)
{
  return g_strcmp0 (dd_thumbnail_cell_get_image_state (data), "loading") != 0;
}

/* A cell shows a picture, or a broken-image sign for a file that cannot be shown, and a
 * badge for a sample with health findings. */
static void
test_thumbnail_cell_states (void)
{
  g_autoptr(DdCatalog) catalog = open_catalog ();
  g_autoptr(DdSelection) selection = select_all (catalog);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = dd_catalog_get_page (catalog, selection, 0, 1, NULL, &error);
  g_autoptr(DdThumbnailer) thumbnailer = dd_thumbnailer_new (48, 1 << 20);
  g_autofree char *empty = g_build_filename (tmp_dir, "cell-empty.JPEG", NULL);
  DdSampleInfo *good;
  DdSampleInfo bad;
  GtkWidget *cell;

  g_assert_no_error (error);
  good = g_ptr_array_index (page, 0);
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  memset (&bad, 0, sizeof bad);
  bad.key = (char *) "cell-empty.JPEG";
  bad.path = empty;
  bad.corruption = (char *) "snow";
  bad.severity = 4;
  bad.flags = DD_HEALTH_FLAG (DD_HEALTH_EMPTY_FILE);

  cell = g_object_ref_sink (dd_thumbnail_cell_new (thumbnailer));
  /* light: a grid makes 240 at its first subset (issue 16); the frame, picture and state
   * icon are drawn, the badges made when first needed: only the two lines are widgets */
  {
    g_autoptr(GPtrArray) widgets = dd_test_find_all (cell, GTK_TYPE_WIDGET);
    guint lines = 0;

    for (guint i = 0; i < widgets->len; i++)
      lines += DD_IS_TEXT_CELL (widgets->pdata[i]);
    g_assert_cmpuint (lines, ==, 2);
    g_assert_cmpuint (widgets->len, <=, 3);   /* the lines, and the cell if counted */
  }
  {
    g_autoptr(DdSampleItem) item = dd_sample_item_new (good->id, 0);

    dd_thumbnail_cell_set_item (DD_THUMBNAIL_CELL (cell), item);
    g_assert_cmpstr (dd_thumbnail_cell_get_image_state (DD_THUMBNAIL_CELL (cell)), ==, "loading");
    dd_sample_item_set_info (item, good);
    dd_test_wait_for (cell_settled, cell, 10, "a thumbnail");
    g_assert_cmpstr (dd_thumbnail_cell_get_image_state (DD_THUMBNAIL_CELL (cell)), ==, "picture");
    g_assert_nonnull (dd_thumbnail_cell_get_paintable (DD_THUMBNAIL_CELL (cell)));
    g_assert_null (dd_thumbnail_cell_get_state_icon (DD_THUMBNAIL_CELL (cell)));
    g_assert_cmpint (dd_thumbnail_cell_get_has_badge (DD_THUMBNAIL_CELL (cell)), ==,
                     good->flags != 0);

    /* the recipe's overrides: excluded, then forced in, then neither */
    {
      g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);

      g_assert_null (dd_thumbnail_cell_get_mark (DD_THUMBNAIL_CELL (cell)));
      g_hash_table_add (keys, good->key);
      dd_thumbnail_cell_set_overrides (DD_THUMBNAIL_CELL (cell), NULL, keys);
      g_assert_cmpstr (dd_thumbnail_cell_get_mark (DD_THUMBNAIL_CELL (cell)), ==, "excluded");
      g_assert_true (gtk_widget_has_css_class (cell, "excluded"));
      dd_thumbnail_cell_set_overrides (DD_THUMBNAIL_CELL (cell), keys, NULL);
      g_assert_cmpstr (dd_thumbnail_cell_get_mark (DD_THUMBNAIL_CELL (cell)), ==, "included");
      g_assert_false (gtk_widget_has_css_class (cell, "excluded"));
      dd_thumbnail_cell_set_overrides (DD_THUMBNAIL_CELL (cell), NULL, NULL);
      g_assert_null (dd_thumbnail_cell_get_mark (DD_THUMBNAIL_CELL (cell)));
    }
  }
  /* a clean sample's caption in the window's words, as a corrupted one's "Fog · 3":
   * "Clean · val", not "clean · val" */
  {
    g_autoptr(DdSampleItem) item = dd_sample_item_new (good->id, 0);
    DdSampleInfo clean = *good;

    clean.corruption = (char *) "none";
    clean.severity = 0;
    dd_sample_item_set_info (item, &clean);
    dd_thumbnail_cell_set_item (DD_THUMBNAIL_CELL (cell), item);
    g_assert_true (g_str_has_prefix (dd_thumbnail_cell_get_caption (DD_THUMBNAIL_CELL (cell)), "Clean · "));
    g_assert_cmpstr (dd_thumbnail_cell_get_title (DD_THUMBNAIL_CELL (cell)), ==,
                     clean.class_name ? clean.class_name : "Unlabeled");
  }
  /* the lines under the picture take the font's height whatever their text (a grid
   * measures all its cells: their text is shaped only when drawn), and a class too
   * long for the cell is cut when drawn */
  {
    g_autoptr(DdSampleItem) item = dd_sample_item_new (good->id, 0);
    DdSampleInfo named = *good;
    GtkWidget *title = dd_test_find_descendant (cell, DD_TYPE_TEXT_CELL);
    int empty_height, short_height, long_height, width;

    g_assert_nonnull (title);
    gtk_widget_measure (cell, GTK_ORIENTATION_VERTICAL, -1, &empty_height, NULL, NULL, NULL);
    named.class_name = (char *) "ox";
    dd_sample_item_set_info (item, &named);
    dd_thumbnail_cell_set_item (DD_THUMBNAIL_CELL (cell), item);
    gtk_widget_measure (cell, GTK_ORIENTATION_VERTICAL, -1, &short_height, NULL, NULL, NULL);
    dd_thumbnail_cell_set_item (DD_THUMBNAIL_CELL (cell), NULL);
    g_clear_object (&item);
    item = dd_sample_item_new (good->id, 0);
    named.class_name = (char *) "Yorkshire terrier, a long name for a small dog";
    dd_sample_item_set_info (item, &named);
    dd_thumbnail_cell_set_item (DD_THUMBNAIL_CELL (cell), item);
    gtk_widget_measure (cell, GTK_ORIENTATION_VERTICAL, -1, &long_height, NULL, NULL, NULL);
    g_assert_cmpint (empty_height, ==, short_height);
    g_assert_cmpint (short_height, ==, long_height);
    g_assert_cmpint (long_height, >, 48);
    gtk_widget_measure (cell, GTK_ORIENTATION_HORIZONTAL, -1, &width, NULL, NULL, NULL);
    g_assert_cmpstr (dd_text_cell_get_text (DD_TEXT_CELL (title)), ==, named.class_name);
    g_assert_false (dd_text_cell_is_cut (DD_TEXT_CELL (title)));   /* not drawn yet */
    gtk_widget_size_allocate (cell, &(GtkAllocation) { 0, 0, width, long_height }, -1);
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;

      /* as a frame draws it (the cell is not in a window here) */
      GTK_WIDGET_GET_CLASS (title)->snapshot (title, snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      g_assert_nonnull (node);
    }
    g_assert_true (dd_text_cell_is_cut (DD_TEXT_CELL (title)));
    dd_thumbnail_cell_set_item (DD_THUMBNAIL_CELL (cell), NULL);
    dd_thumbnail_cell_set_item (DD_THUMBNAIL_CELL (cell), NULL);
  }
  {
    g_autoptr(DdSampleItem) item = dd_sample_item_new (1, 1);

    dd_sample_item_set_info (item, &bad);
    dd_thumbnail_cell_set_item (DD_THUMBNAIL_CELL (cell), item);
    dd_test_wait_for (cell_settled, cell, 10, "a broken thumbnail");
    g_assert_cmpstr (dd_thumbnail_cell_get_image_state (DD_THUMBNAIL_CELL (cell)), ==, "broken");
    /* the icon over an empty frame: not the picture the cell showed before */
    g_assert_null (dd_thumbnail_cell_get_paintable (DD_THUMBNAIL_CELL (cell)));
    g_assert_cmpstr (dd_thumbnail_cell_get_state_icon (DD_THUMBNAIL_CELL (cell)), ==,
                     "image-missing-symbolic");
    g_assert_true (dd_thumbnail_cell_get_has_badge (DD_THUMBNAIL_CELL (cell)));
  }
  dd_thumbnail_cell_set_item (DD_THUMBNAIL_CELL (cell), NULL);
  g_assert_cmpstr (dd_thumbnail_cell_get_image_state (DD_THUMBNAIL_CELL (cell)), ==, "loading");
  g_object_unref (cell);
}

/* ---- the window ------------------------------------------------------------------ */

/* How many samples the grid's view shows (a first fill grows into the subset). */
static guint
n_shown (DdWindow *window)
{
  GtkWidget *view = dd_test_find_descendant (GTK_WIDGET (dd_window_get_grid (window)),
                                              GTK_TYPE_GRID_VIEW);

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_grid_view_get_model (GTK_GRID_VIEW (view))));
}

static gboolean
grid_filled (gpointer data)
{
  DdTestWindowWait *wait = data;
  DdSampleModel *model = dd_thumbnail_grid_get_model (dd_window_get_grid (wait->window));

  /* the model, and what the view shows of it (a first fill grows into it) */
  return model && g_list_model_get_n_items (G_LIST_MODEL (model)) == wait->n &&
         n_shown (wait->window) == wait->n;
}

/* A window of @width × @height on the demo's catalog (@catalog, open in the test), once
 * its grid holds every sample; @wait is left set for it. */
static DdWindow *
open_window (DdCatalog  *catalog,
             int         width,
             int         height,
             DdTestWindowWait *wait)
{
  g_autoptr(GFile) file = g_file_new_for_path (catalog_path);

  wait->window = dd_window_new (GTK_APPLICATION (app));
  wait->n = dd_catalog_get_n_samples (catalog);
  gtk_window_set_default_size (GTK_WINDOW (wait->window), width, height);
  gtk_window_present (GTK_WINDOW (wait->window));
  dd_window_open_file (wait->window, file);
  dd_test_wait_for (grid_filled, wait, 30, "the grid");
  return wait->window;
}

/* A subset shown in an empty grid, the grid on screen: its view gets the first 64 cells
 * in the first frame and all of the subset a few frames later (making ~240 cells in one
 * frame held the window 34–62 ms at 860k samples). */
static gboolean
grid_shows_all (gpointer data)
{
  DdTestWindowWait *wait = data;

  return n_shown (wait->window) == wait->n;
}

/* The window on @tab (the grid on screen only on "fine"), its grid emptied, then given
 * @subset again: a first fill. */
static void
fill_again (DdWindow    *window,
            const char  *tab,
            DdSelection *subset)
{
  DdThumbnailGrid *grid = dd_window_get_grid (window);

  adw_view_stack_set_visible_child_name (dd_window_get_view_stack (window), tab);
  dd_test_settle (0.2);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (grid)) == g_str_equal (tab, "fine"));
  dd_thumbnail_grid_set_selection (grid, NULL);
  g_assert_cmpuint (n_shown (window), ==, 0);
  dd_thumbnail_grid_set_selection (grid, subset);
}

static void
test_window_grid_grows (void)
{
  g_autoptr(DdCatalog) catalog = open_catalog ();
  DdTestWindowWait wait = { 0, };
  DdWindow *window = open_window (catalog, 1000, 760, &wait);
  g_autoptr(DdSelection) all =
    dd_selection_ref (dd_thumbnail_grid_get_selection (dd_window_get_grid (window)));

  g_assert_cmpuint (wait.n, >, 64);
  fill_again (window, "fine", all);
  g_assert_cmpuint (n_shown (window), ==, 64);
  dd_test_wait_for (grid_shows_all, &wait, 5, "the whole subset in the view");

  /* not on screen: all at once */
  fill_again (window, "medium", all);
  g_assert_cmpuint (n_shown (window), ==, wait.n);
  dd_test_close_window (window);
}

/* "Select all" (Ctrl+A, the grid's list.select-all) while a first fill grows selects
 * every sample of the subset, not the cells shown so far. */
static void
test_window_grid_grows_select_all (void)
{
  g_autoptr(DdCatalog) catalog = open_catalog ();
  DdTestWindowWait wait = { 0, };
  DdWindow *window = open_window (catalog, 1000, 760, &wait);
  DdThumbnailGrid *grid = dd_window_get_grid (window);
  GtkWidget *view = dd_test_find_descendant (GTK_WIDGET (grid), GTK_TYPE_GRID_VIEW);
  g_autoptr(DdSelection) all = dd_selection_ref (dd_thumbnail_grid_get_selection (grid));

  fill_again (window, "fine", all);
  g_assert_cmpuint (n_shown (window), <, wait.n);
  g_assert_true (gtk_widget_activate_action (view, "list.select-all", NULL));
  dd_test_wait_for (grid_shows_all, &wait, 5, "the whole subset in the view");
  g_assert_cmpuint (dd_thumbnail_grid_get_n_selected (grid), ==, wait.n);
  dd_test_close_window (window);
}

/* The overview's sentences are there to be read: the Health Report row's subtitle is
 * not cut at the window's default size (it wrapped before the rows were unwrapped). */
static void
test_window_overview_sentences (void)
{
  g_autoptr(DdCatalog) catalog = open_catalog ();
  DdTestWindowWait wait = { 0, };
  DdWindow *window = open_window (catalog, 1000, 760, &wait);
  g_autoptr(GPtrArray) labels = NULL;
  guint found = 0;

  adw_view_stack_set_visible_child_name (dd_window_get_view_stack (window), "medium");
  dd_test_wait_for (dd_test_overview_counted, &wait, 10, "the overview");
  dd_test_settle (0.3);
  labels = dd_test_find_all (GTK_WIDGET (dd_window_get_overview (window)), GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = labels->pdata[i];

      if (!gtk_widget_get_mapped (GTK_WIDGET (label)) ||
          g_strcmp0 (gtk_label_get_text (label),
                     _("Every finding of the dataset, with missing cells and annotation rows")) != 0)
        continue;
      found++;
      g_test_message ("subtitle %d px wide", gtk_widget_get_width (GTK_WIDGET (label)));
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
    }
  g_assert_cmpuint (found, ==, 1);
  dd_test_close_window (window);
}

/* Behind the Fine tab, the overview's counts wait until the grid has had its moment
 * (they held the first thumbnails back by 15-25 ms at 5 M): none right after the grid
 * filled, all a moment later, or when the Medium tab is shown. */
static void
test_window_overview_waits (void)
{
  g_autoptr(DdCatalog) catalog = open_catalog ();
  g_autoptr(GFile) file = g_file_new_for_path (catalog_path);
  DdTestWindowWait wait = { 0, };

  for (guint visit = 0; visit < 2; visit++)
    {
      wait.window = dd_window_new (GTK_APPLICATION (app));
      wait.n = dd_catalog_get_n_samples (catalog);
      gtk_window_set_default_size (GTK_WINDOW (wait.window), 1000, 760);
      adw_view_stack_set_visible_child_name (dd_window_get_view_stack (wait.window), "fine");
      gtk_window_present (GTK_WINDOW (wait.window));
      dd_window_open_file (wait.window, file);
      dd_test_wait_for (grid_filled, &wait, 30, "the grid");
      dd_test_settle (0.2);
      g_assert_cmpuint (dd_overview_get_n_samples (dd_window_get_overview (wait.window)), ==, 0);
      if (visit == 0)
        dd_test_wait_for (dd_test_overview_counted, &wait, 10, "the overview, a moment later");
      else
        {
          adw_view_stack_set_visible_child_name (dd_window_get_view_stack (wait.window),
                                                 "medium");
          dd_test_wait_for (dd_test_overview_counted, &wait, 0.5, "the overview, shown");
        }
      dd_test_close_window (wait.window);
    }
}

static void
test_window_tabs (void)
{
  g_autoptr(DdCatalog) catalog = open_catalog ();
  g_autoptr(GFile) file = g_file_new_for_path (catalog_path);
  static const char *tabs[] = { "coarse", "medium", "fine" };
  DdTestWindowWait wait = { 0, };
  DdWindow *window;

  window = dd_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 980);
  gtk_window_present (GTK_WINDOW (window));
  dd_window_open_file (window, file);

  wait.window = window;
  wait.n = dd_catalog_get_n_samples (catalog);
  g_assert_cmpuint (wait.n, >, 0);
  dd_test_wait_for (dd_test_overview_counted, &wait, 30, "the overview");
  g_assert_cmpstr (dd_window_get_state (window), ==, "content");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "demo");

  for (guint i = 0; i < G_N_ELEMENTS (tabs); i++)
    {
      adw_view_stack_set_visible_child_name (dd_window_get_view_stack (window), tabs[i]);
      dd_test_wait_for (grid_filled, &wait, 10, "the grid");
      dd_test_settle (i == 2 ? 1.5 : 0.5);
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (dd_window_get_view_stack (window)),
                       ==, tabs[i]);
      dd_test_save_screenshot (GTK_WIDGET (window), tabs[i]);
    }

  /* Selecting in the grid is counted. */
  {
    DdThumbnailGrid *grid = dd_window_get_grid (window);

    g_assert_cmpuint (dd_thumbnail_grid_get_n_selected (grid), ==, 0);
    gtk_selection_model_select_range (dd_thumbnail_grid_get_selection_model (grid), 2, 3, TRUE);
    g_assert_cmpuint (dd_thumbnail_grid_get_n_selected (grid), ==, 3);
    dd_test_settle (0.3);
    dd_test_save_screenshot (GTK_WIDGET (window), "fine-selected");
  }

  /* The tabs are actions too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "medium"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (dd_window_get_view_stack (window)),
                   ==, "medium");

  dd_test_close_window (window);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
shows_content (gpointer data)
{
  AdwViewStack *stack = dd_window_get_view_stack (data);

  return gtk_widget_get_mapped (adw_view_stack_get_visible_child (stack));
}

static gboolean
has_document (gpointer data)
{
  return dd_window_get_document (data) != NULL;
}

static guint
class_rows (DdWindow *window)
{
  GtkWidget *view = dd_test_find_descendant (GTK_WIDGET (dd_window_get_curation_panel (window)),
                                             GTK_TYPE_COLUMN_VIEW);

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view))));
}

static gboolean
has_class_rows (gpointer data)
{
  return class_rows (data) > 0;
}

/* The Medium tab's panels are not built while the window opens on another tab (their
 * lists held the grid's first thumbnails back): they get the document when the tab is
 * shown, at once, or a moment after the opening. */
static void
test_medium_waits (void)
{
  g_autoptr(DdCatalog) catalog = open_catalog ();
  g_autoptr(GFile) file = g_file_new_for_path (catalog_path);
  DdWindow *window;

  for (guint shown = 0; shown < 2; shown++)
    {
      window = dd_window_new (GTK_APPLICATION (app));
      gtk_window_set_default_size (GTK_WINDOW (window), 1000, 760);
      gtk_window_present (GTK_WINDOW (window));
      adw_view_stack_set_visible_child_name (dd_window_get_view_stack (window), "fine");
      dd_test_wait_for (is_mapped, window, 10, "the window on screen");
      dd_window_open_file (window, file);
      dd_test_wait_for (has_document, window, 30, "the document");
      g_assert_cmpuint (class_rows (window), ==, 0);
      if (shown)
        {
          /* shown (once the window shows its content): built before the tab is drawn */
          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                                     "medium"));
          dd_test_wait_for (shows_content, window, 10, "the window's content");
          g_assert_cmpuint (class_rows (window), >, 0);
          /* at once, not through a 200 ms crossfade of the whole window */
          g_assert_false (gtk_stack_get_transition_running (GTK_STACK (
            gtk_widget_get_ancestor (GTK_WIDGET (dd_window_get_view_stack (window)), GTK_TYPE_STACK))));
        }
      else
        /* not shown: built soon anyway */
        dd_test_wait_for (has_class_rows, window, 10, "the class list behind the Fine tab");
      dd_test_close_window (window);
    }
}

static gboolean
has_facets (gpointer data)
{
  return dd_document_get_facets (data) != NULL && !dd_document_get_busy (data);
}

/* The class list's catalog-wide counts of a subset of every sample (the usual opening)
 * are its facets, there when the panel gets the document: not a select and facets of
 * every sample again (5 million at ImageNet scale), which ran beside the taxonomy and
 * the findings' count and took both cores from the window for 60–150 ms (issue 16). */
static void
test_panel_counts_from_subset (void)
{
  g_autoptr(DdCatalog) catalog = open_catalog ();
  g_autoptr(DdDocument) document = dd_document_new (catalog);
  GtkWidget *panel = g_object_ref_sink (dd_curation_panel_new ());
  GtkWidget *view;
  GListModel *rows;
  DdFacets *facets;
  guint checked = 0;

  dd_test_wait_for (has_facets, document, 30, "the subset's facets");
  g_assert_cmpuint (dd_selection_get_n (dd_document_get_selection (document)), ==,
                    dd_catalog_get_n_samples (catalog));
  facets = dd_document_get_facets (document);
  dd_curation_panel_set_document (DD_CURATION_PANEL (panel), document);
  /* no main loop turn: nothing asked of a worker thread has answered */
  view = dd_test_find_descendant (panel, GTK_TYPE_COLUMN_VIEW);
  rows = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)));
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(DdClassItem) item = g_list_model_get_item (rows, i);
      guint id = dd_class_item_get_id (item);

      if (id == 0 || id >= facets->n_classes || facets->classes[id] == 0)
        continue;
      g_assert_cmpuint (dd_class_item_get_total (item), ==, facets->classes[id]);
      checked++;
    }
  g_assert_cmpuint (checked, >, 0);
  dd_curation_panel_set_document (DD_CURATION_PANEL (panel), NULL);
  g_object_unref (panel);
}

static gboolean
recipe_names_classes (gpointer data)
{
  return dd_recipe_get_classes (dd_document_get_recipe (data)) != NULL;
}

/* The class list gets its rows a slice at a time when the main loop is idle (a column
 * view makes the widgets of 200 rows as soon as their items come: 1,000 classes at once
 * held a frame 45–55 ms at 5 M), and a class unchecked meanwhile keeps every other
 * class in the recipe, those whose rows had not come yet too. */
static void
test_panel_rows_in_slices (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "sliced-classes.ddcat", NULL);
  g_autoptr(DdCatalog) catalog = dd_catalog_open (path, DD_CATALOG_OPEN_CREATE, &error);
  g_autoptr(DdDocument) document = NULL;
  g_autofree char *last_wnid = NULL;
  GtkWidget *panel = g_object_ref_sink (dd_curation_panel_new ());
  const char * const *kept;
  DdCatalogWriter *writer;
  DdTestRowsWait wait = { dd_test_column_view_model (panel), 0 };
  guint source, first;
  const guint n_classes = 150;

  g_assert_no_error (error);
  writer = dd_test_writer (catalog);
  source = dd_test_add_source (writer, "/data/sliced", "imagefolder");
  for (guint i = 0; i < n_classes; i++)
    {
      g_autofree char *wnid = g_strdup_printf ("n%08u", 2000 + i);
      g_autofree char *name = g_strdup_printf ("class %03u", i);
      g_autofree char *key = g_strdup_printf ("sliced/%s/a.JPEG", wnid);
      guint id = dd_test_add_class (writer, wnid, name, name, NULL, NULL);

      dd_test_add_sample (writer, source, key, id, 0, 0, 0, 0, NULL);
      g_free (last_wnid);
      last_wnid = g_strdup (wnid);
    }
  dd_test_commit (writer);
  document = dd_document_new (catalog);
  dd_test_wait_for (has_facets, document, 30, "the subset's facets");

  dd_curation_panel_set_document (DD_CURATION_PANEL (panel), document);
  first = g_list_model_get_n_items (wait.model);
  g_assert_cmpuint (first, >, 0);
  g_assert_cmpuint (first, <, n_classes);
  /* a class of the first rows unchecked before the others came */
  {
    g_autoptr(DdClassItem) item = g_list_model_get_item (wait.model, 1);

    g_assert_cmpuint (dd_class_item_get_id (item), !=, 0);
    dd_class_item_set_checked (item, FALSE);
    /* computed now, applied when saved */
    dd_test_wait_for (recipe_names_classes, document, 10, "the recipe without the class");
    kept = dd_recipe_get_classes (dd_document_get_recipe (document));
    g_assert_nonnull (kept);
    g_assert_false (g_strv_contains (kept, dd_class_item_get_wnid (item)));
    g_assert_true (g_strv_contains (kept, last_wnid));
    g_assert_cmpuint (g_strv_length ((char **) kept), ==, n_classes);   /* the others and "unlabeled" */
  }
  wait.n = n_classes;   /* no unlabeled sample: its row is hidden */
  dd_test_wait_for (dd_test_rows_are, &wait, 10, "every class row");
  dd_curation_panel_set_document (DD_CURATION_PANEL (panel), NULL);
  g_object_unref (panel);
}

/* The check button of the panel labelled @base (its count may follow), or NULL. */
static GtkWidget *
panel_check (GtkWidget  *panel,
             const char *base)
{
  g_autoptr(GPtrArray) checks = dd_test_find_all (panel, GTK_TYPE_CHECK_BUTTON);
  g_autofree char *counted = g_strconcat (base, "  (", NULL);

  for (guint i = 0; i < checks->len; i++)
    {
      const char *label = gtk_check_button_get_label (checks->pdata[i]);

      if (label && (g_str_equal (label, base) || g_str_has_prefix (label, counted)))
        return checks->pdata[i];
    }
  return NULL;
}

typedef struct {
  GtkWidget   *panel;
  const char  *labels[2];
} PanelChecks;

static gboolean
panel_has_checks (gpointer data)
{
  PanelChecks *w = data;

  return panel_check (w->panel, w->labels[0]) && panel_check (w->panel, w->labels[1]);
}

typedef struct {
  DdDocument          *document;
  const char * const *(*names) (DdRecipe *recipe);
  gboolean             all;
} RecipeNames;

static gboolean
recipe_names_are (gpointer data)
{
  RecipeNames *w = data;

  return (w->names (dd_document_get_recipe (w->document)) == NULL) == w->all;
}

/* A corruption or a split unchecked in the panel leaves it out of the recipe, the
 * others in, and the other list alone; checked again, the recipe takes them all. */
static void
test_panel_corruptions_splits (void)
{
  g_autoptr(DdCatalog) catalog = open_catalog ();
  g_autoptr(DdDocument) document = dd_document_new (catalog);
  GtkWidget *panel = g_object_ref_sink (dd_curation_panel_new ());
  g_autoptr(GPtrArray) splits = dd_catalog_list_splits (catalog);
  g_autofree char *fog_title = dd_ui_corruption_title ("fog");
  g_autofree char *fog = g_strdup_printf ("%s · %s", fog_title, dd_ui_family_title ("weather"));
  const char *split = ((DdSplitInfo *) splits->pdata[0])->name;
  PanelChecks checks = { panel, { fog, split } };
  struct {
    const char          *label;
    const char          *name;
    const char * const *(*names) (DdRecipe *recipe);
    const char * const *(*others) (DdRecipe *recipe);
  } cases[] = {
    { fog, "fog", dd_recipe_get_corruptions, dd_recipe_get_splits },
    { split, split, dd_recipe_get_splits, dd_recipe_get_corruptions },
  };

  dd_test_wait_for (has_facets, document, 30, "the subset's facets");
  dd_curation_panel_set_document (DD_CURATION_PANEL (panel), document);
  dd_test_wait_for (panel_has_checks, &checks, 10, "the corruption and split checks");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkWidget *check = panel_check (panel, cases[i].label);
      RecipeNames w = { document, cases[i].names, FALSE };
      const char * const *kept;

      g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
      dd_test_wait_for (recipe_names_are, &w, 10, "the recipe without the name");
      kept = cases[i].names (dd_document_get_recipe (document));
      g_assert_false (g_strv_contains (kept, cases[i].name));
      if (i == 0)
        g_assert_true (g_strv_contains (kept, "gaussian_noise"));
      g_assert_null (cases[i].others (dd_document_get_recipe (document)));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      w.all = TRUE;
      dd_test_wait_for (recipe_names_are, &w, 10, "the recipe with every name again");
    }
  dd_curation_panel_set_document (DD_CURATION_PANEL (panel), NULL);
  g_object_unref (panel);
}

/* The titles of families, layouts and corruptions: each known name its own, an unknown
 * or missing one its fallback ("Other", the layout itself, the folder name readable). */
static void
test_text_titles (void)
{
  static const char * const families[][2] = {
    { "noise", "Noise" }, { "blur", "Blur" }, { "weather", "Weather" },
    { "digital", "Digital" }, { "none", "Clean" }, { "other", "Other" }, { "", "Other" },
  };
  static const char * const layouts[][2] = {
    { "tiny-imagenet", "Tiny ImageNet" }, { "tiny-imagenet-c", "Tiny ImageNet-C" },
    { "imagenet-c", "ImageNet-C" }, { "imagenet", "ImageNet (ILSVRC)" },
    { "imagefolder", "Image folder" }, { "cifar", "cifar" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (families); i++)
    g_assert_cmpstr (dd_ui_family_title (families[i][0]), ==, _(families[i][1]));
  g_assert_cmpstr (dd_ui_family_title (NULL), ==, _("Other"));
  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    g_assert_cmpstr (dd_ui_layout_title (layouts[i][0]), ==,
                     g_str_equal (layouts[i][0], "cifar") ? "cifar" : _(layouts[i][1]));
  g_assert_null (dd_ui_layout_title (NULL));
  {
    g_autofree char *none = dd_ui_corruption_title ("none");
    g_autofree char *fog = dd_ui_corruption_title ("fog");
    g_autofree char *family = dd_ui_corruption_title ("weather");
    g_autofree char *missing = dd_ui_corruption_title (NULL);

    g_assert_cmpstr (none, ==, _("Clean"));
    g_assert_cmpstr (fog, ==, _("Fog"));
    g_assert_cmpstr (family, ==, _("Weather"));
    g_assert_cmpstr (missing, ==, "");
  }
}

/* ---- dragging out ------------------------------------------------------------------ */

typedef struct
{
  gboolean done;
  gboolean ok;
  GError *error;
} WriteWait;

static void
provider_written (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  WriteWait *w = user_data;

  w->ok = gdk_content_provider_write_mime_type_finish (GDK_CONTENT_PROVIDER (object), result,
                                                       &w->error);
  w->done = TRUE;
}

static gboolean
write_finished (gpointer data)
{
  return ((WriteWait *) data)->done;
}

/* What a file manager receives: the uri-list, read back as file names. */
static char **
drop_files (GdkContentProvider *provider,
            const char         *mime_type,
            GError            **error)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_auto(GStrv) uris = NULL;
  g_autofree char *text = NULL;
  GPtrArray *files = g_ptr_array_new ();
  WriteWait w = { 0 };

  gdk_content_provider_write_mime_type_async (provider, mime_type, stream, G_PRIORITY_DEFAULT,
                                              NULL, provider_written, &w);
  dd_test_wait_for (write_finished, &w, 60, "the drop data");
  if (!w.ok)
    {
      g_propagate_error (error, w.error);
      g_ptr_array_free (files, TRUE);
      return NULL;
    }
  g_output_stream_close (stream, NULL, NULL);
  text = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
  uris = g_uri_list_extract_uris (text);
  for (guint i = 0; uris[i]; i++)
    g_ptr_array_add (files, g_filename_from_uri (uris[i], NULL, NULL));
  g_ptr_array_add (files, NULL);
  return (char **) g_ptr_array_free (files, FALSE);
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  if (dir == NULL)
    return 1;
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      n += count_files (child);
    }
  return n;
}

/* Thumbnails dragged out arrive as their files; the subset arrives as an ImageFolder of
 * hard links, built in the background; old drag folders are cleaned away. */
static void
test_drag_provider (void)
{
  g_autoptr(DdCatalog) catalog = open_catalog ();
  g_autoptr(DdSelection) all = select_all (catalog);
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = g_build_filename (tmp_dir, "drag", NULL);
  g_autofree char *stale = g_build_filename (parent, "old-subset", NULL);
  g_autofree char *stale_file = g_build_filename (stale, "x.JPEG", NULL);
  gint64 ids[3];

  for (guint i = 0; i < 3; i++)
    ids[i] = dd_selection_get_id (all, i * 7);

  /* samples */
  {
    g_autoptr(GdkContentProvider) provider = dd_drag_provider_new_samples (catalog, ids, 3);
    g_autoptr(GdkContentFormats) formats = gdk_content_provider_ref_formats (provider);
    g_auto(GStrv) files = NULL;

    g_assert_true (gdk_content_formats_contain_mime_type (formats, "text/uri-list"));
    files = drop_files (provider, "text/uri-list", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (files), ==, 3);
    for (guint i = 0; i < 3; i++)
      {
        g_autoptr(DdSampleInfo) s = dd_catalog_get_sample (catalog, ids[i], NULL);

        g_assert_cmpstr (files[i], ==, s->path);
        g_assert_true (g_file_test (files[i], G_FILE_TEST_IS_REGULAR));
      }
    g_assert_null (drop_files (provider, "image/png", &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
    g_clear_error (&error);
  }

  /* the subset: goldfish */
  {
    g_autoptr(DdFilter) filter = dd_filter_new ();
    g_autoptr(DdSelection) goldfish = NULL;
    g_autoptr(GdkContentProvider) provider = NULL;
    g_auto(GStrv) files = NULL;
    g_autofree char *class_dir = NULL;
    struct utimbuf old = { time (NULL) - 3 * 3600, time (NULL) - 3 * 3600 };

    g_assert_cmpint (g_mkdir_with_parents (stale, 0755), ==, 0);
    g_assert_true (g_file_set_contents (stale_file, "x", 1, NULL));
    g_assert_cmpint (utime (stale, &old), ==, 0);

    dd_filter_add_class (filter, dd_catalog_lookup_class (catalog, "n01443537"));
    goldfish = dd_catalog_select (catalog, filter, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (dd_selection_get_n (goldfish), >, 10);
    provider = dd_drag_provider_new_subset (catalog, goldfish, "demo/goldfish", parent);
    g_assert_true (g_str_has_prefix (dd_drag_provider_get_folder (DD_DRAG_PROVIDER (provider)),
                                     parent));
    files = drop_files (provider, "text/uri-list", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (files), ==, 1);
    g_assert_cmpstr (files[0], ==, dd_drag_provider_get_folder (DD_DRAG_PROVIDER (provider)));
    g_assert_true (g_file_test (files[0], G_FILE_TEST_IS_DIR));
    /* no slash from the name leaks into the path */
    g_assert_null (strchr (files[0] + strlen (parent) + 1, '/'));
    class_dir = g_build_filename (files[0], "val", "n01443537", NULL);
    g_assert_true (g_file_test (class_dir, G_FILE_TEST_IS_DIR));
    /* every labeled goldfish sample is there, as a hard link */
    g_assert_cmpuint (count_files (files[0]), >=, dd_selection_get_n (goldfish) / 2);
    {
      g_autoptr(GDir) dir = g_dir_open (class_dir, 0, NULL);
      const char *name = g_dir_read_name (dir);
      g_autofree char *one = g_build_filename (class_dir, name, NULL);
      GStatBuf st;

      g_assert_cmpint (g_stat (one, &st), ==, 0);
      g_assert_cmpuint (st.st_nlink, >=, 2);
    }
    g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  }
}

/* ---- the viewer ------------------------------------------------------------------- */

static DdSampleViewer *
find_viewer (void)
{
  return dd_test_find_window (GTK_APPLICATION (app), DD_TYPE_SAMPLE_VIEWER);
}

typedef struct
{
  DdSampleViewer *viewer;
  gint64 id;
} ViewerWait;

static gboolean
viewer_shows (gpointer data)
{
  ViewerWait *wait = data;
  DdSampleInfo *info;

  if (wait->viewer == NULL && (wait->viewer = find_viewer ()) == NULL)
    return FALSE;
  info = dd_sample_viewer_get_info (wait->viewer);
  return info && info->id == wait->id;
}

/* Activating a thumbnail opens the viewer on it, with the clean image and its
 * variants; Page Down walks the grid; zoom and fit; Escape closes it. */
static void
test_window_viewer (void)
{
  g_autoptr(DdCatalog) catalog = open_catalog ();
  DdTestWindowWait wait = { 0, };
  ViewerWait shown = { 0, };
  DdSelection *selection;
  GtkWidget *grid_view;
  DdWindow *window;
  DdSampleInfo *info;
  guint position = G_MAXUINT;
  guint n;

  window = open_window (catalog, 1000, 760, &wait);
  adw_view_stack_set_visible_child_name (dd_window_get_view_stack (window), "fine");

  /* The first corrupted sample in the grid. */
  selection = dd_thumbnail_grid_get_selection (dd_window_get_grid (window));
  n = MIN (dd_selection_get_n (selection), 5000);
  for (guint i = 0; i < n && position == G_MAXUINT; i++)
    {
      g_autoptr(DdSampleInfo) s = dd_catalog_get_sample (catalog, dd_selection_get_id (selection, i), NULL);

      if (s && s->corruption_id != 0 && s->clean_key != NULL && s->wnid != NULL)
        position = i;
    }
  g_assert_cmpuint (position, !=, G_MAXUINT);

  grid_view = dd_test_find_descendant (GTK_WIDGET (dd_window_get_grid (window)),
                                       GTK_TYPE_GRID_VIEW);
  g_assert_nonnull (grid_view);
  g_signal_emit_by_name (grid_view, "activate", position);
  shown.id = dd_selection_get_id (selection, position);
  dd_test_wait_for (viewer_shows, &shown, 10, "the viewer");
  info = dd_sample_viewer_get_info (shown.viewer);
  g_assert_nonnull (info->clean_key);
  /* the clean image plus at least a few variants of it */
  g_assert_cmpuint (dd_sample_viewer_get_n_variants (shown.viewer), >, 5);
  /* its row is "Clean", as the others' "Gaussian noise", not "clean" */
  {
    g_autoptr(GPtrArray) labels = dd_test_find_all (GTK_WIDGET (shown.viewer), GTK_TYPE_LABEL);

    for (guint i = 0; i < labels->len; i++)
      g_assert_cmpstr (gtk_label_get_label (labels->pdata[i]), !=, "clean");
  }
  g_assert_cmpfloat (dd_sample_viewer_get_zoom (shown.viewer), ==, 0);
  dd_test_settle (0.8);
  dd_test_save_screenshot (GTK_WIDGET (shown.viewer), "viewer");
  {
    GtkWidget *stack = dd_test_find_descendant (GTK_WIDGET (shown.viewer), GTK_TYPE_STACK);

    g_assert_nonnull (stack);
    gtk_stack_set_visible_child_name (GTK_STACK (stack), "variants");
    dd_test_settle (0.8);
    dd_test_save_screenshot (GTK_WIDGET (shown.viewer), "viewer-variants");
  }

  /* zoom in, then back to fit */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (shown.viewer), "viewer.zoom-in", NULL));
  g_assert_cmpfloat (dd_sample_viewer_get_zoom (shown.viewer), >, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (shown.viewer), "viewer.zoom-fit", NULL));
  g_assert_cmpfloat (dd_sample_viewer_get_zoom (shown.viewer), ==, 0);

  /* the next sample of the grid */
  if (position + 1 < dd_selection_get_n (selection))
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (shown.viewer), "viewer.next", NULL));
      shown.id = dd_selection_get_id (selection, position + 1);
      dd_test_wait_for (viewer_shows, &shown, 10, "the next sample");
    }
  /* back to it, then a variant clicked is shown at its place in the grid: Page Down
   * walks on from there (the button's tooltip ends with the variant's key) */
  if (position + 1 < dd_selection_get_n (selection))
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (shown.viewer), "viewer.previous",
                                                 NULL));
      shown.id = dd_selection_get_id (selection, position);
      dd_test_wait_for (viewer_shows, &shown, 10, "the sample again");
    }
  {
    g_autoptr(GPtrArray) buttons = dd_test_find_all (GTK_WIDGET (shown.viewer), GTK_TYPE_BUTTON);
    GtkWidget *variant = NULL;
    gint64 at;

    for (guint i = 0; i < buttons->len && variant == NULL; i++)
      if (gtk_widget_has_css_class (buttons->pdata[i], "variant") &&
          !gtk_widget_has_css_class (buttons->pdata[i], "current"))
        variant = buttons->pdata[i];
    g_assert_nonnull (variant);
    {
      const char *tooltip = gtk_widget_get_tooltip_text (variant);
      const char *key = strrchr (tooltip, '\n');

      g_assert_nonnull (key);
      shown.id = dd_catalog_lookup_key (catalog, key + 1, NULL);
    }
    g_assert_cmpint (shown.id, >, 0);
    g_assert_cmpint (shown.id, !=, dd_selection_get_id (selection, position));
    at = dd_selection_find (selection, shown.id);
    g_assert_cmpint (at, >=, 0);
    g_signal_emit_by_name (variant, "clicked");
    dd_test_wait_for (viewer_shows, &shown, 10, "the variant clicked");
    if (at + 1 < dd_selection_get_n (selection))
      {
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (shown.viewer), "viewer.next",
                                                   NULL));
        shown.id = dd_selection_get_id (selection, at + 1);
        dd_test_wait_for (viewer_shows, &shown, 10, "the sample after the variant");
      }
  }

  gtk_window_destroy (GTK_WINDOW (shown.viewer));
  dd_test_close_window (window);
}

/* The health report from the window: every kind listed with its findings; a sample's
 * finding opens the viewer, a missing cell shows what its class has of that corruption. */
static void
test_window_findings (void)
{
  g_autoptr(DdCatalog) catalog = open_catalog ();
  g_autoptr(DdHealthReport) report = dd_health_report (catalog, NULL);
  DdTestWindowWait wait = { 0, };
  DdFindingsWindow *findings = NULL;
  DdWindow *window;
  guint missing_cells;

  g_assert_nonnull (report);
  g_assert_cmpuint (report->counts[DD_HEALTH_MISSING_LABEL], >, 0);
  missing_cells = report->counts[DD_HEALTH_MISSING_CELL];
  g_assert_cmpuint (missing_cells, >, 0);

  window = open_window (catalog, 1000, 760, &wait);

  /* every finding */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.findings", NULL));
  findings = dd_test_wait_findings (GTK_APPLICATION (app), "the health report");
  g_assert_cmpuint (dd_findings_window_get_n_shown (findings), ==, report->findings->len);
  dd_test_settle (0.3);
  dd_test_save_screenshot (GTK_WIDGET (findings), "health-report");
  gtk_window_destroy (GTK_WINDOW (findings));

  /* missing labels: each row is a sample, opened in the viewer */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.health-report", "s",
                                             "missing_label"));
  findings = dd_test_wait_findings (GTK_APPLICATION (app), "the missing labels");
  g_assert_cmpuint (dd_findings_window_get_n_shown (findings), ==,
                    report->counts[DD_HEALTH_MISSING_LABEL]);
  {
    ViewerWait shown = { 0 };
    DdFinding *first = NULL;

    for (guint i = 0; i < report->findings->len && first == NULL; i++)
      if (((DdFinding *) report->findings->pdata[i])->kind == DD_HEALTH_MISSING_LABEL)
        first = report->findings->pdata[i];
    g_assert_nonnull (first);
    g_assert_cmpint (first->sample_id, >, 0);
    dd_findings_window_activate_row (findings, 0);
    shown.id = first->sample_id;
    dd_test_wait_for (viewer_shows, &shown, 10, "the sample of the finding");
    gtk_window_destroy (GTK_WINDOW (shown.viewer));
  }
  gtk_window_destroy (GTK_WINDOW (findings));

  /* a missing cell: the grid shows what the class has of that corruption */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.health-report", "s",
                                             "missing_cell"));
  findings = dd_test_wait_findings (GTK_APPLICATION (app), "the missing cells");
  g_assert_cmpuint (dd_findings_window_get_n_shown (findings), ==, missing_cells);
  {
    DdFinding *cell = NULL;
    g_auto(GStrv) parts = NULL;
    g_autoptr(DdFilter) filter = dd_filter_new ();
    g_autoptr(DdSelection) expected = NULL;
    guint n;

    for (guint i = 0; i < report->findings->len && cell == NULL; i++)
      if (((DdFinding *) report->findings->pdata[i])->kind == DD_HEALTH_MISSING_CELL)
        cell = report->findings->pdata[i];
    parts = g_strsplit (cell->key, "/", -1);
    n = g_strv_length (parts);
    dd_filter_add_class (filter, dd_catalog_lookup_class (catalog, parts[n - 1]));
    dd_filter_add_corruption (filter, dd_catalog_lookup_corruption (catalog, parts[n - 3]));
    expected = dd_catalog_select (catalog, filter, NULL, NULL);
    dd_findings_window_activate_row (findings, 0);
    wait.n = dd_selection_get_n (expected);
    g_assert_cmpuint (wait.n, >, 0);
    dd_test_wait_for (dd_test_grid_has, &wait, 10, "the cell's siblings in the grid");
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (dd_window_get_view_stack (window)),
                     ==, "fine");
  }
  gtk_window_destroy (GTK_WINDOW (findings));
  dd_test_close_window (window);
}

/* ---- the relationship explorer ----------------------------------------------------- */

typedef struct
{
  DdGraphView *graph;
  guint n;
} GraphWait;

static gboolean
graph_idle (gpointer data)
{
  GraphWait *w = data;

  return !dd_graph_view_get_busy (w->graph) && dd_graph_view_get_n_nodes (w->graph) > w->n;
}

/* Clicks the node kind:id where the view draws it; waits for its neighbours. */
static void
click_node (GraphWait  *w,
            DdNodeKind  kind,
            const char *id)
{
  int index = dd_graph_view_find_node (w->graph, kind, id);
  double x, y;

  if (index < 0)
    g_error ("%s:%s is not on screen", dd_node_kind_to_string (kind), id);
  dd_graph_view_settle (w->graph, 400);
  g_assert_true (dd_graph_view_get_node_point (w->graph, index, &x, &y));
  w->n = dd_graph_view_get_n_nodes (w->graph);
  dd_graph_view_click (w->graph, x, y, 1, 0);
  dd_test_wait_for (graph_idle, w, 20, "the node's neighbours");
  g_assert_true (dd_graph_view_get_expanded (w->graph, index));
  g_assert_cmpint (dd_graph_view_get_focus_node (w->graph), ==, index);
}

typedef struct
{
  DdDocument *doc;
  const char *wnid;
} RecipeWait;

static gboolean
recipe_lacks_class (gpointer data)
{
  RecipeWait *w = data;
  const char * const *classes = dd_recipe_get_classes (dd_document_get_recipe (w->doc));

  return classes != NULL && !g_strv_contains (classes, w->wnid) && !dd_document_get_busy (w->doc);
}

/* Three levels expanded by clicks (family → corruption → severity → classes), the
 * breadcrumb follows; Ctrl+click takes a class out of the recipe (undoable); a double
 * click shows the class's samples in the grid. */
static void
test_window_relations (void)
{
  g_autoptr(DdCatalog) catalog = open_catalog ();
  DdTestWindowWait wait = { 0, };
  GraphWait w = { 0 };
  RecipeWait rw = { 0 };
  DdWindow *window;
  g_autofree char *path = NULL;
  double x, y;
  int goldfish;

  window = open_window (catalog, 1180, 860, &wait);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-relations", "s", "dataset:"));
  w.graph = DD_GRAPH_VIEW (dd_test_find_descendant (GTK_WIDGET (window), DD_TYPE_GRAPH_VIEW));
  g_assert_nonnull (w.graph);
  w.n = 1;
  dd_test_wait_for (graph_idle, &w, 20, "the dataset's neighbours");
  g_assert_cmpint (dd_graph_view_find_node (w.graph, DD_NODE_FAMILY, "blur"), >=, 0);
  g_assert_cmpint (dd_graph_view_find_node (w.graph, DD_NODE_SPLIT, "val"), >=, 0);

  click_node (&w, DD_NODE_FAMILY, "blur");
  g_assert_cmpint (dd_graph_view_find_node (w.graph, DD_NODE_CORRUPTION, "motion_blur"), >=, 0);
  click_node (&w, DD_NODE_CORRUPTION, "motion_blur");
  g_assert_cmpint (dd_graph_view_find_node (w.graph, DD_NODE_SEVERITY, "motion_blur/4"), >=, 0);
  click_node (&w, DD_NODE_SEVERITY, "motion_blur/4");
  goldfish = dd_graph_view_find_node (w.graph, DD_NODE_CLASS, "n01443537");
  g_assert_cmpint (goldfish, >=, 0);
  path = dd_graph_view_get_path_text (w.graph);
  g_test_message ("breadcrumb: %s", path);
  /* corruptions by their human names, a cell under its corruption by its severity */
  g_assert_nonnull (strstr (path, "Blur/Motion blur/severity 4"));
  dd_graph_view_settle (w.graph, 600);
  dd_graph_view_fit (w.graph);
  {
    double gx, gy;

    dd_graph_view_get_node_point (w.graph, goldfish, &gx, &gy);
    g_test_message ("after fit: goldfish at %.0f,%.0f", gx, gy);
  }
  dd_test_settle (0.8);
  {
    double gx, gy;

    dd_graph_view_get_node_point (w.graph, goldfish, &gx, &gy);
    g_test_message ("graph %d×%d, goldfish at %.0f,%.0f", gtk_widget_get_width (GTK_WIDGET (w.graph)),
                    gtk_widget_get_height (GTK_WIDGET (w.graph)), gx, gy);
  }
  dd_test_save_screenshot (GTK_WIDGET (window), "relations");

  /* a click on empty space changes nothing */
  w.n = dd_graph_view_get_n_nodes (w.graph);
  dd_graph_view_click (w.graph, 2, gtk_widget_get_height (GTK_WIDGET (w.graph)) - 2, 1, 0);
  g_assert_cmpuint (dd_graph_view_get_n_nodes (w.graph), ==, w.n);

  /* Ctrl+click: goldfish out of the recipe; undo brings it back */
  rw.doc = dd_window_get_document (window);
  rw.wnid = "n01443537";
  g_assert_true (dd_graph_view_get_node_point (w.graph, goldfish, &x, &y));
  dd_graph_view_click (w.graph, x, y, 1, GDK_CONTROL_MASK);
  dd_test_wait_for (recipe_lacks_class, &rw, 10, "goldfish out of the recipe");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_null (dd_recipe_get_classes (dd_document_get_recipe (rw.doc)));

  /* a node reached by a path stands for the samples of that path: goldfish under
   * Blur › Motion blur › severity 4 names the goldfish of that cell, its expansion lists
   * theirs alone, and a double click shows them, not every goldfish (issue 13, item 4) */
  {
    g_autoptr(DdFilter) filter = dd_filter_new ();
    g_autoptr(DdFilter) every = dd_filter_new ();
    g_autoptr(DdSelection) expected = NULL;
    g_autoptr(DdSelection) all_goldfish = NULL;
    guint n_samples = 0, before;

    dd_filter_add_class (filter, dd_catalog_lookup_class (catalog, "n01443537"));
    dd_filter_add_class (every, dd_catalog_lookup_class (catalog, "n01443537"));
    dd_filter_add_corruption (filter, dd_catalog_lookup_corruption (catalog, "motion_blur"));
    dd_filter_add_severity (filter, 4);
    expected = dd_catalog_select (catalog, filter, NULL, NULL);
    all_goldfish = dd_catalog_select (catalog, every, NULL, NULL);
    g_assert_cmpuint (dd_selection_get_n (expected), <, dd_selection_get_n (all_goldfish));
    g_assert_cmpuint (dd_graph_view_get_node_count (w.graph, goldfish), ==,
                      dd_selection_get_n (expected));

    /* expanded: the cell's goldfish, each one of motion blur at severity 4 */
    before = dd_graph_view_get_n_nodes (w.graph);
    dd_graph_view_toggle (w.graph, goldfish);
    w.n = before;
    dd_test_wait_for (graph_idle, &w, 20, "goldfish's neighbours");
    for (int i = 0; i < 4096; i++)   /* every index the graph has used */
      {
        DdNodeKind kind;
        const char *id;
        g_autoptr(GPtrArray) path = NULL;

        if (!dd_graph_view_get_node (w.graph, i, &kind, &id) || kind != DD_NODE_SAMPLE)
          continue;
        path = dd_graph_view_get_path (w.graph, i);
        if (path->len < 2 ||
            ((DdNode *) path->pdata[path->len - 2])->kind != DD_NODE_CLASS)
          continue;
        {
          gint64 sample = dd_catalog_lookup_key (catalog, id, NULL);
          g_autoptr(DdSampleInfo) info = dd_catalog_get_sample (catalog, sample, NULL);

          g_assert_nonnull (info);
          g_assert_cmpstr (info->wnid, ==, "n01443537");
          g_assert_cmpstr (info->corruption, ==, "motion_blur");
          g_assert_cmpuint (info->severity, ==, 4);
          n_samples++;
        }
      }
    g_assert_cmpuint (n_samples, >, 0);
    g_assert_cmpuint (n_samples, <=, dd_selection_get_n (expected));

    /* double click: those samples in the grid, not every goldfish. Its first press
     * collapses goldfish, and the graph moves before the second (the layout spreads
     * again, the view follows): the second acts on goldfish all the same, which stays
     * expanded */
    g_assert_true (dd_graph_view_get_node_point (w.graph, goldfish, &x, &y));
    dd_graph_view_click (w.graph, x, y, 1, 0);
    g_assert_false (dd_graph_view_get_expanded (w.graph, goldfish));
    dd_graph_view_settle (w.graph, 400);
    dd_graph_view_pan (w.graph, 120, 0);
    dd_graph_view_click (w.graph, x, y, 2, 0);
    wait.n = dd_selection_get_n (expected);
    dd_test_wait_for (dd_test_grid_has, &wait, 10, "the cell's goldfish in the grid");
    /* the grid says what it shows and offers the way back (item 8) */
    g_assert_nonnull (dd_fine_page_get_view_note (dd_window_get_fine_page (window)));
    g_assert_nonnull (strstr (dd_fine_page_get_view_note (dd_window_get_fine_page (window)),
                              "goldfish"));
    w.n = before;
    dd_test_wait_for (graph_idle, &w, 20, "goldfish's neighbours again");
    g_assert_true (dd_graph_view_get_expanded (w.graph, goldfish));
    dd_test_settle (0.3);
    dd_graph_view_toggle (w.graph, goldfish);
  }

  /* collapsing a node removes what hangs below it */
  {
    int blur = dd_graph_view_find_node (w.graph, DD_NODE_FAMILY, "blur");
    guint before = dd_graph_view_get_n_nodes (w.graph);

    dd_graph_view_toggle (w.graph, blur);
    g_assert_cmpuint (dd_graph_view_get_n_nodes (w.graph), <, before);
    g_assert_cmpint (dd_graph_view_find_node (w.graph, DD_NODE_CORRUPTION, "motion_blur"), <, 0);
    g_assert_false (dd_graph_view_get_expanded (w.graph, blur));
  }

  dd_test_close_window (window);
}

/* The explorer once it grows (issue 13, item 3): after three expansions what was just
 * expanded is in view, the rest off its path is faded, no label covers a node and the
 * labels stay through a pan; a fan-out is one screenful, its next page replacing it;
 * the dataset's node bears the dataset's name, not its catalog file's. */
static guint
labels_over_nodes (DdGraphView *graph)
{
  guint n = 0;

  for (guint k = 0; k < dd_graph_view_get_n_labels (graph); k++)
    {
      graphene_rect_t label, node;

      dd_graph_view_get_label_box (graph, k, &label);
      for (int i = 0; i < 4096; i++)
        if (dd_graph_view_get_node_box (graph, i, &node) &&
            graphene_rect_intersection (&label, &node, NULL))
          {
            g_test_message ("label %u over “%s”", k, dd_graph_view_get_node_label (graph, i));
            n++;
          }
    }
  return n;
}

/* Labels of node @parent and its children (the nodes after it, plain, without children
 * of their own) that the view's edge cuts: partly in view, partly out. A label is a
 * node's when it touches the node's disc. */
static guint
labels_cut (DdGraphView *graph,
            int          parent)
{
  int width = gtk_widget_get_width (GTK_WIDGET (graph));
  int height = gtk_widget_get_height (GTK_WIDGET (graph));
  guint n = 0;

  for (guint k = 0; k < dd_graph_view_get_n_labels (graph); k++)
    {
      graphene_rect_t label, near, node;
      double x0, y0, x1, y1;
      gboolean theirs = FALSE;

      dd_graph_view_get_label_box (graph, k, &label);
      graphene_rect_inset_r (&label, -8, -8, &near);
      for (int i = 0; i < 4096 && !theirs; i++)
        theirs = (i == parent || (i > parent && !dd_graph_view_get_faded (graph, i) &&
                                  dd_graph_view_get_n_children (graph, i) == 0)) &&
                 dd_graph_view_get_node_box (graph, i, &node) &&
                 graphene_rect_intersection (&near, &node, NULL);
      x0 = label.origin.x, y0 = label.origin.y;
      x1 = x0 + label.size.width, y1 = y0 + label.size.height;
      if (!theirs || x1 <= 0 || x0 >= width || y1 <= 0 || y0 >= height)
        continue;   /* another node's, or out of view wholly */
      if (x0 < 0 || x1 > width || y1 > height)
        {
          g_test_message ("label %u cut at the view's edge: (%.0f, %.0f)..(%.0f, %.0f) of %d×%d", k,
                          x0, y0, x1, y1, width, height);
          n++;
        }
    }
  return n;
}

static gboolean
graph_still (gpointer data)
{
  return dd_graph_view_get_settled (data);
}

static GtkGesture *
find_gesture (GtkWidget *widget,
              GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return GTK_GESTURE (controller);
    }
  return NULL;
}

static void
test_window_explorer_readable (void)
{
  g_autoptr(DdCatalog) catalog = open_catalog ();
  DdTestWindowWait wait = { 0, };
  GraphWait w = { 0 };
  DdWindow *window;
  GtkGesture *drag;
  int cell, val, more;
  guint labels, page, children;

  (void) more;

  window = open_window (catalog, 1180, 860, &wait);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-relations", "s", "dataset:"));
  w.graph = DD_GRAPH_VIEW (dd_test_find_descendant (GTK_WIDGET (window), DD_TYPE_GRAPH_VIEW));
  w.n = 1;
  dd_test_wait_for (graph_idle, &w, 20, "the dataset's neighbours");
  /* the dataset by its name (the window's title), not its catalog file's */
  g_assert_cmpstr (dd_graph_view_get_node_label (w.graph, dd_graph_view_find_node (w.graph, DD_NODE_DATASET, "")),
                   ==, gtk_window_get_title (GTK_WINDOW (window)));

  click_node (&w, DD_NODE_FAMILY, "blur");
  click_node (&w, DD_NODE_CORRUPTION, "motion_blur");
  /* the node to expand at the very edge of the view: its children would land outside */
  cell = dd_graph_view_find_node (w.graph, DD_NODE_SEVERITY, "motion_blur/4");
  {
    double x, y;

    dd_graph_view_settle (w.graph, 400);
    g_assert_true (dd_graph_view_get_node_point (w.graph, cell, &x, &y));
    dd_graph_view_pan (w.graph, gtk_widget_get_width (GTK_WIDGET (w.graph)) - 24 - x,
                       gtk_widget_get_height (GTK_WIDGET (w.graph)) - 24 - y);
    dd_test_settle (0.1);
  }
  click_node (&w, DD_NODE_SEVERITY, "motion_blur/4");
  /* the view follows what was just expanded while the layout spreads it, then rests */
  dd_test_settle (2.0);
  dd_test_wait_for (graph_still, w.graph, 20, "the graph at rest");
  dd_test_settle (0.3);
  children = 0;
  for (int i = 0; i < 4096; i++)
    if (dd_graph_view_get_node (w.graph, i, NULL, NULL) &&
        (int) i != cell && dd_graph_view_get_n_children (w.graph, i) == 0 &&
        !dd_graph_view_get_faded (w.graph, i) && i > cell)
      {
        children++;
        if (!dd_graph_view_get_node_visible (w.graph, i))
          g_error ("“%s”, just expanded, is out of view", dd_graph_view_get_node_label (w.graph, i));
      }
  g_assert_cmpuint (children, >, 0);
  g_assert_true (dd_graph_view_get_node_visible (w.graph, cell));

  /* off the path: faded; on it: plain */
  val = dd_graph_view_find_node (w.graph, DD_NODE_SPLIT, "val");
  g_assert_cmpint (val, >=, 0);
  g_assert_true (dd_graph_view_get_faded (w.graph, val));
  g_assert_false (dd_graph_view_get_faded (w.graph, cell));
  g_assert_false (dd_graph_view_get_faded (w.graph, dd_graph_view_find_node (w.graph, DD_NODE_FAMILY, "blur")));

  /* labels beside their nodes, none over a node */
  labels = dd_graph_view_get_n_labels (w.graph);
  g_assert_cmpuint (labels, >, 3);
  g_assert_cmpuint (labels_over_nodes (w.graph), ==, 0);
  /* what was just expanded is in view with its labels: the view's edge cuts none (the
   * room for the labels is kept in pixels: a label does not shrink with the zoom) */
  g_assert_cmpuint (labels_cut (w.graph, cell), ==, 0);
  dd_test_save_screenshot (GTK_WIDGET (window), "explorer");

  /* a pan by the pointer (the drag gesture on empty space): the labels stay */
  drag = find_gesture (GTK_WIDGET (w.graph), GTK_TYPE_GESTURE_DRAG);
  g_assert_nonnull (drag);
  g_signal_emit_by_name (drag, "drag-begin", 3.0, (double) gtk_widget_get_height (GTK_WIDGET (w.graph)) - 3);
  for (int step = 1; step <= 6; step++)
    {
      g_signal_emit_by_name (drag, "drag-update", (double) 8 * step, (double) 5 * step);
      dd_test_settle (0.03);
    }
  g_signal_emit_by_name (drag, "drag-end", 48.0, 30.0);
  dd_test_settle (0.4);
  g_assert_cmpuint (dd_graph_view_get_n_labels (w.graph), >=, labels * 3 / 4);
  g_assert_cmpuint (labels_over_nodes (w.graph), ==, 0);

  /* a fan-out is at most a screenful; its next page replaces it: the goldfish of the
   * val split, a page of their samples and a "more" node */
  page = dd_graph_view_get_page_size (w.graph);
  g_assert_cmpuint (page, >=, 8);
  dd_graph_view_toggle (w.graph, dd_graph_view_find_node (w.graph, DD_NODE_FAMILY, "blur"));
  click_node (&w, DD_NODE_SPLIT, "val");
  /* goldfish at the view's right edge, then expanded: its samples' long labels ("val_12 ·
   * Motion blur 4") come into view too, not only their thumbnails */
  {
    int goldfish = dd_graph_view_find_node (w.graph, DD_NODE_CLASS, "n01443537");
    double x, y;

    g_assert_cmpint (goldfish, >=, 0);
    dd_graph_view_settle (w.graph, 400);
    g_assert_true (dd_graph_view_get_node_point (w.graph, goldfish, &x, &y));
    dd_graph_view_pan (w.graph, gtk_widget_get_width (GTK_WIDGET (w.graph)) - 24 - x, 0);
    dd_test_settle (0.1);
  }
  click_node (&w, DD_NODE_CLASS, "n01443537");
  dd_test_settle (2.0);
  dd_test_wait_for (graph_still, w.graph, 20, "the graph at rest");
  dd_test_settle (0.3);
  g_assert_cmpuint (labels_cut (w.graph, dd_graph_view_find_node (w.graph, DD_NODE_CLASS, "n01443537")),
                    ==, 0);
  dd_test_save_screenshot (GTK_WIDGET (window), "explorer-samples");
  {
    int goldfish = dd_graph_view_find_node (w.graph, DD_NODE_CLASS, "n01443537");
    int first_sample = -1;
    guint before = dd_graph_view_get_n_children (w.graph, goldfish);

    more = -1;
    for (int i = 0; i < 4096; i++)
      {
        DdNodeKind kind;

        if (!dd_graph_view_get_node (w.graph, i, &kind, NULL))
          continue;
        {
          g_autoptr(GPtrArray) path = dd_graph_view_get_path (w.graph, i);

          if (path->len < 2 || ((DdNode *) path->pdata[path->len - 2])->kind != DD_NODE_CLASS)
            continue;
        }
        if (kind == DD_NODE_MORE)
          more = i;
        else if (kind == DD_NODE_SAMPLE && first_sample < 0)
          first_sample = i;
      }
    g_assert_cmpint (more, >=, 0);
    g_assert_cmpint (first_sample, >=, 0);
    g_assert_cmpuint (before, <=, page + 8);
    dd_graph_view_toggle (w.graph, more);
    w.n = 0;
    dd_test_wait_for (graph_idle, &w, 20, "the next page");
    /* the first page went, the fan-out stays one screenful, under goldfish itself */
    g_assert_null (dd_graph_view_get_node_label (w.graph, first_sample));
    g_assert_null (dd_graph_view_get_node_label (w.graph, more));
    g_assert_cmpuint (dd_graph_view_get_n_children (w.graph, goldfish), <=, page + 8);
    g_assert_cmpuint (dd_graph_view_get_n_children (w.graph, goldfish), >, page / 2);
  }

  dd_test_close_window (window);
}

/* The health report with thumbnails and as a grid (issue 13, item 7); in the grid of
 * the samples with findings each badge names its kind by its icon and says the problem
 * in its tooltip, not the path; the window can run the image check, and says why
 * Re-index cannot run on a catalog opened as a file. */
static gboolean
findings_thumbnails (gpointer data)
{
  return dd_findings_window_get_n_thumbnails (data) > 0;
}

static gboolean
badges_shown (gpointer data)
{
  DdTestWindowWait *wait = data;
  g_autoptr(GPtrArray) cells = dd_test_find_all (GTK_WIDGET (dd_window_get_grid (wait->window)),
                                                 DD_TYPE_THUMBNAIL_CELL);

  for (guint i = 0; i < cells->len; i++)
    if (dd_thumbnail_cell_get_has_badge (cells->pdata[i]))
      return TRUE;
  return FALSE;
}

static gboolean
checked_images (gpointer data)
{
  DdTestWindowWait *wait = data;
  DdCatalog *catalog = dd_window_get_catalog (wait->window);
  g_autoptr(DdFilter) filter = dd_filter_new ();

  if (catalog == NULL || g_action_group_get_action_enabled (G_ACTION_GROUP (wait->window),
                                                             "cancel-indexing"))
    return FALSE;
  filter->require_flags = DD_HEALTH_FLAG (DD_HEALTH_TRUNCATED) | DD_HEALTH_FLAG (DD_HEALTH_UNDECODABLE) |
                          DD_HEALTH_FLAG (DD_HEALTH_EMPTY_FILE);
  return dd_catalog_count (catalog, filter, NULL, NULL) > 0;
}

static void
test_window_health_thumbnails (void)
{
  g_autoptr(DdCatalog) catalog = open_catalog ();
  DdTestWindowWait wait = { 0, };
  DdFindingsWindow *findings = NULL;
  g_autofree char *reindex = NULL;
  DdWindow *window;

  window = open_window (catalog, 1000, 760, &wait);

  /* a catalog opened as a file has no folder to index again: the menu says so, and the
   * image check runs all the same */
  reindex = dd_window_get_reindex_label (window);
  g_test_message ("re-index: %s", reindex);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "reindex"));
  g_assert_nonnull (strstr (reindex, "catalog file"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "check-images"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.check-images", NULL));
  dd_test_wait_for (checked_images, &wait, 60, "the image check's findings");

  /* the report: thumbnails of the samples in the table, then as a grid */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.findings", NULL));
  findings = dd_test_wait_findings (GTK_APPLICATION (app), "the health report");
  dd_test_wait_for (findings_thumbnails, findings, 20, "thumbnails in the report");
  dd_findings_window_set_grid (findings, TRUE);
  dd_test_wait_for (findings_thumbnails, findings, 20, "thumbnails in the report's grid");
  dd_test_settle (0.5);
  dd_test_save_screenshot (GTK_WIDGET (findings), "health-grid");
  /* each card names its kind whole ("Annotation without file", "Missing corruption
   * cell" were cut), and the spinner of a report still loading is a spinner's size, not
   * a wheel over the whole window */
  {
    g_autoptr(GPtrArray) labels = dd_test_find_all (GTK_WIDGET (findings), GTK_TYPE_LABEL);
    GtkWidget *spinner = dd_test_find_descendant (GTK_WIDGET (findings), GTK_TYPE_SPINNER);
    guint titles = 0;

    for (guint i = 0; i < labels->len; i++)
      {
        GtkLabel *label = labels->pdata[i];

        if (!gtk_widget_has_css_class (GTK_WIDGET (label), "caption-heading") ||
            !gtk_widget_get_mapped (GTK_WIDGET (label)))
          continue;
        titles++;
        if (pango_layout_is_ellipsized (gtk_label_get_layout (label)))
          g_error ("the card's kind “%s” is cut", gtk_label_get_label (label));
      }
    g_assert_cmpuint (titles, >, 0);
    g_assert_nonnull (spinner);
    g_assert_cmpint (gtk_widget_get_halign (spinner), ==, GTK_ALIGN_CENTER);
    g_assert_cmpint (gtk_widget_get_valign (spinner), ==, GTK_ALIGN_CENTER);
  }
  gtk_window_destroy (GTK_WINDOW (findings));

  /* the grid of the samples with findings: each badge names its kind */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.grid-view", "s", "flagged"));
  dd_test_wait_for (badges_shown, &wait, 10, "badges in the grid");
  {
    g_autoptr(GPtrArray) cells = dd_test_find_all (GTK_WIDGET (dd_window_get_grid (window)),
                                                   DD_TYPE_THUMBNAIL_CELL);
    guint seen = 0;

    for (guint i = 0; i < cells->len; i++)
      {
        DdThumbnailCell *cell = cells->pdata[i];
        DdSampleItem *item = dd_thumbnail_cell_get_item (cell);
        g_autofree char *tooltip = NULL;
        guint32 flags;

        if (!dd_thumbnail_cell_get_has_badge (cell) || item == NULL)
          continue;
        flags = dd_sample_item_get_flags (item);
        tooltip = dd_thumbnail_cell_get_badge_tooltip (cell);
        g_assert_nonnull (tooltip);
        /* the problem, not where the file is */
        g_assert_null (strstr (tooltip, dd_sample_item_get_key (item)));
        g_assert_nonnull (strstr (tooltip, dd_health_kind_title (g_bit_nth_lsf (flags, -1))));
        /* what the problem is, in words */
        g_assert_nonnull (strstr (tooltip, dd_ui_health_problem (g_bit_nth_lsf (flags, -1))));
        /* an icon a kind: a missing label is a question, a broken file a missing image */
        g_assert_cmpstr (dd_thumbnail_cell_get_badge_icon (cell), ==,
                         dd_ui_health_icon (g_bit_nth_lsf (flags, -1)));
        g_assert_cmpstr (dd_thumbnail_cell_get_badge_icon (cell), !=, "dialog-warning-symbolic");
        seen++;
      }
    g_assert_cmpuint (seen, >, 0);
  }
  /* an empty grid says why in the words of what it shows, not "Nothing matches the
   * current selection" under "With findings" */
  g_assert_nonnull (strstr (dd_thumbnail_grid_get_empty_text (dd_window_get_grid (window)), "findings"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.grid-view", "s", "excluded"));
  g_assert_nonnull (strstr (dd_thumbnail_grid_get_empty_text (dd_window_get_grid (window)),
                            "excluded by hand"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.grid-view", "s", "subset"));
  g_assert_nonnull (strstr (dd_thumbnail_grid_get_empty_text (dd_window_get_grid (window)),
                            "current selection"));
  dd_test_close_window (window);
}

/* A catalog from a newer DataDive, or not a catalog at all, shows an error page. */
static gboolean
shows_error (gpointer data)
{
  return g_strcmp0 (dd_window_get_state (data), "error") == 0;
}

static void
test_window_bad_catalog (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "garbage.ddcat", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  DdWindow *window;

  g_assert_true (g_file_set_contents (path, "this is not a catalog", -1, NULL));
  window = dd_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  dd_window_open_file (window, file);
  dd_test_wait_for (shows_error, window, 10, "the error page");
  dd_test_close_window (window);
}

static gboolean
document_ready (gpointer data)
{
  DdDocument *document = dd_window_get_document (data);

  return document && !dd_document_get_busy (document) && dd_document_get_selection (document);
}

/* A catalog this user cannot write (a shared mount): shown, said to be read-only, and
 * curated without errors; the working recipe is simply not kept. */
static void
test_window_read_only_catalog (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "read-only.ddcat", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autoptr(DdRecipe) changed = NULL;
  DdDocument *document;
  DdWindow *window;
  gsize len;

  g_assert_true (g_file_get_contents (catalog_path, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  if (!dd_test_make_unwritable (path))
    {
      dd_test_make_writable (path);
      g_test_skip ("cannot make a file unwritable here");
      return;
    }
  window = dd_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  dd_window_open_file (window, file);
  dd_test_wait_for (document_ready, window, 30, "the document");
  g_assert_cmpstr (dd_window_get_state (window), ==, "content");
  g_assert_true (dd_window_get_read_only_shown (window));
  g_assert_true (dd_catalog_is_read_only (dd_window_get_catalog (window)));

  document = dd_window_get_document (window);
  changed = dd_recipe_with_splits (dd_document_get_recipe (document),
                                   (const char * const[]) { "train", NULL });
  dd_test_apply_recipe (document, changed);
  g_assert_null (dd_document_get_error (document));
  dd_test_close_window (window);
  dd_test_make_writable (path);
}

static gboolean
shows_empty (gpointer data)
{
  return g_strcmp0 (dd_window_get_state (data), "empty") == 0;
}

/* First start: the demo is being generated; Cancel stops it and leaves an empty window. */
/* The header says the title once: with no tabs to switch (preparing, opening, indexing,
 * an error, nothing open) the switcher shows it in the middle and the title at the left
 * hides — both said "full" while the full-scale demo opened. */
static void
assert_title_once (DdWindow *window)
{
  GtkWidget *left = dd_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE);
  GtkWidget *middle = dd_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE);

  g_assert_nonnull (left);
  g_assert_nonnull (middle);
  g_assert_false (gtk_widget_is_ancestor (left, middle));
  g_assert_false (gtk_widget_get_visible (left) &&
                  !adw_view_switcher_title_get_view_switcher_enabled (ADW_VIEW_SWITCHER_TITLE (middle)));
}

static void
test_window_cancel_demo (void)
{
  DdWindow *window = dd_window_new (GTK_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  dd_window_open_default (window);
  g_assert_cmpstr (dd_window_get_state (window), ==, "loading");
  dd_test_settle (0.2);
  if (g_strcmp0 (dd_window_get_state (window), "loading") == 0)
    assert_title_once (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-loading", NULL));
  dd_test_wait_for (shows_empty, window, 10, "the empty page");
  dd_test_settle (0.5);
  g_assert_cmpstr (dd_window_get_state (window), ==, "empty");
  assert_title_once (window);
  dd_test_close_window (window);
}

/* Without an argument the window opens the dataset opened last: the GSettings key
 * "last-dataset" (a state.ini beside it is not read). */
static void
test_window_last_dataset (void)
{
  g_autoptr(DdCatalog) catalog = open_catalog ();
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "datadive", NULL);
  g_autofree char *state = g_build_filename (dir, "state.ini", NULL);
  g_autofree char *ini = g_strdup_printf ("[state]\nlast-dataset=%s\n", demo_dir);
  g_autofree char *last = NULL;
  DdTestWindowWait wait = { 0, };

  g_assert_nonnull (dd_settings_get ());
  g_settings_set_string (dd_settings_get (), "last-dataset", catalog_path);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (state, ini, -1, NULL));

  wait.window = dd_window_new (GTK_APPLICATION (app));
  wait.n = dd_catalog_get_n_samples (catalog);
  gtk_window_present (GTK_WINDOW (wait.window));
  dd_window_open_default (wait.window);
  dd_test_wait_for (dd_test_overview_counted, &wait, 30, "the overview");
  g_assert_cmpstr (dd_session_get_target (dd_window_get_session (wait.window)), ==, catalog_path);
  last = g_settings_get_string (dd_settings_get (), "last-dataset");
  g_assert_cmpstr (last, ==, catalog_path);
  dd_test_close_window (wait.window);
}

static gboolean
indexing_done (gpointer data)
{
  DdTestWindowWait *wait = data;

  return dd_test_overview_counted (data) &&
         !g_action_group_get_action_enabled (G_ACTION_GROUP (wait->window), "cancel-indexing");
}

/* A folder is indexed into its own catalog with progress, then opened at once the next
 * time while it is re-indexed in the background. */
static void
test_window_index_folder (void)
{
  g_autoptr(DdCatalog) catalog = open_catalog ();
  g_autoptr(GFile) folder = g_file_new_for_path (demo_dir);
  DdTestWindowWait wait = { 0, };

  wait.window = dd_window_new (GTK_APPLICATION (app));
  wait.n = dd_catalog_get_n_samples (catalog);
  gtk_window_present (GTK_WINDOW (wait.window));

  for (guint round = 0; round < 2; round++)
    {
      dd_window_open_file (wait.window, folder);
      dd_test_wait_for (indexing_done, &wait, 60, "the indexed folder");
      g_assert_cmpstr (dd_window_get_state (wait.window), ==, "content");
      g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (wait.window)), ==, "demo");
      g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (wait.window), "reindex"));
    }

  /* The content pass ran after the scan: the demo's broken files are found. */
  {
    DdThumbnailGrid *grid = dd_window_get_grid (wait.window);
    g_autoptr(DdFacets) facets = dd_catalog_facets (dd_window_get_catalog (wait.window),
                                                    dd_thumbnail_grid_get_selection (grid));

    g_assert_cmpuint (facets->flags[DD_HEALTH_EMPTY_FILE] + facets->flags[DD_HEALTH_UNDECODABLE] +
                      facets->flags[DD_HEALTH_TRUNCATED], >, 0);
  }

  dd_test_close_window (wait.window);
}

/* Counts in the window had no digit grouping (859960) where the locale has none, as
 * C.UTF-8: they are grouped by a narrow no-break space there, by the locale's
 * separator elsewhere. */
static void
test_counts_grouped (void)
{
  g_autofree char *numeric = g_strdup (setlocale (LC_NUMERIC, NULL));
  DdClassInfo info = { 1, (char *) "n01443537", (char *) "goldfish", NULL, NULL, NULL, NULL, TRUE };
  g_autoptr(DdClassItem) item = dd_class_item_new (&info);
  g_autofree char *count_text = NULL;
  g_autofree char *findings_text = NULL;

  setlocale (LC_NUMERIC, "C");
  dd_class_item_set_counts (item, 12345, 859960, 1234);
  g_object_get (item, "count-text", &count_text, "findings-text", &findings_text, NULL);
  g_assert_cmpstr (count_text, ==, "12\u202f345 / 859\u202f960");
  g_assert_cmpstr (findings_text, ==, "1\u202f234");
  setlocale (LC_NUMERIC, numeric);
}

/* ---- the overview of a dataset folder named in Latin-1 ----------------------------- */

static gboolean
overview_has_samples (gpointer data)
{
  return dd_overview_get_n_samples (data) > 0;
}

/* Every row title, subtitle and tooltip under @widget is UTF-8. */
static guint
assert_rows_utf8 (GtkWidget *widget)
{
  guint n = 0;

  if (ADW_IS_ACTION_ROW (widget))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));
      const char *tooltip = dd_ui_get_tooltip (widget);

      g_assert_true (title == NULL || g_utf8_validate (title, -1, NULL));
      g_assert_true (subtitle == NULL || g_utf8_validate (subtitle, -1, NULL));
      g_assert_true (tooltip == NULL || g_utf8_validate (tooltip, -1, NULL));
      n++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    n += assert_rows_utf8 (child);
  return n;
}

/* A source's root is a file name: the overview showed its raw bytes, which Pango
 * refuses ("Invalid UTF-8 string passed to pango_layout_set_text()"). */
/* A new catalog @name in the test folder, filled by the kit. */
static DdCatalog *
filled_catalog (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  DdCatalog *catalog = dd_catalog_open (path, DD_CATALOG_OPEN_CREATE, &error);

  g_assert_no_error (error);
  dd_test_fill_catalog (catalog);
  return catalog;
}

static void
test_overview_latin1_source (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalog) catalog = filled_catalog ("latin1.ddcat");
  g_autoptr(DdSelection) all = NULL;
  GtkWidget *overview = g_object_ref_sink (dd_overview_new ());

  dd_test_damage_sql (dd_catalog_get_path (catalog),   /* /data/tiny\xe9 */
                      "UPDATE sources SET root = CAST (X'2F646174612F74696E79E9' AS TEXT)"
                      " WHERE id = 1");
  g_assert_true (dd_catalog_reload (catalog, &error));
  all = dd_catalog_select (catalog, NULL, NULL, &error);
  g_assert_no_error (error);

  dd_overview_show (DD_OVERVIEW (overview), catalog, all);
  dd_test_wait_for (overview_has_samples, overview, 10, "the overview's counts");
  g_assert_cmpuint (assert_rows_utf8 (overview), >=, 2);   /* the two sources at least */
  g_object_unref (overview);
}

/* The overview's groups under its top part (splits, severities, corruptions, health)
 * show one a frame at its first map, not all in its first frame; every one shows in
 * the end, also when the overview is unmapped before they all did. */
static guint
count_later_groups (GtkWidget *widget)
{
  guint n = 0;

  if (ADW_IS_PREFERENCES_GROUP (widget) && gtk_widget_get_visible (widget))
    {
      const char *title = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget));

      n += g_strcmp0 (title, _("Splits")) == 0 || g_strcmp0 (title, _("Severities")) == 0 ||
           g_strcmp0 (title, _("Corruptions")) == 0 || g_strcmp0 (title, _("Health")) == 0;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    n += count_later_groups (child);
  return n;
}

static gboolean
later_groups_shown (gpointer data)
{
  return count_later_groups (data) == 4;
}

static GtkWidget *
overview_window (DdCatalog   *catalog,
                 DdSelection *all,
                 GtkWidget  **overview)
{
  GtkWidget *window = gtk_window_new ();

  *overview = dd_overview_new ();
  gtk_window_set_child (GTK_WINDOW (window), *overview);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  dd_overview_show (DD_OVERVIEW (*overview), catalog, all);
  dd_test_wait_for (overview_has_samples, *overview, 10, "the overview's counts");
  return window;
}

static void
test_overview_groups_one_a_frame (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalog) catalog = filled_catalog ("reveal.ddcat");
  g_autoptr(DdSelection) all = NULL;
  GtkWidget *overview, *window;

  all = dd_catalog_select (catalog, NULL, NULL, &error);
  g_assert_no_error (error);

  window = overview_window (catalog, all, &overview);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_get_mapped (overview));
  g_assert_cmpuint (count_later_groups (overview), <, 4);
  dd_test_wait_for (later_groups_shown, overview, 10, "every group of the overview");
  gtk_window_destroy (GTK_WINDOW (window));

  /* unmapped at once: every group for the next map */
  window = overview_window (catalog, all, &overview);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpuint (count_later_groups (overview), <, 4);
  gtk_widget_set_visible (window, FALSE);
  g_assert_cmpuint (count_later_groups (overview), ==, 4);
  gtk_widget_set_visible (window, TRUE);
  g_assert_cmpuint (count_later_groups (overview), ==, 4);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The classes part of a subset's description with many classes: the names sorted as
 * the locale sorts them, three on the chip, forty in the tooltip and how many more
 * (sorted by collation keys made once per name: comparing with g_utf8_collate() took
 * 27 ms of each change of the subset at 1,000 classes). */
static void
test_describe_many_classes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "many-classes.ddcat", NULL);
  g_autoptr(DdCatalog) catalog = dd_catalog_open (path, DD_CATALOG_OPEN_CREATE, &error);
  g_autoptr(DdRecipe) all = dd_recipe_new ();
  g_autoptr(DdRecipe) some = NULL;
  g_autoptr(GStrvBuilder) chosen = g_strv_builder_new ();
  g_auto(GStrv) wnids = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  DdCatalogWriter *writer;
  const DdUiPart *classes = NULL;
  guint source;

  g_assert_no_error (error);
  writer = dd_test_writer (catalog);
  source = dd_test_add_source (writer, "/data/many", "imagefolder");
  /* names in reverse order of their ids, one with an accent, one capitalised */
  for (guint i = 0; i < 45; i++)
    {
      g_autofree char *wnid = g_strdup_printf ("n%08u", 1000 + i);
      g_autofree char *name = i == 44 ? g_strdup ("Ängel") : i == 43 ? g_strdup ("Zebra")
                                      : g_strdup_printf ("class %02u", 44 - i);
      g_autofree char *key = g_strdup_printf ("many/%s/a.JPEG", wnid);
      guint id = dd_test_add_class (writer, wnid, name, name, NULL, NULL);

      dd_test_add_sample (writer, source, key, id, 0, 0, 0, 0, NULL);
      if (i != 7)   /* all but one */
        g_strv_builder_add (chosen, wnid);
    }
  dd_test_commit (writer);
  wnids = g_strv_builder_end (chosen);
  some = dd_recipe_with_classes (all, (const char * const *) wnids);
  parts = dd_ui_describe_subset (some, catalog, NULL);
  for (guint i = 0; i < parts->len; i++)
    if (((DdUiPart *) parts->pdata[i])->kind == DD_UI_PART_CLASSES)
      classes = parts->pdata[i];
  g_assert_nonnull (classes);
  g_assert_true (strstr (classes->label, "44") != NULL);
  g_assert_true (g_str_has_prefix (classes->details, "44 of 45 classes: "));
  /* class 37 (id 8) is the one left out; the rest by name, "Ängel" before "class 00"
   * in the locale's order where it sorts so */
  g_assert_null (strstr (classes->details, "class 37"));
  g_assert_true (strstr (classes->details, ", and 4 more") != NULL);
  {
    const char *list = classes->details + strlen ("44 of 45 classes: ");
    g_auto(GStrv) names = g_strsplit (list, ", ", -1);
    guint n = 0;

    for (guint i = 0; names[i] && !g_str_has_prefix (names[i], "and "); i++, n++)
      if (i > 0)
        g_assert_cmpint (g_utf8_collate (names[i - 1], names[i]), <=, 0);
    g_assert_cmpuint (n, ==, 40);
  }
}

static gboolean
overview_counts (gpointer data)
{
  gpointer *args = data;

  return dd_overview_get_n_samples (args[0]) == GPOINTER_TO_UINT (args[1]);
}

/* A subset without one of the corruptions (or severities, or findings) changes the
 * overview's numbers and hides that row: the rows are not made again (new rows are
 * measured and their text shaped again: unchecking a corruption held the window for a
 * quarter of a second, issue 16). */
static void
test_overview_in_place (void)
{
  g_autoptr(DdCatalog) catalog = open_catalog ();
  g_autoptr(GPtrArray) corruptions = dd_catalog_list_corruptions (catalog);
  g_autoptr(DdSelection) all = select_all (catalog);
  g_autoptr(DdFacets) facets = dd_catalog_facets (catalog, all);
  g_autoptr(DdFilter) one = dd_filter_new ();
  g_autoptr(DdSelection) some = NULL;
  g_autofree char *gone_title = NULL;
  GtkWidget *overview = g_object_ref_sink (dd_overview_new ());
  GtkWidget *gone_row, *kept_row;
  const DdCorruptionInfo *kept = NULL, *gone = NULL;
  gpointer args[2] = { overview, NULL };

  for (guint i = 0; i < corruptions->len; i++)
    {
      const DdCorruptionInfo *c = g_ptr_array_index (corruptions, i);

      if (c == NULL || g_strcmp0 (c->name, "none") == 0 || c->id >= facets->n_corruptions ||
          facets->corruptions[c->id] == 0)
        continue;
      if (kept == NULL)
        kept = c;
      else if (gone == NULL)
        gone = c;
    }
  g_assert_nonnull (kept);
  g_assert_nonnull (gone);
  dd_filter_add_corruption (one, kept->id);
  some = dd_catalog_select (catalog, one, NULL, NULL);
  g_assert_cmpuint (dd_selection_get_n (some), <, dd_selection_get_n (all));
  gone_title = dd_ui_corruption_title (gone->name);

  dd_overview_show (DD_OVERVIEW (overview), catalog, all);
  args[1] = GUINT_TO_POINTER (dd_selection_get_n (all));
  dd_test_wait_for (overview_counts, args, 10, "the overview of everything");
  gone_row = dd_test_find_row (overview, gone_title);
  g_assert_nonnull (gone_row);
  /* a corruption's row is in its family's expander row, and not there to measure until
   * the family is expanded (a collapsed AdwExpanderRow still measures its rows) */
  g_assert_false (gtk_widget_get_visible (gone_row));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (gtk_widget_get_ancestor (gone_row, ADW_TYPE_EXPANDER_ROW)),
                                 TRUE);
  g_assert_true (gtk_widget_get_visible (gone_row));
  {
    g_autofree char *kept_title = dd_ui_corruption_title (kept->name);

    kept_row = dd_test_find_row (overview, kept_title);
    g_assert_nonnull (kept_row);
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (gtk_widget_get_ancestor (kept_row, ADW_TYPE_EXPANDER_ROW)),
                                   TRUE);
    /* one line, cut rather than wrapped (a wrapping row is shaped at every width asked) */
    g_assert_cmpint (adw_action_row_get_title_lines (ADW_ACTION_ROW (kept_row)), ==, 1);
  }

  dd_overview_show (DD_OVERVIEW (overview), catalog, some);
  args[1] = GUINT_TO_POINTER (dd_selection_get_n (some));
  dd_test_wait_for (overview_counts, args, 10, "the overview of one corruption");
  g_assert_true (dd_test_find_row (overview, gone_title) == gone_row);
  g_assert_false (gtk_widget_get_visible (gone_row));
  g_assert_true (gtk_widget_is_ancestor (kept_row, overview));
  g_assert_true (gtk_widget_get_visible (kept_row));

  dd_overview_show (DD_OVERVIEW (overview), catalog, all);
  args[1] = GUINT_TO_POINTER (dd_selection_get_n (all));
  dd_test_wait_for (overview_counts, args, 10, "the overview of everything again");
  g_assert_true (dd_test_find_row (overview, gone_title) == gone_row);
  g_assert_true (gtk_widget_get_visible (gone_row));
  g_object_unref (overview);
}

/* The overview said "No problems found" while a source row said "1 unreadable": files
 * and folders the index could not read are problems of the subset's dataset too. */
static void
test_overview_unreadable (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "unreadable.ddcat", NULL);
  g_autoptr(DdCatalog) catalog = dd_catalog_open (path, DD_CATALOG_OPEN_CREATE, &error);
  g_autoptr(DdFilter) healthy = dd_filter_new ();
  g_autoptr(DdSelection) samples = NULL;
  GtkWidget *overview = g_object_ref_sink (dd_overview_new ());

  g_assert_no_error (error);
  dd_test_fill_catalog (catalog);
  {
    /* the first source's index met one file it could not read */
    DdCatalogWriter *writer = dd_test_writer (catalog);
    DdSourceInfo info = { .id = 1, .root = (char *) "/data/tiny",
                          .layout = (char *) "tiny-imagenet", .unreadable = 1 };

    g_assert_true (dd_catalog_writer_finish_source (writer, &info, &error));
    g_assert_no_error (error);
    dd_test_commit (writer);
  }
  /* samples without a finding: the subset alone would say nothing is wrong */
  healthy->exclude_flags = G_MAXUINT32;
  samples = dd_catalog_select (catalog, healthy, NULL, &error);
  g_assert_no_error (error);

  dd_overview_show (DD_OVERVIEW (overview), catalog, samples);
  dd_test_wait_for (overview_has_samples, overview, 10, "the overview's counts");
  g_assert_null (dd_test_find_label (overview, "No problems found"));
  g_assert_nonnull (dd_test_find_label (overview, "could not be read"));
  g_object_unref (overview);
}

/* A text cell notifies "text" to whoever listens, also through a binding; the same text
 * again notifies nothing, nor does the silent setter (for a widget's own lines). */
static void
count_notify (guint *count)
{
  (*count)++;
}

static void
test_text_cell_notify (void)
{
  GtkWidget *cell = g_object_ref_sink (dd_text_cell_new ());
  GtkWidget *label = g_object_ref_sink (gtk_label_new (NULL));
  guint count = 0;
  gulong handler;

  dd_text_cell_set_text (DD_TEXT_CELL (cell), "before anyone listens");
  handler = g_signal_connect_swapped (cell, "notify::text", G_CALLBACK (count_notify), &count);
  dd_text_cell_set_text (DD_TEXT_CELL (cell), "Fog · 3");
  g_assert_cmpuint (count, ==, 1);
  dd_text_cell_set_text (DD_TEXT_CELL (cell), "Fog · 3");
  g_assert_cmpuint (count, ==, 1);
  g_object_set (cell, "text", "Frost · 1", NULL);
  g_assert_cmpuint (count, ==, 2);
  dd_text_cell_set_text_silently (DD_TEXT_CELL (cell), "Frost · 2");
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpstr (dd_text_cell_get_text (DD_TEXT_CELL (cell)), ==, "Frost · 2");
  g_signal_handler_disconnect (cell, handler);

  g_object_bind_property (cell, "text", label, "label", G_BINDING_DEFAULT);
  dd_text_cell_set_text (DD_TEXT_CELL (cell), "Snow · 5");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "Snow · 5");
  g_assert_false (dd_text_cell_is_cut (DD_TEXT_CELL (cell)));
  g_object_unref (cell);
  g_object_unref (label);
}

/* The highest alpha of @texture's pixels, and that every pixel is in @color's hue
 * (premultiplied: each channel at most its share of the alpha). */
static guint
icon_max_alpha (GdkTexture    *texture,
                const GdkRGBA *color)
{
  gsize n = (gsize) gdk_texture_get_width (texture) * gdk_texture_get_height (texture);
  g_autofree guint32 *pixels = g_new (guint32, n);
  guint max_alpha = 0, drawn = 0;

  /* downloaded as cairo's premultiplied ARGB32, native order */
  gdk_texture_download (texture, (guchar *) pixels, gdk_texture_get_width (texture) * 4);
  for (gsize i = 0; i < n; i++)
    {
      guint alpha = pixels[i] >> 24;
      guint channels[3] = { (pixels[i] >> 16) & 0xff, (pixels[i] >> 8) & 0xff, pixels[i] & 0xff };
      float want[3] = { color->red, color->green, color->blue };

      max_alpha = MAX (max_alpha, alpha);
      drawn += alpha > 0;
      for (guint c = 0; c < 3; c++)
        g_assert_cmpfloat (fabs (channels[c] - want[c] * alpha), <=, 2);
    }
  g_assert_cmpuint (drawn, >, 20);   /* the icon is there */
  return max_alpha;
}

/* A symbolic icon drawn once into a texture in one colour and opacity: the same texture
 * for the same request, another for another colour, the colour in its pixels and the
 * opacity in their alpha. */
static void
test_icon_texture (void)
{
  GtkWidget *widget = g_object_ref_sink (gtk_label_new (NULL));
  GdkRGBA red = { 1, 0, 0, 1 }, blue = { 0, 0, 1, 1 };
  g_autoptr(GdkTexture) a = dd_icon_texture (widget, "image-missing-symbolic", 32, &red, 0.5);
  g_autoptr(GdkTexture) b = dd_icon_texture (widget, "image-missing-symbolic", 32, &red, 0.5);
  g_autoptr(GdkTexture) c = dd_icon_texture (widget, "image-missing-symbolic", 32, &blue, 0.5);
  g_autoptr(GdkTexture) whole = dd_icon_texture (widget, "image-missing-symbolic", 32, &red, 1.0);
  guint half_alpha, whole_alpha;

  g_assert_true (a == b);
  g_assert_true (a != c);
  g_assert_cmpint (gdk_texture_get_width (a), ==, 32 * gtk_widget_get_scale_factor (widget));
  half_alpha = icon_max_alpha (a, &red);
  icon_max_alpha (c, &blue);
  whole_alpha = icon_max_alpha (whole, &red);
  g_assert_cmpuint (ABS ((int) half_alpha * 2 - (int) whole_alpha), <=, 3);
  g_object_unref (widget);
}

/* DdGrowModel: all of its model, changes passed through as they come; limited, its
 * first items only, a change announced as a change of all it shows after it. */
typedef struct
{
  guint position, removed, added, n;
} Change;

static void
note_change (GListModel *model,
             guint       position,
             guint       removed,
             guint       added,
             Change     *change)
{
  *change = (Change) { position, removed, added, change->n + 1 };
}

static void
test_grow_model (void)
{
  g_autoptr(GListStore) store = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autoptr(DdGrowModel) grown = NULL;
  Change change = { 0, };

  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(GObject) item = g_object_new (G_TYPE_OBJECT, NULL);

      g_list_store_append (store, item);
    }
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (store)));
  grown = dd_grow_model_new (GTK_SELECTION_MODEL (selection));
  g_signal_connect (grown, "items-changed", G_CALLBACK (note_change), &change);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (grown)), ==, 1000);

  /* all shown: a change in the middle is that change (GtkSliceListModel of GTK 4.8
   * announced all that followed it) */
  g_list_store_remove (store, 500);
  g_assert_cmpuint (change.n, ==, 1);
  g_assert_cmpuint (change.position, ==, 500);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (grown)), ==, 999);

  /* limited: its first items; growing adds at the end */
  dd_grow_model_set_limit (grown, 64);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (grown)), ==, 64);
  g_assert_cmpuint (change.position, ==, 64);
  g_assert_cmpuint (change.removed, ==, 999 - 64);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (grown), 64));
  g_assert_true (g_list_model_get_item (G_LIST_MODEL (grown), 63) ==
                 g_list_model_get_item (G_LIST_MODEL (store), 63));
  g_object_unref (g_list_model_get_item (G_LIST_MODEL (grown), 63));
  g_object_unref (g_list_model_get_item (G_LIST_MODEL (store), 63));
  dd_grow_model_set_limit (grown, 128);
  g_assert_cmpuint (change.position, ==, 64);
  g_assert_cmpuint (change.added, ==, 64);

  /* limited, a change past what it shows is not announced; one inside is */
  change.n = 0;
  g_list_store_remove (store, 700);
  g_assert_cmpuint (change.n, ==, 0);
  g_list_store_remove (store, 10);
  g_assert_cmpuint (change.n, ==, 1);
  g_assert_cmpuint (change.position, ==, 10);
  g_assert_cmpuint (change.removed, ==, 118);
  g_assert_cmpuint (change.added, ==, 118);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (grown)), ==, 128);

  dd_grow_model_set_limit (grown, G_MAXUINT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (grown)), ==, 997);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  setup_dataset ();

  app = dd_test_application_new (".Test");

  g_test_add_func ("/ui/counts/grouped", test_counts_grouped);
  g_test_add_func ("/ui/sample-model/paging", test_sample_model_paging);
  g_test_add_func ("/ui/sample-model/skips-stale-pages", test_sample_model_skips_stale_pages);
  g_test_add_func ("/ui/sample-model/changes", test_sample_model_changes);
  g_test_add_func ("/ui/thumbnailer/bounded-cache", test_thumbnailer_bound);
  g_test_add_func ("/ui/thumbnailer/decoders-yield", test_thumbnailer_yields);
  g_test_add_func ("/ui/thumbnailer/newest-first", test_thumbnailer_newest_first);
  g_test_add_func ("/ui/text-cell/notify", test_text_cell_notify);
  g_test_add_func ("/ui/icon-texture", test_icon_texture);
  g_test_add_func ("/ui/grow-model", test_grow_model);
  g_test_add_func ("/ui/window/grid-grows", test_window_grid_grows);
  g_test_add_func ("/ui/window/grid-grows-select-all", test_window_grid_grows_select_all);
  g_test_add_func ("/ui/window/overview-sentences", test_window_overview_sentences);
  g_test_add_func ("/ui/thumbnailer/pixels", test_thumbnailer_pixels);
  g_test_add_func ("/ui/thumbnail-cell/states", test_thumbnail_cell_states);
  g_test_add_func ("/ui/window/cancel-demo", test_window_cancel_demo);
  g_test_add_func ("/ui/window/tabs", test_window_tabs);
  g_test_add_func ("/ui/window/viewer", test_window_viewer);
  g_test_add_func ("/ui/window/findings", test_window_findings);
  g_test_add_func ("/ui/window/relations", test_window_relations);
  g_test_add_func ("/ui/window/explorer-readable", test_window_explorer_readable);
  g_test_add_func ("/ui/window/health-thumbnails", test_window_health_thumbnails);
  g_test_add_func ("/ui/drag-provider", test_drag_provider);
  g_test_add_func ("/ui/window/bad-catalog", test_window_bad_catalog);
  g_test_add_func ("/ui/window/read-only-catalog", test_window_read_only_catalog);
  g_test_add_func ("/ui/window/last-dataset", test_window_last_dataset);
  g_test_add_func ("/ui/window/index-folder", test_window_index_folder);
  g_test_add_func ("/ui/overview/latin1-source", test_overview_latin1_source);
  g_test_add_func ("/ui/window/overview-waits", test_window_overview_waits);
  g_test_add_func ("/ui/overview/groups-one-a-frame", test_overview_groups_one_a_frame);
  g_test_add_func ("/ui/overview/unreadable", test_overview_unreadable);
  g_test_add_func ("/ui/overview/in-place", test_overview_in_place);
  g_test_add_func ("/ui/window/medium-waits", test_medium_waits);
  g_test_add_func ("/ui/curation/counts-from-subset", test_panel_counts_from_subset);
  g_test_add_func ("/ui/curation/rows-in-slices", test_panel_rows_in_slices);
  g_test_add_func ("/ui/curation/corruptions-splits", test_panel_corruptions_splits);
  g_test_add_func ("/ui/text/titles", test_text_titles);
  g_test_add_func ("/ui/describe/many-classes", test_describe_many_classes);
  status = dd_test_run_held (&app);
  dd_test_fixture_clear (&fixture);
  return status;
}
