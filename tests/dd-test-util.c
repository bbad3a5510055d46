/* Shared helpers of the test programs: files and folders (catalog fixtures:
 * dd-test-catalog.c). */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "dd-test-util.h"

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
