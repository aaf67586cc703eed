/* test-remote.c – a library shared on PostgreSQL: the server's side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under tests/with-postgresql, which starts a server of its own and
 * names it in MB_TEST_PG_URI (a superuser) and MB_TEST_PG_HOST. Each test
 * that writes gets a database of its own; the roles are the cluster's, so
 * the tests see them made once and found made afterwards.
 */

#include "config.h"

#include <string.h>

#include "mb-remote.h"
#include "test-pg-util.h"
#include "test-store-util.h"

/* Helpers */

static char *
uri_for (const char *database,
         const char *user)
{
  return mb_test_pg_uri (database, user);
}

static PGconn *
connect_as_superuser (const char *database)
{
  return mb_test_pg_connect (database, "malbild_test");
}

#define exec_ok mb_test_pg_exec
#define query_text mb_test_pg_query_text

/* A new empty database for the current test; its URI as the superuser. */
static char *
fresh_database (void)
{
  g_autofree char *name = mb_test_pg_new_database ();

  return uri_for (name, "malbild_test");
}

/* A library made by --init in a new database; its URI as the superuser. */
static char *
fresh_library (void)
{
  char *uri = fresh_database ();
  g_autoptr(GError) error = NULL;

  mb_remote_init (uri, &error);
  g_assert_no_error (error);
  return uri;
}

/* A new login role in @group; its URI for the database of @uri. */
static char *
login_role (const char *uri,
            const char *group,
            const char *prefix)
{
  static guint n = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = mb_remote_connect (uri, &error);
  g_autofree char *role = g_strdup_printf ("%s_%u_%u", prefix, (guint) getpid (), ++n);
  g_autofree char *sql = g_strdup_printf ("CREATE ROLE %s LOGIN IN ROLE %s", role, group);

  g_assert_no_error (error);
  exec_ok (conn, sql);
  return uri_for (PQdb (conn), role);
}

/* A strategy, its level and a node "Ett starkt näringsliv" (id n1) with
 * the tag "s3", written by @conn as one action. */
static void
add_sample (PGconn *conn)
{
  exec_ok (conn,
           "BEGIN;"
           "SELECT mb_begin_action ('Add Sample');"
           "INSERT INTO strategies (id, title, created, modified)"
           "  VALUES ('s1', 'RUS Exempelregion', '2026-01-01', '2026-01-01');"
           "INSERT INTO levels (id, strategy_id, position, name, created, modified)"
           "  VALUES ('l1', 's1', 0, 'Goal', '2026-01-01', '2026-01-01');"
           "INSERT INTO nodes (id, strategy_id, level_id, title, created, modified)"
           "  VALUES ('n1', 's1', 'l1', 'Ett starkt näringsliv', '2026-01-01', '2026-01-01'),"
           "         ('n2', 's1', 'l1', 'Kultur för alla', '2026-01-01', '2026-01-01');"
           "INSERT INTO node_tags (node_id, tag) VALUES ('n1', 's3');"
           "COMMIT");
}

/* Whether @sql fails on @conn with a "permission denied". */
static gboolean
is_refused (PGconn     *conn,
            const char *sql)
{
  g_autoptr(GError) error = NULL;

  if (mb_remote_exec (conn, sql, &error))
    return FALSE;
  if (strstr (error->message, "permission denied") == NULL)
    g_error ("%s failed for another reason: %s", sql, error->message);
  return TRUE;
}

/* Connecting, no server needed */

static void
test_is_uri (void)
{
  g_assert_true (mb_remote_is_uri ("postgresql://db.region.se/malbild"));
  g_assert_true (mb_remote_is_uri ("postgres://anna@db/malbild"));
  g_assert_true (mb_remote_is_uri ("postgresql:///malbild?host=/run/postgresql"));
  g_assert_true (mb_remote_is_uri ("service=malbild"));
  g_assert_true (mb_remote_is_uri ("host=db.region.se dbname=malbild"));
  g_assert_true (mb_remote_is_uri ("  dbname = 'my library'"));

  g_assert_false (mb_remote_is_uri ("/home/anna/library.malbild"));
  g_assert_false (mb_remote_is_uri ("library.malbild"));
  g_assert_false (mb_remote_is_uri ("a=b.malbild"));
  g_assert_false (mb_remote_is_uri ("file:///home/anna/library.malbild"));
  g_assert_false (mb_remote_is_uri (""));
  g_assert_false (mb_remote_is_uri (NULL));
}

