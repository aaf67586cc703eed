/* test-store-notify.c – the store is the one source of "changed": its own
 * actions, the works it runs in a worker thread, and commits of other
 * connections and processes, which it notices by itself.
 *
 * Waits are on conditions with a generous bound (a loaded machine may be
 * slow); no test asserts how fast anything is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/wait.h>

#include "mb-exchange.h"
#include "test-store-util.h"

static void
wait_for_changes (MbTestChanges *changes,
                  guint          n_before)
{
  mb_test_wait_until (changes->n_changed > n_before);
}

static void
assert_tables (MbTestChanges      *changes,
               const char * const *expected)
{
  g_autofree char *got = g_strjoinv (",", changes->last_tables);
  g_autofree char *want = g_strjoinv (",", (char **) expected);

  g_assert_cmpstr (got, ==, want);
}

static void
free_changes (MbTestChanges *changes)
{
  mb_test_changes_clear (changes);
}

/* Another connection's commits reach this store's "changed", each with the
 * tables it touched, read from the undo log; the shared undo history too. */
static void
test_other_connection (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autoptr(MbStore) watched = mb_test_open (dir, "lib.malbild");
  g_autoptr(MbStore) other = mb_test_open (dir, "lib.malbild");
  g_autoptr(GError) error = NULL;
  g_autofree char *strategy = NULL;
  g_autofree char *indicator = NULL;
  MbTestChanges changes = { 0, };

  mb_test_changes_watch (&changes, watched);

  strategy = mb_store_create_strategy (other, "Elsewhere", "rus", &error);
  g_assert_no_error (error);
  wait_for_changes (&changes, 0);
  assert_tables (&changes, (const char *[]) { "strategies", "levels", NULL });
  g_assert_cmpstr (mb_store_get_undo_label (watched), ==, "Add Strategy");

  indicator = mb_store_create_indicator (other, strategy, "Jobs", NULL, &error);
  g_assert_no_error (error);
  wait_for_changes (&changes, 1);
  assert_tables (&changes, (const char *[]) { "indicators", NULL });

  g_free (mb_store_record_measurement (other, indicator, "2024", NULL, NULL, 3.0, NULL, &error));
  g_assert_no_error (error);
  wait_for_changes (&changes, 2);
  assert_tables (&changes, (const char *[]) { "measurements", NULL });

  g_assert_true (mb_store_undo (other, &error));
  g_assert_no_error (error);
  wait_for_changes (&changes, 3);
  assert_tables (&changes, (const char *[]) { "measurements", NULL });
  g_assert_true (mb_store_can_redo (watched));

  free_changes (&changes);
  g_clear_object (&other);
  g_clear_object (&watched);
  mb_test_remove_dir (dir);
}

/* When the log no longer holds what happened (an undo whose redo entries
 * the next action dropped, before this store looked), every entity table
 * counts as changed. */
