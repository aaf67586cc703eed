/* mb-store.h – the library: one SQLite file of strategies, with persistent undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mb-record.h"

G_BEGIN_DECLS

/* The schema version this build writes (PRAGMA user_version). */
#define MB_STORE_SCHEMA_VERSION 9

/* PRAGMA application_id of a Målbild library: 'MBLD'. */
#define MB_STORE_APPLICATION_ID 0x4D424C44

/* Undo steps kept in the library; older ones are forgotten. */
#define MB_STORE_UNDO_LIMIT 1000

#define MB_STORE_ERROR (mb_store_error_quark ())

typedef enum
{
  MB_STORE_ERROR_FAILED,
  MB_STORE_ERROR_NOT_FOUND,          /* no such entity, table or column */
  MB_STORE_ERROR_INVALID,            /* a value of the wrong form or kind */
  MB_STORE_ERROR_REQUIRED,           /* a required field is empty */
  MB_STORE_ERROR_RANGE,              /* a number or year out of its range */
  MB_STORE_ERROR_CYCLE,              /* a contributes-to cycle, or a node under itself */
  MB_STORE_ERROR_DUPLICATE,          /* a unique value is taken */
  MB_STORE_ERROR_LEVEL_NOT_IN_SCHEME,
  MB_STORE_ERROR_READ_ONLY,
  MB_STORE_ERROR_BUSY,               /* another process holds the library */
  MB_STORE_ERROR_NOT_A_LIBRARY,
  MB_STORE_ERROR_TOO_NEW,            /* written by a newer Målbild */
  MB_STORE_ERROR_NOTHING_TO_UNDO,
  MB_STORE_ERROR_NOTHING_TO_REDO,
  MB_STORE_ERROR_IO,
  MB_STORE_ERROR_LIBRARY_GONE,       /* the open file was deleted or replaced: reopen */
  MB_STORE_ERROR_BAD_HISTORY,        /* the undo history is damaged or not the store's own */
  MB_STORE_ERROR_CONFLICT,           /* somebody else changed it meanwhile (a shared library) */
  MB_STORE_ERROR_DISCONNECTED,       /* the shared library's server cannot be reached */
} MbStoreError;

typedef enum
{
  MB_STORE_OPEN_NONE      = 0,
  MB_STORE_OPEN_READ_ONLY = 1 << 0,  /* no writes, no migration */
  MB_STORE_OPEN_REVIEW    = 1 << 1,  /* a private working copy: only comments (mb-store-review.h) */
} MbStoreOpenFlags;

/* Many-to-many relations, for mb_store_relate() and mb_store_unrelate().
 * The two ids are given in the order of the name. */
typedef enum
{
  MB_RELATION_NODE_INDICATOR,   /* node, indicator: attach an indicator */
  MB_RELATION_NODE_TAG,         /* node, tag ("sdg:7") */
  MB_RELATION_NODE_TERRITORY,   /* node, territory code ("2380") */
  MB_RELATION_PROJECT_NODE,     /* project, node */
  MB_RELATION_CALL_NODE,        /* funding call, node */
  MB_RELATION_PROJECT_CALL,     /* project, funding call */
  MB_RELATION_PROJECT_PARTNER,  /* project, organisation */
} MbRelation;

/* What goes with a node when it is deleted (for the confirmation dialog). */
typedef struct
{
  guint n_descendants;  /* nodes below it in the tree */
  guint n_links;        /* links touching it or a descendant */
  guint n_attachments;  /* indicator, project, call, tag and territory attachments */
} MbNodeDeletion;

#define MB_TYPE_STORE (mb_store_get_type ())
G_DECLARE_FINAL_TYPE (MbStore, mb_store, MB, STORE, GObject)

GQuark       mb_store_error_quark        (void);

MbStore     *mb_store_open               (const char        *path,
                                          MbStoreOpenFlags   flags,
                                          GError           **error);
const char  *mb_store_get_path           (MbStore           *self);
/* Why every edit is refused from now on (the library, its WAL or -shm was
 * deleted or replaced under the store), or NULL. Reopening is the way on. */
const char  *mb_store_get_gone_reason    (MbStore           *self);
gboolean     mb_store_is_read_only       (MbStore           *self);
/* A shared library (@path a postgresql:// URI or libpq key=value string):
 * its address without password, and whether its server is reachable. */
const char  *mb_store_get_remote_name    (MbStore           *self);
gboolean     mb_store_is_connected       (MbStore           *self);
/* Copies every entity of @source into @self, which must be empty, as one
 * action: between a file and a shared library, either way. */
gboolean     mb_store_copy_library       (MbStore           *self,
                                          MbStore           *source,
                                          GError           **error);
/* Who last changed the entity @id of @table in a shared library, and when;
 * FALSE for a file, or if it is not known. */
