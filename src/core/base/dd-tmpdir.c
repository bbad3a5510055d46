/* Temporary folders that a killed writer cannot leave behind for good: named after
 * their process, locked while written, swept by the next run into the same place. */
#define G_LOG_DOMAIN "datadive-io"
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dd-tmpdir.h"
#include "dd-types.h"

#define TMP_TAG ".tmp-"

char *
dd_tmpdir_create (const char  *target,
                  gboolean     hidden,
                  int         *lock_fd,
                  GError     **error)
{
  g_autofree char *parent = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  g_autofree char *path = g_strdup_printf ("%s/%s%s" TMP_TAG "%d-XXXXXX", parent,
                                           hidden ? "." : "", base, (int) getpid ());
  int fd;

  g_return_val_if_fail (lock_fd != NULL, NULL);

  if (g_mkdtemp_full (path, 0700) == NULL)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (parent);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write into “%s”: %s"), display, g_strerror (saved));
      return NULL;
    }
  fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 || flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);

      if (fd >= 0)
        close (fd);
      g_rmdir (path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot lock “%s”: %s"), display, g_strerror (saved));
      return NULL;
    }
  *lock_fd = fd;
  return g_steal_pointer (&path);
}

/* The writer's pid in "[.]BASE.tmp-PID-XXXXXX", or 0 when @name is not such a name. */
static pid_t
tmp_name_pid (const char *name,
              const char *base,
              gboolean    hidden)
{
  const char *tag, *p;
  guint64 pid = 0;

  if (hidden != (name[0] == '.'))
    return 0;
  if (hidden)
    name++;
  tag = g_strrstr (name, TMP_TAG);
  if (tag == NULL || tag == name)
    return 0;
  if (base && ((gsize) (tag - name) != strlen (base) || strncmp (name, base, tag - name) != 0))
    return 0;
  p = tag + strlen (TMP_TAG);
  if (!g_ascii_isdigit (*p))
    return 0;
  for (; g_ascii_isdigit (*p); p++)
    {
      pid = pid * 10 + (*p - '0');
      if (pid > G_MAXINT32)
        return 0;
    }
  if (*p++ != '-' || strlen (p) != 6)
    return 0;
  for (guint i = 0; i < 6; i++)
    if (!g_ascii_isalnum (p[i]))
      return 0;
  return (pid_t) pid;
}

static gboolean
process_gone (pid_t pid)
{
  /* EPERM: it runs, as another user */
  return pid != getpid () && kill (pid, 0) != 0 && errno == ESRCH;
}

guint
dd_tmpdir_sweep (const char *parent,
                 const char *base,
                 gboolean    hidden)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint removed = 0;

  g_return_val_if_fail (parent != NULL, 0);
  g_return_val_if_fail (hidden || base != NULL, 0);

  if (!(dir = g_dir_open (parent, 0, NULL)))
    return 0;
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = NULL;
      pid_t pid = tmp_name_pid (name, base, hidden);
      struct stat st;
      int fd;

      if (pid <= 0 || !process_gone (pid))
        continue;
      path = g_build_filename (parent, name, NULL);
      if (lstat (path, &st) != 0 || !S_ISDIR (st.st_mode) || st.st_uid != getuid ())
        continue;
      fd = open (path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (fd < 0)
        continue;
      /* a writer on another machine (a shared folder) holds it: its pid means nothing here */
      if (flock (fd, LOCK_EX | LOCK_NB) == 0)
        {
          g_debug ("removing %s, left by process %d", path, (int) pid);
          dd_tmpdir_remove (path);
          removed++;
        }
      close (fd);
    }
  return removed;
}

static void
remove_at (int         dirfd,
           const char *name)
{
  struct stat st;
  int fd;
  DIR *dir;
  struct dirent *entry;

  if (fstatat (dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
    return;
  if (!S_ISDIR (st.st_mode))
    {
      unlinkat (dirfd, name, 0);
      return;
    }
  fd = openat (dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0 || !(dir = fdopendir (fd)))
    {
      if (fd >= 0)
        close (fd);
      unlinkat (dirfd, name, AT_REMOVEDIR);
      return;
    }
  while ((entry = readdir (dir)))
    if (strcmp (entry->d_name, ".") != 0 && strcmp (entry->d_name, "..") != 0)
      remove_at (fd, entry->d_name);
  closedir (dir);
  unlinkat (dirfd, name, AT_REMOVEDIR);
}

void
dd_tmpdir_remove (const char *path)
{
  g_return_if_fail (path != NULL);
  remove_at (AT_FDCWD, path);
}

guint
dd_tmpdir_umask (void)
{
  g_autofree char *status = NULL;
  const char *line;

  /* Linux 4.7 and later */
  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (line = strstr (status, "\nUmask:")))
    {
      g_autofree char *value = NULL;
      guint64 mask;

      line += strlen ("\nUmask:");
      while (*line == ' ' || *line == '\t')
        line++;
      value = g_strndup (line, strcspn (line, "\n"));
      if (g_ascii_string_to_unsigned (value, 8, 0, 0777, &mask, NULL))
        return (guint) mask;
    }
  return 022;
}
