/* test-store-remote.c – working together on a shared library: the replicas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under tests/with-postgresql. Each test gets a database of its own,
 * made with --init's SQL, and people (login roles) anna and bo, editors,
 * and rita, a reviewer. Each person's store follows the library through a
 * replica of their own, as two windows on two computers do; both live in
 * this one thread, so a store learns of the other's commits only when the
 * test lets the main loop run (mb_test_wait_for).
 */

#include "config.h"

#include <string.h>

#include "mb-exchange.h"
#include "mb-problem-list.h"
#include "mb-remote.h"
#include "mb-store-review.h"
#include "test-pg-util.h"
#include "test-store-util.h"

#define WAIT_LIMIT_S 20

static char *
server_text (const char *database,
             const char *sql)
{
  g_autoptr(PGconn) conn = mb_test_pg_connect (database, "malbild_test");

  return mb_test_pg_query_text (conn, sql);
}

/* Runs the main loop until @done says so (or fails the test after a
 * generous limit: a condition, never a fixed sleep). */
static void
wait_for (gboolean (*done) (gpointer), gpointer data)
{
  gint64 limit = g_get_monotonic_time () + WAIT_LIMIT_S * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, limit);
      g_main_context_iteration (NULL, TRUE);
    }
}

typedef struct
{
  MbStore    *store;
  const char *sql;
  const char *expected;
} Expect;

static gboolean
replica_says (gpointer data)
{
  Expect *e = data;
  g_autofree char *text = _mb_store_query_text (mb_store_get_db (e->store), e->sql, NULL);

  return g_strcmp0 (text, e->expected) == 0;
}

static void
wait_for_replica (MbStore    *store,
                  const char *sql,
                  const char *expected)
{
  Expect e = { store, sql, expected };

  wait_for (replica_says, &e);
}

static char *
node_sql (const char *column,
          const char *id)
{
  return g_strdup_printf ("SELECT %s FROM nodes WHERE id = '%s'", column, id);
}

/* A strategy with a goal, made by @store; the goal's id. */
static char *
make_goal (MbStore     *store,
           const char  *title,
           char       **strategy_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *strategy = mb_store_create_strategy (store, "RUS", "rus", &error);
  g_autofree char *level = NULL;
  char *node;

  g_assert_no_error (error);
  level = mb_test_level (store, strategy, 0);
  node = mb_store_create_node (store, strategy, NULL, level, title, &error);
  g_assert_no_error (error);
  if (strategy_id != NULL)
    *strategy_id = g_steal_pointer (&strategy);
  return node;
}

typedef struct
{
  char *author;
  char *label;
} Heard;

static void
remote_action_cb (MbStore    *store,
                  const char *author,
                  const char *label,
                  Heard      *heard)
{
  g_free (heard->author);
  g_free (heard->label);
  heard->author = g_strdup (author);
  heard->label = g_strdup (label);
}

/* Tests */

/* What one person does, the other sees, with who did it; the server holds
 * every change with its author. */
static void
test_colleague_sees_change (void)
{
  g_autofree char *db = mb_test_pg_new_library ();
  g_autoptr(MbStore) anna = mb_test_pg_open_store (db, "anna");
  g_autoptr(MbStore) bo = mb_test_pg_open_store (db, "bo");
  g_autofree char *goal = make_goal (anna, "Ett starkt näringsliv", NULL);
  g_autofree char *sql = node_sql ("title", goal);
  g_autofree char *author = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GError) error = NULL;
  MbTestChanges changes = { 0 };
  Heard heard = { 0 };

  g_assert_cmpstr (mb_store_get_remote_name (anna), !=, NULL);
  g_assert_true (mb_store_is_connected (anna));
  author = server_text (db, "SELECT author FROM malbild.mb_actions ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (author, ==, "anna");
  g_clear_pointer (&author, g_free);

  mb_test_changes_watch (&changes, bo);
  g_signal_connect (bo, "remote-action", G_CALLBACK (remote_action_cb), &heard);
  wait_for_replica (bo, sql, "Ett starkt näringsliv");
  g_assert_cmpstr (heard.author, ==, "anna");
  g_assert_nonnull (heard.label);
  g_assert_cmpuint (changes.n_changed, >=, 1);
  g_assert_true (mb_store_changes_include ((const char * const *) changes.last_tables, "nodes"));

  /* Bo's undo history is his own: Anna's actions are not in it. */
  g_assert_false (mb_store_can_undo (bo));
  g_assert_true (mb_store_get_last_change (bo, "nodes", goal, &author, &when));
  g_assert_cmpstr (author, ==, "anna");
  g_assert_nonnull (when);

  g_assert_true (mb_test_store_set_text (bo, "nodes", goal, "description", "Fler jobb", &error));
  g_assert_no_error (error);
  g_clear_pointer (&sql, g_free);
  sql = node_sql ("description", goal);
  wait_for_replica (anna, sql, "Fler jobb");
  g_assert_cmpstr (heard.author, ==, "anna");

  mb_test_changes_clear (&changes);
  g_free (heard.author);
  g_free (heard.label);
}

