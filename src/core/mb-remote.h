/* mb-remote.h – a library shared on PostgreSQL: the server's side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A shared library lives on a PostgreSQL server. Each window works on a
 * local replica of it (an SQLite library in the user's cache directory, see
 * mb-store-remote.c), so that every query stays an SQLite query; each
 * action is pushed to the server in the same step as its local commit, and
 * what colleagues commit is pulled on their NOTIFY. This file is the
 * server's side: connecting, and the schema that --init creates.
 *
 * The server's schema "malbild" (one source of truth: it is generated from
 * the SQLite schema of mb-schema*.sql, so a migration there is one here):
 *
 *  - mb_meta (key text PRIMARY KEY, value text NOT NULL):
 *    "schema_version" = MB_STORE_SCHEMA_VERSION of the Målbild that made it.
 *  - mb_actions (id bigint PRIMARY KEY, author text NOT NULL DEFAULT
 *    session_user, at timestamptz NOT NULL DEFAULT clock_timestamp(),
 *    label text NOT NULL): one row per action, ids from mb_action_seq.
 *  - mb_deletions (rev bigint NOT NULL, tbl text NOT NULL, key jsonb NOT
 *    NULL), indexed by rev: one row per deleted row; key is an object of
 *    the row's primary-key columns ({"id": "…"}, {"node_id": …, "tag": …}).
 *  - every table of mb_store_entity_tables[], with the SQLite table's
 *    columns in the same order and names (INTEGER → bigint, REAL → double
 *    precision, TEXT → text, BLOB → bytea; NOT NULL and literal defaults
 *    kept; SQLite's CHECKs are not carried over: clients check them in
 *    their replica before they push), the same primary key, UNIQUE
 *    constraints (DEFERRABLE INITIALLY DEFERRED where no foreign key
 *    refers to them), foreign keys DEFERRABLE INITIALLY DEFERRED with NO
 *    ACTION (a client pushes every cascaded change itself), plus
 *      mb_rev bigint NOT NULL  – the action that last wrote the row,
 *    indexed. A BEFORE INSERT OR UPDATE trigger sets mb_rev to
 *    mb_current_action(); an AFTER DELETE trigger adds the row's key to
 *    mb_deletions with rev mb_current_action().
 *  - the tables of full-text search also get
 *      mb_search tsvector GENERATED ALWAYS AS (…'swedish'…) STORED
 *    over the same columns as the replica's search (title weight A, the
 *    rest B), with a GIN index.
 *  - mb_begin_action (label text) RETURNS bigint, SECURITY DEFINER: takes
 *    the transaction-level advisory lock MB_REMOTE_ACTION_LOCK (so that
 *    action ids are in commit order: a client that has seen action N has
 *    seen every action below N), inserts an mb_actions row with the next
 *    id, sets malbild.action for the transaction, sends
 *    NOTIFY malbild, '<id>' (delivered at commit), and returns the id.
 *  - mb_current_action () RETURNS bigint, SECURITY DEFINER: the
 *    transaction's malbild.action, or a new action labelled "Changed
 *    outside Målbild" when the change comes from elsewhere (psql).
 *  - roles malbild_editor (read and write every entity table) and
 *    malbild_reviewer (read every table, INSERT into review_comments and
 *    nothing else), both NOLOGIN: an IT department grants them to its
 *    people's login roles. mb_actions and mb_deletions are written only
 *    through the SECURITY DEFINER functions.
 */

#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

#define MB_REMOTE_SCHEMA        "malbild"
#define MB_REMOTE_CHANNEL       "malbild"
#define MB_REMOTE_ACTION_LOCK   0x4d62526f  /* "MbRo" */
#define MB_REMOTE_EDITOR_ROLE   "malbild_editor"
#define MB_REMOTE_REVIEWER_ROLE "malbild_reviewer"

/* Whether @database names a PostgreSQL library rather than a file: a
 * postgresql:// or postgres:// URI, or libpq's key=value form
 * ("service=malbild", "host=… dbname=…"). */
gboolean     mb_remote_is_uri           (const char  *database);

/* @uri as the user may see it: without its password. */
char        *mb_remote_display_name     (const char  *uri);

/* A connection with search_path = malbild, UTF-8 and application_name
 * "Målbild". MB_STORE_ERROR_IO "Could not connect to “URI”: REASON"
 * (without the password) if the server cannot be reached or refuses. */
PGconn      *mb_remote_connect          (const char  *uri,
                                         GError     **error);

/* Runs @sql (one or more statements, no parameters); on failure sets
 * MB_STORE_ERROR_IO with the server's message and, where the server gives
 * one, the statement's position. */
gboolean     mb_remote_exec             (PGconn      *conn,
                                         const char  *sql,
                                         GError     **error);

/* The SQL that --init runs and --print-init-sql prints: the schema above,
 * its functions and triggers, the two roles and their grants, mb_meta's
 * schema version; in one transaction, and idempotent for the roles (a
 * second library on the same server finds them made). */
char        *mb_remote_init_sql         (GError     **error);

/* The same without its BEGIN and COMMIT, for an upgrade's transaction. */
char        *_mb_remote_schema_sql      (GError     **error);

/* Makes the library at @conn (schema version @version, older than this
 * Målbild's) anew at this version in one transaction: its rows are copied
 * into a library file of that version in memory, migrated as files are,
 * and copied back into a schema made afresh, as one action "Upgrade";
 * the action history stays, the library gets a new identity (replicas
 * copy it again). Writers wait meanwhile. */
gboolean     _mb_remote_upgrade         (PGconn      *conn,
                                         const char  *display_name,
                                         int          version,
                                         GError     **error);

/* Creates the schema in the database of @uri, or upgrades an older
 * library's. Refuses (MB_STORE_ERROR_TOO_NEW or _FAILED with a clear
 * message) a newer library's, or other tables named like its own. */
gboolean     mb_remote_init             (const char  *uri,
                                         GError     **error);

/* The schema version of the library at @conn, 0 if it holds none. */
int          mb_remote_schema_version   (PGconn      *conn,
                                         GError     **error);

/* The synced tables' primary-key columns, in order (from the SQLite schema):
 * NULL-terminated, owned by the cache of this module. */
const char * const *mb_remote_primary_key (const char *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

G_END_DECLS
