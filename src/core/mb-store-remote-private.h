/* mb-store-remote-private.h – a store's side of a shared library: its replica
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A store opened on a PostgreSQL library works on a replica: an SQLite
 * library of its own in the user's cache directory, which every query
 * reads as it reads a local library. The replica follows the server:
 *
 *  - push: an action's row changes, read from the undo log its triggers
 *    wrote (first entry per row: what the row was; the replica: what it
 *    is), go to the server in one server transaction, just before the
 *    replica's own commit. An update only sets the columns the action
 *    changed, and only where they still hold what the action started from;
 *    a delete only where nobody wrote the row since the replica last saw
 *    it. Otherwise the action is a conflict: the server's transaction and
 *    the replica's are rolled back, nothing is written anywhere, and the
 *    error says who changed what, when, and both values.
 *  - pull: what others committed since the replica's last action id, in
 *    one snapshot of the server, applied in one replica transaction that
 *    leaves no undo entries: the undo history stays the user's own.
 *
 * Beside the store's schema the replica keeps, in tables of its own:
 * mb_remote_state (the server it follows, its last action id),
 * mb_remote_rows (each row's last action on the server) and
 * mb_remote_actions (who did which action, when).
 */

#pragma once

#include <sqlite3.h>
#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _MbStoreRemote MbStoreRemote;

/* Who changed a row, and what, in a conflict. */
typedef struct
{
  char      *table;
  char      *key;        /* the row's primary key, its values joined by U+001F */
  char      *title;      /* the entity's title or name, if it has one */
  char      *column;     /* NULL: the row was deleted, or changed as a whole */
  char      *base;       /* the value the action started from (NULL: none) */
  char      *theirs;     /* the value on the server now (NULL: none, or the row is gone) */
  char      *mine;       /* the value the action wrote */
  char      *author;     /* who wrote the server's value */
  GDateTime *when;
} MbRemoteConflict;

void              _mb_remote_conflict_free   (MbRemoteConflict *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbRemoteConflict, _mb_remote_conflict_free)

/* Connects to @uri; checks the library's schema version against this
 * Målbild's. */
MbStoreRemote    *_mb_store_remote_open      (const char     *uri,
                                              GError        **error);
void              _mb_store_remote_free      (MbStoreRemote  *remote);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbStoreRemote, _mb_store_remote_free)

/* The replica's file for @uri: one per library and user. */
char             *_mb_store_remote_replica_path (const char  *uri);

const char       *_mb_store_remote_get_display_name (MbStoreRemote *remote);
/* The server's name of this connection's user. */
const char       *_mb_store_remote_get_user  (MbStoreRemote  *remote);
/* Whether the user may only comment (a reviewer's role). */
gboolean          _mb_store_remote_is_reviewer (MbStoreRemote *remote);
gboolean          _mb_store_remote_is_connected (MbStoreRemote *remote);
/* The connection's socket, for a watch on notifications; -1 if none. */
int               _mb_store_remote_get_socket (MbStoreRemote *remote);
/* Tries to connect again, in a thread: a server that does not answer
 * keeps nobody waiting. TRUE when connected (and listening) again. */
void              _mb_store_remote_reconnect_async  (MbStoreRemote       *remote,
                                                     gpointer             source_object,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean          _mb_store_remote_reconnect_finish (MbStoreRemote       *remote,
                                                     GAsyncResult        *result,
                                                     GError             **error);
/* Reads what the server sent; TRUE if it announced actions this replica
 * may not have. FALSE with *@lost set when the connection is gone. */
gboolean          _mb_store_remote_take_notifications (MbStoreRemote *remote,
                                                       gboolean      *lost);

/* The actions this remote pushed (gint64 ids): a worker's, which the
 * store it works for need not pull, since they are in the replica. */
GArray           *_mb_store_remote_own_actions     (MbStoreRemote *remote);
void              _mb_store_remote_add_own_actions (MbStoreRemote *remote,
                                                    GArray        *ids);

/* Makes @db (the replica) follow the remote's library, in the running
 * transaction: its own tables, and if it followed another library, or
 * none, or this one before an upgrade made it anew, everything dropped
 * (*@anew) and copied afresh by the pull that follows. */
gboolean          _mb_store_remote_attach    (MbStoreRemote  *remote,
                                              sqlite3        *db,
                                              gboolean       *anew,
                                              GError        **error);

/* Pushes the row changes of undo-log entries @first to @last of @db, in
 * the running replica transaction, as one server action labelled @label,
 * and records its action id in the replica. An undo or redo (@undo_of: the
 * first entry of the step it replays, else 0) goes ahead only on rows that
 * are still as that step left them, and on sets nobody else wrote since. MB_STORE_ERROR_CONFLICT (with
 * *@conflict set) when somebody else changed what the action changes;
 * MB_STORE_ERROR_DISCONNECTED when the server is gone. On failure the
 * server has nothing of it, and the caller rolls the replica back. */
gboolean          _mb_store_remote_push      (MbStoreRemote     *remote,
                                              sqlite3           *db,
                                              gint64             first,
                                              gint64             last,
                                              const char        *label,
                                              gint64             undo_of,
                                              MbRemoteConflict **conflict,
                                              GError           **error);

/* Applies what others committed since the replica's last action, in a
 * transaction of its own on @db (outside any other). Adds the tables whose
 * rows it changed to @tables; *@author and *@label are those of the newest
 * action by somebody else that changed something here (NULL if none). */
gboolean          _mb_store_remote_pull      (MbStoreRemote  *remote,
                                              sqlite3        *db,
                                              GHashTable     *tables,
                                              char          **author,
                                              char          **label,
                                              GError        **error);

/* Whether the server holds actions the replica has not pulled (TRUE when
 * it cannot tell: the pull finds out). One round trip, and no write to the
 * replica: an open of a replica that is up to date commits nothing. */
gboolean          _mb_store_remote_has_news  (MbStoreRemote  *remote,
                                              sqlite3        *db);

/* Full-text search on the server, with PostgreSQL's Swedish configuration
 * (stemming): each word of @text a prefix, all required, best first; the
 * hits go into @hits (MbSearchHit). */
gboolean          _mb_store_remote_search    (MbStoreRemote  *remote,
                                              const char     *text,
                                              guint           limit,
                                              GPtrArray      *hits,
                                              GError        **error);

/* Who last changed the row of @table with primary key @key, and when;
 * FALSE if the replica does not know. */
gboolean          _mb_store_remote_row_author (sqlite3        *db,
                                               const char     *table,
                                               const char     *key,
                                               char          **author,
                                               GDateTime     **when);

G_END_DECLS
