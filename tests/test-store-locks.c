/* test-store-locks.c – the library's locks survive whatever else the process
 * does with the file, and the store refuses edits once its files are gone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mb-store-lock-private.h"
#include "test-store-util.h"

/* SQLite's lock bytes (os_unix.c): the SHARED range starts at PENDING + 2. */
#define PENDING_BYTE  0x40000000
#define SHARED_FIRST  (PENDING_BYTE + 2)
#define SHARED_SIZE   510
#define WAL_WRITE_LOCK_BYTE 120

typedef struct
{
  char    *dir;
  char    *path;
  MbStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = mb_test_make_dir ();
  f->path = g_build_filename (f->dir, "lib.malbild", NULL);
  f->store = mb_test_open (f->dir, "lib.malbild");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  mb_test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static guint64
inode_of (const char *path)
{
  struct stat st;

  g_assert_cmpint (stat (path, &st), ==, 0);
  return st.st_ino;
}

/* How many locks of kind @kind ("OFDLCK", "POSIX", NULL for any) /proc/locks
 * shows on @path's inode. The test's directory is private: every lock on it
 * is this process's (or its child's, while one runs). */
static guint
count_locks (const char *path,
             const char *kind)
{
  g_autofree char *contents = NULL;
  g_autofree char *suffix = g_strdup_printf (":%" G_GUINT64_FORMAT, inode_of (path));
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents ("/proc/locks", &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (lines[i], " \t", -1);
      GPtrArray *words = g_ptr_array_new ();

      /* "1: OFDLCK ADVISORY READ -1 fe:00:1234 1073741826 1073742335";
       * a blocked waiter's line starts "1: -> ". */
      for (guint j = 0; fields[j] != NULL; j++)
        if (fields[j][0] != '\0')
          g_ptr_array_add (words, fields[j]);
      if (words->len >= 6 && strcmp (words->pdata[1], "->") != 0 &&
          g_str_has_suffix (words->pdata[5], suffix) &&
          (kind == NULL || strcmp (words->pdata[1], kind) == 0))
        n++;
      g_ptr_array_unref (words);
    }
  return n;
}

/* What a file chooser sniffing the file does: open (2) and close (2). */
static void
stray_open_close (const char *path)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (close (fd), ==, 0);
}

static void
stray_open_close_all (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  stray_open_close (path);
  stray_open_close (wal);
  stray_open_close (shm);
}