gboolean     mb_store_get_last_change    (MbStore           *self,
                                          const char        *table,
                                          const char        *id,
                                          char             **author,
                                          GDateTime        **when);
/* After the last action failed with MB_STORE_ERROR_CONFLICT on one field:
 * who changed it (NULL: unknown), when (NULL: unknown), the column, and the
 * values on the server (@theirs) and of the refused action (@mine), either
 * NULL for none. FALSE if the last action met no conflict of one field. The
 * out arguments are new copies. */
gboolean     mb_store_get_conflict       (MbStore           *self,
                                          char             **author,
                                          GDateTime        **when,
                                          char             **column,
                                          char             **theirs,
                                          char             **mine);

/* Undo and redo. Properties "can-undo", "can-redo", "undo-label" and
 * "redo-label" notify when they change. */
gboolean     mb_store_can_undo           (MbStore           *self);
gboolean     mb_store_can_redo           (MbStore           *self);
const char  *mb_store_get_undo_label     (MbStore           *self);
const char  *mb_store_get_redo_label     (MbStore           *self);
gboolean     mb_store_undo               (MbStore           *self,
                                          GError           **error);
gboolean     mb_store_redo               (MbStore           *self,
                                          GError           **error);

/* Forgets every undo and redo step. Undo and redo do this themselves when
 * they find the history damaged (MB_STORE_ERROR_BAD_HISTORY). */
gboolean     mb_store_clear_history      (MbStore           *self,
                                          GError           **error);

/* Re-reads the undo state after another process changed the library. */
void         mb_store_refresh            (MbStore           *self);

/* Work for mb_store_run_async(), run in a worker thread on @worker: a store
 * of its own on the same library (a connection of its own). Its actions are
 * ordinary ones (one transaction and one undo step each; a batch action for
 * an import), but they announce nothing themselves: when the work is done,
 * the store that started it emits "changed" once, in its own thread, for
 * every table they touched. When @cancellable is cancelled, the running
 * action fails and rolls back whole. Returns the result that
 * mb_store_run_finish() hands over, or NULL with @error set. */
typedef gpointer (*MbStoreWorkFunc) (MbStore       *worker,
                                     gpointer       user_data,
                                     GCancellable  *cancellable,
                                     GError       **error);

/* Runs @func in a worker thread, then @callback in this thread after
 * "changed". @user_data must live until @callback; @result_free frees a
 * result nobody took. */
void         mb_store_run_async          (MbStore             *self,
                                          MbStoreWorkFunc      func,
                                          gpointer             user_data,
                                          GDestroyNotify       result_free,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             callback_data);
gpointer     mb_store_run_finish         (MbStore             *self,
                                          GAsyncResult        *result,
                                          GError             **error);

/* The "changed" signal passes the names of the tables a committed
 * transaction touched (a NULL-terminated array): one of this store's
 * actions, undo or redo, a work of mb_store_run_async(), or commits of
 * other connections and processes, which the store notices by itself
 * within a fraction of a second while its thread's main loop runs. This
 * tells whether @table is among them. */
gboolean     mb_store_changes_include    (const char * const *tables,
                                          const char        *table);

/* A new id: a lower-case UUID. */
char        *mb_store_new_id             (void);

/* Typed operations. Each is one transaction and one undo step; ids of new
 * entities are returned newly allocated. Optional text arguments may be NULL. */
char        *mb_store_create_strategy    (MbStore           *self,
                                          const char        *title,
                                          const char        *scheme_key,
                                          GError           **error);
/* The same with the chart's layout direction: "top-down" or "left-right"
 * (NULL: top-down). One action, one undo step. */
char        *mb_store_create_strategy_full (MbStore         *self,
                                          const char        *title,
                                          const char        *scheme_key,
                                          const char        *layout_direction,
                                          GError           **error);
char        *mb_store_create_level       (MbStore           *self,
                                          const char        *strategy_id,
                                          int                position,
                                          const char        *name,
                                          const char        *name_sv,
                                          GError           **error);
char        *mb_store_create_node        (MbStore           *self,
                                          const char        *strategy_id,
                                          const char        *parent_id,
                                          const char        *level_id,
                                          const char        *title,
                                          GError           **error);
char        *mb_store_create_link        (MbStore           *self,
                                          const char        *from_node_id,
                                          const char        *to_node_id,
                                          const char        *kind,
                                          GError           **error);
char        *mb_store_create_indicator   (MbStore           *self,
                                          const char        *strategy_id,
                                          const char        *title,
                                          const char        *reference,
                                          GError           **error);
char        *mb_store_set_target         (MbStore           *self,
                                          const char        *indicator_id,
                                          int                year,
                                          double             value,
                                          GError           **error);
