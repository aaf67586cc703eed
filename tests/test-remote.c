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
#include "test-store-util.h"

/* Helpers */

static const char *
server_host (void)
{
  const char *host = g_getenv ("MB_TEST_PG_HOST");

  if (host == NULL)
    g_error ("MB_TEST_PG_HOST is not set: run this test under tests/with-postgresql");
  return host;
}

/* A URI for @database as @user on the test's server. */
static char *
uri_for (const char *database,
         const char *user)
{
  return g_strdup_printf ("postgresql:///%s?host=%s&user=%s", database, server_host (), user);
}

static PGconn *
connect_as_superuser (const char *database)
{
  g_autofree char *uri = uri_for (database, "malbild_test");
  g_autoptr(GError) error = NULL;
  PGconn *conn = mb_remote_connect (uri, &error);

  g_assert_no_error (error);
  return conn;
}

static void
exec_ok (PGconn     *conn,
         const char *sql)
{
  g_autoptr(GError) error = NULL;

  mb_remote_exec (conn, sql, &error);
  g_assert_no_error (error);
}

/* The first column of the first row of @sql, or NULL. */
static char *
query_text (PGconn     *conn,
            const char *sql)
{
  g_autoptr(PGresult) result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  if (PQntuples (result) == 0 || PQgetisnull (result, 0, 0))
    return NULL;
  return g_strdup (PQgetvalue (result, 0, 0));
}

/* A new empty database for the current test; its URI as the superuser. */
static char *
fresh_database (void)
{
  static guint n = 0;
  g_autoptr(PGconn) admin = connect_as_superuser ("postgres");
  g_autofree char *name = g_strdup_printf ("t%u_%u", (guint) getpid (), ++n);
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s", name);

  exec_ok (admin, sql);
  return uri_for (name, "malbild_test");
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
                                          server_host ());
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

  return g_test_run ();
}