/* Two people change the same field from the same value: the second is told
 * whose change is there, and nothing is overwritten or lost. Different
 * fields of one row both go through. */
static void
test_conflict (void)
{
  g_autofree char *db = mb_test_pg_new_library ();
  g_autoptr(MbStore) anna = mb_test_pg_open_store (db, "anna");
  g_autoptr(MbStore) bo = NULL;
  g_autofree char *goal = make_goal (anna, "Mål", NULL);
  g_autofree char *sql = node_sql ("title", goal);
  g_autofree char *server_sql = g_strdup_printf ("SELECT title FROM malbild.nodes WHERE id = '%s'",
                                                 goal);
  g_autofree char *server_title = NULL;
  g_autofree char *bo_title = NULL;
  g_autoptr(GError) error = NULL;

  bo = mb_test_pg_open_store (db, "bo");
  wait_for_replica (bo, sql, "Mål");

  /* Neither has heard of the other's change when making their own. */
  g_assert_true (mb_test_store_set_text (anna, "nodes", goal, "title", "Annas mål", &error));
  g_assert_no_error (error);
  g_assert_false (mb_test_store_set_text (bo, "nodes", goal, "title", "Bos mål", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "anna"));
  g_assert_nonnull (strstr (error->message, "Annas mål"));
  g_assert_nonnull (strstr (error->message, "Bos mål"));
  g_clear_error (&error);
  /* Nothing of it anywhere: not on the server, not in his undo history. */
  server_title = server_text (db, server_sql);
  g_assert_cmpstr (server_title, ==, "Annas mål");
  g_assert_false (mb_store_can_undo (bo));
  /* His replica shows what is there. */
  wait_for_replica (bo, sql, "Annas mål");

  /* Now he has seen it, his change is his to make. */
  g_assert_true (mb_test_store_set_text (bo, "nodes", goal, "title", "Bos mål", &error));
  g_assert_no_error (error);
  g_clear_pointer (&server_title, g_free);
  server_title = server_text (db, server_sql);
  g_assert_cmpstr (server_title, ==, "Bos mål");

  /* Different fields of one row: both stay. */
  wait_for_replica (anna, sql, "Bos mål");
  g_assert_true (mb_test_store_set_text (anna, "nodes", goal, "code", "1.1", &error));
  g_assert_no_error (error);
  g_assert_true (mb_test_store_set_text (bo, "nodes", goal, "responsible", "Regionstyrelsen", &error));
  g_assert_no_error (error);
  g_clear_pointer (&server_title, g_free);
  g_free (bo_title);
  bo_title = g_strdup_printf ("SELECT code || '/' || responsible FROM malbild.nodes"
                              " WHERE id = '%s'", goal);
  server_title = server_text (db, bo_title);
  g_assert_cmpstr (server_title, ==, "1.1/Regionstyrelsen");
}

/* Undo takes back one's own action unless somebody changed the same thing
 * since; then it says who, and does nothing. */
