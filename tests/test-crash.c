/* test-crash.c – SIGKILL in the middle of edits, and two processes at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test binary runs itself as the child process:
 *   test-crash --edit PATH ROUND     edits forever, printing each committed id
 *   test-crash --hold PATH -         holds a write transaction until told
 *                                    (a line on its stdin)
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test-store-util.h"

static const char *self_path;

/* Child: a stream of real user actions, each reported after its commit. */
static int
child_edit (const char *path,
            const char *round)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbStore) store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  g_autofree char *strategy = NULL;
  g_autofree char *level = NULL;
  g_autofree char *previous = NULL;

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  strategy = mb_store_create_strategy (store, round, "rus", &error);
  level = mb_test_level (store, strategy, 0);
  for (guint i = 0; ; i++)
    {
      g_autofree char *title = g_strdup_printf ("%s-%u", round, i);
      g_autofree char *id = mb_store_create_node (store, strategy, NULL, level, title, &error);

      if (id == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      /* Links and deletes too, so that crashes land in cascades as well. */
      if (previous != NULL)
        g_free (mb_store_create_link (store, previous, id, NULL, NULL));
      if (i % 7 == 6)
        mb_store_delete (store, "nodes", previous, NULL);
      printf ("%s\n", id);
      fflush (stdout);
      g_free (previous);
      previous = g_steal_pointer (&id);
    }
  return 0;
}

static gboolean
hold_cb (MbStore   *store,
         sqlite3   *db,
         gpointer   user_data,
         GError   **error)
{
  g_autofree char *now = _mb_store_now ();
  char line[16];

  if (!_mb_store_exec (db, error, "INSERT INTO organisations (id, name, created, modified)"
                                  " VALUES ('00000000-0000-4000-8000-00000000aaaa', 'Holder', ?, ?)",
                       "ss", now, now))
    return FALSE;
  printf ("holding\n");
  fflush (stdout);
  return fgets (line, sizeof line, stdin) != NULL;
}

static int
child_hold (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbStore) store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);

  if (store == NULL || !mb_store_run_action (store, "Hold", hold_cb, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  printf ("done\n");
  fflush (stdout);
  return 0;
}

static GPid
spawn_child (const char *mode,
             const char *path,
             const char *arg,
             int        *in_fd,
             FILE      **out)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { self_path, mode, path, arg, NULL };
  GPid pid;
  int out_fd;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, in_fd, &out_fd, NULL, &error);
  g_assert_no_error (error);
  *out = fdopen (out_fd, "r");
  g_assert_nonnull (*out);
  return pid;
}

static void
assert_healthy (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbStore) store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  sqlite3 *db;

  g_assert_no_error (error);
  db = mb_store_get_db (store);
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (db, "PRAGMA integrity_check", NULL)),
                   ==, "ok");
  g_assert_null (mb_test_take (_mb_store_query_text (db, "PRAGMA foreign_key_check", NULL)));
  /* The full-text index agrees with itself. */
  g_assert_true (_mb_store_exec (db, &error, "INSERT INTO mb_search (mb_search)"
                                             " VALUES ('integrity-check')", NULL));
  g_assert_no_error (error);
}

static void
test_crash_sigkill (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "crash.malbild", NULL);
  g_autoptr(GPtrArray) committed = g_ptr_array_new_with_free_func (g_free);

  for (guint round = 0; round < 8; round++)
    {
      g_autofree char *name = g_strdup_printf ("round%u", round);
      guint wanted = g_test_rand_int_range (1, 60);
      char line[128];
      FILE *out = NULL;
      GPid pid = spawn_child ("--edit", path, name, NULL, &out);
      int status = 0;

      for (guint n = 0; n < wanted && fgets (line, sizeof line, out); n++)
        g_ptr_array_add (committed, g_strstrip (g_strdup (line)));
      /* Now the child is somewhere inside its next action. */
      if (g_test_rand_bit ())
        g_usleep (g_test_rand_int_range (0, 3000));
      kill (pid, SIGKILL);
      waitpid (pid, &status, 0);
      g_spawn_close_pid (pid);
      /* A line the child printed before dying was committed too. */
      while (fgets (line, sizeof line, out))
        g_ptr_array_add (committed, g_strstrip (g_strdup (line)));
      fclose (out);
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);

      assert_healthy (path);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MbStore) store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
    sqlite3 *db = mb_store_get_db (store);
    guint present = 0;

    g_assert_no_error (error);
    g_assert_cmpuint (committed->len, >, 8);
    for (guint i = 0; i < committed->len; i++)
      {
        /* Every seventh node is deleted by a later action, possibly
         * committed: the node or its deletion step must be there. */
        if (_mb_store_query_int (db, "SELECT count(*) FROM nodes WHERE id = ?", "s",
                                 committed->pdata[i]))
          present++;
        else
          g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM mb_undo_log"
                                                    " WHERE tbl = 'nodes' AND op = 'insert'"
                                                    " AND json_extract(vals, '$.id') = ?",
                                                "s", committed->pdata[i]), >, 0);
      }
    g_assert_cmpuint (present, >, committed->len / 2);

    /* The history survived too: undo works after the crashes. */
    g_assert_true (mb_store_can_undo (store));
    g_assert_true (mb_store_undo (store, &error));
    g_assert_no_error (error);
  }
  mb_test_remove_dir (dir);
}

static void
test_two_processes (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "two.malbild", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MbStore) store = mb_test_open (dir, "two.malbild");
  g_autofree char *org = NULL;
  char line[64];
  FILE *out = NULL;
  GPid pid;
  int status = 0;
  int in_fd = -1;

  /* While the other process writes, we can read but not write: after a
   * short wait we get a clear BUSY, and nothing of ours is left behind. */
  pid = spawn_child ("--hold", path, "-", &in_fd, &out);
  g_assert_nonnull (fgets (line, sizeof line, out));
  g_assert_cmpstr (line, ==, "holding\n");
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (store),
                                        "SELECT count(*) FROM organisations", NULL), ==, 0);
  _mb_store_set_busy_timeout (store, 100);
  g_assert_null (mb_store_create_organisation (store, "Mine", NULL, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_BUSY);
  g_clear_error (&error);

  /* Let the other commit; with the normal timeout we wait for it, then write. */
  g_assert_cmpint (write (in_fd, "go\n", 3), ==, 3);
  close (in_fd);
  _mb_store_set_busy_timeout (store, 5000);
  org = mb_store_create_organisation (store, "Mine", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fgets (line, sizeof line, out));
  g_assert_cmpstr (line, ==, "done\n");
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  fclose (out);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);

  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (store),
                                        "SELECT count(*) FROM organisations", NULL), ==, 2);
  /* Undo sees the shared history: ours is on top. */
  mb_store_refresh (store);
  g_assert_cmpstr (mb_store_get_undo_label (store), ==, "Add Organisation");
  g_clear_object (&store);
  assert_healthy (path);
  mb_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--edit"))
    return child_edit (argv[2], argv[3]);
  if (argc == 4 && g_str_equal (argv[1], "--hold"))
    return child_hold (argv[2]);

  self_path = argv[0];
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/crash/sigkill", test_crash_sigkill);
  g_test_add_func ("/store/crash/two-processes", test_two_processes);

  return g_test_run ();
}
