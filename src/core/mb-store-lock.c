/* mb-store-lock.c – SQLite's file locks as Linux open-file-description locks
 *
 * Why. SQLite's unix VFS locks the library (and its -shm) with POSIX advisory
 * locks, fcntl (F_SETLK). Those belong to the *process*, and a close() of *any*
 * descriptor of the file anywhere in the process drops them all: GTK's file
 * chooser sniffing a *.malbild file, a thumbnailer, GIO, a recent-files query.
 * Another process then believes it is the last connection, checkpoints and
 * deletes -wal and -shm, and our later commits go into deleted files: lost.
 *
 * What. Linux open-file-description locks (F_OFD_SETLK, Linux ≥ 3.15) belong to
 * one open file description instead, and only closing the description itself
 * drops them, so nothing else in the process can take them away. On Linux they
 * conflict with POSIX locks of other processes, so the sqlite3 shell or an older
 * Målbild still sees and respects them, and we theirs.
 *
 * How. We swap SQLite's "fcntl" system call (xSetSystemCall, which all unix
 * VFSes share) before any file is opened. But OFD locks of two descriptions of
 * one file conflict with each other even in one process, while the unix VFS
 * coalesces the locks of all connections to one inode as POSIX allows: it
 * locks through whichever connection's descriptor came first and unlocks
 * through whichever comes last. So every lock of an inode goes through one
 * process-wide description of it, opened once through /proc/self/fd/N; it
 * stands for "the process" exactly as POSIX locks do, minus the stray close.
 * It is closed when SQLite closes the last descriptor it locked through
 * ("close" is swapped too). SQLite never closes a descriptor of an inode
 * that is still locked (it keeps them until the locks are gone, because of
 * POSIX), so the description goes only when it holds no lock, and the last
 * connection still checkpoints and removes the WAL as usual.
 *
 * Where OFD locks are missing (not Linux, or /proc not mounted) the calls go
 * to fcntl () unchanged: SQLite's own behaviour.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE  /* F_OFD_SETLK */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "mb-store.h"
#include "mb-store-lock-private.h"
#include "mb-store-private.h"

#ifdef F_OFD_SETLK

typedef struct
{
  dev_t dev;
  ino_t ino;
  int   description;  /* the process-wide description every lock goes through */
  guint n_fds;        /* SQLite's descriptors that locked through it */
} LockedInode;

static GMutex lock_mutex;
static GPtrArray *locked_inodes;  /* of LockedInode */
static GHashTable *fd_inodes;     /* SQLite's fd → its LockedInode */

static LockedInode *
find_inode (dev_t dev,
            ino_t ino)
{
  for (guint i = 0; i < locked_inodes->len; i++)
    {
      LockedInode *inode = g_ptr_array_index (locked_inodes, i);

      if (inode->dev == dev && inode->ino == ino)
        return inode;
    }
  return NULL;
}

/* Called with lock_mutex held. */
static void
forget_fd (int fd)
{
  LockedInode *inode = g_hash_table_lookup (fd_inodes, GINT_TO_POINTER (fd));

  if (inode == NULL)
    return;
  g_hash_table_remove (fd_inodes, GINT_TO_POINTER (fd));
  if (--inode->n_fds == 0)
    {
      close (inode->description);
      g_ptr_array_remove_fast (locked_inodes, inode);
      g_free (inode);
    }
}