static void
test_display_name (void)
{
  struct {
    const char *uri;
    const char *shown;
  } cases[] = {
    { "postgresql://db.region.se/malbild", "postgresql://db.region.se/malbild" },
    { "postgresql://anna:hemligt@db.region.se:5433/malbild",
      "postgresql://anna@db.region.se:5433/malbild" },
    { "postgres://anna:p%40ss@db/malbild?sslmode=require",
      "postgres://anna@db/malbild?sslmode=require" },
    { "postgresql://db/malbild?user=anna&password=hemligt&sslmode=verify-full",
      "postgresql://db/malbild?user=anna&sslmode=verify-full" },
    { "postgresql://db/malbild?password=hemligt", "postgresql://db/malbild" },
    { "service=malbild", "service=malbild" },
    { "host=db dbname=malbild password=hemligt", "dbname=malbild host=db" },
    { "host=db password='hemligt med mellanslag' user=anna", "user=anna host=db" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = mb_remote_display_name (cases[i].uri);

      g_assert_cmpstr (shown, ==, cases[i].shown);
      g_assert_null (strstr (shown, "hemligt"));
      g_assert_null (strstr (shown, "p%40ss"));
    }
}

static void
test_primary_key (void)
{
  const char * const *key;

  key = mb_remote_primary_key ("nodes");
  g_assert_nonnull (key);
  g_assert_cmpstrv (key, ((const char * const[]) { "id", NULL }));

  key = mb_remote_primary_key ("node_tags");
  g_assert_cmpstrv (key, ((const char * const[]) { "node_id", "tag", NULL }));

  key = mb_remote_primary_key ("activity_organisations");
  g_assert_cmpstrv (key, ((const char * const[]) { "activity_id", "organisation_id", NULL }));

  /* Every synced table has one; others are not synced. */
  for (guint i = 0; mb_store_entity_tables[i]; i++)
    g_assert_nonnull (mb_remote_primary_key (mb_store_entity_tables[i]));
  g_assert_null (mb_remote_primary_key ("mb_undo_log"));
  g_assert_null (mb_remote_primary_key ("no_such_table"));
}

/* Connecting to the test's server */

static void
test_connect (void)
{
  g_autoptr(PGconn) conn = connect_as_superuser ("postgres");
  g_autofree char *search_path = query_text (conn, "SHOW search_path");
  g_autofree char *encoding = query_text (conn, "SHOW client_encoding");
  g_autofree char *name = query_text (conn, "SHOW application_name");

  g_assert_cmpstr (search_path, ==, "malbild");
  g_assert_cmpstr (encoding, ==, "UTF8");
  g_assert_cmpstr (name, ==, "Malbild");
}

static void
test_connect_refused (void)
{
  g_autofree char *uri = g_strdup_printf ("postgresql://anna:hemligt@/no_such_db?host=%s",
                                          mb_test_pg_host ());
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = mb_remote_connect (uri, &error);

  g_assert_null (conn);
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "Could not connect to “postgresql://anna@/no_such_db?host="));
  g_assert_nonnull (strstr (error->message, "no_such_db"));
  g_assert_null (strstr (error->message, "hemligt"));
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_exec_error (void)
{
  g_autoptr(PGconn) conn = connect_as_superuser ("postgres");
  g_autoptr(GError) error = NULL;

  g_assert_true (mb_remote_exec (conn, "SELECT 1; SELECT 2", &error));
  g_assert_no_error (error);

  g_assert_false (mb_remote_exec (conn, "SELECT 1;\n  SELEC 2;", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "syntax error"));
  g_assert_nonnull (strstr (error->message, "line 2, column 3"));
}

