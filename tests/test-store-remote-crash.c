/* test-store-remote-crash.c – the server's backend killed in the middle of an action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under tests/with-postgresql. An import of a few thousand nodes is
 * pushed to the server; while the push writes the nodes, its backend gets
 * SIGKILL, the real thing (the postmaster then restarts every backend).
 * The action fails as a lost connection, nothing of it is on the server or
 * in the replica, and once the store has reconnected the same import goes
 * through. The push is held at the nodes by a lock this test takes, so that
 * the kill falls in the middle of the action, however fast the machine.
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "mb-exchange.h"
#include "mb-problem-list.h"
#include "mb-remote.h"
#include "test-pg-util.h"
#include "test-store-util.h"

#define N_NODES 3000
#define WAIT_LIMIT_S 60

/* A new library, as --init makes it; its database's name. */
static char *
new_library (void)
{
  g_autofree char *name = mb_test_pg_new_database ();
  g_autofree char *uri = mb_test_pg_uri (name, "malbild_test");
  g_autoptr(GError) error = NULL;

  g_assert_true (mb_remote_init (uri, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&name);
}

typedef struct
{
  const char *strategy;
  const char *level;
} Nodes;

static gboolean
insert_nodes_cb (MbStore   *store,
                 sqlite3   *db,
                 gpointer   data,
                 GError   **error)
{
  Nodes *nodes = data;
  g_autoptr(sqlite3_stmt) stmt = _mb_store_prepare (db, "INSERT INTO nodes (id, strategy_id,"
                                                    " level_id, position, title, created,"
                                                    " modified) VALUES (?, ?, ?, ?, ?,"
                                                    " '2026-01-01T00:00:00Z',"
                                                    " '2026-01-01T00:00:00Z')", error);

  if (stmt == NULL)
    return FALSE;
  for (int i = 0; i < N_NODES; i++)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *title = g_strdup_printf ("Mål %d", i);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, nodes->strategy, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, nodes->level, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, i);
      sqlite3_bind_text (stmt, 5, title, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          _mb_store_set_sqlite_error (db, sqlite3_errcode (db), error);
          return FALSE;
        }
    }
  return TRUE;
}