/* The description to lock @fd's inode through, or -1 to use @fd itself. */
static int
description_for (int fd)
{
  g_autoptr(GMutexLocker) locker = NULL;
  LockedInode *inode;
  struct stat st;

  if (fstat (fd, &st) != 0)
    return -1;

  locker = g_mutex_locker_new (&lock_mutex);
  inode = g_hash_table_lookup (fd_inodes, GINT_TO_POINTER (fd));
  if (inode != NULL && inode->dev == st.st_dev && inode->ino == st.st_ino)
    return inode->description;
  /* A number SQLite closed behind our back and reused: start afresh. */
  forget_fd (fd);

  inode = find_inode (st.st_dev, st.st_ino);
  if (inode == NULL)
    {
      char proc_path[64];
      int description;

      /* Read and write where we may, so both kinds of lock can be taken. */
      g_snprintf (proc_path, sizeof proc_path, "/proc/self/fd/%d", fd);
      description = open (proc_path, O_RDWR | O_CLOEXEC | O_NOCTTY);
      if (description < 0)
        description = open (proc_path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
      if (description < 0)
        return -1;

      inode = g_new0 (LockedInode, 1);
      inode->dev = st.st_dev;
      inode->ino = st.st_ino;
      inode->description = description;
      g_ptr_array_add (locked_inodes, inode);
    }
  inode->n_fds++;
  g_hash_table_insert (fd_inodes, GINT_TO_POINTER (fd), inode);
  return inode->description;
}

static int
ofd_fcntl (int fd,
           int op,
           ...)
{
  va_list args;
  void *arg;

  /* fcntl () itself reads one pointer-sized argument whatever @op is. */
  va_start (args, op);
  arg = va_arg (args, void *);
  va_end (args);

  if (op == F_SETLK || op == F_SETLKW || op == F_GETLK)
    {
      int description = description_for (fd);

      if (description >= 0)
        {
          struct flock *lock = arg;

          /* OFD locks require l_pid 0 on the way in. */
          lock->l_pid = 0;
          return fcntl (description,
                        op == F_SETLK ? F_OFD_SETLK : op == F_SETLKW ? F_OFD_SETLKW
                                                                     : F_OFD_GETLK,
                        lock);
        }
    }
  return fcntl (fd, op, arg);
}

static int
ofd_close (int fd)
{
  g_mutex_lock (&lock_mutex);
  forget_fd (fd);
  g_mutex_unlock (&lock_mutex);
  return close (fd);
}

/* Whether this kernel knows OFD locks and /proc/self/fd works. */
static gboolean
ofd_locks_available (void)
{
  struct flock lock = { .l_type = F_RDLCK, .l_whence = SEEK_SET };
  int fd = open ("/proc/self/exe", O_RDONLY | O_CLOEXEC);
  int proc_fd;
  char proc_path[64];
  gboolean ok;

  if (fd < 0)
    return FALSE;
  g_snprintf (proc_path, sizeof proc_path, "/proc/self/fd/%d", fd);
  proc_fd = open (proc_path, O_RDONLY | O_CLOEXEC);
  ok = proc_fd >= 0 && fcntl (proc_fd, F_OFD_GETLK, &lock) == 0;
  if (proc_fd >= 0)
    close (proc_fd);
  close (fd);
  return ok;
}

static gboolean installed;

static void
install_once (void)
{
  sqlite3_vfs *unix_vfs;

  if (!ofd_locks_available ())
    return;
  unix_vfs = sqlite3_vfs_find ("unix");
  if (unix_vfs == NULL || unix_vfs->iVersion < 3 || unix_vfs->xSetSystemCall == NULL)
    return;

  locked_inodes = g_ptr_array_new ();
  fd_inodes = g_hash_table_new (NULL, NULL);
  if (unix_vfs->xSetSystemCall (unix_vfs, "fcntl", (sqlite3_syscall_ptr) ofd_fcntl) != SQLITE_OK)
    return;
  if (unix_vfs->xSetSystemCall (unix_vfs, "close", (sqlite3_syscall_ptr) ofd_close) != SQLITE_OK)
    {
      unix_vfs->xSetSystemCall (unix_vfs, "fcntl", NULL);
      return;
    }
  installed = TRUE;
}

/* Before main (): the swap must come before SQLite opens any file in the
 * process, or a lock taken the POSIX way would be released the OFD way. */
__attribute__((constructor)) static void
install_at_load (void)
{
  install_once ();
}

#endif /* F_OFD_SETLK */

gboolean
_mb_store_lock_ensure (void)
{
#ifdef F_OFD_SETLK
  return installed;
#else
  return FALSE;
#endif
}

/* The library's files under the store */

static gboolean
file_id_now (const char *path,
             MbFileId   *id)
{
  struct stat st;

  if (stat (path, &st) != 0)
    return FALSE;
  id->dev = st.st_dev;
  id->ino = st.st_ino;
  id->known = TRUE;
  return TRUE;
}

static gboolean
same_file (const MbFileId *a,
           const MbFileId *b)
{
  return a->dev == b->dev && a->ino == b->ino;
}

void
_mb_store_files_record (MbStoreFiles *files,
                        const char   *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  memset (files, 0, sizeof *files);
  file_id_now (path, &files->library);
  file_id_now (wal, &files->wal);
  file_id_now (shm, &files->shm);
}

/* Checks one of the WAL files: known and the same, or not yet known. */
static gboolean
companion_intact (MbFileId   *id,
                  const char *path)
{
  MbFileId now = { 0 };

  if (!id->known)
    {
      file_id_now (path, id);
      return TRUE;
    }
  return file_id_now (path, &now) && same_file (id, &now);
}

gboolean
_mb_store_files_check (MbStoreFiles  *files,
                       const char    *path,
                       gboolean      *wal_lost,
                       GError       **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  MbFileId now = { 0 };

  *wal_lost = FALSE;
  if (!files->library.known)
    return TRUE;
  if (!file_id_now (path, &now))
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_LIBRARY_GONE,
                   _("The library “%s” was deleted or moved while open; nothing more "
                     "can be saved in it"), path);
      return FALSE;
    }
  if (!same_file (&files->library, &now))
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_LIBRARY_GONE,
                   _("The library “%s” was replaced by another file while open; nothing "
                     "more can be saved in it"), path);
      return FALSE;
    }
  if (!companion_intact (&files->wal, wal))
    {
      *wal_lost = TRUE;
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_LIBRARY_GONE,
                   _("The journal “%s” of the open library was deleted or replaced; "
                     "nothing more can be saved until the library is reopened"), wal);
      return FALSE;
    }
  if (!companion_intact (&files->shm, shm))
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_LIBRARY_GONE,
                   _("The shared index “%s” of the open library was deleted or replaced; "
                     "nothing more can be saved until the library is reopened"), shm);
      return FALSE;
    }
  return TRUE;
}

/* Readers in threads */

/* A cancelled read stops at its next thousand instructions, and does not
 * wait for another process's lock. */
static int
reader_progress_cb (gpointer cancellable)
{
  return g_cancellable_is_cancelled (cancellable);
}

static int
reader_busy_cb (gpointer cancellable,
                int      count)
{
  if (g_cancellable_is_cancelled (cancellable) || count >= 1000)
    return 0;
  g_usleep (5000);
  return 1;
}

sqlite3 *
_mb_store_open_reader (const char    *path,
                       MbStoreFiles  *files,
                       GCancellable  *cancellable,
                       GError       **error)
{
  sqlite3 *db = NULL;
  gboolean wal_lost;
  int rc;

  if (!_mb_store_files_check (files, path, &wal_lost, error))
    return NULL;
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      sqlite3_close (db);
      return NULL;
    }
  /* The file opened is the one checked before, unless it was swapped twice. */
  if (!_mb_store_files_check (files, path, &wal_lost, error))
    {
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, TRUE);
  sqlite3_busy_handler (db, reader_busy_cb, cancellable);
  sqlite3_progress_handler (db, 1000, reader_progress_cb, cancellable);
  return db;
}