/* Targets of an adopted strategy keep their history: an indicator of an
 * adopted strategy (its own, or one of a goal it is attached to) changes,
 * adds or removes a target only with a reason (MB_STORE_ERROR_REQUIRED
 * without one), and the earlier value goes into the history with the reason
 * and the date. A strategy not adopted needs no reason and keeps no history.
 * mb_store_set_target() is the same without a reason; so is
 * mb_store_delete() of an "indicator_targets" row. One action each. */
char        *mb_store_set_target_with_reason (MbStore       *self,
                                          const char        *indicator_id,
                                          int                year,
                                          double             value,
                                          const char        *reason,
                                          GError           **error);
gboolean     mb_store_remove_target      (MbStore           *self,
                                          const char        *target_id,
                                          const char        *reason,
                                          GError           **error);
/* Whether @indicator_id's targets belong to an adopted strategy. */
gboolean     mb_store_target_needs_reason (MbStore          *self,
                                          const char        *indicator_id);

/* An earlier value of a target. @value is NAN when the change added the
 * target; @changed is the date-time of the change (UTC, ISO 8601). */
typedef struct
{
  char     *id;
  int       year;
  double    value;
  char     *reason;
  char     *changed;
  gboolean  removed;   /* the target was removed, not changed */
} MbTargetChange;

void         mb_target_change_free       (MbTargetChange    *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbTargetChange, mb_target_change_free)

/* An indicator's earlier target values, newest first (MbTargetChange). */
GPtrArray   *mb_store_query_target_history (MbStore         *self,
                                          const char        *indicator_id,
                                          GError           **error);
/* Records a value: an upsert by indicator × period × territory × gender.
 * @territory_code NULL = "0000", @gender NULL = "T", @value NAN = no value. */
char        *mb_store_record_measurement (MbStore           *self,
                                          const char        *indicator_id,
                                          const char        *period,
                                          const char        *territory_code,
                                          const char        *gender,
                                          double             value,
                                          const char        *status,
                                          GError           **error);
char        *mb_store_create_project     (MbStore           *self,
                                          const char        *title,
                                          const char        *registration_number,
                                          GError           **error);
/* Granted funding of a project from one source: an upsert by source. */
char        *mb_store_set_project_funding (MbStore          *self,
                                          const char        *project_id,
                                          const char        *source,
                                          double             amount,
                                          GError           **error);
/* @kind: "planned" or "actual"; @year may be 0 for none. */
char        *mb_store_add_project_indicator_value (MbStore  *self,
                                          const char        *project_id,
                                          const char        *indicator_id,
                                          const char        *kind,
                                          int                year,
                                          double             value,
                                          GError           **error);
char        *mb_store_create_call        (MbStore           *self,
                                          const char        *title,
                                          GError           **error);
/* @sector: "public", "business", "academia", "civil-society" (NULL = public). */
char        *mb_store_create_organisation (MbStore          *self,
                                          const char        *name,
                                          const char        *sector,
                                          GError           **error);

/* Deletes any entity by table and id, with everything that cascades from it
 * (a node's subtree, links and attachments). Undo brings all of it back. */
gboolean     mb_store_delete             (MbStore           *self,
                                          const char        *table,
                                          const char        *id,
                                          GError           **error);
/* Deletes several nodes with their subtrees as one action, one undo step
 * ("Delete 3 Nodes"; one node is mb_store_delete()). All or nothing: a node
 * that does not exist refuses the whole deletion. */
gboolean     mb_store_delete_nodes       (MbStore           *self,
                                          const char * const *node_ids,
                                          GError           **error);
gboolean     mb_store_describe_node_deletion (MbStore       *self,
                                          const char        *node_id,
                                          MbNodeDeletion    *out,
                                          GError           **error);
/* The same for several nodes: @n_descendants counts the nodes below them
 * that are not among @node_ids, and whatever lies in more than one of their
 * subtrees counts once. */
gboolean     mb_store_describe_nodes_deletion (MbStore      *self,
                                          const char * const *node_ids,
                                          MbNodeDeletion    *out,
                                          GError           **error);

/* One committed field change of a form editor: validated, one undo step.
 * @value NULL or an unset GValue stores NULL. Strings, integers, doubles and
 * booleans are accepted and converted to the column's type. */
gboolean     mb_store_set_field          (MbStore           *self,
                                          const char        *table,
                                          const char        *id,
                                          const char        *column,
                                          const GValue      *value,
                                          GError           **error);

/* A node's planned end, and whether it is when the work is in operation
 * ("I drift 2022") rather than done: one action, one undo step. @end is in
 * mb_period_to_string()'s form, NULL for an open end, which is never in
 * operation. */
gboolean     mb_store_set_node_end       (MbStore           *self,
                                          const char        *node_id,
                                          const char        *end,
                                          gboolean           in_operation,
                                          GError           **error);

/* Moves a node under @new_parent_id (NULL = a root of its strategy) at
 * @position among its siblings (-1 = last); siblings are renumbered. */
