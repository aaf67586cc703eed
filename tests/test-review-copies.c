/* test-review-copies.c – review working copies are private and do not outlive
 * their process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mb-review-copies-private.h"
#include "mb-store-review.h"
#include "test-store-util.h"

static char *
make_library (const char *dir)
{
  g_autoptr(MbStore) store = mb_test_open (dir, "lib.malbild");
  g_autoptr(GError) error = NULL;

  g_free (mb_store_create_strategy (store, "RUS", "rus", &error));
  g_assert_no_error (error);
  return g_strdup (mb_store_get_path (store));
}

static guint
count_copies (void)
{
  g_autofree char *base = _mb_review_copies_base_dir ();
  g_autoptr(GDir) dir = g_dir_open (base, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    n += g_str_has_prefix (name, "review-");
  return n;
}

static guint
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

/* 0700 folders named after the process, 0600 files (the WAL's too). */
static void
test_private (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autofree char *library = make_library (dir);
  g_autofree char *base = _mb_review_copies_base_dir ();
  g_autofree char *prefix = g_strdup_printf ("review-%d-", (int) getpid ());
  g_autoptr(MbStore) review = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy_dir = NULL;
  g_autofree char *copy_base = NULL;
  g_autofree char *wal = NULL;

  review = mb_store_open (library, MB_STORE_OPEN_REVIEW, &error);
  g_assert_no_error (error);
  copy_dir = g_path_get_dirname (mb_store_get_path (review));
  copy_base = g_path_get_basename (copy_dir);
  g_assert_true (g_str_has_prefix (copy_dir, base));
  g_assert_true (g_str_has_prefix (copy_base, prefix));
  g_assert_cmpuint (mode_of (base), ==, 0700);
  g_assert_cmpuint (mode_of (copy_dir), ==, 0700);
  g_assert_cmpuint (mode_of (mb_store_get_path (review)), ==, 0600);
  wal = g_strconcat (mb_store_get_path (review), "-wal", NULL);
  g_assert_cmpuint (mode_of (wal), ==, 0600);

  g_assert_cmpuint (count_copies (), ==, 1);
  g_clear_object (&review);
  g_assert_cmpuint (count_copies (), ==, 0);
  mb_test_remove_dir (dir);
}

/* A process that exits with its review still open (Ctrl+Q, the window
 * closed, exit ()) leaves no copy behind. */
static void
test_removed_at_exit (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = mb_test_make_dir ();
      g_autofree char *library = make_library (dir);
      g_autoptr(GError) error = NULL;
      MbStore *review = mb_store_open (library, MB_STORE_OPEN_REVIEW, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (count_copies (), ==, 1);
      mb_test_remove_dir (dir);
      /* Never unreffed. */
      (void) review;
      exit (0);
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_assert_cmpuint (count_copies (), ==, 0);
}

/* Copies of a killed process go at the next start; those of live ones stay. */
static void
test_stale_cleaned (void)
{
  g_autofree char *base = _mb_review_copies_base_dir ();
  g_autofree char *dead = NULL;
  g_autofree char *dead_file = NULL;
  g_autofree char *alive = NULL;
  pid_t pid;

  /* A process that is surely gone: a child that exited and was reaped. */
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    _exit (0);
  g_assert_cmpint (waitpid (pid, NULL, 0), ==, pid);

  g_assert_cmpint (g_mkdir_with_parents (base, 0700), ==, 0);
  dead = g_strdup_printf ("%s/review-%d-abcdef", base, (int) pid);
  alive = g_strdup_printf ("%s/review-%d-abcdef", base, (int) getpid ());
  g_assert_cmpint (g_mkdir (dead, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (alive, 0700), ==, 0);
  dead_file = g_build_filename (dead, "lib.malbild", NULL);
  g_assert_true (g_file_set_contents (dead_file, "copy", -1, NULL));

  g_assert_cmpuint (mb_review_copies_clean_stale (), ==, 1);
  g_assert_false (g_file_test (dead, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (alive, G_FILE_TEST_IS_DIR));
  g_rmdir (alive);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;
  int status;

  /* A test's subprocess works in its parent's folder, where the parent
   * looks for what it left. */
  if (g_getenv ("MALBILD_TEST_RUNTIME_DIR") == NULL)
    {
      tmp = g_build_filename (g_get_tmp_dir (), "malbild-test-copies-XXXXXX", NULL);
      g_assert_nonnull (g_mkdtemp (tmp));
      g_setenv ("MALBILD_TEST_RUNTIME_DIR", tmp, TRUE);
    }
  g_setenv ("XDG_RUNTIME_DIR", g_getenv ("MALBILD_TEST_RUNTIME_DIR"), TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/review-copies/private", test_private);
  g_test_add_func ("/review-copies/removed-at-exit", test_removed_at_exit);
  g_test_add_func ("/review-copies/stale-cleaned", test_stale_cleaned);

  status = g_test_run ();
  mb_test_remove_dir (tmp);
  return status;
}
