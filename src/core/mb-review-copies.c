/* mb-review-copies.c – where review working copies live, and their cleanup
 *
 * A review copies someone's library; that copy is theirs, not the machine's.
 * So copies live in a private folder (0700) under $XDG_RUNTIME_DIR (else the
 * temporary folder), each in a folder of its own named after the process
 * ("review-PID-XXXXXX"), the files 0600. They go when the store goes, when
 * the process exits by any normal way (Ctrl+Q, closing the window: atexit),
 * and those of processes that died without cleaning up go at the next start.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mb-review-copies-private.h"
#include "mb-store.h"
#include "mb-store-review.h"

G_LOCK_DEFINE_STATIC (live_dirs);
static GPtrArray *live_dirs;  /* of char *: this process's copies' folders */

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
remove_live_dirs_at_exit (void)
{
  G_LOCK (live_dirs);
  for (guint i = 0; live_dirs != NULL && i < live_dirs->len; i++)
    remove_dir (g_ptr_array_index (live_dirs, i));
  G_UNLOCK (live_dirs);
}

char *
_mb_review_copies_base_dir (void)
{
  const char *runtime = g_getenv ("XDG_RUNTIME_DIR");
  const char *parent = runtime != NULL && g_file_test (runtime, G_FILE_TEST_IS_DIR)
                       ? runtime : g_get_tmp_dir ();

  return g_build_filename (parent, "malbild-reviews", NULL);
}

/* The private base folder: ours, a folder, 0700, or an error. */
static char *
ensure_base_dir (GError **error)
{
  g_autofree char *base = _mb_review_copies_base_dir ();
  GStatBuf st;

  if (g_mkdir (base, 0700) != 0 && errno != EEXIST)
    {
      int saved_errno = errno;

      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_IO,
                   _("Could not make a working copy for the review: %s: %s"), base,
                   g_strerror (saved_errno));
      return NULL;
    }
  /* Someone else's folder in a shared /tmp is not ours to write into. */
  if (g_lstat (base, &st) != 0 || !S_ISDIR (st.st_mode) || st.st_uid != getuid () ||
      (chmod (base, 0700) != 0))
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_IO,
                   _("Could not make a working copy for the review: %s is not a private "
                     "folder of this user"), base);
      return NULL;
    }
  return g_steal_pointer (&base);
}

char *
_mb_review_copies_make_dir (GError **error)
{
  static gsize registered;
  g_autofree char *base = ensure_base_dir (error);
  g_autofree char *template = NULL;
  char *dir;

  if (base == NULL)
    return NULL;
  template = g_strdup_printf ("%s/review-%d-XXXXXX", base, (int) getpid ());
  dir = g_mkdtemp_full (template, 0700);
  if (dir == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_IO,
                   _("Could not make a working copy for the review: %s: %s"), base,
                   g_strerror (saved_errno));
      return NULL;
    }

  if (g_once_init_enter (&registered))
    {
      atexit (remove_live_dirs_at_exit);
      g_once_init_leave (&registered, 1);
    }
  G_LOCK (live_dirs);
  if (live_dirs == NULL)
    live_dirs = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (live_dirs, g_strdup (dir));
  G_UNLOCK (live_dirs);
  return g_steal_pointer (&template);
}

gboolean
_mb_review_copies_create_file (const char  *path,
                               GError     **error)
{
  /* SQLite gives -wal and -shm the mode of the library file. */
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_IO,
                   _("Could not make a working copy for the review: %s: %s"), path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

void
_mb_review_copies_remove_dir (const char *dir)
{
  remove_dir (dir);
  G_LOCK (live_dirs);
  if (live_dirs != NULL)
    for (guint i = 0; i < live_dirs->len; i++)
      if (g_str_equal (g_ptr_array_index (live_dirs, i), dir))
        {
          g_ptr_array_remove_index_fast (live_dirs, i);
          break;
        }
  G_UNLOCK (live_dirs);
}

guint
mb_review_copies_clean_stale (void)
{
  g_autofree char *base = _mb_review_copies_base_dir ();
  g_autoptr(GDir) d = g_dir_open (base, 0, NULL);
  const char *name;
  guint n_removed = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      char *end = NULL;
      gint64 pid;

      if (!g_str_has_prefix (name, "review-"))
        continue;
      pid = g_ascii_strtoll (name + strlen ("review-"), &end, 10);
      if (end == NULL || *end != '-' || pid <= 0 || pid > G_MAXINT)
        continue;
      /* Alive (or not ours to signal): leave it. */
      if (kill ((pid_t) pid, 0) == 0 || errno != ESRCH)
        continue;
      path = g_build_filename (base, name, NULL);
      remove_dir (path);
      n_removed++;
    }
  return n_removed;
}
