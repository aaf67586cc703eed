/* mb-store-private.h – core-internal API of the store (no UI may use this)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "mb-store.h"

G_BEGIN_DECLS

/* The work of one user action, run inside the store's transaction. Return
 * FALSE with @error set to roll everything back. */
typedef gboolean (*MbStoreActionFunc) (MbStore   *store,
                                       sqlite3   *db,
                                       gpointer   user_data,
                                       GError   **error);

/* One user action = one IMMEDIATE transaction = one undo step labelled
 * @label ("Add Node", "Import “file.json”"). On failure nothing remains, not
 * even in the undo history. A new step drops the redo history, and "changed"
 * is emitted once after the commit. */
gboolean     mb_store_run_action         (MbStore           *self,
                                          const char        *label,
                                          MbStoreActionFunc  func,
                                          gpointer           user_data,
                                          GError           **error);

/* The same for an action that inserts many rows (import, paste, generator):
 * its inserted rows are recorded as one set per table instead of an undo-log
 * row each, and indexed for search in one statement per table, which makes
 * it several times faster. Updates and deletes of rows that existed before
 * are logged as usual. Undo moves the set of new rows into a stash and redo
 * moves it back, a statement per table each way; undo and redo give back
 * exactly the library before and after. */
gboolean     mb_store_run_batch_action   (MbStore           *self,
                                          const char        *label,
                                          MbStoreActionFunc  func,
                                          gpointer           user_data,
                                          GError           **error);

/* Writes the store's caches (tables that hold nothing of the user's: the
 * canvas's kept layouts): @func in a transaction of its own, with no undo
 * step and no "changed" (a cache table has no undo triggers; a write that
 * reached the undo log is rolled back). Does nothing, and is no error, on a
 * read-only library or a review copy; fails at once rather than wait for
 * another writer. */
gboolean     _mb_store_write_cache       (MbStore           *self,
                                          MbStoreActionFunc  func,
                                          gpointer           user_data,
                                          GError           **error);

/* The connection, for core-internal read queries (export, reports). Writes go
 * through mb_store_run_action() only. */
sqlite3     *mb_store_get_db             (MbStore           *self);

/* A shared library's connection (mb-store-remote-private.h), NULL for a
 * file. */
struct _MbStoreRemote *_mb_store_get_remote (MbStore *self);

/* How long a write waits for another process's transaction (5000 ms by
 * default) before failing with MB_STORE_ERROR_BUSY. */
void         _mb_store_set_busy_timeout  (MbStore           *self,
                                          int                milliseconds);

/* The entity tables, in the order of the exchange format, NULL-terminated. */
extern const char * const mb_store_entity_tables[];

/* Full-text search's @index-th table and its indexed columns, the title
 * first (NULL-terminated); FALSE past the last. Its extra expression over
 * other tables (an activity's organisations' names) is left out. */
gboolean     _mb_store_search_table      (guint              index,
                                          const char       **table,
                                          const char * const **columns);

/* The columns of @table (PRAGMA table_info), and in @pk_columns those of
 * its primary key. Empty arrays for no such table. */
GPtrArray   *_mb_store_table_columns     (sqlite3           *db,
                                          const char        *table,
                                          GPtrArray        **pk_columns);

/* The summaries (mb-indicator-summary.h) of the indicators attached to
 * @strategy_id's nodes, whichever strategy they belong to: what a strategy's
 * follow-up and report read, rather than the whole library's. */
GListModel  *_mb_indicator_stats_list_node_summaries (MbStore     *store,
                                                      const char  *strategy_id,
                                                      GError     **error);

/* Whether @text (NULL too) holds nothing but white space, Unicode's and
 * the no-break spaces a paste from a word processor brings: such a text is
 * no title. The one rule of the store's required fields. */
gboolean     _mb_text_is_blank           (const char        *text);
/* @text as a message may quote it: on one line, cut after 40 characters. */
char        *_mb_text_shown              (const char        *text);

/* Inside the action that adopts @strategy_id: takes its automatic revision,
 * named after the decision's registration number and date (mb-revision.c). */
gboolean     _mb_revision_take_on_adoption (sqlite3         *db,
                                            const char      *strategy_id,
                                            GError         **error);