static void
test_forgotten_history (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autoptr(MbStore) watched = mb_test_open (dir, "lib.malbild");
  g_autoptr(MbStore) other = mb_test_open (dir, "lib.malbild");
  g_autoptr(GError) error = NULL;
  g_autofree char *strategy = NULL;
  MbTestChanges changes = { 0, };

  strategy = mb_store_create_strategy (other, "Elsewhere", "rus", &error);
  g_assert_no_error (error);
  g_free (mb_store_create_project (other, "Project", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (mb_store_undo (other, &error));
  g_free (mb_store_create_call (other, "Call", &error));
  g_assert_no_error (error);

  mb_test_changes_watch (&changes, watched);
  wait_for_changes (&changes, 0);
  g_assert_cmpuint (g_strv_length (changes.last_tables), ==,
                    g_strv_length ((char **) mb_store_entity_tables));

  free_changes (&changes);
  g_clear_object (&other);
  g_clear_object (&watched);
  mb_test_remove_dir (dir);
}

/* An action of this store also announces what others committed before it,
 * in its one "changed". */
static void
test_own_action_tells_outside_changes (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autoptr(MbStore) watched = mb_test_open (dir, "lib.malbild");
  g_autoptr(MbStore) other = mb_test_open (dir, "lib.malbild");
  g_autoptr(GError) error = NULL;
  MbTestChanges changes = { 0, };

  mb_test_changes_watch (&changes, watched);
  g_free (mb_store_create_project (other, "Theirs", NULL, &error));
  g_assert_no_error (error);
  g_free (mb_store_create_organisation (watched, "Ours", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_changed, ==, 1);
  assert_tables (&changes, (const char *[]) { "organisations", "projects", NULL });

  /* Told once: the watch has nothing left to announce. A third commit
   * marks the end of what the watch could have said. */
  g_free (mb_store_create_call (other, "Later", &error));
  g_assert_no_error (error);
  wait_for_changes (&changes, 1);
  g_assert_cmpuint (changes.n_changed, ==, 2);
  assert_tables (&changes, (const char *[]) { "funding_calls", NULL });

  free_changes (&changes);
  g_clear_object (&other);
  g_clear_object (&watched);
  mb_test_remove_dir (dir);
}

/* Another process: the real command line imports a file into the library
 * while this store is open; the store announces it without a restart. */
static void
test_other_process (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autofree char *library = g_build_filename (dir, "lib.malbild", NULL);
  g_autofree char *file = g_build_filename (dir, "other.json", NULL);
  g_autofree char *malbild = g_build_filename (g_getenv ("MALBILD_BUILD_ROOT"), "src", "malbild",
                                               NULL);
  g_autoptr(MbStore) watched = mb_test_open (dir, "lib.malbild");
  g_autofree char *database = mb_test_database (library);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) strategies = NULL;
  const char *argv[] = { malbild, "--database", database, "--import", file, NULL };
  MbTestChanges changes = { 0, };
  GPid pid;
  int status = 0;

  /* The file to import, from a library of its own. */
  {
    g_autoptr(MbStore) source = mb_test_open (dir, "source.malbild");

    g_free (mb_store_create_strategy (source, "From the command line", "rus", &error));
    g_assert_no_error (error);
    g_assert_true (mb_exchange_export_file (source, file, &error));
    g_assert_no_error (error);
  }

  mb_test_changes_watch (&changes, watched);
  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                &pid, &error));
  g_assert_no_error (error);
  wait_for_changes (&changes, 0);
  g_assert_true (mb_store_changes_include ((const char * const *) changes.last_tables,
                                           "strategies"));
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (watched),
                                        "SELECT count(*) FROM strategies WHERE title = ?", "s",
                                        "From the command line"), ==, 1);

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);

  free_changes (&changes);
  g_clear_object (&watched);
  mb_test_remove_dir (dir);
}

/* Work in a worker thread */

typedef struct
{
  MbTestChanges *changes;
  guint          n_changed_in_work;   /* "changed" seen while the work ran */
  gboolean       cancel_inside;
  GCancellable  *cancellable;
  /* The callback's outcome */
  guint          done;
  char          *result;
  GError        *error;
  guint          n_changed_at_callback;
} Work;

static gboolean
slow_inserts_cb (MbStore   *store,
                 sqlite3   *db,
                 gpointer   user_data,
                 GError   **error)
{
  Work *work = user_data;

  if (!_mb_store_exec (db, error, "INSERT INTO organisations (id, name, created, modified)"
                                  " VALUES ('o-1', 'First', '2026', '2026')", NULL))
    return FALSE;
  /* The caller gives up while the action runs: the rest is interrupted. */
  g_cancellable_cancel (work->cancellable);
  return _mb_store_exec (db, error,
                         "WITH RECURSIVE n (i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n"
                         "  WHERE i < 200000)"
                         " INSERT INTO organisations (id, name, created, modified)"
                         " SELECT 'o-' || i, 'Org ' || i, '2026', '2026' FROM n", NULL);
}