static void
test_schema_version (void)
{
  g_autofree char *uri = fresh_database ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = mb_remote_connect (uri, &error);

  g_assert_no_error (error);
  g_assert_cmpint (mb_remote_schema_version (conn, &error), ==, 0);
  g_assert_no_error (error);

  exec_ok (conn, "CREATE SCHEMA malbild;"
                 "CREATE TABLE malbild.mb_meta (key text PRIMARY KEY, value text NOT NULL)");
  /* A table of that name without a version is no library of ours. */
  g_assert_cmpint (mb_remote_schema_version (conn, &error), ==, -1);
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_A_LIBRARY);
  g_clear_error (&error);
  exec_ok (conn, "INSERT INTO mb_meta VALUES ('schema_version', '7')");
  g_assert_cmpint (mb_remote_schema_version (conn, &error), ==, 7);
  g_assert_no_error (error);

  exec_ok (conn, "UPDATE mb_meta SET value = 'sju'");
  g_assert_cmpint (mb_remote_schema_version (conn, &error), ==, -1);
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_A_LIBRARY);
}

/* The schema */

static void
test_init_sql (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = mb_remote_init_sql (&error);
  g_autofree char *again = mb_remote_init_sql (&error);

  g_assert_no_error (error);
  g_assert_cmpstr (sql, ==, again);
  g_assert_true (g_str_has_prefix (strstr (sql, "BEGIN;"), "BEGIN;"));
  g_assert_true (g_str_has_suffix (sql, "COMMIT;\n"));
  for (guint i = 0; mb_store_entity_tables[i]; i++)
    {
      g_autofree char *create = g_strdup_printf ("\nCREATE TABLE %s (\n", mb_store_entity_tables[i]);

      g_assert_nonnull (strstr (sql, create));
    }
  /* Nothing of the replica's own: its undo log, its FTS5 index. */
  g_assert_null (strstr (sql, "mb_undo"));
  g_assert_null (strstr (sql, "fts5"));
}

/* The server's tables have the replica's columns, in the same order, and
 * its primary keys. */