/* The exchange file of a library with one strategy of N_NODES nodes. */
static char *
make_big_json (const char *dir)
{
  g_autoptr(MbStore) store = mb_test_open (dir, "big.malbild");
  g_autofree char *path = g_build_filename (dir, "big.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *strategy = mb_store_create_strategy (store, "Stor strategi", "rus", &error);
  g_autofree char *level = NULL;
  Nodes nodes = { strategy, NULL };

  g_assert_no_error (error);
  level = mb_test_level (store, strategy, 0);
  nodes.level = level;
  g_assert_true (mb_store_run_batch_action (store, "Många mål", insert_nodes_cb, &nodes, &error));
  g_assert_no_error (error);
  g_assert_true (mb_exchange_export_file (store, path, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* What the server holds: every entity table's count and the actions. */
static char *
server_counts (const char *database)
{
  g_autoptr(PGconn) conn = mb_test_pg_connect (database, "malbild_test");
  GString *out = g_string_new (NULL);

  for (guint i = 0; mb_store_entity_tables[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM malbild.%s",
                                              mb_store_entity_tables[i]);
      g_autofree char *n = mb_test_pg_query_text (conn, sql);

      g_string_append_printf (out, "%s=%s ", mb_store_entity_tables[i], n);
    }
  {
    g_autofree char *actions = mb_test_pg_query_text (conn, "SELECT count(*) || '/' ||"
                                                      " coalesce (max (id), 0)"
                                                      " FROM malbild.mb_actions");
    g_autofree char *deletions = mb_test_pg_query_text (conn, "SELECT count(*)"
                                                        " FROM malbild.mb_deletions");

    g_string_append_printf (out, "actions=%s deletions=%s", actions, deletions);
  }
  return g_string_free (out, FALSE);
}

typedef struct
{
  MbStore        *store;
  const char     *json;
  MbImportReport *report;
  GError         *error;
} Import;

static gpointer
import_thread (gpointer data)
{
  Import *import = data;
  g_autoptr(MbProblemList) problems = mb_problem_list_new (MB_PROBLEM_LIST_DEFAULT_MAX);

  import->report = mb_exchange_import_file (import->store, import->json, MB_IMPORT_NONE,
                                            problems, &import->error);
  return NULL;
}

/* The backend of another connection to @database that waits on a lock, as
 * the push does at the nodes this test holds; 0 while there is none. */
static int
blocked_backend (PGconn     *conn,
                 const char *database)
{
  const char *params[1] = { database };
  g_autoptr(PGresult) result = PQexecParams (conn, "SELECT pid FROM pg_stat_activity"
                                             " WHERE datname = $1 AND pid <> pg_backend_pid ()"
                                             " AND state = 'active'"
                                             " AND wait_event_type = 'Lock'"
                                             " AND query ILIKE '%nodes%'",
                                             1, NULL, params, NULL, NULL, 0);

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  return PQntuples (result) > 0 ? atoi (PQgetvalue (result, 0, 0)) : 0;
}

/* The server takes connections again (after its restart). */
static void
wait_for_server (const char *database)
{
  gint64 limit = g_get_monotonic_time () + WAIT_LIMIT_S * G_USEC_PER_SEC;
  g_autofree char *uri = mb_test_pg_uri (database, "malbild_test");

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PGconn) conn = mb_remote_connect (uri, &error);

      if (conn != NULL)
        return;
      g_assert_cmpint (g_get_monotonic_time (), <, limit);
      g_usleep (G_USEC_PER_SEC / 20);  /* a poll of the condition */
    }
}

static gboolean
connected (gpointer store)
{
  return mb_store_is_connected (store);
}

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

static void
test_backend_killed (void)
{
  g_autofree char *db = new_library ();
  g_autofree char *uri = mb_test_pg_uri (db, "malbild_test");
  g_autofree char *dir = g_dir_make_tmp ("malbild-crash-XXXXXX", NULL);
  g_autofree char *json = make_big_json (dir);
  g_autoptr(MbStore) store = NULL;
  g_autoptr(PGconn) locker = NULL;
  g_autoptr(PGconn) watcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MbImportReport) again = NULL;
  g_autoptr(MbProblemList) problems = mb_problem_list_new (MB_PROBLEM_LIST_DEFAULT_MAX);
  g_autofree char *counts = NULL;
  g_autofree char *counts_after = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *dump_after = NULL;
  g_autofree char *strategy = NULL;
  g_autofree char *level = NULL;
  g_autofree char *goal = NULL;
  g_autofree char *n_nodes = NULL;
  g_autofree char *expected = NULL;
  Import import = { NULL, json, NULL, NULL };
  GThread *thread;
  gint64 undo_steps, limit;
  int pid = 0;

  store = mb_store_open (uri, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  import.store = store;

  /* Something there before, and in the undo history. */
  strategy = mb_store_create_strategy (store, "RUS", "rus", &error);
  g_assert_no_error (error);
  level = mb_test_level (store, strategy, 0);
  goal = mb_store_create_node (store, strategy, NULL, level, "Ett starkt näringsliv", &error);
  g_assert_no_error (error);
  counts = server_counts (db);
  dump = mb_test_dump (store);
  undo_steps = mb_test_n_undo_steps (store);

  /* The push will wait at the nodes, after the strategies and levels. */
  locker = mb_test_pg_connect (db, "malbild_test");
  mb_test_pg_exec (locker, "BEGIN");
  mb_test_pg_exec (locker, "LOCK TABLE malbild.nodes IN EXCLUSIVE MODE");
  watcher = mb_test_pg_connect (db, "malbild_test");
  thread = g_thread_new ("import", import_thread, &import);

  limit = g_get_monotonic_time () + WAIT_LIMIT_S * G_USEC_PER_SEC;
  while ((pid = blocked_backend (watcher, db)) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, limit);
      g_usleep (G_USEC_PER_SEC / 100);  /* a poll of the condition */
    }
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_thread_join (thread);

  /* The action failed as a lost connection, and said so. */
  g_assert_null (import.report);
  g_assert_nonnull (import.error);
  if (!g_error_matches (import.error, MB_STORE_ERROR, MB_STORE_ERROR_IO))
    g_assert_error (import.error, MB_STORE_ERROR, MB_STORE_ERROR_DISCONNECTED);
  g_clear_error (&import.error);
  g_assert_false (mb_store_is_connected (store));

  /* Nothing of it on the server, nothing in the replica or its history. */
  g_clear_pointer (&locker, PQfinish);
  g_clear_pointer (&watcher, PQfinish);
  wait_for_server (db);
  counts_after = server_counts (db);
  g_assert_cmpstr (counts_after, ==, counts);
  dump_after = mb_test_dump (store);
  g_assert_cmpstr (dump_after, ==, dump);
  g_assert_cmpint (mb_test_n_undo_steps (store), ==, undo_steps);
  mb_test_assert_sound (store);

  /* The store finds the server again, and the same import goes through. */
  wait_for (connected, store);
  again = mb_exchange_import_file (store, json, MB_IMPORT_NONE, problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpint (mb_test_n_undo_steps (store), ==, undo_steps + 1);
  {
    g_autoptr(PGconn) conn = mb_test_pg_connect (db, "malbild_test");

    n_nodes = mb_test_pg_query_text (conn, "SELECT count(*) FROM malbild.nodes");
  }
  expected = g_strdup_printf ("%d", N_NODES + 1);
  g_assert_cmpstr (n_nodes, ==, expected);
  g_clear_pointer (&n_nodes, g_free);
  n_nodes = _mb_store_query_text (mb_store_get_db (store), "SELECT count(*) FROM nodes", NULL);
  g_assert_cmpstr (n_nodes, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store-remote-crash/backend-killed", test_backend_killed);

  return g_test_run ();
}
