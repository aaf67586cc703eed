/* mb-store-undo-log.h – the structured undo log: its triggers, and its replay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>
#include <glib.h>

G_BEGIN_DECLS

/* Kinds of log entries (mb_undo_log.op), named by what their replay does. */
#define MB_UNDO_OP_DELETE     "delete"      /* key: the row's primary key */
#define MB_UNDO_OP_UPDATE     "update"      /* key, and vals: the old values */
#define MB_UNDO_OP_INSERT     "insert"      /* vals: the old row */
#define MB_UNDO_OP_DELETE_SET "delete-set"  /* vals {"rows": N}: the rows in mb_undo_inserted */
#define MB_UNDO_OP_INSERT_SET "insert-set"  /* vals {"rows": N}: the rows in the table's stash */
/* An older entry (SQL text) that was not of a shape its triggers wrote: refused. */
#define MB_UNDO_OP_UNREADABLE "unreadable"

/* The entity tables with a rowid and an "id" key: the ones whose inserts a
 * batch records as a set, and whose sets undo keeps in a stash. */
extern const char * const _mb_undo_set_tables[];
extern const guint        _mb_undo_n_set_tables;

/* The WHEN clause of a trigger on @table that leaves a running batch's
 * own rows alone (@row: "new" or "old"); "" without @batch_aware. */
char        *_mb_undo_batch_when         (const char   *table,
                                          const char   *row,
                                          gboolean      batch_aware);

/* The triggers that log the inverse of each row change of @table. With
 * @batch_aware, rows that a running batch made are left to the batch's
 * record (mb_undo_batch). */
gboolean     _mb_undo_install_triggers   (sqlite3      *db,
                                          const char   *table,
                                          gboolean      batch_aware,
                                          GError      **error);

/* Schema version 5: the structured log replaces the SQL text of versions 1 to 4.
 * Entries of the old shape are converted; any other text becomes an entry
 * that replay refuses. */
gboolean     _mb_undo_migrate_to_structured (sqlite3   *db,
                                          GError      **error);

/* The checked entries of one step, newest first. */
typedef struct _MbUndoReplay MbUndoReplay;

/* Reads entries @first..@last and checks each against the schema (tables
 * from the store's own list, columns from PRAGMA table_info, the shape of
 * each kind, sets of the size they claim). Refuses with
 * MB_STORE_ERROR_BAD_HISTORY whatever the store did not write. Writes
 * nothing. */
MbUndoReplay *_mb_undo_replay_load       (sqlite3      *db,
                                          gint64        first,
                                          gint64        last,
                                          GError      **error);
/* Entries plus rows in sets: how big the replay is. */
gint64       _mb_undo_replay_size        (MbUndoReplay *replay);
/* Applies the entries, newest first, under an authorizer that lets them
 * write rows of the store's tables and nothing else (@review: a review
 * store's own authorizer must agree too). Rows of a set go to a stash and
 * come back from it whole, so a batch's redo is as set-based as its undo. */
gboolean     _mb_undo_replay_run         (MbUndoReplay *replay,
                                          sqlite3      *db,
                                          gboolean      review,
                                          GError      **error);
void         _mb_undo_replay_free        (MbUndoReplay *replay);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbUndoReplay, _mb_undo_replay_free)

G_END_DECLS