/* As mb_store_restore_revision(), but the targets' history too is put back
 * as the revision holds it (rewritten, with no entries of the restore's):
 * what a read-only copy of the revision shows (mb-revision.c). One action. */
gboolean     _mb_revision_restore_as_it_was (MbStore        *store,
                                             const char     *revision_id,
                                             GError        **error);

/* Whether @indicator_id's targets belong to an adopted strategy: its own, or
 * one whose goal it is attached to (mb-store-ops.c). */
gboolean     _mb_store_target_is_adopted (sqlite3         *db,
                                          const char      *indicator_id);

/* Keeps in the targets' history that @indicator_id's target for @year was
 * @earlier (NAN: there was none) and was changed or removed (@kind
 * "changed", "removed") for @reason (not blank), as of now. */
gboolean     _mb_store_record_target_change (sqlite3       *db,
                                             const char    *indicator_id,
                                             int            year,
                                             double         earlier,
                                             const char    *kind,
                                             const char    *reason,
                                             GError       **error);

/* Why @manifest is not a revision's manifest, or NULL when it is; the
 * chunks it names go into @hashes (char *, may be NULL). */
char        *_mb_revision_check_manifest (const char      *manifest,
                                          GPtrArray       *hashes);

/* "2026-11-22T18:43:30.123Z", now. */
char        *_mb_store_now               (void);

/* Sets @error from the connection's last error, translating constraint
 * failures into MB_STORE_ERROR codes with a readable message. */
void         _mb_store_set_sqlite_error  (sqlite3           *db,
                                          int                rc,
                                          GError           **error);

/* Binds and runs statements. @types names each parameter: 's' text (NULL =
 * SQL NULL), 'i' int, 'I' gint64, 'd' double (NAN = SQL NULL). */
gboolean     _mb_store_bind              (sqlite3_stmt      *stmt,
                                          const char        *types,
                                          va_list            args);
gboolean     _mb_store_exec              (sqlite3           *db,
                                          GError           **error,
                                          const char        *sql,
                                          const char        *types,
                                          ...);
/* Runs a query whose first row's first column is an integer (0 if no row). */
gint64       _mb_store_query_int         (sqlite3           *db,
                                          const char        *sql,
                                          const char        *types,
                                          ...);
/* The same, for a text column (NULL if no row or NULL). */
char        *_mb_store_query_text        (sqlite3           *db,
                                          const char        *sql,
                                          const char        *types,
                                          ...);

/* A row's text column as a new string (NULL for SQL NULL), and its real
 * column as a double (NAN for SQL NULL): how every reading takes them. */
char        *_mb_column_dup              (sqlite3_stmt      *stmt,
                                          int                column);
double       _mb_column_double           (sqlite3_stmt      *stmt,
                                          int                column);

/* Prepares a statement, setting @error on failure. */
sqlite3_stmt *_mb_store_prepare          (sqlite3           *db,
                                          const char        *sql,
                                          GError           **error);

/* A snapshot of the current row of @stmt; the record's kind is @kind. */
MbRecord    *_mb_record_new_from_stmt    (const char        *kind,
                                          sqlite3_stmt      *stmt);

/* Runs a query and returns its rows as MbRecords of @kind. */
GPtrArray   *_mb_store_query_records     (sqlite3           *db,
                                          GError           **error,
                                          const char        *kind,
                                          const char        *sql,
                                          const char        *types,
                                          ...);

/* Where an indicator stands, as subqueries for a join on the indicator's id
 * @indicator (an SQL expression): the rowid of its headline measurement –
 * the newest period's total (gender T; K or M only when it has no total at
 * all), the lowest territory code if several – and of its last target. The
 * Indicators view (mb-indicator-stats.c) picks the same in C; with
 * mb_indicator_progress() on top, every view shows the same progress.
 * Rowids and two steps, the total first, so that each is one lookup in the
 * index measurements_latest (indicator_id, gender, period DESC,
 * territory_code) and one in the table, instead of a sort of all the
 * indicator's values and a lookup by id: a node's contributions read
 * thousands of indicators. */
#define MB_STORE_LATEST_MEASUREMENT_SQL(indicator) \
  "coalesce ((SELECT rowid FROM measurements WHERE indicator_id = " indicator \
  "   AND gender = 'T' AND value IS NOT NULL ORDER BY period DESC, territory_code LIMIT 1)," \
  "  (SELECT rowid FROM measurements WHERE indicator_id = " indicator \
  "   AND value IS NOT NULL ORDER BY period DESC, territory_code, gender LIMIT 1))"