static void
test_undo_with_colleagues (void)
{
  g_autofree char *db = mb_test_pg_new_library ();
  g_autoptr(MbStore) anna = mb_test_pg_open_store (db, "anna");
  g_autoptr(MbStore) bo = mb_test_pg_open_store (db, "bo");
  g_autofree char *goal = make_goal (anna, "Mål", NULL);
  g_autofree char *sql = node_sql ("title", goal);
  g_autofree char *server_sql = g_strdup_printf ("SELECT title FROM malbild.nodes WHERE id = '%s'",
                                                 goal);
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mb_test_store_set_text (anna, "nodes", goal, "title", "Första", &error));
  g_assert_no_error (error);
  /* Her own undo, with nobody in between. */
  g_assert_true (mb_store_undo (anna, &error));
  g_assert_no_error (error);
  title = server_text (db, server_sql);
  g_assert_cmpstr (title, ==, "Mål");
  g_assert_true (mb_store_redo (anna, &error));
  g_assert_no_error (error);
  g_clear_pointer (&title, g_free);
  title = server_text (db, server_sql);
  g_assert_cmpstr (title, ==, "Första");

  /* Bo changes it after her: her undo would lose his change. */
  wait_for_replica (bo, sql, "Första");
  g_assert_true (mb_test_store_set_text (bo, "nodes", goal, "title", "Bos", &error));
  g_assert_no_error (error);
  wait_for_replica (anna, sql, "Bos");
  g_assert_false (mb_store_undo (anna, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "bo"));
  g_clear_error (&error);
  g_clear_pointer (&title, g_free);
  title = server_text (db, server_sql);
  g_assert_cmpstr (title, ==, "Bos");
  g_assert_true (mb_store_can_undo (anna));
}

/* A batch (an import), its undo and its redo reach the server whole. */
static void
test_batch (void)
{
  g_autofree char *db = mb_test_pg_new_library ();
  g_autoptr(MbStore) anna = mb_test_pg_open_store (db, "anna");
  g_autoptr(MbStore) bo = mb_test_pg_open_store (db, "bo");
  g_autofree char *file = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 "jamtland-harjedalen.json", NULL);
  g_autoptr(MbImportReport) report = NULL;
  g_autoptr(MbProblemList) problems = mb_problem_list_new (MB_PROBLEM_LIST_DEFAULT_MAX);
  g_autoptr(GError) error = NULL;
  g_autofree char *local = NULL;
  g_autofree char *count = NULL;
  g_autofree char *local_export = NULL;
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;

  report = mb_exchange_import_file (anna, file, MB_IMPORT_NONE, problems, &error);
  g_assert_no_error (error);
  local = _mb_store_query_text (mb_store_get_db (anna), "SELECT count(*) FROM measurements", NULL);
  count = server_text (db, "SELECT count(*) FROM malbild.measurements");
  g_assert_cmpstr (count, ==, local);
  g_assert_cmpstr (count, !=, "0");

  /* Bo's replica, filled from the server, exports as hers does. */
  wait_for_replica (bo, "SELECT count(*) FROM measurements", local);
  a = mb_exchange_export (anna, &error);
  g_assert_no_error (error);
  b = mb_exchange_export (bo, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (a, b));

  g_assert_true (mb_store_undo (anna, &error));
  g_assert_no_error (error);
  g_clear_pointer (&count, g_free);
  count = server_text (db, "SELECT count(*) FROM malbild.nodes");
  g_assert_cmpstr (count, ==, "0");
  wait_for_replica (bo, "SELECT count(*) FROM nodes", "0");

  g_assert_true (mb_store_redo (anna, &error));
  g_assert_no_error (error);
  g_clear_pointer (&count, g_free);
  count = server_text (db, "SELECT count(*) FROM malbild.measurements");
  g_assert_cmpstr (count, ==, local);
}

static gpointer
import_work (MbStore       *worker,
             gpointer       user_data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(MbProblemList) problems = mb_problem_list_new (MB_PROBLEM_LIST_DEFAULT_MAX);

  return mb_exchange_import_file (worker, user_data, MB_IMPORT_NONE, problems, error);
}

static void
work_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MbImportReport) report = mb_store_run_finish (MB_STORE (object), result, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  *done = TRUE;
}

static gboolean
is_true (gpointer flag)
{
  return *(gboolean *) flag;
}

/* The window imports in a worker thread: its worker pushes on a
 * connection of its own, and the store it works for sees the rows. */
static void
test_worker (void)
{
  g_autofree char *db = mb_test_pg_new_library ();
  g_autoptr(MbStore) anna = mb_test_pg_open_store (db, "anna");
  g_autofree char *file = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 "jamtland-harjedalen.json", NULL);
  g_autofree char *local = NULL;
  g_autofree char *count = NULL;
  MbTestChanges changes = { 0 };
  gboolean done = FALSE;

  mb_test_changes_watch (&changes, anna);
  mb_store_run_async (anna, import_work, file, (GDestroyNotify) mb_import_report_free, NULL,
                      work_done_cb, &done);
  wait_for (is_true, &done);
  g_assert_cmpuint (changes.n_changed, >=, 1);
  g_assert_true (mb_store_can_undo (anna));
  local = _mb_store_query_text (mb_store_get_db (anna), "SELECT count(*) FROM nodes", NULL);
  count = server_text (db, "SELECT count(*) FROM malbild.nodes");
  g_assert_cmpstr (count, ==, local);
  g_assert_cmpstr (count, !=, "0");
  mb_test_changes_clear (&changes);
}