static void
test_init_columns (void)
{
  g_autofree char *uri = fresh_library ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = mb_remote_connect (uri, &error);
  g_autofree char *dir = g_dir_make_tmp ("test-remote-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "library.malbild", NULL);
  g_autoptr(MbStore) store = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (mb_remote_schema_version (conn, &error), ==, MB_STORE_SCHEMA_VERSION);

  store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  for (guint i = 0; mb_store_entity_tables[i]; i++)
    {
      const char *table = mb_store_entity_tables[i];
      g_autoptr(GPtrArray) pk = NULL;
      g_autoptr(GPtrArray) columns = _mb_store_table_columns (mb_store_get_db (store), table, &pk);
      g_autofree char *sql = g_strdup_printf (
        "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM "
        "information_schema.columns WHERE table_schema = 'malbild' AND table_name = '%s' "
        "AND column_name NOT IN ('mb_rev', 'mb_search')", table);
      g_autofree char *server = query_text (conn, sql);
      g_autofree char *replica = NULL;

      g_ptr_array_add (columns, NULL);
      replica = g_strjoinv (",", (char **) columns->pdata);
      g_assert_cmpstr (server, ==, replica);

      g_ptr_array_add (pk, NULL);
      g_assert_cmpstrv (mb_remote_primary_key (table), (const char * const *) pk->pdata);
    }
  mb_test_remove_dir (dir);
}

static void
test_init_twice (void)
{
  g_autofree char *uri = fresh_library ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = mb_remote_connect (uri, &error);
  g_autofree char *identity = NULL;
  g_autofree char *again = NULL;
  g_autofree char *version = NULL;

  /* The same version again: nothing to do; the library stays itself. */
  identity = query_text (conn, "SELECT value FROM mb_meta WHERE key = 'library_id'");
  g_assert_nonnull (identity);
  g_assert_true (mb_remote_init (uri, &error));
  g_assert_no_error (error);
  again = query_text (conn, "SELECT value FROM mb_meta WHERE key = 'library_id'");
  g_assert_cmpstr (again, ==, identity);

  exec_ok (conn, "UPDATE mb_meta SET value = '1000' WHERE key = 'schema_version'");
  g_assert_false (mb_remote_init (uri, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer"));
  g_assert_nonnull (strstr (error->message, "1000"));
  g_clear_error (&error);

  /* An older one is upgraded (tests/test-store-remote.c: with its rows),
   * and made anew. */
  exec_ok (conn, "UPDATE mb_meta SET value = '3' WHERE key = 'schema_version'");
  g_assert_true (mb_remote_init (uri, &error));
  g_assert_no_error (error);
  version = query_text (conn, "SELECT value FROM mb_meta WHERE key = 'schema_version'");
  g_assert_cmpint (atoi (version), ==, MB_STORE_SCHEMA_VERSION);
  g_clear_pointer (&again, g_free);
  again = query_text (conn, "SELECT value FROM mb_meta WHERE key = 'library_id'");
  g_assert_cmpstr (again, !=, identity);
}

static void
test_init_foreign_tables (void)
{
  g_autofree char *uri = fresh_database ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = mb_remote_connect (uri, &error);
  g_autofree char *meta = NULL;

  exec_ok (conn, "CREATE SCHEMA malbild; CREATE TABLE malbild.nodes (x int);"
                 "CREATE TABLE malbild.links (y int); CREATE TABLE malbild.unrelated (z int)");
  g_assert_false (mb_remote_init (uri, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, ": links, nodes"));
  g_assert_null (strstr (error->message, "unrelated"));

  /* Nothing was made. */
  meta = query_text (conn, "SELECT to_regclass('malbild.mb_meta')");
  g_assert_null (meta);
}

/* Roles and actions */

static void
test_reviewer (void)
{
  g_autofree char *uri = fresh_library ();
  g_autofree char *reviewer_uri = login_role (uri, MB_REMOTE_REVIEWER_ROLE, "reviewer");
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) admin = mb_remote_connect (uri, &error);
  g_autoptr(PGconn) reviewer = NULL;
  g_autofree char *title = NULL;
  g_autofree char *count = NULL;

  g_assert_no_error (error);
  add_sample (admin);

  reviewer = mb_remote_connect (reviewer_uri, &error);
  g_assert_no_error (error);

  /* A comment, as one action of its own. */
  exec_ok (reviewer,
           "BEGIN; SELECT mb_begin_action ('Add Comment');"
           "INSERT INTO review_comments (id, node_id, author, body, created, modified)"
           "  VALUES ('c1', 'n1', 'Anna', 'Mät sysselsättningen också', '2026-01-02', '2026-01-02');"
           "COMMIT");
  count = query_text (admin, "SELECT count(*) FROM review_comments WHERE mb_rev = "
                             "(SELECT id FROM mb_actions WHERE label = 'Add Comment')");
  g_assert_cmpstr (count, ==, "1");

  /* And nothing else, whatever the client. */
  g_assert_true (is_refused (reviewer, "UPDATE nodes SET title = 'Ändrad' WHERE id = 'n1'"));
  g_assert_true (is_refused (reviewer, "DELETE FROM nodes"));
  g_assert_true (is_refused (reviewer, "INSERT INTO node_tags (node_id, tag) VALUES ('n1', 'x')"));
  g_assert_true (is_refused (reviewer, "UPDATE review_comments SET body = 'x'"));
  g_assert_true (is_refused (reviewer, "DELETE FROM review_comments"));
  g_assert_true (is_refused (reviewer, "INSERT INTO mb_actions (id, label) VALUES (-1, 'x')"));
  g_assert_true (is_refused (reviewer, "DELETE FROM mb_deletions"));
  g_assert_true (is_refused (reviewer, "UPDATE mb_meta SET value = '1'"));
  g_assert_true (is_refused (reviewer, "TRUNCATE nodes"));
  g_assert_true (is_refused (reviewer, "CREATE TABLE malbild.mine (x int)"));
  g_assert_true (is_refused (reviewer, "SELECT mb_set_rev ()"));
  title = query_text (admin, "SELECT title FROM nodes WHERE id = 'n1'");
  g_assert_cmpstr (title, ==, "Ett starkt näringsliv");

  /* It reads everything. */
  g_clear_pointer (&count, g_free);
  count = query_text (reviewer, "SELECT count(*) FROM nodes");
  g_assert_cmpstr (count, ==, "2");
}

static void
test_editor (void)
{
  g_autofree char *uri = fresh_library ();
  g_autofree char *editor_uri = login_role (uri, MB_REMOTE_EDITOR_ROLE, "editor");
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) admin = mb_remote_connect (uri, &error);
  g_autoptr(PGconn) editor = NULL;
  g_autofree char *action = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *author = NULL;
  g_autofree char *deleted = NULL;
  g_autofree char *others = NULL;

  g_assert_no_error (error);
  editor = mb_remote_connect (editor_uri, &error);
  g_assert_no_error (error);
  add_sample (editor);

  exec_ok (editor, "BEGIN");
  action = query_text (editor, "SELECT mb_begin_action ('Rename Node')");
  exec_ok (editor, "UPDATE nodes SET title = 'Ett starkare näringsliv' WHERE id = 'n1';"
                   "DELETE FROM node_tags WHERE node_id = 'n1' AND tag = 's3';"
                   "UPDATE nodes SET mb_rev = 1 WHERE id = 'n2';"
                   "COMMIT");

  rev = query_text (admin, "SELECT mb_rev FROM nodes WHERE id = 'n1'");
  g_assert_cmpstr (rev, ==, action);
  /* mb_rev is the server's to set. */
  g_clear_pointer (&rev, g_free);
  rev = query_text (admin, "SELECT mb_rev FROM nodes WHERE id = 'n2'");
  g_assert_cmpstr (rev, ==, action);

  author = query_text (admin, "SELECT author || ': ' || label FROM mb_actions WHERE id = "
                              "(SELECT mb_rev FROM nodes WHERE id = 'n1')");
  g_assert_true (g_str_has_prefix (author, "editor_"));
  g_assert_true (g_str_has_suffix (author, ": Rename Node"));

  deleted = query_text (admin, "SELECT rev || ' ' || tbl || ' ' || key::text FROM mb_deletions");
  g_assert_cmpstr (deleted, ==, mb_test_take (g_strdup_printf (
    "%s node_tags {\"tag\": \"s3\", \"node_id\": \"n1\"}", action)));

  /* A changed key is a deletion of the old one. */
  exec_ok (editor, "BEGIN; SELECT mb_begin_action ('Rename Tag');"
                   "INSERT INTO node_tags VALUES ('n2', 'old');"
                   "UPDATE node_tags SET tag = 'new' WHERE node_id = 'n2'; COMMIT");
  g_clear_pointer (&deleted, g_free);
  deleted = query_text (admin, "SELECT key->>'tag' FROM mb_deletions ORDER BY rev DESC LIMIT 1");
  g_assert_cmpstr (deleted, ==, "old");

  /* The log is written by the functions only. */
  g_assert_true (is_refused (editor, "INSERT INTO mb_deletions VALUES (1, 'nodes', '{}')"));
  g_assert_true (is_refused (editor, "UPDATE mb_actions SET author = 'someone else'"));
  g_assert_true (is_refused (editor, "TRUNCATE node_tags"));
  others = query_text (admin, "SELECT count(*) FROM mb_actions WHERE label <> 'Add Sample' "
                              "AND label NOT LIKE 'Rename%'");
  g_assert_cmpstr (others, ==, "0");
}

/* A change from psql, or any client that names no action, gets one. */
static void
test_outside_change (void)
{
  g_autofree char *uri = fresh_library ();
  g_autofree char *editor_uri = login_role (uri, MB_REMOTE_EDITOR_ROLE, "outsider");
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) admin = mb_remote_connect (uri, &error);
  g_autoptr(PGconn) editor = NULL;
  g_autofree char *action = NULL;
  g_autofree char *n_actions = NULL;

  g_assert_no_error (error);
  add_sample (admin);
  editor = mb_remote_connect (editor_uri, &error);
  g_assert_no_error (error);

  /* One statement of two rows: one action. */
  exec_ok (editor, "UPDATE nodes SET description = 'Från psql'");
  action = query_text (admin, "SELECT a.label || ' by ' || a.author FROM nodes n "
                              "JOIN mb_actions a ON a.id = n.mb_rev WHERE n.id = 'n1'");
  g_assert_true (g_str_has_prefix (action, "Changed outside Målbild by outsider_"));
  n_actions = query_text (admin, "SELECT count(DISTINCT mb_rev) FROM nodes");
  g_assert_cmpstr (n_actions, ==, "1");
}

