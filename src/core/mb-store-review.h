/* mb-store-review.h – document hierarchy, contributions, goal conflicts, review comments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Implemented in mb-store-review.c (review mode, hierarchy, comments) and
 * mb-contributions.c (contributions, goal conflicts).
 */
#pragma once
#include "mb-store.h"
G_BEGIN_DECLS

/* ---- Opening for review --------------------------------------------------
 * MB_STORE_OPEN_REVIEW (new MbStoreOpenFlags bit, 1 << 1): opens a private
 * working copy (sqlite3 backup API into a file under a fresh g_dir_make_tmp
 * directory, deleted when the store is finalized) of the library at @path;
 * the original file is never written. In a review store every write is
 * refused with MB_STORE_ERROR_READ_ONLY ("This library is open for review;
 * only comments can be added") EXCEPT the comment operations below (and
 * undo/redo of steps made in this review session, which only touch comments).
 * Enforced with sqlite3_set_authorizer, so no path can bypass it.
 * mb_store_is_read_only() stays FALSE; mb_store_is_review() is TRUE. */
gboolean     mb_store_is_review          (MbStore           *self);
/* The file a review store was made from (library or exchange file); NULL if
 * @self is not a review. mb_store_get_path() is the working copy's path,
 * which another connection may open read-only (e.g. to export in a thread). */
const char  *mb_store_get_review_source  (MbStore           *self);

/* Review working copies live in a private folder (0700, under
 * $XDG_RUNTIME_DIR), 0600, and go when their store or process goes. This
 * removes those of processes that died without cleaning up (called at
 * start); returns how many. */
guint        mb_review_copies_clean_stale (void);

/* Imports the exchange file @json_path into a new review store (a temporary
 * library, deleted at finalize), all or nothing; errors as mb_exchange's. */
MbStore     *mb_store_open_review_json   (const char        *json_path,
                                          GError           **error);

/* A review store of the library at @library_path as it was at revision
 * @revision_id (mb-revision.h): a private working copy with the revision
 * restored into it and no history, for looking at an earlier version with
 * every view of the window. The library itself is never written. */
MbStore     *mb_store_open_revision      (const char        *library_path,
                                          const char        *revision_id,
                                          GError           **error);

/* ---- Document hierarchy --------------------------------------------------
 * strategies.parent_id (exists) + new column strategies.parent_relation TEXT
 * NOT NULL DEFAULT 'child' CHECK (parent_relation IN ('part', 'child')):
 * 'part' = a part of the parent document (RUS part 1/2/3), 'child' = a
 * document under it (action plan of a strength area, municipal strategy).
 * Both set with mb_store_set_field(); parent_id that would make the
 * hierarchy circular is refused with MB_STORE_ERROR_CYCLE. */

/* All strategies depth-first by hierarchy, siblings by position then title:
 * MbRecords of kind "strategies" with every column and "depth". */
GPtrArray   *mb_store_query_strategy_tree (MbStore          *self,
                                          GError           **error);

/* ---- Contributions -------------------------------------------------------- */
typedef enum
{
  MB_CONTRIBUTIONS_DOWN,  /* "What contributes to this goal?": below it in the tree and
                             contributes-to links into it, transitively, across strategies */
  MB_CONTRIBUTIONS_UP,    /* "What does this serve?": the reverse, up to the vision */
} MbContributionsDirection;

typedef struct
{
  char   *source;   /* project_funding.source */
  double  amount;   /* summed over the projects of the result */
} MbFundingSum;

typedef struct
{
  char                     *node_id;
  MbContributionsDirection  direction;
  /* MbRecords "nodes" with every column plus "strategy_title", "level_name",
   * "distance" (INTEGER, 1 = directly): grouped by strategy, tree order. */
  GPtrArray *nodes;
  GPtrArray *projects;     /* MbRecords "projects" linked to the node or any of @nodes, by title */
  GPtrArray *calls;        /* MbRecords "funding_calls" linked likewise, by title */
  GPtrArray *indicators;   /* MbIndicatorStatus of the node and @nodes, each indicator once */
  GPtrArray *funding;      /* MbFundingSum per source, largest first */
  double     budget_total; /* sum of the projects' total_budget (0 if none known) */
  double     funding_total;/* sum of @funding */
} MbContributions;

void         mb_contributions_free       (MbContributions   *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbContributions, mb_contributions_free)

MbContributions *mb_store_query_contributions (MbStore      *self,
                                          const char        *node_id,
                                          MbContributionsDirection direction,
                                          GError           **error);
/* Deterministic exports of a result: CSV (UTF-8, ',' separated, RFC 4180
 * quoting, header "kind,id,title,strategy,level,distance,budget,funding,progress")
 * and JSON ({"node": id, "direction": "down"|"up", "nodes": [...], "projects": [...],
 * "calls": [...], "indicators": [...], "funding": [{"source","amount"}],
 * "budget_total", "funding_total"}). Newly allocated, NUL-terminated. */
char        *mb_contributions_to_csv     (const MbContributions *self);
char        *mb_contributions_to_json    (const MbContributions *self);

/* ---- Goal conflicts ------------------------------------------------------- */
/* conflicts-with links touching a node of @strategy_id (either end, so
 * conflicts with other strategies count): MbRecords "links" with every column
 * plus "from_title", "to_title", "from_strategy_title", "to_strategy_title". */
GPtrArray   *mb_store_query_conflicts    (MbStore           *self,
                                          const char        *strategy_id,
                                          GError           **error);

/* ---- Review comments -----------------------------------------------------
 * Table review_comments (schema v3, assessments since v8): id, node_id (NULL
 * or nodes.id ON DELETE CASCADE), link_id (NULL or links.id ON DELETE
 * CASCADE), author TEXT NOT NULL (not blank), body TEXT NOT NULL (not blank),
 * status TEXT NOT NULL DEFAULT 'open' CHECK IN ('open','resolved'),
 * created, modified, assessment_id (NULL or assessments.id ON DELETE
 * CASCADE); exactly one of node_id, link_id and assessment_id is set. An
 * entity table: in mb_store_entity_tables, in the exchange (array
 * "review_comments"), merge by UUID, undo, search (body). */
/* @target_table: "nodes", "links" or "assessments". One undo step "Add
 * Comment". */
char        *mb_store_add_comment        (MbStore           *self,
                                          const char        *target_table,
                                          const char        *target_id,
                                          const char        *author,
                                          const char        *body,
                                          GError           **error);
/* One undo step "Resolve Comment" / "Reopen Comment". */
gboolean     mb_store_set_comment_resolved (MbStore         *self,
                                          const char        *comment_id,
                                          gboolean           resolved,
                                          GError           **error);
/* Comments on one node, link or assessment (@target_id), oldest first:
 * MbRecords "review_comments". */
GPtrArray   *mb_store_query_comments     (MbStore           *self,
                                          const char        *target_id,
                                          GError           **error);
/* Comments on any node, link or assessment of a strategy, with
 * "target_table" ("nodes", "links", "assessments"), "target_id",
 * "target_title" (the goal's title for an assessment) and "round_title"
 * (an assessment's round, else NULL); open ones only if @open_only. Oldest
 * first. */
GPtrArray   *mb_store_query_strategy_comments (MbStore      *self,
                                          const char        *strategy_id,
                                          gboolean           open_only,
                                          GError           **error);
G_END_DECLS