/* The real command line, in a second process: open, export, close. */
static void
export_in_other_process (const char *path,
                         const char *json)
{
  g_autofree char *malbild = g_build_filename (g_getenv ("MALBILD_BUILD_ROOT"),
                                               "src", "malbild", NULL);
  const char *argv[] = { malbild, "--database", path, "--export", json, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("malbild --export failed: %s", err);
}

static char *
create_strategy (MbStore    *store,
                 const char *title)
{
  g_autoptr(GError) error = NULL;
  char *id = mb_store_create_strategy (store, title, "rus", &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static gint64
count_titles (const char *path,
              const char *title)
{
  g_autoptr(MbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = mb_store_open (path, MB_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  return _mb_store_query_int (mb_store_get_db (store),
                              "SELECT count(*) FROM strategies WHERE title = ?", "s", title);
}

/* Issue 11's steps, inside the app's process: a stray open and close between
 * edits, a second process exporting, and every reported commit is in the file. */
static void
test_stray_close_keeps_edits (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *json = g_build_filename (f->dir, "x.json", NULL);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *id_a = NULL;
  g_autofree char *id_b = NULL;
  g_autofree char *id_c = NULL;
  guint64 wal_inode;

  g_assert_true (_mb_store_lock_ensure ());

  id_a = create_strategy (f->store, "A");
  g_assert_cmpuint (count_locks (f->path, "OFDLCK"), >, 0);
  g_assert_cmpuint (count_locks (f->path, "POSIX"), ==, 0);
  wal_inode = inode_of (wal);

  stray_open_close_all (f->path);
  /* The app's locks are still there after the stray close. */
  g_assert_cmpuint (count_locks (f->path, "OFDLCK"), >, 0);

  id_b = create_strategy (f->store, "B");
  export_in_other_process (f->path, json);
  /* The other process saw it was not the last one: the WAL stays. */
  g_assert_cmpuint (inode_of (wal), ==, wal_inode);

  stray_open_close_all (f->path);
  id_c = create_strategy (f->store, "C");
  g_clear_object (&f->store);

  g_assert_cmpint (count_titles (f->path, "A"), ==, 1);
  g_assert_cmpint (count_titles (f->path, "B"), ==, 1);
  g_assert_cmpint (count_titles (f->path, "C"), ==, 1);
}

/* Two stores on one library in one process (the app's worker connections):
 * OFD locks of two descriptions would block each other; they must not. */
static void
test_two_connections_one_process (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  g_autoptr(MbStore) second = mb_test_open (f->dir, "lib.malbild");
  g_autoptr(MbStore) third = NULL;

  _mb_store_set_busy_timeout (f->store, 0);
  _mb_store_set_busy_timeout (second, 0);
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *title1 = g_strdup_printf ("first %d", i);
      g_autofree char *title2 = g_strdup_printf ("second %d", i);

      g_free (create_strategy (f->store, title1));
      stray_open_close_all (f->path);
      g_free (create_strategy (second, title2));
    }
  g_clear_object (&f->store);
  third = mb_test_open (f->dir, "lib.malbild");
  g_free (create_strategy (second, "after first closed"));
  g_free (create_strategy (third, "third"));
  g_clear_object (&second);
  g_free (create_strategy (third, "last"));
  g_assert_cmpuint (count_locks (f->path, NULL), >, 0);
  g_clear_object (&third);

  /* The last one out released every lock, checkpointed and removed the WAL. */
  g_assert_cmpuint (count_locks (f->path, NULL), ==, 0);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_titles (f->path, "first 4"), ==, 1);
  g_assert_cmpint (count_titles (f->path, "second 4"), ==, 1);
  g_assert_cmpint (count_titles (f->path, "after first closed"), ==, 1);
  g_assert_cmpint (count_titles (f->path, "last"), ==, 1);
}

/* A plain POSIX lock of another process (the sqlite3 shell, an older
 * Målbild) conflicts with the store's OFD locks, both ways. */
static void
test_posix_interop (void)
{
  const char *path = g_getenv ("MB_TEST_LOCKS_LIBRARY");

  if (g_test_subprocess ())
    {
      struct flock write_lock = {
        .l_type = F_WRLCK, .l_whence = SEEK_SET,
        .l_start = SHARED_FIRST, .l_len = SHARED_SIZE,
      };
      int fd = open (path, O_RDWR | O_CLOEXEC);

      g_assert_cmpint (fd, >=, 0);
      /* The store holds SHARED: no EXCLUSIVE for anyone else. */
      g_assert_cmpint (fcntl (fd, F_SETLK, &write_lock), ==, -1);
      g_assert_true (errno == EAGAIN || errno == EACCES);
      close (fd);
      return;
    }
  else
    {
      g_autofree char *dir = mb_test_make_dir ();
      g_autofree char *lib = g_build_filename (dir, "lib.malbild", NULL);
      g_autoptr(MbStore) store = mb_test_open (dir, "lib.malbild");
      g_autoptr(GError) error = NULL;
      g_autofree char *shm = g_strconcat (lib, "-shm", NULL);
      /* In WAL mode the writer's lock is the -shm's first lock byte. */
      struct flock write_lock = {
        .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = WAL_WRITE_LOCK_BYTE, .l_len = 1,
      };
      struct flock unlock = write_lock;
      int fd;

      g_free (create_strategy (store, "A"));
      g_setenv ("MB_TEST_LOCKS_LIBRARY", lib, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();

      /* And the other way: a POSIX write lock held elsewhere makes the
       * store's write wait and then refuse as busy. A child holds it. */
      fd = open (shm, O_RDWR | O_CLOEXEC);
      g_assert_cmpint (fd, >=, 0);
      {
        int ready[2];
        int done[2];
        pid_t pid;
        char c = 0;

        g_assert_cmpint (pipe (ready), ==, 0);
        g_assert_cmpint (pipe (done), ==, 0);
        pid = fork ();
        g_assert_cmpint (pid, >=, 0);
        if (pid == 0)
          {
            int ok;

            close (ready[0]);
            close (done[1]);
            ok = fcntl (fd, F_SETLK, &write_lock) == 0;
            c = ok ? 'y' : 'n';
            if (write (ready[1], &c, 1) != 1 || read (done[0], &c, 1) != 1)
              _exit (1);
            _exit (0);
          }
        close (ready[1]);
        close (done[0]);
        g_assert_cmpint (read (ready[0], &c, 1), ==, 1);
        g_assert_cmpint (c, ==, 'y');

        _mb_store_set_busy_timeout (store, 0);
        g_assert_null (mb_store_create_strategy (store, "B", "rus", &error));
        g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_BUSY);
        g_clear_error (&error);

        g_assert_cmpint (write (done[1], &c, 1), ==, 1);
        g_assert_cmpint (waitpid (pid, NULL, 0), ==, pid);
        close (ready[0]);
        close (done[1]);
      }
      fcntl (fd, F_SETLK, &unlock);
      close (fd);
      g_free (create_strategy (store, "B"));
      g_clear_object (&store);
      mb_test_remove_dir (dir);
    }
}

typedef enum
{
  GONE_DELETED,
  GONE_REPLACED,
  GONE_WAL_DELETED,
  GONE_SHM_REPLACED,
} Gone;

/* The library changes under the store in a way it cannot survive: the next
 * edit is refused with an error naming the file, and nothing is reported
 * saved that is not in the file. */
static void
test_library_gone (Fixture       *f,
                   gconstpointer  data)
{
  Gone gone = GPOINTER_TO_INT (data);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.malbild", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  const char *named = f->path;

  g_free (create_strategy (f->store, "A"));
  g_assert_null (mb_store_get_gone_reason (f->store));

  switch (gone)
    {
    case GONE_DELETED:
      g_assert_cmpint (g_unlink (f->path), ==, 0);
      break;
    case GONE_REPLACED:
      {
        g_autoptr(MbStore) replacement = mb_test_open (f->dir, "other.malbild");
      }
      g_assert_cmpint (g_rename (other, f->path), ==, 0);
      break;
    case GONE_WAL_DELETED:
      g_assert_cmpint (g_unlink (wal), ==, 0);
      named = wal;
      break;
    case GONE_SHM_REPLACED:
      g_assert_cmpint (g_unlink (shm), ==, 0);
      g_assert_true (g_file_set_contents (shm, "", 0, NULL));
      named = shm;
      break;
    default:
      g_assert_not_reached ();
    }

  id = mb_store_create_strategy (f->store, "B", "rus", &error);
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_LIBRARY_GONE);
  g_assert_null (id);
  g_assert_nonnull (strstr (error->message, named));
  g_assert_cmpstr (mb_store_get_gone_reason (f->store), ==, error->message);
  /* And stays refused. */
  g_clear_error (&error);
  g_assert_null (mb_store_create_strategy (f->store, "C", "rus", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_LIBRARY_GONE);
  g_clear_object (&f->store);

  if (gone == GONE_WAL_DELETED)
    {
      /* What was committed before the WAL went was rescued into the file. */
      g_assert_cmpint (count_titles (f->path, "A"), ==, 1);
    }
  if (gone != GONE_DELETED)
    g_assert_cmpint (count_titles (f->path, "B"), ==, 0);
}

/* Disk full (a file size limit stands in for it): the edit is refused with
 * the library's name, nothing half-written, and the next smaller one works. */
static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
      g_autofree char *big = g_strnfill (4 * 1024 * 1024, 'x');
      g_autoptr(GError) error = NULL;
      struct stat st;
      struct rlimit limit;

      g_free (create_strategy (f->store, "A"));
      g_assert_cmpint (stat (wal, &st), ==, 0);
      signal (SIGXFSZ, SIG_IGN);
      limit.rlim_cur = limit.rlim_max = st.st_size + 256 * 1024;
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

      g_assert_null (mb_store_create_strategy (f->store, big, "rus", &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, f->path));
      g_clear_error (&error);
      g_free (create_strategy (f->store, "small"));
      g_clear_object (&f->store);
      g_assert_cmpint (count_titles (f->path, "A"), ==, 1);
      g_assert_cmpint (count_titles (f->path, "small"), ==, 1);
      g_assert_cmpint (count_titles (f->path, big), ==, 0);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/locks/stray-close-keeps-edits", Fixture, NULL,
              fixture_set_up, test_stray_close_keeps_edits, fixture_tear_down);
  g_test_add ("/store/locks/two-connections-one-process", Fixture, NULL,
              fixture_set_up, test_two_connections_one_process, fixture_tear_down);
  g_test_add_func ("/store/locks/posix-interop", test_posix_interop);
  g_test_add ("/store/locks/gone/deleted", Fixture, GINT_TO_POINTER (GONE_DELETED),
              fixture_set_up, test_library_gone, fixture_tear_down);
  g_test_add ("/store/locks/gone/replaced", Fixture, GINT_TO_POINTER (GONE_REPLACED),
              fixture_set_up, test_library_gone, fixture_tear_down);
  g_test_add ("/store/locks/gone/wal-deleted", Fixture, GINT_TO_POINTER (GONE_WAL_DELETED),
              fixture_set_up, test_library_gone, fixture_tear_down);
  g_test_add ("/store/locks/gone/shm-replaced", Fixture, GINT_TO_POINTER (GONE_SHM_REPLACED),
              fixture_set_up, test_library_gone, fixture_tear_down);
  g_test_add ("/store/locks/disk-full", Fixture, NULL,
              fixture_set_up, test_disk_full, fixture_tear_down);

  return g_test_run ();
}