#define MB_STORE_LAST_TARGET_SQL(indicator) \
  "(SELECT rowid FROM indicator_targets WHERE indicator_id = " indicator \
  " ORDER BY year DESC LIMIT 1)"

/* Where each indicator that @where selects stands (an SQL condition on
 * "indicators i", with parameters as in _mb_store_exec), by title: an array
 * of MbIndicatorStatus. The one reading behind mb_store_query_node_indicators()
 * and a node's contributions, so that they show the same progress. */
GPtrArray   *_mb_store_query_indicator_statuses (sqlite3    *db,
                                          GError           **error,
                                          const char        *where,
                                          const char        *types,
                                          ...);

/* A strategy's nodes in tree order with their depth; ?1 = the strategy. */
extern const char _mb_store_tree_sql[];

/* The contributes-to graph and the node tree in memory, for chain queries
 * (mb-store-chain.c). */
typedef struct _MbChainIndex MbChainIndex;

MbChainIndex *_mb_chain_index_build      (sqlite3           *db,
                                          GError           **error);
void         _mb_chain_index_free        (MbChainIndex      *index);
/* As mb_store_query_chain(); FALSE if there is no such node. */
gboolean     _mb_chain_index_query       (MbChainIndex      *index,
                                          const char        *node_id,
                                          MbChainFlags       flags,
                                          GStrv             *up,
                                          GStrv             *down);
guint        _mb_chain_index_get_n_nodes (MbChainIndex      *index);
/* One direction of a chain (@up, or down) in the index's order, which is
 * the nodes table's (lookups by id in that order read the table front to
 * back instead of all over), with each node's distance from @node_id in
 * hops (a link or a tree edge each) in @distances, parallel to @ids. The
 * ids are borrowed from the index (valid until it is rebuilt); free both
 * arrays. FALSE if there is no such node. */
gboolean     _mb_chain_index_query_distances (MbChainIndex  *index,
                                          const char        *node_id,
                                          MbChainFlags       flags,
                                          gboolean           up,
                                          const char      ***ids,
                                          guint            **distances,
                                          guint             *n_ids);

/* Brings @index up to date with a commit whose undo-log entries are @first
 * to @last, read on @db in a transaction that sees that commit and no
 * later one: the nodes and links the entries name are read again as the
 * commit left them. FALSE (@error set if reading failed), and @index no
 * longer to be trusted, when the entries cannot tell (a batch's set of new
 * rows). */
gboolean     _mb_chain_index_update      (MbChainIndex      *index,
                                          sqlite3           *db,
                                          gint64             first,
                                          gint64             last,
                                          GError           **error);

/* The store's chain index kept current with the committed library
 * (mb-store-chain-cache.c). Used from the store's thread only. */
typedef struct _MbChainCache MbChainCache;

MbChainCache *_mb_chain_cache_new        (void);
/* Cancels a build under way and waits for its thread to close its
 * connection (a cancelled build stops at once). */
void         _mb_chain_cache_free        (MbChainCache      *cache);
/* From now on, builds run in a thread, on a connection of their own to
 * @store's file, whose result comes back in the thread-default main context
 * (which the caller owns): one starts now. Nothing changes for a
 * library another connection cannot share (see _mb_store_get_reader_file()). */
void         _mb_chain_cache_build_in_thread (MbChainCache  *cache,
                                          MbStore           *store);
/* The store's own commit, entries @first to @last of its undo log, touched
 * nodes or links: the index follows it, or is built anew. Outside a
 * transaction. */
void         _mb_chain_cache_committed   (MbChainCache      *cache,
                                          sqlite3           *db,
                                          gint64             first,
                                          gint64             last);
/* Nodes or links may have changed in ways the store cannot tell (a pull of
 * a shared library): the index is built anew. */
void         _mb_chain_cache_invalidate  (MbChainCache      *cache,
                                          sqlite3           *db);
/* The store saw @db's PRAGMA data_version at @data_version: if another
 * connection committed since the index was current, it is built anew. */