static gpointer
work_func (MbStore       *worker,
           gpointer       user_data,
           GCancellable  *cancellable,
           GError       **error)
{
  Work *work = user_data;
  g_autofree char *strategy = NULL;
  g_autofree char *level = NULL;
  char *node;

  work->n_changed_in_work = work->changes->n_changed;
  if (work->cancel_inside)
    return mb_store_run_batch_action (worker, "Slow", slow_inserts_cb, work, error)
           ? g_strdup ("finished") : NULL;

  strategy = mb_store_create_strategy (worker, "In a worker", "rus", error);
  if (strategy == NULL)
    return NULL;
  level = mb_test_level (worker, strategy, 0);
  node = mb_store_create_node (worker, strategy, NULL, level, "Node", error);
  return node;
}

static void
work_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Work *work = user_data;

  work->n_changed_at_callback = work->changes->n_changed;
  work->result = mb_store_run_finish (MB_STORE (object), result, &work->error);
  work->done++;
}

static void
wait_for_work (Work *work)
{
  mb_test_wait_until (work->done > 0);
}

/* A work's actions, on a connection of its own in a worker thread, are
 * announced once by the store, in its thread, before the caller hears of
 * the result; the watch does not announce them again. */
static void
test_run_async (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autoptr(MbStore) store = mb_test_open (dir, "lib.malbild");
  g_autoptr(MbStore) other = mb_test_open (dir, "lib.malbild");
  g_autoptr(GError) error = NULL;
  MbTestChanges changes = { 0, };
  Work work = { .changes = &changes };

  mb_test_changes_watch (&changes, store);
  mb_store_run_async (store, work_func, &work, g_free, NULL, work_done_cb, &work);
  wait_for_work (&work);

  g_assert_no_error (work.error);
  g_assert_nonnull (work.result);
  g_assert_cmpuint (work.n_changed_in_work, ==, 0);
  g_assert_cmpuint (work.n_changed_at_callback, ==, 1);
  assert_tables (&changes, (const char *[]) { "strategies", "levels", "nodes", NULL });
  g_assert_cmpstr (mb_store_get_undo_label (store), ==, "Add Node");
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (store),
                                        "SELECT count(*) FROM nodes WHERE id = ?", "s",
                                        work.result), ==, 1);
  /* Two undo steps, as two actions anywhere else. */
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (store),
                                        "SELECT count(*) FROM mb_undo_steps WHERE stack = 0",
                                        NULL), ==, 2);

  /* Announced once: the next thing the watch says is another's commit. */
  g_free (mb_store_create_project (other, "Later", NULL, &error));
  g_assert_no_error (error);
  wait_for_changes (&changes, 1);
  g_assert_cmpuint (changes.n_changed, ==, 2);
  assert_tables (&changes, (const char *[]) { "projects", NULL });

  g_free (work.result);
  free_changes (&changes);
  g_clear_object (&other);
  g_clear_object (&store);
  mb_test_remove_dir (dir);
}

/* Cancelled before it starts, or while its action runs: nothing is written
 * and nothing announced. */
static void
test_run_async_cancelled (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autoptr(MbStore) store = mb_test_open (dir, "lib.malbild");
  g_autofree char *before = mb_test_dump (store);
  g_autofree char *after = NULL;
  MbTestChanges changes = { 0, };

  mb_test_changes_watch (&changes, store);

  for (guint inside = 0; inside <= 1; inside++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      Work work = { .changes = &changes, .cancel_inside = inside, .cancellable = cancellable };

      if (!inside)
        g_cancellable_cancel (cancellable);
      mb_store_run_async (store, work_func, &work, g_free, cancellable, work_done_cb, &work);
      wait_for_work (&work);
      g_assert_error (work.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_null (work.result);
      g_clear_error (&work.error);
    }

  after = mb_test_dump (store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (changes.n_changed, ==, 0);
  g_assert_false (mb_store_can_undo (store));

  free_changes (&changes);
  g_clear_object (&store);
  mb_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/notify/other-connection", test_other_connection);
  g_test_add_func ("/store/notify/forgotten-history", test_forgotten_history);
  g_test_add_func ("/store/notify/own-action-tells-outside-changes",
                   test_own_action_tells_outside_changes);
  g_test_add_func ("/store/notify/other-process", test_other_process);
  g_test_add_func ("/store/notify/run-async", test_run_async);
  g_test_add_func ("/store/notify/run-async-cancelled", test_run_async_cancelled);

  return g_test_run ();
}
