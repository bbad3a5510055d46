/* Tests of the exporter: every layout read back (ImageFolder walked as torchvision
 * walks it, tar shards parsed), names that never collide, refusal, atomicity,
 * vanished files, hard links and symbolic links, unlabeled samples. */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dd-export.h"
#include "dd-test-util.h"

typedef struct {
  DD_TEST_FIXTURE_FIELDS
  DdSelection *all;
} Fixture;

/* The demo's 3 classes × 2, indexed, and all its samples. */
static void
setup (Fixture       *f,
       gconstpointer  data)
{
  dd_test_setup_demo ((DdTestFixture *) f, NULL);
  f->all = dd_catalog_select (f->catalog, NULL, NULL, NULL);
}

/* A folder and no catalog yet: the case writes its own dataset. */
static void
setup_bare (Fixture       *f,
            gconstpointer  data)
{
  dd_test_fixture_init ((DdTestFixture *) f, NULL);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_pointer (&f->all, dd_selection_unref);
  dd_test_teardown ((DdTestFixture *) f, data);
}

static DdExportResult *
export (Fixture        *f,
        DdSelection    *selection,
        DdExportLayout  layout,
        DdExportMode    mode,
        const char     *name,
        GError        **error)
{
  g_autoptr(DdExporter) exporter = dd_exporter_new (f->catalog);
  g_autofree char *target = g_build_filename (f->dir, name, NULL);
  DdExportOptions options = { layout, mode, target, 7, NULL };

  return dd_exporter_run (exporter, selection, &options, NULL, NULL, NULL, error);
}

static DdSelection *
select_split (Fixture    *f,
              const char *split)
{
  g_autoptr(DdFilter) filter = dd_filter_new ();

  g_assert_true (dd_catalog_filter_add_split_name (f->catalog, filter, split, NULL));
  return dd_catalog_select (f->catalog, filter, NULL, NULL);
}

static gboolean
torch_is_image (const char *name)
{
  static const char *exts[] = { ".jpg", ".jpeg", ".png", ".ppm", ".bmp", ".pgm", ".tif", ".tiff", ".webp" };
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    if (g_str_has_suffix (lower, exts[i]))
      return TRUE;
  return FALSE;
}

static int
cmp_str (gconstpointer a,
         gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* torchvision.datasets.ImageFolder(root): classes = sorted sub-folders, each file with
 * an image extension under a class folder (recursively) is (path, class index). */
static void
test_imagefolder_as_torchvision (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdSelection) val = select_split (f, "val");
  g_autoptr(DdExportResult) result = export (f, val, DD_EXPORT_IMAGEFOLDER, DD_EXPORT_COPY, "if", &error);
  g_autofree char *root = g_build_filename (f->dir, "if", "val", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) classes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *name;
  guint files = 0;
  g_autofree char *recipe = NULL;
  g_autofree char *manifest = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (result);
  /* the demo's missing-label val images cannot go to a class folder */
  g_assert_cmpuint (result->skipped_unlabeled, >, 0);
  g_assert_cmpuint (result->exported + result->skipped_unlabeled, ==, dd_selection_get_n (val));

  dir = g_dir_open (root, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)))
    g_ptr_array_add (classes, g_strdup (name));
  g_ptr_array_sort (classes, cmp_str);
  for (guint c = 0; c < classes->len; c++)
    {
      g_autofree char *cdir = g_build_filename (root, classes->pdata[c], NULL);
      g_autoptr(GDir) inner = g_dir_open (cdir, 0, NULL);

      while ((name = g_dir_read_name (inner)))
        {
          g_autofree char *path = g_build_filename (cdir, name, NULL);

          g_assert_true (torch_is_image (name));
          g_hash_table_insert (seen, g_strdup_printf ("val/%s/%s", (char *) classes->pdata[c], name),
                               GUINT_TO_POINTER (c + 1));
          g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
          files++;
        }
    }
  g_assert_cmpuint (files, ==, result->exported);
  /* the 75 variants of one val image got distinct names */
  g_assert_cmpuint (g_hash_table_size (seen), ==, files);

  manifest = dd_test_read_file (f->dir, "if/manifest.csv", NULL);
  g_assert_true (g_str_has_prefix (manifest, "path,key,wnid,class_name,label,corruption,severity,split\n"));
  /* Each manifest row: its file is where torchvision finds it, in the folder of its
   * wnid, and its label is the index torchvision gives that folder. */
  {
    g_auto(GStrv) rows = g_strsplit (g_strstrip (manifest), "\n", -1);

    g_assert_cmpuint (g_strv_length (rows) - 1, ==, files);
    for (guint r = 1; rows[r]; r++)
      {
        g_auto(GStrv) col = g_strsplit (rows[r], ",", -1);
        guint torch_index = GPOINTER_TO_UINT (g_hash_table_lookup (seen, col[0]));
        gint64 id = dd_catalog_lookup_key (f->catalog, col[1], NULL);
        g_autoptr(DdSampleInfo) info = dd_catalog_get_sample (f->catalog, id, NULL);

        g_assert_cmpuint (torch_index, >, 0);
        g_assert_cmpstr (col[2], ==, info->wnid);
        g_assert_true (g_str_has_prefix (col[0], "val/"));
        g_assert_cmpint (atoi (col[4]), ==, (int) torch_index - 1);
        g_assert_cmpstr (classes->pdata[torch_index - 1], ==, info->wnid);
      }
  }
  recipe = dd_test_read_file (f->dir, "if/recipe.json", NULL);
  g_assert_nonnull (strstr (recipe, "\"include\""));
}