void         _mb_chain_cache_follow      (MbChainCache      *cache,
                                          sqlite3           *db,
                                          gint64             data_version);
/* The index current with the committed library: the one kept, else the
 * one a thread is building (waited for, if it has begun), else one built
 * now. NULL (without @error) inside a transaction, whose uncommitted
 * changes it cannot see. Owned by the cache. */
MbChainIndex *_mb_chain_cache_get        (MbChainCache      *cache,
                                          sqlite3           *db,
                                          GError           **error);
/* The index kept, if any, as it is: no check, no build (for tests). */
MbChainIndex *_mb_chain_cache_peek       (MbChainCache      *cache);

/* For tests. Builds in threads under way in the process: started, and
 * their result not yet back in its main context. */
guint        _mb_chain_cache_n_builds    (void);
/* While held, a build's thread, once it has read the library (its
 * connection still open), waits until it is among the first @n_pass to
 * have come there since the hold began; G_MAXUINT ends the hold. A
 * cancelled build passes. */
void         _mb_chain_cache_hold_builds (guint              n_pass);
/* Waits until @n_arrived builds have come to the hold since it began. */
void         _mb_chain_cache_wait_held   (guint              n_arrived);

/* For tests: the least chain whose contributions read what is linked to it
 * in a thread (G_MAXUINT: none; the one before is returned), and how many
 * such reads were taken; and a
 * hold that stops such a thread, once it has read, until it is lifted, with
 * a wait for a thread to be held. */
guint        _mb_contributions_set_side_read_min   (guint            n_chain);
guint        _mb_contributions_n_side_reads        (void);
void         _mb_contributions_hold_side_reads     (gboolean         hold);
void         _mb_contributions_wait_side_read_held (void);

/* The store's chain index, current with the committed library (see
 * _mb_chain_cache_get()). Owned by the store. */
MbChainIndex *_mb_store_get_chain_index  (MbStore           *self,
                                          GError           **error);
/* The chain index the store keeps, without waiting for one (for tests). */
MbChainIndex *_mb_store_peek_chain_index (MbStore           *self);

/* mb_store_query_chain() by recursive SQL, without the index: the reference
 * the index is tested and benchmarked against. */
gboolean     _mb_store_query_chain_sql   (MbStore           *self,
                                          const char        *node_id,
                                          MbChainFlags       flags,
                                          GStrv             *up,
                                          GStrv             *down,
                                          GError           **error);

/* Reads a library's header without writing anything: its schema version,
 * or -1 with @error set when it is not a library this build can open.
 * @is_new: an empty file. */
int          _mb_store_check_library     (sqlite3           *db,
                                          const char        *path,
                                          gboolean          *is_new,
                                          GError           **error);

/* Review mode (mb-store-review.c). */
MbStore     *_mb_store_open_review       (const char        *path,
                                          GError           **error);
/* The store owns @dir from now on and deletes it when finalized. */
void         _mb_store_take_review_dir   (MbStore           *self,
                                          char              *dir,
                                          const char        *source);
gboolean     _mb_store_begin_review      (MbStore           *self,
                                          GError           **error);
void         _mb_store_remove_review_dir (const char        *dir);
/* Whether @path is the working copy of a review store of this process: a
 * connection that opens it to write (an import in a thread) is a review too. */
void         _mb_store_set_working_copy  (const char        *path,
                                          gboolean           active);
gboolean     _mb_store_is_working_copy   (const char        *path);
/* The sqlite3_set_authorizer() callback of a review store. */
int          _mb_store_review_authorize  (gpointer           user_data,
                                          int                action,
                                          const char        *a,
                                          const char        *b,
                                          const char        *database,
                                          const char        *trigger);

/* Refuses a strategy parent that would make the document hierarchy circular. */
gboolean     _mb_store_check_strategy_parent (sqlite3       *db,
                                          const char        *strategy_id,
                                          const char        *parent_id,
                                          GError           **error);

/* Registers the SQL function mb_level_name(name, name_sv), a level's name
 * as the UI shows it (mb_scheme_level_display_name()), on @db. */
void         _mb_store_levels_register_sql (sqlite3         *db);

/* Brings @db from schema version @from to @to (tests build old files with it). */
gboolean     _mb_store_migrate           (sqlite3           *db,
                                          int                from,
                                          int                to,
                                          GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