gboolean     mb_store_move_node          (MbStore           *self,
                                          const char        *node_id,
                                          const char        *new_parent_id,
                                          int                position,
                                          GError           **error);
/* Pins a node on the canvas, or unpins it (@pinned FALSE). */
gboolean     mb_store_pin_node           (MbStore           *self,
                                          const char        *node_id,
                                          gboolean           pinned,
                                          double             x,
                                          double             y,
                                          GError           **error);
/* Pins each of @node_ids at the centre (@xs[i], @ys[i]), or unpins all of
 * them (@xs and @ys NULL): one action, one undo step ("Place Nodes"), for
 * dragging a multi-selection, aligning it, or giving it back to auto-layout. */
gboolean     mb_store_pin_nodes          (MbStore           *self,
                                          const char * const *node_ids,
                                          const double      *xs,
                                          const double      *ys,
                                          GError           **error);

gboolean     mb_store_relate             (MbStore           *self,
                                          MbRelation         relation,
                                          const char        *a,
                                          const char        *b,
                                          GError           **error);
gboolean     mb_store_unrelate           (MbStore           *self,
                                          MbRelation         relation,
                                          const char        *a,
                                          const char        *b,
                                          GError           **error);

/* Copies @node_ids (with the links, tags and territories among them) into
 * @strategy_id under @parent_id (NULL = as roots; a copied node whose parent
 * is copied too stays under that copy). Levels are matched by position in the
 * scheme. New ids, in the order of @node_ids, go to @new_ids if not NULL. */
gboolean     mb_store_paste_nodes        (MbStore           *self,
                                          const char        *strategy_id,
                                          const char        *parent_id,
                                          const char * const *node_ids,
                                          GStrv             *new_ids,
                                          GError           **error);

/* Queries. Arrays are newly allocated with their free functions set. */

/* One entity with all its columns, for a form editor. */
MbRecord    *mb_store_get_record         (MbStore           *self,
                                          const char        *table,
                                          const char        *id,
                                          GError           **error);

/* A strategy's nodes depth-first, siblings by position: MbRecords of kind
 * "nodes" with every column and "depth" (0 for roots). */
GPtrArray   *mb_store_query_tree         (MbStore           *self,
                                          const char        *strategy_id,
                                          GError           **error);

typedef enum
{
  MB_CHAIN_LINKS        = 0,       /* contributes-to links only */
  MB_CHAIN_INCLUDE_TREE = 1 << 0,  /* and the tree: parents up, children down */
} MbChainFlags;

/* A node's chain, transitively and across strategies: the ids of the nodes
 * it contributes to (@up) and that contribute to it (@down), without itself. */
gboolean     mb_store_query_chain        (MbStore           *self,
                                          const char        *node_id,
                                          MbChainFlags       flags,
                                          GStrv             *up,
                                          GStrv             *down,
                                          GError           **error);

/* An indicator attached to a node, with where it stands. Numbers are NAN and
 * years 0 where unknown. The latest value is the newest period's total
 * (gender "T", or "K"/"M" when there is no total; the lowest territory code
 * if several). @progress is mb_indicator_progress() from the baseline to the
 * last target: the share of the way the latest value has gone, in the
 * indicator's direction (1.0 = reached; may be < 0 or > 1). */
typedef struct
{
  char     *indicator_id;
  char     *title;
  char     *unit;
  char     *reference;
  gboolean  decrease;        /* lower is better */
  double    baseline;
  int       baseline_year;
  double    latest;
  char     *latest_period;
  double    target;
  int       target_year;
  double    progress;
} MbIndicatorStatus;

void         mb_indicator_status_free    (MbIndicatorStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbIndicatorStatus, mb_indicator_status_free)

GPtrArray   *mb_store_query_node_indicators (MbStore        *self,
                                          const char        *node_id,
                                          GError           **error);
/* Projects and funding calls linked to a node (MbRecords). */
GPtrArray   *mb_store_query_node_projects (MbStore          *self,
                                          const char        *node_id,
                                          GError           **error);
GPtrArray   *mb_store_query_node_calls   (MbStore           *self,
                                          const char        *node_id,
                                          GError           **error);

/* A full-text search hit; @kind is the table of the entity. */
typedef struct
{
  char   *kind;
  char   *id;
  char   *title;
  char   *snippet;
  double  rank;     /* lower is better */
} MbSearchHit;

void         mb_search_hit_free          (MbSearchHit       *hit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbSearchHit, mb_search_hit_free)

/* Searches titles, descriptions, codes, registration numbers and indicator
 * references of every kind of entity; each word matches as a prefix, all
 * words must match. Best hits first, at most @limit (0 = 100). */
GPtrArray   *mb_store_search             (MbStore           *self,
                                          const char        *text,
                                          guint              limit,
                                          GError           **error);

G_END_DECLS