static void
test_manifests (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdExportResult) csv = export (f, f->all, DD_EXPORT_CSV, DD_EXPORT_SYMLINK, "csv", &error);
  g_autoptr(DdExportResult) jsonl = export (f, f->all, DD_EXPORT_JSONL, DD_EXPORT_HARDLINK, "jsonl", &error);
  g_autoptr(DdExportResult) fo = export (f, f->all, DD_EXPORT_FIFTYONE, DD_EXPORT_COPY, "fo", &error);
  g_autoptr(DdExportResult) hf = export (f, f->all, DD_EXPORT_HF, DD_EXPORT_COPY, "hf", &error);
  g_autofree char *fo_path = g_build_filename (f->dir, "fo", "labels.json", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *labels;
  guint n = dd_selection_get_n (f->all);

  g_assert_no_error (error);
  /* manifests keep unlabeled samples (empty label) */
  g_assert_cmpuint (csv->exported, ==, n);
  g_assert_cmpuint (jsonl->exported, ==, n);
  g_assert_cmpuint (fo->exported, ==, n);
  g_assert_cmpuint (hf->exported, ==, n);

  text = dd_test_read_file (f->dir, "csv/manifest.csv", NULL);
  lines = g_strsplit (g_strstrip (text), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, n + 1);
  {
    /* every path of the manifest resolves, as a symbolic link to the source */
    g_auto(GStrv) row = g_strsplit (lines[1], ",", -1);
    g_autofree char *path = g_build_filename (f->dir, "csv", row[0], NULL);
    g_assert_true (g_file_test (path, G_FILE_TEST_IS_SYMLINK));
    g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&lines, g_strfreev);

  text = dd_test_read_file (f->dir, "jsonl/manifest.jsonl", NULL);
  lines = g_strsplit (g_strstrip (text), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, n);
  g_assert_true (json_parser_load_from_data (parser, lines[0], -1, &error));
  {
    JsonObject *o = json_node_get_object (json_parser_get_root (parser));
    g_autofree char *path = g_build_filename (f->dir, "jsonl", json_object_get_string_member (o, "path"), NULL);
    struct stat a, b;
    gint64 id = dd_catalog_lookup_key (f->catalog, json_object_get_string_member (o, "key"), NULL);
    g_autoptr(DdSampleInfo) info = dd_catalog_get_sample (f->catalog, id, NULL);

    g_assert_true (json_object_has_member (o, "label"));
    g_assert_cmpint (stat (path, &a), ==, 0);
    g_assert_cmpint (stat (info->path, &b), ==, 0);
    g_assert_cmpuint (a.st_ino, ==, b.st_ino);    /* a real hard link */
  }
  g_clear_pointer (&text, g_free);

  g_assert_true (json_parser_load_from_file (parser, fo_path, &error));
  labels = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "labels");
  g_assert_cmpuint (json_object_get_size (labels), ==, n);

  text = dd_test_read_file (f->dir, "hf/val/metadata.csv", NULL);
  g_assert_true (g_str_has_prefix (text, "file_name,label,"));
}