/* Waits until @conn has a notification, or fails after a minute (a
 * safeguard, not a measure). */
static PGnotify *
wait_for_notify (PGconn *conn)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      GPollFD fd = { PQsocket (conn), G_IO_IN, 0 };
      PGnotify *notify;

      g_assert_cmpint (PQconsumeInput (conn), ==, 1);
      notify = PQnotifies (conn);
      if (notify != NULL)
        return notify;
      g_poll (&fd, 1, 1000);
    }
  g_error ("no notification came");
  return NULL;
}

static void
test_notify (void)
{
  g_autofree char *uri = fresh_library ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) listener = mb_remote_connect (uri, &error);
  g_autoptr(PGconn) writer = mb_remote_connect (uri, &error);
  g_autofree char *action = NULL;
  PGnotify *notify;

  g_assert_no_error (error);
  exec_ok (listener, "LISTEN " MB_REMOTE_CHANNEL);

  exec_ok (writer, "BEGIN");
  action = query_text (writer, "SELECT mb_begin_action ('Add Sample')");
  /* Not before the commit: a round trip of the listener's sees none. */
  exec_ok (listener, "SELECT 1");
  g_assert_cmpint (PQconsumeInput (listener), ==, 1);
  g_assert_null (PQnotifies (listener));
  exec_ok (writer, "COMMIT");

  notify = wait_for_notify (listener);
  g_assert_cmpstr (notify->relname, ==, MB_REMOTE_CHANNEL);
  g_assert_cmpstr (notify->extra, ==, action);
  g_assert_cmpint (notify->be_pid, ==, PQbackendPID (writer));
  PQfreemem (notify);
}

