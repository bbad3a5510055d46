/* Shared fixtures of the test programs: a small hand-counted catalog and file helpers. */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "dd-test-util.h"

/* Fixture: 3 classes (1 goldfish, 2 tabby, 3 school bus), splits train/val/test,
 * corruptions none + gaussian_noise (noise) + fog (weather) + motion_blur (blur).
 *
 *   train: 4 samples per class, clean                       → 12
 *   val:   2 clean per class                                → 6
 *          each val image × 3 corruptions × severities 1..5 → 6 × 15 = 90
 *   test:  3 unlabeled clean                                → 3
 *   total 111; one train sample of class 1 flagged undecodable, one val flagged
 *   missing_label (and unlabeled). Corrupted samples have clean_key = their val image.
 * Sources: 1 /data/tiny (clean, 21), 2 /data/C (corrupted, 90).
 * Sample ids: train 1–12, then per val image its clean row followed by 15 variants. */
void
dd_test_insert_sample (sqlite3    *db,
                       const char *key,
                       int         class_id,
                       int         corruption_id,
                       int         severity,
                       int         split_id,
                       int         flags)
{
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO samples (source_id, key, class_id,"
                                       " corruption_id, severity, split_id, keyhash, flags)"
                                       " VALUES (?8, ?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, class_id);
  sqlite3_bind_int (stmt, 3, corruption_id);
  sqlite3_bind_int (stmt, 4, severity);
  sqlite3_bind_int (stmt, 5, split_id);
  sqlite3_bind_int64 (stmt, 6, dd_catalog_key_hash (key));
  sqlite3_bind_int (stmt, 7, flags);
  sqlite3_bind_int (stmt, 8, corruption_id ? 2 : 1);   /* corrupted files: the C source */
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

void
dd_test_fill_catalog (DdCatalog *catalog)
{
  sqlite3 *db = dd_catalog_get_db (catalog);
  g_autoptr(GError) error = NULL;
  const char *wnids[] = { NULL, "n01443537", "n02123045", "n04146614" };
  const char *corrs[] = { "gaussian_noise", "fog", "motion_blur" };
  guint corr_ids[3];
  guint train, val, test;

  dd_catalog_lock (catalog);
  g_assert_true (dd_catalog_exec (catalog,
    "BEGIN;"
    "INSERT INTO sources (id, root, layout, samples) VALUES (1, '/data/tiny', 'tiny-imagenet', 21),"
    "                                                    (2, '/data/C', 'imagenet-c', 90);"
    "INSERT INTO classes (id, wnid, name, names, parent_wnid, parent_name, name_source)"
    " VALUES (1, 'n01443537', 'goldfish', 'goldfish, Carassius auratus', 'n01439121', 'cyprinid', 'words'),"
    "        (2, 'n02123045', 'tabby', 'tabby, tabby cat', 'n02121808', 'domestic cat', 'words'),"
    "        (3, 'n04146614', 'school bus', 'school bus', 'n04487081', 'bus', 'words');",
    &error));
  g_assert_no_error (error);
  train = dd_catalog_ensure_split (catalog, "train", &error);
  val = dd_catalog_ensure_split (catalog, "val", &error);
  test = dd_catalog_ensure_split (catalog, "test", &error);
  for (guint i = 0; i < 3; i++)
    corr_ids[i] = dd_catalog_ensure_corruption (catalog, corrs[i], &error);
  g_assert_no_error (error);

  for (int c = 1; c <= 3; c++)
    for (int i = 0; i < 4; i++)
      {
        g_autofree char *key = g_strdup_printf ("tiny/train/%s/images/%s_%d.JPEG",
                                                wnids[c], wnids[c], i);
        dd_test_insert_sample (db, key, c, 0, 0, train,
                       (c == 1 && i == 0) ? DD_HEALTH_FLAG (DD_HEALTH_UNDECODABLE) : 0);
      }
  for (int c = 1; c <= 3; c++)
    for (int i = 0; i < 2; i++)
      {
        int n = (c - 1) * 2 + i;
        g_autofree char *key = g_strdup_printf ("tiny/val/images/val_%d.JPEG", n);
        gboolean unlabeled = (n == 5);

        dd_test_insert_sample (db, key, unlabeled ? 0 : c, 0, 0, val,
                       unlabeled ? DD_HEALTH_FLAG (DD_HEALTH_MISSING_LABEL) : 0);
        for (guint k = 0; k < 3; k++)
          for (int s = 1; s <= 5; s++)
            {
              g_autofree char *ckey = g_strdup_printf ("C/%s/%d/%s/val_%d.JPEG",
                                                       corrs[k], s, wnids[c], n);
              dd_test_insert_sample (db, ckey, c, corr_ids[k], s, val, 0);
            }
      }
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *key = g_strdup_printf ("tiny/test/images/test_%d.JPEG", i);
      dd_test_insert_sample (db, key, 0, 0, 0, test, 0);
    }
  g_assert_true (dd_catalog_exec (catalog,
    "INSERT INTO annotations (sample_id, x0, y0, x1, y1) VALUES (13, 1, 2, 30, 40);"
    /* corrupted samples remember their clean val image (same file name) */
    "UPDATE samples SET clean_key = 'tiny/val/images/' ||"
    "  replace (key, rtrim (key, replace (key, '/', '')), '') WHERE corruption_id != 0;"
    "COMMIT;", &error));
  g_assert_no_error (error);
  dd_catalog_unlock (catalog);
  g_assert_true (dd_catalog_reload (catalog, &error));
  g_assert_no_error (error);
}


void
dd_test_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        dd_test_rm_rf (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static gboolean
set_immutable (const char *path,
               gboolean    immutable)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  int attr = 0;
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = ioctl (fd, FS_IOC_GETFLAGS, &attr) == 0;
  attr = immutable ? (attr | FS_IMMUTABLE_FL) : (attr & ~FS_IMMUTABLE_FL);
  ok = ok && ioctl (fd, FS_IOC_SETFLAGS, &attr) == 0;
  close (fd);
  return ok;
}

gboolean
dd_test_make_unwritable (const char *path)
{
  if (geteuid () == 0)
    {
      if (!set_immutable (path, TRUE))
        return FALSE;
    }
  else if (g_chmod (path, g_file_test (path, G_FILE_TEST_IS_DIR) ? 0555 : 0444) != 0)
    return FALSE;
  return g_access (path, W_OK) != 0;
}

void
dd_test_make_writable (const char *path)
{
  if (geteuid () == 0)
    set_immutable (path, FALSE);
  else
    g_chmod (path, g_file_test (path, G_FILE_TEST_IS_DIR) ? 0755 : 0644);
}