/* Parses ustar shards: checksums valid, members grouped by basename. */
static void
test_webdataset (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdSelection) train = select_split (f, "train");
  g_autoptr(DdExportResult) result = export (f, train, DD_EXPORT_WEBDATASET, DD_EXPORT_COPY, "wds", &error);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint shards = 0, members = 0;

  g_assert_no_error (error);
  for (;; shards++)
    {
      g_autofree char *path = g_strdup_printf ("%s/wds/shard-%06u.tar", f->dir, shards);
      g_autofree guint8 *tar = NULL;
      gsize len, off = 0;

      if (!g_file_get_contents (path, (char **) &tar, &len, NULL))
        break;
      g_assert_cmpuint (len % 512, ==, 0);
      while (off + 512 <= len && tar[off] != 0)
        {
          guint sum = 0, stored;
          gsize size;
          char name[101] = { 0 };
          char *dot;

          for (guint i = 0; i < 512; i++)
            sum += (i >= 148 && i < 156) ? ' ' : tar[off + i];
          stored = g_ascii_strtoull ((char *) tar + off + 148, NULL, 8);
          g_assert_cmpuint (sum, ==, stored);
          g_assert_cmpmem (tar + off + 257, 5, "ustar", 5);
          memcpy (name, tar + off, 100);
          size = g_ascii_strtoull ((char *) tar + off + 124, NULL, 8);
          dot = strchr (name, '.');
          g_assert_nonnull (dot);
          *dot = '\0';
          g_hash_table_insert (groups, g_strdup (name),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (groups, name)) + 1));
          members++;
          off += 512 + (size + 511) / 512 * 512;
        }
    }
  /* 7 samples per shard (the fixture's shard size) */
  g_assert_cmpuint (shards, ==, (result->exported + 6) / 7);
  g_assert_cmpuint (g_hash_table_size (groups), ==, result->exported);
  g_assert_cmpuint (members, >=, 2 * result->exported);
}

/* Runs @argv, returns its stdout (the test fails on a non-zero exit or any stderr). */
static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               &err, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* A name longer than a ustar header holds (100 bytes) and a non-ASCII one keep their
 * full names in a pax header (they were cut and hashed): Python's tarfile, which
 * WebDataset reads with, and GNU tar list them whole, with the right contents. */
static void
test_webdataset_long_names (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stem = g_strnfill (150, 'a');
  g_autofree char *long_name = g_strconcat (stem, ".jpg", NULL);
  const char *names[] = { long_name, "\xc3\xa9t\xc3\xa9_\xc3\xbc.jpg" };
  const char *classes[] = { "cat", "dog" };
  g_autofree char *shard = g_build_filename (f->dir, "wds-long", "shard-000000.tar", NULL);
  g_autoptr(DdExportResult) result = NULL;
  g_autofree char *tar = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *rel = g_build_filename (classes[i], names[i], NULL);
      dd_test_put_file (f->data, rel, names[i]);   /* its name as its bytes */
    }
  dd_test_fixture_index ((DdTestFixture *) f);
  f->all = dd_catalog_select (f->catalog, NULL, NULL, NULL);
  result = export (f, f->all, DD_EXPORT_WEBDATASET, DD_EXPORT_COPY, "wds-long", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->exported, ==, 2);

  if (g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      const char *script =
        "import sys, tarfile\n"
        "with tarfile.open(sys.argv[1]) as t:\n"
        "    for m in t.getmembers():\n"
        "        if m.name.endswith('.jpg'):\n"
        "            sys.stdout.write(m.name + '=' + t.extractfile(m).read().decode() + '\\n')\n";
      g_autofree char *out = run_tool ((const char *[]) { "/usr/bin/python3", "-c", script, shard,
                                                          NULL });
      g_autofree char *expected = g_strdup_printf ("%s=%s\n%s=%s\n", names[0], names[0],
                                                   names[1], names[1]);
      g_assert_cmpstr (out, ==, expected);
    }
  else
    g_test_message ("no /usr/bin/python3: tarfile not tried");
  if ((tar = g_find_program_in_path ("tar")))
    {
      g_autofree char *out = run_tool ((const char *[]) { tar, "-tf", shard, NULL });
      g_autofree char *expected = g_strdup_printf ("%s\n%s.cls\n%s.json\n"
                                                   "\xc3\xa9t\xc3\xa9_\xc3\xbc.jpg\n"
                                                   "\xc3\xa9t\xc3\xa9_\xc3\xbc.cls\n"
                                                   "\xc3\xa9t\xc3\xa9_\xc3\xbc.json\n",
                                                   long_name, stem, stem);
      g_assert_cmpstr (out, ==, expected);
    }
}