/* Action ids are in commit order: the second action waits for the first's
 * commit before it takes its id. */
static void
test_commit_order (void)
{
  g_autofree char *uri = fresh_library ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) first = mb_remote_connect (uri, &error);
  g_autoptr(PGconn) second = mb_remote_connect (uri, &error);
  g_autoptr(PGconn) watcher = mb_remote_connect (uri, &error);
  g_autofree char *first_id = NULL;
  g_autofree char *waiting = g_strdup_printf (
    "SELECT wait_event_type || ':' || wait_event FROM pg_stat_activity WHERE pid = %d",
    PQbackendPID (second));
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  g_autoptr(PGresult) result = NULL;
  gint64 second_id;

  g_assert_no_error (error);
  exec_ok (first, "BEGIN");
  first_id = query_text (first, "SELECT mb_begin_action ('First')");

  g_assert_cmpint (PQsendQuery (second, "BEGIN; SELECT mb_begin_action ('Second'); COMMIT"), ==, 1);
  for (;;)
    {
      g_autofree char *event = query_text (watcher, waiting);

      if (g_strcmp0 (event, "Lock:advisory") == 0)
        break;
      if (g_get_monotonic_time () > end)
        g_error ("the second action did not wait for the first (%s)", event);
      g_usleep (10000);
    }

  exec_ok (first, "COMMIT");
  /* Its results: BEGIN's, the id, COMMIT's. */
  second_id = 0;
  while ((result = PQgetResult (second)) != NULL)
    {
      if (PQresultStatus (result) == PGRES_TUPLES_OK)
        second_id = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
      else
        g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
      g_clear_pointer (&result, PQclear);
    }
  g_assert_cmpint (second_id, >, g_ascii_strtoll (first_id, NULL, 10));
}

