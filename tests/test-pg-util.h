/* test-pg-util.h – the test's own PostgreSQL server (tests/with-postgresql)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/with-postgresql starts a server for the test program and names it
 * in MB_TEST_PG_HOST (its socket's directory); the role malbild_test is a
 * superuser there.
 */

#pragma once

#include <unistd.h>
#include <glib.h>

#include "mb-remote.h"
#include "mb-store.h"

static inline const char *
mb_test_pg_host (void)
{
  const char *host = g_getenv ("MB_TEST_PG_HOST");

  if (host == NULL)
    g_error ("MB_TEST_PG_HOST is not set: run this test under tests/with-postgresql");
  return host;
}

/* A URI for @database as @user on the test's server. */
static inline char *
mb_test_pg_uri (const char *database,
                const char *user)
{
  return g_strdup_printf ("postgresql:///%s?host=%s&user=%s", database, mb_test_pg_host (), user);
}

static inline PGconn *
mb_test_pg_connect (const char *database,
                    const char *user)
{
  g_autofree char *uri = mb_test_pg_uri (database, user);
  g_autoptr(GError) error = NULL;
  PGconn *conn = mb_remote_connect (uri, &error);

  g_assert_no_error (error);
  return conn;
}

static inline void
mb_test_pg_exec (PGconn     *conn,
                 const char *sql)
{
  g_autoptr(GError) error = NULL;

  mb_remote_exec (conn, sql, &error);
  g_assert_no_error (error);
}

/* The first column of the first row of @sql, or NULL. */
static inline char *
mb_test_pg_query_text (PGconn     *conn,
                       const char *sql)
{
  g_autoptr(PGresult) result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  if (PQntuples (result) == 0 || PQgetisnull (result, 0, 0))
    return NULL;
  return g_strdup (PQgetvalue (result, 0, 0));
}

/* A new empty database; its name. */
static inline char *
mb_test_pg_new_database (void)
{
  static guint n = 0;
  g_autoptr(PGconn) admin = mb_test_pg_connect ("postgres", "malbild_test");
  char *name = g_strdup_printf ("t%u_%u", (guint) getpid (), ++n);
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s", name);

  mb_test_pg_exec (admin, sql);
  return name;
}

/* A new library made by --init's SQL, and its people: anna and bo,
 * editors, and rita, a reviewer (login roles are the server's: made once,
 * found made afterwards). Its database's name. */
static inline char *
mb_test_pg_new_library (void)
{
  static const char * const people[] = {
    "anna", MB_REMOTE_EDITOR_ROLE, "bo", MB_REMOTE_EDITOR_ROLE, "rita", MB_REMOTE_REVIEWER_ROLE,
  };
  g_autoptr(PGconn) admin = mb_test_pg_connect ("postgres", "malbild_test");
  g_autofree char *name = mb_test_pg_new_database ();
  g_autofree char *uri = mb_test_pg_uri (name, "malbild_test");
  g_autoptr(GError) error = NULL;

  g_assert_true (mb_remote_init (uri, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (people); i += 2)
    {
      g_autofree char *role = g_strdup_printf ("DO $$ BEGIN CREATE ROLE %s LOGIN IN ROLE %s;"
                                               " EXCEPTION WHEN duplicate_object THEN NULL; END $$",
                                               people[i], people[i + 1]);

      PQclear (PQexec (admin, role));
    }
  return g_steal_pointer (&name);
}

/* A store on @database as @user, with a replica of its own. */
static inline MbStore *
mb_test_pg_open_store (const char *database,
                       const char *user)
{
  g_autofree char *uri = mb_test_pg_uri (database, user);
  g_autoptr(GError) error = NULL;
  MbStore *store = mb_store_open (uri, MB_STORE_OPEN_NONE, &error);

  g_assert_no_error (error);
  return store;
}