static void
test_refusal_and_atomicity (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *full = g_build_filename (f->dir, "full", NULL);
  g_autofree char *mine = g_build_filename (full, "my-notes.txt", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty", NULL);
  g_autoptr(DdExportResult) refused = NULL;
  g_autoptr(DdExportResult) into_empty = NULL;
  g_autoptr(DdExporter) exporter = dd_exporter_new (f->catalog);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *cancelled_target = g_build_filename (f->dir, "cancelled", NULL);
  DdExportOptions options = { DD_EXPORT_IMAGEFOLDER, DD_EXPORT_COPY, cancelled_target, 0, NULL };

  g_mkdir_with_parents (full, 0755);
  g_assert_true (g_file_set_contents (mine, "precious", -1, NULL));
  refused = export (f, f->all, DD_EXPORT_IMAGEFOLDER, DD_EXPORT_COPY, "full", &error);
  g_assert_null (refused);
  g_assert_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not empty"));
  g_clear_error (&error);
  g_assert_true (g_file_test (mine, G_FILE_TEST_EXISTS));

  g_mkdir_with_parents (empty, 0755);
  into_empty = export (f, f->all, DD_EXPORT_ORIGINAL, DD_EXPORT_HARDLINK, "empty", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (into_empty->exported, ==, dd_selection_get_n (f->all));

  g_cancellable_cancel (cancellable);
  g_assert_null (dd_exporter_run (exporter, f->all, &options, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (cancelled_target, G_FILE_TEST_EXISTS));
  /* and no temporary folder left behind */
  g_assert_cmpuint (dd_test_count_prefixed (f->dir, ".cancelled.tmp"), ==, 0);
}

static void
test_vanished_file (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdSelection) test = select_split (f, "test");
  g_autoptr(GPtrArray) page = dd_catalog_get_page (f->catalog, test, 0, 1, NULL, NULL);
  DdSampleInfo *gone = page->pdata[0];
  g_autoptr(DdExportResult) result = NULL;

  g_assert_cmpint (g_unlink (gone->path), ==, 0);
  result = export (f, test, DD_EXPORT_HF, DD_EXPORT_COPY, "hf-gone", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->missing->len, ==, 1);
  g_assert_cmpstr (result->missing->pdata[0], ==, gone->key);
  g_assert_cmpuint (result->exported, ==, dd_selection_get_n (test) - 1);
}

/* Symbolic links with the absolute path of the source (70–100 bytes) made symlink
 * export 6–10× slower than copying on ext4, which keeps only targets of up to 59 bytes
 * in the inode. Links are short and relative now, through one absolute link per
 * source folder in .src/; each still reaches its sample's file, after a move too,
 * and a torchvision walk of a split never meets .src/. */
static void
test_symlinks_short (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdExportResult) result = export (f, f->all, DD_EXPORT_IMAGEFOLDER, DD_EXPORT_SYMLINK,
                                             "links", &error);
  g_autofree char *root = g_build_filename (f->dir, "links", NULL);
  g_autofree char *moved = g_build_filename (f->dir, "moved", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint checked = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (result->exported, >, 0);
  g_assert_cmpint (g_rename (root, moved), ==, 0);
  text = dd_test_read_file (moved, "manifest.csv", NULL);
  lines = g_strsplit (g_strstrip (text), "\n", -1);
  for (guint i = 1; lines[i]; i++)
    {
      g_auto(GStrv) row = g_strsplit (lines[i], ",", -1);
      g_autofree char *path = g_build_filename (moved, row[0], NULL);
      g_autofree char *target = g_file_read_link (path, NULL);
      gint64 id = dd_catalog_lookup_key (f->catalog, row[1], NULL);
      g_autoptr(DdSampleInfo) info = dd_catalog_get_sample (f->catalog, id, NULL);
      struct stat a, b;

      g_assert_nonnull (target);
      g_assert_cmpuint (strlen (target), <=, 59);
      g_assert_false (g_path_is_absolute (target));
      g_assert_cmpint (stat (path, &a), ==, 0);
      g_assert_cmpint (stat (info->path, &b), ==, 0);
      g_assert_cmpuint (a.st_ino, ==, b.st_ino);
      g_assert_false (g_str_has_prefix (row[0], ".src"));
      checked++;
    }
  g_assert_cmpuint (checked, ==, result->exported);
}

/* A folder that cannot be made is an I/O error of the export, named in one line. */
static void
test_io_error (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (f->dir, "a-file", NULL);
  g_autoptr(DdExportResult) result = NULL;

  g_assert_true (g_file_set_contents (file, "not a folder", -1, NULL));
  result = export (f, f->all, DD_EXPORT_CSV, DD_EXPORT_COPY, "a-file/below/out", &error);
  g_assert_null (result);
  g_assert_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "a-file"));
  g_assert_null (strchr (error->message, '\n'));
}