/* A reviewer comments and changes nothing else, however asked. */
static void
test_reviewer (void)
{
  g_autofree char *db = mb_test_pg_new_library ();
  g_autoptr(MbStore) anna = mb_test_pg_open_store (db, "anna");
  g_autofree char *goal = make_goal (anna, "Mål", NULL);
  g_autoptr(MbStore) rita = mb_test_pg_open_store (db, "rita");
  g_autofree char *comment = NULL;
  g_autofree char *count = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mb_store_is_review (rita));
  g_assert_false (mb_test_store_set_text (rita, "nodes", goal, "title", "Ritas", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  comment = mb_store_add_comment (rita, "nodes", goal, "Rita", "Mät det här", &error);
  g_assert_no_error (error);
  count = server_text (db, "SELECT count(*) FROM malbild.review_comments");
  g_assert_cmpstr (count, ==, "1");
}

/* A whole library goes to the server and back; the three exports agree. */
static void
test_copy (void)
{
  g_autofree char *db = mb_test_pg_new_library ();
  g_autofree char *dir = g_dir_make_tmp ("malbild-copy-XXXXXX", NULL);
  g_autofree char *file = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 "jamtland-harjedalen.json", NULL);
  g_autoptr(MbStore) source = mb_test_open (dir, "source.malbild");
  g_autoptr(MbStore) shared = mb_test_pg_open_store (db, "anna");
  g_autoptr(MbStore) back = mb_test_open (dir, "back.malbild");
  g_autoptr(MbImportReport) report = NULL;
  g_autoptr(MbProblemList) problems = mb_problem_list_new (MB_PROBLEM_LIST_DEFAULT_MAX);
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  g_autoptr(GBytes) c = NULL;
  g_autoptr(GError) error = NULL;

  report = mb_exchange_import_file (source, file, MB_IMPORT_NONE, problems, &error);
  g_assert_no_error (error);
  mb_store_copy_library (shared, source, &error);
  g_assert_no_error (error);
  g_assert_true (mb_store_copy_library (back, shared, &error));
  g_assert_no_error (error);
  /* Only into an empty library. */
  g_assert_false (mb_store_copy_library (shared, source, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);

  a = mb_exchange_export (source, &error);
  b = mb_exchange_export (shared, &error);
  c = mb_exchange_export (back, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (a, b));
  g_assert_true (g_bytes_equal (a, c));
}

/* Search asks the server, which knows Swedish word forms: "starka" finds
 * "starkt", which the replica's prefix search would not. */
static void
test_search_swedish (void)
{
  g_autofree char *db = mb_test_pg_new_library ();
  g_autoptr(MbStore) anna = mb_test_pg_open_store (db, "anna");
  g_autofree char *goal = make_goal (anna, "Ett starkt näringsliv", NULL);
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;

  hits = mb_store_search (anna, "starka näringsliv", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((MbSearchHit *) hits->pdata[0])->id, ==, goal);
  g_assert_cmpstr (((MbSearchHit *) hits->pdata[0])->kind, ==, "nodes");
  /* Nothing typed is query syntax. */
  none = mb_store_search (anna, "stark & | ! ( :* '", 10, &error);
  g_assert_no_error (error);
}

/* --init on a library of an older Målbild upgrades it through the same
 * migrations as a file's: nothing of it is lost, the action history stays,
 * and a replica of it before copies it again. (The server is made to look
 * like schema version 6, before the targets' history, by taking that
 * table away.) */
static void
test_upgrade (void)
{
  g_autofree char *db = mb_test_pg_new_library ();
  g_autofree char *uri = mb_test_pg_uri (db, "malbild_test");
  g_autoptr(MbStore) anna = mb_test_pg_open_store (db, "anna");
  g_autofree char *goal = make_goal (anna, "Mål", NULL);
  g_autofree char *sql = node_sql ("title", goal);
  g_autoptr(PGconn) admin = mb_test_pg_connect (db, "malbild_test");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *version = NULL;
  g_autofree char *actions = NULL;
  g_autofree char *history = NULL;
  g_autoptr(GError) error = NULL;

  before = mb_exchange_export (anna, &error);
  g_assert_no_error (error);
  actions = mb_test_pg_query_text (admin, "SELECT count(*) FROM malbild.mb_actions");

  mb_test_pg_exec (admin, "DROP TABLE malbild.target_history CASCADE;"
                          " UPDATE malbild.mb_meta SET value = '6' WHERE key = 'schema_version'");
  g_assert_true (mb_remote_init (uri, &error));
  g_assert_no_error (error);

  version = mb_test_pg_query_text (admin, "SELECT value FROM malbild.mb_meta"
                                          " WHERE key = 'schema_version'");
  g_assert_cmpint (atoi (version), ==, MB_STORE_SCHEMA_VERSION);
  history = mb_test_pg_query_text (admin, "SELECT to_regclass ('malbild.target_history')::text");
  g_assert_nonnull (history);
  /* Every earlier action, and the upgrade's. */
  g_clear_pointer (&version, g_free);
  version = mb_test_pg_query_text (admin, "SELECT count(*) FROM malbild.mb_actions");
  g_assert_cmpint (atoi (version), ==, atoi (actions) + 1);

  /* Her store connects again to the library made anew, copies it, and
   * finds everything as it was. */
  g_clear_object (&anna);
  anna = mb_test_pg_open_store (db, "anna");
  wait_for_replica (anna, sql, "Mål");
  after = mb_exchange_export (anna, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_true (mb_test_store_set_text (anna, "nodes", goal, "title", "Nytt", &error));
  g_assert_no_error (error);
}

static gboolean
disconnected (gpointer store)
{
  return !mb_store_is_connected (store);
}

static gboolean
connected (gpointer store)
{
  return mb_store_is_connected (store);
}

/* The server drops the connection: the store says so at once, refuses
 * edits whole, and carries on when the server is back. */
static void
test_connection_lost (void)
{
  g_autofree char *db = mb_test_pg_new_library ();
  g_autoptr(MbStore) anna = mb_test_pg_open_store (db, "anna");
  g_autofree char *goal = make_goal (anna, "Mål", NULL);
  g_autofree char *sql = node_sql ("title", goal);
  g_autofree char *title = NULL;
  g_autofree char *kill = g_strdup_printf ("SELECT count(pg_terminate_backend (pid))"
                                           " FROM pg_stat_activity WHERE usename = 'anna'"
                                           " AND datname = '%s'", db);
  g_autofree char *killed = NULL;
  g_autoptr(GError) error = NULL;

  killed = server_text (db, kill);
  g_assert_cmpstr (killed, ==, "1");
  wait_for (disconnected, anna);

  g_assert_false (mb_test_store_set_text (anna, "nodes", goal, "title", "Nytt", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_DISCONNECTED);
  g_clear_error (&error);
  title = _mb_store_query_text (mb_store_get_db (anna), sql, NULL);
  g_assert_cmpstr (title, ==, "Mål");

  wait_for (connected, anna);
  g_assert_true (mb_test_store_set_text (anna, "nodes", goal, "title", "Nytt", &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = g_dir_make_tmp ("malbild-replicas-XXXXXX", NULL);
  int status;

  /* The replicas, in a directory of the run's own (each test's library is
   * a database of its own, so their replicas are files of their own). */
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-remote/colleague-sees-change", test_colleague_sees_change);
  g_test_add_func ("/store-remote/conflict", test_conflict);
  g_test_add_func ("/store-remote/undo-with-colleagues", test_undo_with_colleagues);
  g_test_add_func ("/store-remote/batch", test_batch);
  g_test_add_func ("/store-remote/worker", test_worker);
  g_test_add_func ("/store-remote/reviewer", test_reviewer);
  g_test_add_func ("/store-remote/copy", test_copy);
  g_test_add_func ("/store-remote/search-swedish", test_search_swedish);
  g_test_add_func ("/store-remote/upgrade", test_upgrade);
  g_test_add_func ("/store-remote/connection-lost", test_connection_lost);

  status = g_test_run ();
  mb_test_remove_dir (cache);
  return status;
}