/* The search column of a table's rows, a query in Swedish: the ids found,
 * the best first. */
static char *
search_nodes (PGconn     *conn,
              const char *query)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT string_agg(id, ',' ORDER BY ts_rank(mb_search, q) DESC, id) "
    "FROM nodes, websearch_to_tsquery('swedish', '%s') q WHERE mb_search @@ q", query);

  return query_text (conn, sql);
}

static void
test_search (void)
{
  g_autofree char *uri = fresh_library ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = mb_remote_connect (uri, &error);
  g_autofree char *prefix = NULL;

  g_assert_no_error (error);
  add_sample (conn);
  exec_ok (conn, "UPDATE nodes SET description = 'Fler företag i regionen' WHERE id = 'n1';"
                 "UPDATE nodes SET code = 'Kultur och näringsliv' WHERE id = 'n2'");

  /* Swedish stems: "starka" and "starkt" are one word, so are "företagen"
   * and "företag", "regionens" and "regionen". */
  g_assert_cmpstr (mb_test_take (search_nodes (conn, "starka näringsliv")), ==, "n1");
  g_assert_cmpstr (mb_test_take (search_nodes (conn, "företagen regionens")), ==, "n1");
  /* The title weighs more than the rest: both have "näringsliv", n1 in
   * its title. */
  g_assert_cmpstr (mb_test_take (search_nodes (conn, "näringsliv")), ==, "n1,n2");
  g_assert_cmpstr (mb_test_take (search_nodes (conn, "kultur")), ==, "n2");
  g_assert_null (mb_test_take (search_nodes (conn, "cykelvägar")));

  /* Snowball's Swedish has no rule for the neuter's definite "-et":
   * "näringslivet" stays itself. A client finds "näringsliv" from what the
   * user typed with a prefix query, as the replica's FTS5 search does. */
  g_assert_null (mb_test_take (search_nodes (conn, "näringslivet")));
  prefix = query_text (conn, "SELECT count(*) FROM nodes WHERE "
                             "mb_search @@ to_tsquery('swedish', 'näringsliv:*')");
  g_assert_cmpstr (prefix, ==, "2");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/remote/is-uri", test_is_uri);
  g_test_add_func ("/remote/display-name", test_display_name);
  g_test_add_func ("/remote/primary-key", test_primary_key);
  g_test_add_func ("/remote/connect", test_connect);
  g_test_add_func ("/remote/connect-refused", test_connect_refused);
  g_test_add_func ("/remote/exec-error", test_exec_error);
  g_test_add_func ("/remote/schema-version", test_schema_version);
  g_test_add_func ("/remote/init/sql", test_init_sql);
  g_test_add_func ("/remote/init/columns", test_init_columns);
  g_test_add_func ("/remote/init/twice", test_init_twice);
  g_test_add_func ("/remote/init/foreign-tables", test_init_foreign_tables);
  g_test_add_func ("/remote/roles/reviewer", test_reviewer);
  g_test_add_func ("/remote/roles/editor", test_editor);
  g_test_add_func ("/remote/action/outside-change", test_outside_change);
  g_test_add_func ("/remote/action/notify", test_notify);
  g_test_add_func ("/remote/action/commit-order", test_commit_order);
  g_test_add_func ("/remote/search/swedish", test_search);

  return g_test_run ();
}