typedef struct {
  GThread        *notified_on;
  guint           fractions;
  guint           texts;
} AsyncRun;

static void
on_progress (GObject    *object,
             GParamSpec *pspec,
             AsyncRun   *run)
{
  run->notified_on = g_thread_self ();
  if (g_str_equal (pspec->name, "fraction"))
    run->fractions++;
  else if (g_str_equal (pspec->name, "text"))
    run->texts++;
}

/* The exporter is a DdCatalogJob: run in the background, its progress is notified on
 * the caller's thread and ends with the count. */
static void
test_async_progress (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DdExporter) exporter = dd_exporter_new (f->catalog);
  g_autofree char *target = g_build_filename (f->dir, "async", NULL);
  DdExportOptions options = { DD_EXPORT_IMAGEFOLDER, DD_EXPORT_COPY, target, 0, NULL };
  g_autofree char *expected = NULL;
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(GError) error = NULL;
  DdExportResult *result;
  AsyncRun run = { NULL, };

  g_assert_true (DD_IS_CATALOG_JOB (exporter));
  g_assert_true (dd_catalog_job_get_catalog (DD_CATALOG_JOB (exporter)) == f->catalog);
  g_signal_connect (exporter, "notify", G_CALLBACK (on_progress), &run);
  dd_exporter_run_async (exporter, f->all, &options, NULL, dd_test_keep_result, &async_result);
  result = dd_exporter_run_finish (exporter, dd_test_await (&async_result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  /* the last report's notification may come after the result */
  dd_test_settle (0.05);
  g_assert_cmpuint (run.fractions, >=, 1);
  g_assert_cmpuint (run.texts, >=, 1);
  g_assert_true (run.notified_on == g_thread_self ());
  g_assert_cmpfloat (dd_exporter_get_fraction (exporter), ==, 1.0);
  expected = g_strdup_printf ("Exported %" G_GUINT64_FORMAT " samples", result->exported);
  g_assert_cmpstr (dd_exporter_get_text (exporter), ==, expected);
  g_assert_true (g_file_test (target, G_FILE_TEST_IS_DIR));
  dd_export_result_free (result);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/export/" path, Fixture, NULL, setup, func, teardown)
  ADD ("imagefolder-as-torchvision", test_imagefolder_as_torchvision);
  ADD ("manifests-and-modes", test_manifests);
  ADD ("webdataset-shards", test_webdataset);
  g_test_add ("/export/webdataset-long-names", Fixture, NULL, setup_bare,
              test_webdataset_long_names, teardown);
  ADD ("refusal-and-atomicity", test_refusal_and_atomicity);
  ADD ("vanished-file", test_vanished_file);
  ADD ("symlinks-short", test_symlinks_short);
  ADD ("io-error", test_io_error);
  ADD ("async-progress", test_async_progress);

  return g_test_run ();
}
